"""An armed group written by a description instead of its name ("the militants", "the terror group"): the group the
article named last before the sentence, as a reader resolves it."""

from __future__ import annotations

import re

from api.extraction.rules.acts import GROUP_KINDS, Name, act_verb
from api.extraction.rules.agents import NOT_AN_AGENT
from api.extraction.rules.gazetteer import Gazetteer

# "the militants", "the terror group", "these jihadists", "the extremist organisation" (not "a group": a new one)
_DESCRIPTION = re.compile(
    r"\b(?:the|these|those)\s+(?:[\w-]+\s+)?(?:militants|insurgents|jihadists|terrorists|rebels|extremists|gunmen|"
    r"attackers|assailants|(?:terror|terrorist|militant|extremist|jihadist|armed|insurgent|rebel|islamist)\s+"
    r"(?:group|organi[sz]ation|outfit|movement))\b", re.I)


def described_agent(part: str) -> bool:
    """Whether the act's agent is a description: the subject before the verb of the act ("the militants used car
    bombs in an attack") or the agent after "by" ("an attack by the insurgents")."""
    verb = act_verb(part)
    at = verb.start() if verb else len(part)
    return any(m.start() < at or re.search(r"\bby\s+$", part[: m.start()]) for m in _DESCRIPTION.finditer(part))


def described_speaker(sentence: str, verb_at: int | None) -> bool:
    """Whether the subject of the verb of speech is a description of a group ("The terror group on Tuesday claimed
    responsibility", "the militants said"): written within a few words before the verb."""
    if verb_at is None:
        return False
    return any(m.end() <= verb_at and len(sentence[m.end() : verb_at].split()) <= 4 and m.start() <= 40
               for m in _DESCRIPTION.finditer(sentence, 0, verb_at))


def last_group(sentence: str, base: int, gaz: Gazetteer) -> Name | None:
    """The last armed group the sentence names as itself (not as a patron: "Hezbollah-backed"), offsets absolute."""
    groups = [f for f in gaz.find_actors(sentence) if f.entry.kind in GROUP_KINDS
              and not NOT_AN_AGENT.match(sentence[f.end : f.end + 40])]
    if not groups:
        return None
    g = groups[-1]
    return Name(base + g.start, base + g.end, g.entry.name)
