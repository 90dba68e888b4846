"""The names that could speak in a sentence: the actors the gazetteer knows, and capitalised name runs with their
titles ("Maj. Gen. X") that it does not (taken as persons, or as bodies: "the Transport Ministry")."""

from __future__ import annotations

import re
from dataclasses import dataclass

from api.extraction.rules.gazetteer import Actor, Gazetteer
from api.extraction.words import MONTHS, WORDS, alternation

# (data/words.yaml; a service before a rank: "Marine Corps Maj. X", "Navy Lt. Y")
_TITLES = rf"(?:U\.?S\.?\s+)?(?:(?:Marine\s+Corps|Navy|Army|Air\s+Force)\s+)?(?:{alternation(WORDS.titles)})"
# (every name and title starts with a capital or "al-": the lookahead spares the engine the other positions)
_NAME = re.compile(
    rf"(?=[A-Za])(?:{_TITLES}\s+)?((?:[A-Z][a-z’'\-]+(?<=-)[A-Z][a-z’']+|[A-Z][a-z’'\-]+|al-[A-Z][a-z]+|[A-Z]\.)"
    r"(?:\s+(?:(?:al|el|bin|ibn|abu|de|van)[-\s])?(?:[A-Z][a-z’'\-]+(?<=-)[A-Z][a-z’']+|[A-Z][a-z’'\-]+|[A-Z]\.|"
    r"III|II|Jr\.?))+)"
)
NOT_NAMES = set(WORDS.not_names)
_CALENDAR = {w for w in NOT_NAMES if w.endswith("day") or w in MONTHS}

@dataclass(frozen=True, slots=True)
class SpeakerGuess:
    text: str  # as written in the sentence
    start: int  # offsets into the sentence
    end: int
    canonical: str
    org: str | None
    is_person: bool
    kind: str = "person"  # the gazetteer kind, or "person" for a name the gazetteer does not know


def listed_actor(guess: SpeakerGuess, gaz: Gazetteer) -> Actor | None:
    """The gazetteer's entry of a speaker that is not a person or a body it does not list (whose made-up name,
    "Ministry of Defense of Afghanistan", the gazetteer would read as the state it contains)."""
    return gaz.actor(guess.canonical) if not guess.is_person and guess.kind != "organization" else None


def known_actors(sentence: str, gaz: Gazetteer) -> list[SpeakerGuess]:
    """The actors the gazetteer finds in the sentence (news media only where they report or are quoted)."""
    out: list[SpeakerGuess] = []
    for f in gaz.find_actors(sentence):
        a = f.entry
        if a.kind == "media" and not re.search(r"\b(?:reported|said|quoted|according\s+to)\b", sentence):
            continue
        ministry = _MINISTRY.match(sentence, f.end) if a.kind == "state" else None
        if ministry is not None:  # "the Afghan defence ministry", "Somalia's Ministry of Information"
            name = f"Ministry of {_PORTFOLIO[(ministry['p'] or ministry['q']).lower()[:5]]} of {a.name}"
            out.append(SpeakerGuess(sentence[f.start : ministry.end()], f.start, ministry.end(), name, name, False,
                                    "organization"))
            continue
        out.append(SpeakerGuess(sentence[f.start:f.end], f.start, f.end, a.name, a.org if a.kind == "person"
                                else a.name, a.kind == "person", a.kind))
    return out


# a state's ministry the gazetteer does not list, named through the state, in the guidelines' canonical form
# ("Ministry of Foreign Affairs of Iran"): "the Afghan defence ministry", "Yemen's Ministry of Health"
_MINISTRY = re.compile(r"(?:['’]s)?\s+(?:(?:national\s+)?(?P<p>defen[cs]e|foreign|interior|health|information)\s+"
                       r"ministry|ministry\s+of\s+(?:national\s+)?(?P<q>defen[cs]e|foreign\s+affairs|interior|health|"
                       r"information))\b", re.I)
_PORTFOLIO = {"defen": "Defense", "forei": "Foreign Affairs", "inter": "Interior", "healt": "Health",
              "infor": "Information"}


def candidates(sentence: str, gaz: Gazetteer) -> list[SpeakerGuess]:
    """Known actors, and capitalised name runs the gazetteer does not know (taken as persons)."""
    out = known_actors(sentence, gaz)
    # names are read with the known actors and places masked, so that "the Security Council Kayvan Khosravi" yields
    # the council and the person rather than one long name
    # (places too: "Dayr al-Zawr Province" is not a person)
    masked = sentence
    for start, end in [(c.start, c.end) for c in out] + [(p.start, p.end) for p in gaz.find_places(sentence)]:
        masked = masked[:start] + "|" * (end - start) + masked[end:]
    for m in _NAME.finditer(masked):
        s, e = m.span(1)
        words = m.group(1).split()
        if words[0] == "The" and len(words) > 2 and _INSTITUTION.search(m.group(1)):
            s, words = s + 4, words[1:]  # "The Interior Ministry said" at the start of a sentence
        if words[0] in NOT_NAMES or _CALENDAR.intersection(words) or len(words) > 4:
            continue
        if _INSTITUTION.search(m.group(1)):  # "the Transport Ministry": an unknown body, not a person
            out.append(SpeakerGuess(sentence[s:e], s, e, sentence[s:e], None, False, "organization"))
        else:
            out.append(SpeakerGuess(m.group(1), s, e, m.group(1), None, True))
    return sorted(out, key=lambda c: c.start)


_INSTITUTION = re.compile(r"\b(?:Ministry|Directorate|Department|Institute|Agency|Authority|Office|Committee|Council|"
                          r"Command|Service|Police|Studies|Centre|Center|Commission)$")
# words that may stand between a name and its verb: "Khosravi further said", "X, the spokesman for Y, on Monday said"
ADVERBIAL = (r"(?i:\w+ly|also|further(?:more)?|again|then|too|however|moreover|meanwhile|later|earlier|"
             r"(?:on\s+)?(?:mon|tues|wednes|thurs|fri|satur|sun)day(?:\s+(?:morning|afternoon|evening|night))?|"
             r"yesterday|today)")
