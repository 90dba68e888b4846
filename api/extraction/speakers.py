"""Who speaks in a sentence of reported speech: rules over the speech verb, names and titles.

Candidates are known actors (gazetteer) and capitalised name runs; the one nearest before the first
verb of speech is the subject ("X said"), else the first after it ("…, said X", "according to X").
A sentence that opens with a pronoun or a bare title ("He", "The spokesman", "The monitor") takes
the last speaker of a fitting kind. The model is asked only when these rules find nobody.
"""

from __future__ import annotations

import dataclasses
import functools
import re
from dataclasses import dataclass

from api.extraction.cues import speech_words
from api.extraction.gazetteer import Gazetteer

_TITLES = (
    r"(?:U\.?S\.?\s+)?(?:President|Vice\s+President|Prime\s+Minister|Foreign\s+Minister|Defen[cs]e\s+Minister|"
    r"Minister|Secretary\s+of\s+(?:Defense|State)|Secretary|Spokes(?:man|person|woman)|Colonel|Col\.?|"
    r"Lt\.?\s+Col\.?|Lieutenant\s+General|Major\s+General|Maj\.?\s+Gen\.?|Brig\.?\s+Gen\.?|Brigadier\s+General|"
    r"General|Gen\.?|Admiral|Adm\.?|Captain|Capt\.?|Commander|Director|Ambassador|King|Prince|Sheikh|"
    r"Ayatollah|Mr\.?|Mrs\.?|Ms\.?|Dr\.?|Sen\.?|Senator|Rep\.?)"
)
# (every name and title starts with a capital or "al-": the lookahead spares the engine the other positions)
_NAME = re.compile(
    rf"(?=[A-Za])(?:{_TITLES}\s+)?((?:[A-Z][a-z’'\-]+(?<=-)[A-Z][a-z’']+|[A-Z][a-z’'\-]+|al-[A-Z][a-z]+|[A-Z]\.)"
    r"(?:\s+(?:(?:al|el|bin|ibn|abu|de|van)[-\s])?(?:[A-Z][a-z’'\-]+(?<=-)[A-Z][a-z’']+|[A-Z][a-z’'\-]+|[A-Z]\.|"
    r"III|II|Jr\.?))+)"
)
_NOT_NAMES = {
    "The", "This", "That", "These", "Earlier", "Later", "Moreover", "However", "Meanwhile", "While", "In",
    "On", "Read", "More", "Updated", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday",
    "Sunday", "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December", "Today", "It", "He", "She", "They", "We", "But", "And", "After",
    "Early", "Late", "Last", "Next", "Yesterday", "Tonight", "Since", "During", "Before", "As", "At",
}
_CALENDAR = {w for w in _NOT_NAMES if w.endswith("day") or w in {
    "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
    "November", "December"}}
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


@dataclass(frozen=True, slots=True)
class SpeakerGuess:
    text: str  # as written in the sentence
    start: int  # offsets into the sentence
    end: int
    canonical: str
    org: str | None
    is_person: bool
    kind: str = "person"  # the gazetteer kind, or "person" for a name the gazetteer does not know


def _known_actors(sentence: str, gaz: Gazetteer) -> list[SpeakerGuess]:
    """The actors the gazetteer finds in the sentence (news media only where they report or are quoted)."""
    out: list[SpeakerGuess] = []
    for f in gaz.find_actors(sentence):
        a = f.entry
        if a.kind == "media" and not re.search(r"\b(?:reported|said|quoted|according\s+to)\b", sentence):
            continue
        out.append(SpeakerGuess(sentence[f.start:f.end], f.start, f.end, a.name, a.org if a.kind == "person"
                                else a.name, a.kind == "person", a.kind))
    return out


