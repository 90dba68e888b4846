"""A speaker carried over from earlier sentences: a sentence that opens with a pronoun or a bare title ("He", "The
spokesman", "The monitor"), closes on one ("…, it added"), or names a person by surname only, points back to
the last speaker of a fitting kind (``sentence_facts`` keeps who that was)."""

from __future__ import annotations

import re

from api.extraction.rules.gazetteer import Gazetteer
from api.extraction.rules.speaker_names import ADVERBIAL, SpeakerGuess, known_actors

_PRONOUN_START = re.compile(
    r"^\W*(?:(?:moreover|meanwhile|however|also|but|and|earlier|later)[,\s]+)*"
    # a time phrase before it: "Hours later, the military said", "On Tuesday, he said"
    r"(?:(?:(?:hours|minutes|days|weeks|moments|shortly|soon)\s+(?:later|after(?:wards)?|before)|"
    r"(?:on|late|early|later|earlier)\s+(?:on\s+)?\w+(?:\s+(?:morning|afternoon|evening|night))?)\s*,\s*)?"
    r"(?P<p>he|she|they|it|the\s+(?:\w+\s+){0,2}(?:spokes(?:man|person|woman)|minister|ministry|monitor|"
    r"official|statement|military|army|president|group|observatory|agency|command|coalition|council|"
    r"officials|general|colonel|commander))\b",
    re.IGNORECASE,
)


_SURNAME_BEFORE = re.compile(rf"\b([A-Z][a-z’'\-]+)\s*,?\s+(?:{ADVERBIAL}\s*,?\s*){{0,2}}$")  # "Khosravi further"


def surname_subject(sentence: str, verb: re.Match[str] | None, people: list[SpeakerGuess]) -> SpeakerGuess | None:
    """'Khosravi further said': a lone surname before the verb names a person given in full earlier."""
    if verb is None:
        return None
    m = _SURNAME_BEFORE.search(sentence[: verb.start()])
    if m is None:
        return None
    return next((p for p in reversed(people) if p.canonical.split()[-1] == m.group(1)), None)


def subject_head(sentence: str) -> str | None:
    """The head noun of a definite subject ("the coalition", "the US-led coalition") or None."""
    m = _PRONOUN_START.match(sentence)
    if not m or not m.group("p").lower().startswith("the"):
        return None
    return m.group("p").split()[-1].lower()


def organisations(sentence: str, gaz: Gazetteer) -> list[SpeakerGuess]:
    """Organisations and states the gazetteer finds in a sentence (antecedents for "the coalition")."""
    return [c for c in known_actors(sentence, gaz) if not c.is_person]


def pronoun_subject(sentence: str) -> str | None:
    """'person', 'group' or None: the kind of earlier speaker a pronoun/title subject points back to."""
    m = _PRONOUN_START.match(sentence)
    if not m:
        return None
    return _subject_kind(m.group("p").lower())


def _subject_kind(p: str) -> str:
    """'person' for he/she and titles of persons, else 'group'."""
    return "person" if p in {"he", "she"} or re.search(r"spokes|minister$|president|general|colonel|commander|"
                                                      r"official$", p) else "group"


# an attribution that closes the sentence with a pronoun or a bare title: "…, it added.", "…," the army said.'
_TITLE_NOUNS = (r"(?:spokes(?:man|person|woman)|minister|ministry|monitor|official|statement|military|army|president|"
                r"group|observatory|agency|command|coalition|council|officials|general|colonel|commander|police|"
                r"militia|movement)")
_CLOSING_SUBJECT = re.compile(
    rf"[,”\"’]\s*[”\"’]?\s*(?P<p>[Hh]e|[Ss]he|[Ii]t|[Tt]hey|[Tt]he\s+(?:[a-z]+\s+){{0,2}}{_TITLE_NOUNS})\s+"
    r"(?:also\s+|later\s+)?(?:said|says|added|adds|stated|noted|wrote|explained|told\s+\w+)\b[^,;:“”\"]{0,40}\W*$")
# a bare title in a relative clause: "…struck a farmhouse that the army said was used by smugglers"
_RELATIVE_SUBJECT = re.compile(rf"\b(?:that|which|as)\s+(?P<p>the\s+(?:[a-z]+\s+){{0,2}}{_TITLE_NOUNS})\s+"
                               r"(?:said|says|described|claimed|believed)\b")


def closing_subject(sentence: str) -> tuple[str, str | None] | None:
    """('person' or 'group', head noun or None) when the sentence ends on "…, it added" or '…," the army said', or
    says it in a relative clause ("… a farmhouse that the army said was used …"): the speaker is someone named
    earlier, not a name inside the words reported."""
    m = _CLOSING_SUBJECT.search(sentence) or _RELATIVE_SUBJECT.search(sentence)
    if m is None:
        return None
    p = m.group("p").lower()
    head = p.split()[-1] if p.startswith("the") else None
    return _subject_kind(p), head
