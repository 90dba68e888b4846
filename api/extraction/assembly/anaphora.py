"""Which act a mention that names no agent points back to: "the attack", "Saturday's attack", "these camps were
targeted" name an act the article has already reported, and that act's kind is theirs. The noun does not decide:
writers call a state's air strike "the attack" as often as a group's.
"""

from __future__ import annotations

import re
from typing import TypeVar, get_args

from api.extraction.assembly.incidents import stands_alone
from api.extraction.rules.acts import act_verb
from schemas.contract import Attack, AttackWeapon, Mention, Strike, StrikeWeapon

E = TypeVar("E", Strike, Attack)

# the act as something known: "the attack", "these strikes", "Saturday's raid", "such actions", and a headline's
# bare noun after a verb of judging ("Minister condemns attack")
_KNOWN_ACT = re.compile(
    r"(?:\b(?:the|this|these|that|those|such|its|their|his|her)\s+|[’']s\s+|"
    r"\b(?:condemn|denounc|slamm?|decr[iy]|deplor)\w*\s+(?!(?:any|all|future|further|possible|more)\b))"
    r"(?:[\w-]+\s+){0,2}?(?:attacks?|strikes?|air\s*strikes?|airstrikes?|raids?|assaults?|bombings?|aggression|"
    r"operation|actions)\b", re.I)
# something of the act's target, pointed back to, was hit: "these camps in the valley were targeted"
_POINTED_HIT = re.compile(r"^\W*(?:\w+(?:\s+\w+){0,4},\s*)?(?:these|those)\s+[^.;:,]{0,60}?\b(?:was|were)\s+"
                          r"(?:targeted|hit|struck|bombed|shelled|raided)\b", re.I)

# the act's means pointed back to: "the drones precisely hit targets", "air defences intercepted the missiles"
_KNOWN_MEANS = re.compile(
    r"\b(?:the|these|those)\s+(?:[\w-]+\s+)?(?:drones|missiles|rockets|shells|projectiles)\s+(?:\w+ly\s+)?(?:hit|struck|"
    r"landed|fell|exploded)\b|\b(?:intercepted|shot\s+down|downed)\s+(?:(?:most|some|all|several|many)\s+of\s+)?"
    r"(?:the|these|those)\s+(?:[\w-]+\s+)?(?:drones|missiles|rockets|projectiles)\b", re.I)

_STRIKE_WEAPONS = set(get_args(StrikeWeapon))
_ATTACK_WEAPONS = set(get_args(AttackWeapon))


def _agent(e: Strike | Attack) -> Mention | None:
    return e.actor if isinstance(e, Strike) else e.attacker


def _agent_at(e: Strike | Attack) -> int:
    """Where the mention's agent is written (an agent with no span, or none, counts as the start)."""
    agent = _agent(e)
    return agent.span.start if agent is not None and agent.span is not None else 0


def points_back(e: Strike | Attack) -> bool:
    """A mention with no agent whose act is written as one already known (see ``_KNOWN_ACT``)."""
    if _agent(e) is not None:
        return False
    sentence = e.evidence[0].text
    if _POINTED_HIT.search(sentence) or _KNOWN_MEANS.search(sentence):
        return True
    verb = act_verb(sentence)
    return verb is not None and any(m.start() <= verb.start() < m.end() for m in _KNOWN_ACT.finditer(sentence))


_RUN_OF_ACTS = re.compile(r"\bsince\s+(?:then|\d{4}|last|the)\b", re.I)


def _same_place_other_kind(m: Strike | Attack, mentions: list[Strike | Attack]) -> Strike | Attack | None:
    """A state's named strike in the same town or site as ``m``, an attack with no agent, on no other day."""
    place = m.location
    # (only an attack that names no group: a state's strike with no agent named is the guidelines' strike already)
    if not isinstance(m, Attack) or _agent(m) is not None or place is None or place.name in (None, place.country):
        return None
    # (not a run of attacks since some time: "the militias since then resorted to rocket attacks on … Baghdad")
    if _RUN_OF_ACTS.search(m.evidence[0].text):
        return None
    return next((n for n in mentions if not isinstance(n, type(m)) and _agent(n) is not None and not stands_alone(n)
                 and n.location is not None and n.location.name == place.name
                 and (m.date is None or n.date is None or n.date.value == m.date.value)), None)