def _candidates(sentence: str, gaz: Gazetteer) -> list[SpeakerGuess]:
    """Known actors, and capitalised name runs the gazetteer does not know (taken as persons)."""
    out = _known_actors(sentence, gaz)
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
        if words[0] in _NOT_NAMES or _CALENDAR.intersection(words) or len(words) > 4:
            continue
        if _INSTITUTION.search(m.group(1)):  # "the Transport Ministry": an unknown body, not a person
            out.append(SpeakerGuess(sentence[s:e], s, e, sentence[s:e], None, False, "organization"))
        else:
            out.append(SpeakerGuess(m.group(1), s, e, m.group(1), None, True))
    return sorted(out, key=lambda c: c.start)


_INSTITUTION = re.compile(r"\b(?:Ministry|Directorate|Department|Institute|Agency|Authority|Office|Committee|Council|"
                          r"Command|Service|Police|Studies|Centre|Center|Commission)$")


_PRONOUN_BEFORE = re.compile(r"\b(?:he|she|they|it)\s+(?:\w+\s+)?$", re.I)
_LOCATIVE_BEFORE = re.compile(r"\b(?:in|from|at|near|into|across|to)\s+(?:the\s+)?$")  # "media in Syria said"
# a group the gazetteer cannot know: "a group calling itself Ittehad-ul-Mujahideen said it carried out the bombing"
CALLING_ITSELF = re.compile(r"\b(?:group|faction|organi[sz]ation|outfit|movement)\s+(?:calling|that\s+calls)\s+"
                            r"itself\s+(?:the\s+)?(?P<n>[A-Z][\w’'-]*(?:\s+(?:(?:of|for|in)\s+)?(?:[A-Z]|al-|el-)[\w’'-]*)*)")
# "according to the Interior Ministry": after "according to" the name is the source, not a place ("to the")
_ACCORDING_BEFORE = re.compile(r"\baccording\s+to\s+(?:the\s+)?$", re.I)
# the whole name of an institution after "according to", with its small joining words ("the Institute for
# Conflict and Security Studies"), or a lower-case body that speaks for itself ("according to police")
_ACCORDING_SOURCE = re.compile(
    r"\b[Aa]ccording\s+to\s+(?:the\s+)?(?P<src>[A-Z][\w’'\-]*(?:\s+(?:(?:of|for|and|on|the)\s+)*[A-Z][\w’'\-]*)*"
    r"|police|paramedics|rescuers|medics)\b")
_NOUNS = re.compile(r"^(?:statement|spokes(?:man|person|woman)|reports?)$", re.I)
_ADVERBIAL = (r"(?i:\w+ly|also|further(?:more)?|again|then|too|however|moreover|meanwhile|later|earlier|"
              r"(?:on\s+)?(?:mon|tues|wednes|thurs|fri|satur|sun)day(?:\s+(?:morning|afternoon|evening|night))?|"
              r"yesterday|today)")
_SURNAME_BEFORE = re.compile(rf"\b([A-Z][a-z’'\-]+)\s*,?\s+(?:{_ADVERBIAL}\s*,?\s*){{0,2}}$")  # "Khosravi further"
_APPOSITIVE_END = re.compile(rf",\s*(?:{_ADVERBIAL}\s*,?\s*){{0,2}}$", re.I)  # "X, the spokesman for Y, on Monday said"
_LAST_ATTRIBUTION = re.compile(r",\s*[^,;:“”\"]{3,90}?\s+(?:said|says|added|adds|told\s+\w+|stated|noted|wrote|"
                               r"tweeted)\b(?P<tail>[^,;:“”\"]{0,40})\W*$")
_PARTICIPLE = re.compile(r"(?:saying|claiming|adding|accusing|denying|vowing|warning|insisting|arguing)\b", re.I)
_AFFIXED = re.compile(r"^[-‐‑–]\s*(?:backed|linked|aligned|affiliated|sponsored|allied|led|based)", re.I)


_AUXILIARY = re.compile(r"\s+(?:has|have|had|will|would)\s+(?:also\s+|again\s+|repeatedly\s+|long\s+)?", re.I)


