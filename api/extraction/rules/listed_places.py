"""Several acts listed in one sentence, one per place: "jets killed four civilians in the village of A, eight in
the market of B and five in C", "attacks on a tanker in the Mediterranean and a bulk carrier in the Red Sea". Each
such item is an event of its own; a list of places alone ("struck Beirut, Tyre and Sidon") or of sites hit in one raid
("bombed the X area in A district and the Y area in B district") is one act on several places, and a place named inside
another ("in the village of A, in B district") is one place."""

from __future__ import annotations

import dataclasses
import re

from api.extraction.normalize.counts import parse_count
from api.extraction.rules.acts import act_verb
from api.extraction.rules.gazetteer import Gazetteer
from api.extraction.rules.places import Where, location
from api.extraction.rules.speech import speech_verb
from api.extraction.words import WORDS, alternation

# where the list ends: a clause of its own ("…, killing three", "…, while the group …", "…, the army said")
_LIST_END = re.compile(r",\s+(?:killing|wounding|injuring|leaving|while|as|after|before|when|which|who|where|"
                       r"according|claiming|adding|in\s+(?:response|retaliation))\b|\s+[—–]\s+|[;:(”\"]", re.I)
# between two items: a comma, "and", or both
_BETWEEN = re.compile(r"\s*,\s+(?:and\s+)?|\s+and\s+")
# an item that is only where ("in B district", "near C"): it says where the item before it was
_ONLY_WHERE = re.compile(r"^(?:in|near|at|on|outside|inside|around|across|off|of|(?:(?:some|about|around|nearly|"
                         r"roughly)\s+)?(?:[\d.]+\s*(?:km|kilometers|kilometres|miles)\s+)?(?:north|south|east|west)"
                         r"\w*(?:\s+of)?)\b", re.I)
# a word of the dead or the hurt, which the first item must hold for the others' counts to be tolls ("killed four in
# A, eight in B"; not "ten rockets hit A, one B")
_TOLL = re.compile(rf"\b(?:{alternation(WORDS.killed)}|{alternation(WORDS.injured)})\b", re.I)
_SEAS = re.compile(r"\b(?:Sea|Gulf|Strait|Ocean)\b")
_ARTICLE = re.compile(r"^(?:an?|the)\b", re.I)  # ("a cargo ship": one thing, not a toll)


def listed_parts(sentence: str, gaz: Gazetteer) -> list[tuple[int, int, Where]]:
    """The parts of a sentence that lists one act per place, as (start, end, place) in the sentence: the first part
    runs from the sentence's start (its agent and verb) to the end of its item, each later one is its own item. Fewer
    than two parts: no such list."""
    verb = act_verb(sentence)
    items = _items(sentence, verb.end()) if verb is not None else []
    # (cheap first: a later item that opens with a toll, or seas named; most sentences list nothing of the kind)
    if len(items) < 2 or not (_SEAS.search(sentence) or any(parse_count(sentence[a:b]) for a, b in items[1:])):
        return []
    places = [location(sentence[a:b], gaz) for a, b in items]
    parts: list[tuple[int, int, Where]] = []
    names: list[Where] = []
    pending: int | None = None  # the start of items with no place of their own, waiting for the next one's
    for (a, b), where in zip(items, places, strict=True):
        if where is None:
            pending = a if pending is None else pending
            continue
        start = pending if pending is not None else a
        pending = None
        if names and not _own_act(sentence[start:b], sentence[start : a + where.start], where, names[-1], gaz):
            return []
        parts.append((start, b, dataclasses.replace(where, start=where.start + a, end=where.end + a)))
        names.append(where)
    if len(parts) < 2 or len({w.name for w in names}) < len(names):
        return []
    if not _TOLL.search(sentence, 0, parts[0][1]) and {_kind(w, gaz) for w in names} != {"sea"}:
        return []  # (counts with no word of the dead or hurt are of something else, unless the list is of seas)
    if pending is not None:  # (trailing items with no place: the last part's)
        parts[-1] = (parts[-1][0], items[-1][1], parts[-1][2])
    return [(0, *parts[0][1:]), *parts[1:]]


def _items(sentence: str, at: int) -> list[tuple[int, int]]:
    """The items of the list after the act's verb (ending at ``at``): the words up to the next comma or "and", up
    to the end of the list (a clause of its own, or the words before who said it)."""
    end = _LIST_END.search(sentence, at)
    stop = end.start() if end else len(sentence.rstrip(" .”\""))
    said = speech_verb(sentence[at:stop])  # ("…, an officer told the agency": the list ends before its source)
    stop = sentence.rfind(",", at, at + said.start()) if said is not None else stop
    if stop < 0:
        return []
    stop = len(sentence[:stop].rstrip(" ,"))
    items = []
    for m in _BETWEEN.finditer(sentence, at, stop):
        items.append((at, m.start()))
        at = m.end()
    return [*items, (at, stop)]


def _own_act(item: str, before_place: str, where: Where, before: Where, gaz: Gazetteer) -> bool:
    """An item is an act of its own when it gives its own toll before its place ("eight in the market of B", "five
    others dead in C"), or when it and the item before are at two seas ("a tanker in the Gulf of Aden and a cargo
    ship in the Red Sea"); not a bare place ("in B district", "north of C"), nor another place hit by one act ("the
    X area in A district and the Y area in B district": one raid on several places); and not an item with a verb of
    its own before its place (another clause: "…, and a drone launched by the group hit C")."""
    if _ONLY_WHERE.match(item) or act_verb(before_place) is not None:
        return False
    kinds = [_kind(w, gaz) for w in (where, before)]
    if kinds == ["sea", "sea"]:
        return True
    return "country" not in kinds and not _ARTICLE.match(item) and parse_count(item) is not None


def _kind(where: Where, gaz: Gazetteer) -> str:
    """The kind of place (a town the gazetteer does not list is a town)."""
    entry = gaz.place(where.name)
    return entry.kind if entry is not None else "town"