def as_other_kind(e: Strike | Attack) -> Strike | Attack:
    """The mention as the other kind of event: no agent (it names none), its target, place, date and evidence."""
    common = {"id": e.id, "target": e.target, "target_actor": e.target_actor, "location": e.location,
              "date": e.date, "evidence": e.evidence}
    if isinstance(e, Strike):
        return Attack(**common, weapon=e.weapon if e.weapon in _ATTACK_WEAPONS else None)
    return Strike(**common, weapon=e.weapon if e.weapon in _STRIKE_WEAPONS else None)


def _lead(mentions: list[Strike | Attack], e: Strike | Attack) -> Strike | Attack:
    """Of the acts read from ``e``'s sentence, the one whose agent is named first: "The US struck …, in
    retaliation for the group's attacks" leads with the US strike."""
    same = [m for m in mentions if m.evidence[0].start == e.evidence[0].start and _agent(m) is not None]
    return min(same, key=_agent_at, default=e)


def resolve(strikes: list[Strike], attacks: list[Attack]) -> tuple[list[Strike], list[Attack]]:
    """Each mention that points back takes the kind of the act it points to: the nearest one reported before it
    in another sentence (a campaign told as background is no such act), or, for a headline with none before it,
    the first later one that names its agent. It keeps its kind when an act of that kind with no agent was
    reported before it ("Rockets hit the base … The US retaliated with strikes … The attack wounded two": the
    rockets' attack)."""
    if not strikes or not attacks:
        return strikes, attacks
    mentions: list[Strike | Attack] = sorted([*strikes, *attacks], key=lambda e: e.evidence[0].start)
    # whether a mention is a campaign or another incident, read once per sentence (its first evidence)
    alone = {m.evidence[0].start: stands_alone(m) for m in mentions}
    out: list[Strike | Attack] = []
    unnamed_before: set[type] = set()  # the kinds of which an act with no agent was reported (not pointed back)
    for i, m in enumerate(mentions):
        same_place = _same_place_other_kind(m, mentions)
        if same_place is not None and not alone[m.evidence[0].start]:
            # "Russia launched missiles at Kyiv … At least one person was killed after missiles hit Kyiv": an act with
            # no agent in the very town where the article told the other kind's named act, on no other day, is it
            out.append(as_other_kind(m))
            continue
        if not points_back(m):
            # (not the answered act of a sentence that names another act's agent: "the US struck …, in response to
            # the group's attacks")
            if _agent(m) is None and _lead(mentions, m) is m:
                unnamed_before.add(type(m))
            out.append(m)
            continue
        start = m.evidence[0].start
        before = [p for p in out if p.evidence[0].end <= start and not alone[p.evidence[0].start]]
        if m.date is not None:  # "Saturday's attack": the act reported on that day
            to = next((p for p in reversed(before) if p.date is not None and p.date.value == m.date.value), None)
        else:  # the latest act whose agent was named (a headline: the first named after it)
            named = [p for p in before if _agent(p) is not None]
            to = _lead(named, named[-1]) if named else \
                next((_lead(mentions, n) for n in mentions[i + 1:] if _agent(n) is not None), None)
        if to is not None and not isinstance(to, type(m)) and type(m) not in unnamed_before:
            m = as_other_kind(m)
        out.append(m)
    return [e for e in out if isinstance(e, Strike)], [e for e in out if isinstance(e, Attack)]


def inherit(mention: E, event: E) -> E:
    """The mention with the agent, its link, the date and the weapon it leaves out taken from the event."""
    agent = "actor" if isinstance(mention, Strike) else "attacker"
    fill = [agent, "date", "weapon"] + (["attribution"] if getattr(mention, agent) is None else [])
    values = {k: getattr(event, k) for k in fill
              if getattr(mention, k, None) in (None, "unknown") and getattr(event, k, None) not in (None, "unknown")}
    return mention.model_copy(update=values)