def _with_source_after_according(sentence: str, cands: list[SpeakerGuess]) -> list[SpeakerGuess]:
    """After "according to" (or "a group calling itself"), the whole name is the candidate: candidates inside it
    are replaced by it, unless a known actor already covers it exactly."""
    out = list(cands)
    named = [(m, "src") for m in _ACCORDING_SOURCE.finditer(sentence)] + [(m, "n") for m in
                                                                          CALLING_ITSELF.finditer(sentence)]
    for m, group in named:
        s, e = m.span(group)
        text = m.group(group)
        inside = [c for c in out if c.start >= s and c.end <= e]
        if any(c.start == s and c.end == e for c in inside):
            continue
        if len(inside) == 1 and inside[0].start == s and not inside[0].is_person:
            continue  # a known organisation the gazetteer names ("the Interior Ministry of Iraq" read as one)
        if text.split()[0] in _NOT_NAMES:
            continue
        out = [c for c in out if c not in inside]
        out.append(SpeakerGuess(text, s, e, text, None, False, "organization"))
    return sorted(out, key=lambda c: c.start)


def _inverted(before_verb: str) -> bool:
    """'"…," said X' or '…, said X': the verb follows a comma or a closing quotation of some length (a
    one-word scare quote such as ‘strongly’ does not invert the sentence)."""
    head = before_verb.rstrip()
    if head.endswith(","):
        return True
    if not head or head[-1] not in "”\"’'":
        return False
    opening = {"”": "“", "’": "‘"}.get(head[-1], head[-1])
    start = head.rfind(opening, 0, len(head) - 1)
    return start < 0 or len(head) - start > 25


def _outer_attribution(sentence: str, cands: list[SpeakerGuess], first_verb: re.Match[str]) -> SpeakerGuess | None:
    """'Y denied …, spokesperson X said on Monday.': a closing attribution names who reports the whole sentence."""
    m = _LAST_ATTRIBUTION.search(sentence)
    if m is None or m.start() < first_verb.end():
        return None
    inner = [c for c in cands if c.start > m.start() and c.end <= m.start("tail")]
    persons = [c for c in inner if c.is_person]
    pick = persons or inner
    return pick[-1] if pick else None


# verbs a sentence can end on with the speaker after them ("…," said X); not "…, accused Ankara of …"
_INVERTIBLE = re.compile(r"(?:said|says|added|adds|told|tells|stated|noted|wrote|explained|continued|according)\b",
                         re.I)
_ANONYMOUS = re.compile(
    r"(?:^|[,“”\"]\s*)(?:(?:two|three|several|some|other|the|a|an|local|senior|security|military|government|medical|"
    r"hospital|police|intelligence|western|regional|informed|diplomatic|[A-Z][\w.]*)\s+){0,3}(?:sources?|officials?|"
    r"witnesses|residents|medics|doctors|people\s+familiar\s+with\s+[\w\s]+?)\s+(?:said|say|says|told\s+\w+)\b[^,;]*$")


# a source that asks not to be named, wherever the sentence says so
_UNNAMED_MARK = re.compile(r"\b(?:(?:on|under)\s+(?:the\s+)?condition\s+of\s+anonymity|requesting\s+anonymity|"
                           r"(?:asked|declined|refused|wished)\s+not\s+to\s+be\s+(?:named|identified)|"
                           r"(?:declined|refused)\s+to\s+be\s+(?:named|identified)|"
                           r"not\s+authori[sz]ed\s+to\s+(?:speak|talk|brief))\b", re.I)
# an unnamed source as the subject of the verb of speech: "a military source said that …", "the source said",
# "A source in the fire department confirmed to the agency …"
_UNNAMED_SUBJECT = re.compile(
    r"(?:^|[,;“”\"]\s*|\b(?:and|but|that)\s+)(?:(?:a|an|one|two|three|several|some|other|the|another)\s+)"
    r"(?:[\w-]+\s+){0,2}(?:sources?|officials?)(?:\s+(?:in|at|from|with|close\s+to|familiar\s+with)\s+"
    r"(?:the\s+)?[\w\s-]{1,40}?)?\s*,?\s+(?:said|says|say|told|confirmed|added|stated|noted)\b", re.I)


_SOURCE_NOUNS = re.compile(r"(?:[\w-]+\s+){0,2}(?:sources?|officials?)\b", re.I)


