"""Event fields read off one sentence by rules: actors, places, dates, weapons, counts.

Every value keeps the sentence-relative offsets of the words it came from; ``assemble`` turns them
into absolute, checked spans. Canonical names come from the curated gazetteer.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from api.extraction.gazetteer import Actor, Found, Gazetteer, PlaceEntry
from api.extraction.normalize_dates import DateMatch, find_date

STATE_KINDS = {"state", "state_force"}
GROUP_KINDS = {"armed_group"}
_AGENT_VERB = re.compile(
    r"\b(?:struck|strikes?|strike|hit|bomb\w*|shell\w*|raid\w*|target\w*|attack\w*|launch\w*|fired|"
    r"carried\s+out|conducted|killed|pounded|downed|intercepted)\b",
    re.IGNORECASE,
)


_IN_PLACE = re.compile(r"\b(?:in|into|inside|near|across|to|at|of)\s+(?:the\s+)?$", re.I)


@dataclass(frozen=True, slots=True)
class Name:
    """A name as written in the sentence, with its canonical form."""

    start: int
    end: int
    canonical: str


@dataclass(frozen=True, slots=True)
class Where:
    start: int
    end: int
    name: str
    country: str | None
    country_code: str | None


def _name(f: Found[Actor], sentence: str) -> Name:
    return Name(f.start, f.end, f.entry.name)


def actors_around_verb(sentence: str, gaz: Gazetteer) -> tuple[list[Found[Actor]], list[Found[Actor]]]:
    """Actors mentioned before the first verb of striking/attacking (agents) and after it (targets)."""
    found = gaz.find_actors(sentence)
    verb = _AGENT_VERB.search(sentence)
    pivot = verb.start() if verb else len(sentence)
    by = re.match(r"\w*\s+(?:\w+\s+)?by\s", sentence[pivot:])  # "attacked by", "carried out by"
    # "in Syria", "near Iraq's border": a state named where something happens is not an actor there
    found = [f for f in found if not _IN_PLACE.search(sentence[max(0, f.start - 12) : f.start])]
    before = [f for f in found if f.end <= pivot]
    after = [f for f in found if f.start >= pivot]
    if by:  # passive: "… attacked by Iran-backed groups" — the agent follows "by"
        cut = pivot + by.end()
        before = [f for f in after if f.start >= cut][:1] + before
        after = [f for f in after if f.start < cut or f not in before]
    return before, after


def strike_actor(sentence: str, gaz: Gazetteer) -> tuple[Name | None, Name | None]:
    """(actor, target_actor) of a strike: the state force acting, the group it hit."""
    before, after = actors_around_verb(sentence, gaz)
    before = [f for f in before if not _NOT_A_PLACE.match(sentence[f.end : f.end + 40])]
    agent = next((f for f in reversed(before) if f.entry.kind in STATE_KINDS), None)
    agent = agent or next((f for f in after if f.entry.kind in STATE_KINDS and f.entry.kind != "state"), None)
    target = next((f for f in after if f.entry.kind in GROUP_KINDS), None)
    target = target or next((f for f in before if f.entry.kind in GROUP_KINDS), None)
    return (_name(agent, sentence) if agent else None), (_name(target, sentence) if target else None)


def attack_actor(sentence: str, gaz: Gazetteer) -> tuple[Name | None, Name | None]:
    """(attacker, target_actor) of an attack: the armed group acting, the state or force it hit."""
    before, after = actors_around_verb(sentence, gaz)
    everyone = before + after
    agent = next((f for f in everyone if f.entry.kind in GROUP_KINDS), None)
    target = next((f for f in after if f.entry.kind in STATE_KINDS and f is not agent), None)
    target = target or next((f for f in everyone if f.entry.kind in STATE_KINDS and f is not agent), None)
    return (_name(agent, sentence) if agent else None), (_name(target, sentence) if target else None)


_LOCATIVE = re.compile(r"\b(?:in|near|at|on|across|into|outside|inside|around|from|over|off|of|between|"
                       r"targeting|struck|hit|bombed)\s+(?:the\s+)?(?:[\w’'-]+\s+){0,3}$", re.I)
_NOT_A_PLACE = re.compile(r"^(?:[-‐‑–]\s*(?:backed|linked|aligned|affiliated|sponsored|allied|led|based)|[’']s\s+"
                          r"(?:[A-Z]\w+\s+)*(?:Guard|Foreign|Ministry|army|military|forces|government|president|"
                          r"leader|proxies|allies))", re.I)


def location(sentence: str, gaz: Gazetteer) -> Where | None:
    """The most specific place the sentence puts the event in (site or city over province over country).

    Only places introduced by a locative word count ("in Syria's Deir ez-Zor province", "near Tyre"):
    "Iran-backed groups" or "Iran's Revolutionary Guards" name an actor, not where anything happened.
    """
    actors = [(a.start, a.end) for a in gaz.find_actors(sentence) if a.entry.kind != "state"]
    found = [f for f in gaz.find_places(sentence)
             if not any(s < f.end and f.start < e and (s, e) != (f.start, f.end) for s, e in actors)
             and _LOCATIVE.search(sentence[max(0, f.start - 40) : f.start])
             and not _NOT_A_PLACE.match(sentence[f.end : f.end + 40])]
    if not found:
        return None
    rank = {"site": 0, "city": 1, "province": 2, "region": 3, "sea": 3, "country": 4}
    best: Found[PlaceEntry] = min(found, key=lambda f: (rank.get(f.entry.kind, 5), f.start))
    e = best.entry
    country = e.country if e.kind != "country" else e.name
    return Where(best.start, best.end, e.name, country, e.country_code)


def event_date(sentence: str, published_at: dt.date | None) -> DateMatch | None:
    """The date of the event: the first one after its verb ("said on Wednesday it struck on Tuesday"), else any."""
    verb = _AGENT_VERB.search(sentence)
    if verb is not None:
        # after the verb ("struck … on Tuesday"), then just before it ("on Tuesday evening carried out")
        for lo in (verb.start(), max(0, verb.start() - 40)):
            m = find_date(sentence[lo:], published_at)
            if m is not None and m.value is not None:
                return DateMatch(m.start + lo, m.end + lo, m.value, m.precision)
    m = find_date(sentence, published_at)
    return m if m is not None and m.value is not None else None


_STRIKE_NOUNS = re.compile(r"\b(?:air\s*-?\s*strikes?|strikes?|struck|warplanes?|jets|bombing|bombed|raids?|shelling|"
                           r"aggression)\b", re.I)
_ATTACK_NOUNS = re.compile(r"\b(?:attack(?:s|ed)?|rockets?|drones?|mortars?|IEDs?|roadside|gunmen|fired|launched|"
                           r"ambush\w*|suicide)\b", re.I)


def reconcile(label: str, sentence: str, gaz: Gazetteer) -> str:
    """Strike or attack by who acts: a state force's action is a strike, an armed group's an attack.

    The model's label stands unless the sentence's agent contradicts it; with no known agent, the
    vocabulary decides ("the strikes killed six" is about a strike, whoever reports it).
    """
    if label not in {"strike", "attack"}:
        return label
    before, _ = actors_around_verb(sentence, gaz)
    kinds = {f.entry.kind for f in before}
    if kinds & GROUP_KINDS and not kinds & STATE_KINDS:
        return "attack"
    if kinds & STATE_KINDS and not kinds & GROUP_KINDS:
        return "strike"
    if label == "attack" and _STRIKE_NOUNS.search(sentence) and not _ATTACK_NOUNS.search(sentence):
        return "strike"
    return label