def anonymous_phrase(sentence: str) -> tuple[int, int] | None:
    """Where the unnamed source is written ("security officials", "a military source"), to report a figure's source
    as the text gives it; None when the sentence names none."""
    m = _ANONYMOUS.search(sentence.rstrip(" .")) or _UNNAMED_SUBJECT.search(sentence)
    if m is None:
        return None
    words = _SOURCE_NOUNS.search(sentence, m.start(), m.end())
    if words is None:
        return None
    start, end = words.span()
    lead = re.match(r"(?:a|an|the|two|three|several|some|other|one|another)\s+", sentence[start:end], re.I)
    return (start + lead.end(), end) if lead else (start, end)


def anonymous_source(sentence: str, gaz: Gazetteer) -> bool:
    """True when the sentence's source is nobody the reader could name: it ends on one ("…, two security sources
    said"), says it asked not to be named, or has an unnamed source as the subject of its verb of speech ("a
    military source said"). "US officials said" names whose officials they are."""
    source = _anonymous_ending(sentence)
    if source is not None:
        return not gaz.find_actors(source)
    if _UNNAMED_MARK.search(sentence):
        return True
    m = _UNNAMED_SUBJECT.search(sentence)
    return m is not None and not gaz.find_actors(m.group(0))


@functools.lru_cache(maxsize=4096)
def _anonymous_ending(sentence: str) -> str | None:
    """The words from the unnamed source to the end ("two security sources said"), if the sentence ends so.
    Cached: the speaker rules and the sentence facts both ask."""
    m = _ANONYMOUS.search(sentence.rstrip(" ."))
    return m.group(0) if m is not None else None


@functools.lru_cache(maxsize=4096)
def speech_verbs(sentence: str) -> tuple[re.Match[str], ...]:
    """The verbs of speech (not nouns such as 'statement', nor capitalised words mid-sentence: 'Rodi Said').
    Cached: the rules ask it of the same sentence several times."""
    return tuple(m for m in speech_words(sentence)
                 if not _NOUNS.match(m.group(0)) and (m.start() == 0 or not m.group(0)[0].isupper())
                 and not _DETERMINER_BEFORE.search(sentence, max(0, m.start() - 12), m.start()))


# a word of speech after a determiner is a noun: "these claims", "the reports", "his statement"
_DETERMINER_BEFORE = re.compile(r"\b(?:the|these|those|such|his|her|its|their|our|a|an|this)\s+$", re.I)


def speech_verb(sentence: str) -> re.Match[str] | None:
    """The first verb of speech."""
    verbs = speech_verbs(sentence)
    return verbs[0] if verbs else None


def find_speaker(sentence: str, gaz: Gazetteer) -> SpeakerGuess | None:
    """The speaker named in the sentence, or None when it names none (pronoun or no candidate)."""
    verb = speech_verb(sentence)
    if verb is None:
        return None
    cands = [c for c in _candidates(sentence, gaz) if not _AFFIXED.match(sentence[c.end : c.end + 12])
             and (_ACCORDING_BEFORE.search(sentence[max(0, c.start - 20) : c.start])
                  or not _LOCATIVE_BEFORE.search(sentence[max(0, c.start - 12) : c.start]))]
    cands = _with_source_after_according(sentence, cands)
    if not cands:
        return None
    v0, v1 = verb.span()
    if _PARTICIPLE.match(verb.group(0)) and sentence[:v0].rstrip().endswith(","):
        # "The Houthis have launched attacks on ships, saying they act …": the subject of the main clause speaks
        subject = [c for c in cands
                   if c.end <= v0 and not _LOCATIVE_BEFORE.search(sentence[max(0, c.start - 12) : c.start])]
        return subject[0] if subject else None
    after = [c for c in cands if c.start >= v1 and c.start - v1 < 45]
    outer = _outer_attribution(sentence, cands, verb)
    if outer is not None:
        return outer
    if anonymous_source(sentence, gaz):
        return None  # "…, two security sources said": nobody the reader could name
    if verb.group(0).lower().startswith("according") or (_inverted(sentence[:v0]) and after
                                                          and _INVERTIBLE.match(verb.group(0))):
        return after[0] if after else None
    if _PRONOUN_BEFORE.search(sentence[max(0, v0 - 25) : v0]):
        return None  # "…, he said": the speaker is someone named earlier
    before = [c for c in cands if c.end <= v0 and v0 - c.end < 60]
    appositive = [c for c in cands if c.end <= v0 and v0 - c.end < 160
                  and sentence[c.end : c.end + 2].startswith(",") and _APPOSITIVE_END.search(sentence[:v0])]
    persons = [c for c in appositive if c.is_person]
    if persons:  # "Maj. Gen. X, the spokesperson for Y, said" → X
        return persons[-1]
    if appositive and sentence[: appositive[0].start].strip(" “\"'") in ("", "The", "the"):
        return appositive[0]  # "The Islamic Resistance in Iraq, an umbrella group of militias, claimed" → the first
    # a bare state name speaks only as the direct subject ("Iran says"), or through its forces ("Israel's military
    # said": the speaker is written as "Israel's military"); otherwise it is what is talked about
    # ("Pakistan has accused": the bare name through an auxiliary; not "an Iranian official has reacted")
    auxiliary = {c.start for c in before if _AUXILIARY.fullmatch(sentence, c.end, v0)}
    before = [_with_forces(c, sentence) for c in before]
    before = [c for c in before if c.is_person or not _is_state(c, gaz) or v0 - c.end <= 2 or c.start in auxiliary
              or (re.search(r"[’']s\s", c.text) is not None and v0 - c.end < 40)]  # "Iran's mission to the UN said"
    if before:
        best = before[-1]
        persons = [c for c in before if c.is_person and v0 - c.end < 40]
        return persons[-1] if persons and not best.is_person else best
    return after[0] if after and re.match(r"^\s*(?:by|to)?\s*$", sentence[v1 : after[0].start]) else None


# a state speaking through its forces, mission or officials: "Israel's military said", "Iran's mission to the UN
# said", "a U.S. military official said"
_FORCES = re.compile(r"(?:[’']s\s+(?:military|army|armed\s+forces|forces|navy|air\s+force|defen[cs]e\s+forces|mission|"
                     r"embassy|government)|\s+(?:(?:military|army|defen[cs]e|government|security|intelligence|embassy)\s+)?"
                     r"(?:officials?|spokes(?:man|person|woman)))\b", re.I)


def _with_forces(c: SpeakerGuess, sentence: str) -> SpeakerGuess:
    m = _FORCES.match(sentence, c.end)
    return dataclasses.replace(c, text=sentence[c.start : m.end()], end=m.end()) if m else c


def _is_state(c: SpeakerGuess, gaz: Gazetteer) -> bool:
    a = gaz.actor(c.canonical)
    return a is not None and a.kind == "state"


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
    return [c for c in _known_actors(sentence, gaz) if not c.is_person]


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


# a state's own body named through the state: "Israel’s military", "Lebanon's army", "Iran's health ministry"
_BODY_OF = re.compile(r"\s*['’]s\s+((?:defen[cs]e|foreign|health|interior|information|war)\s+ministry|military|army|"
                      r"armed\s+forces|air\s+force|navy|security\s+forces|forces|troops|government|presidency)\b", re.I)


def body_of_state(gaz: Gazetteer, state: str, after: str) -> str | None:
    """The canonical name of the body a possessive names after a state ("Lebanon’s army" → the Lebanese army's
    entry), found through the state's own names and adjectives; None when the words name no body or the gazetteer
    has none."""
    m = _BODY_OF.match(after)
    entry = gaz.actor(state)
    if m is None or entry is None:
        return None
    body = " ".join(m.group(1).split())
    for name in (entry.name, *gaz.names_of(entry.name)):
        found = gaz.actor(f"{name} {body}") or gaz.actor(f"{name}'s {body}")
        if found is not None and found.name != entry.name and found.kind != "state":
            return found.name
    return None
