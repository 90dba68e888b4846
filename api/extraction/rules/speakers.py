"""Who speaks in a sentence of reported speech, when the sentence names them: rules over the speech verb.

Candidates (``speaker_names``) are known actors and capitalised name runs; the one nearest before the first
verb of speech is the subject ("X said"), else the first after it ("…, said X", "according to X"). A speaker
carried over from earlier sentences is ``earlier_speakers``' business; the model is asked only when these
rules find nobody.
"""

from __future__ import annotations

import dataclasses
import re

from api.extraction.rules.anonymous_sources import anonymous_source
from api.extraction.rules.gazetteer import Gazetteer
from api.extraction.rules.speaker_names import ADVERBIAL, NOT_NAMES, SpeakerGuess, candidates, listed_actor
from api.extraction.rules.speech import speech_verb
from api.extraction.text.datelines import DATELINE

_PRONOUN_BEFORE = re.compile(r"\b(?:he|she|they|it)\s+(?:\w+\s+)?$", re.I)
_LOCATIVE_BEFORE = re.compile(r"\b(?:in|from|at|near|into|across|to)\s+(?:the\s+)?$")  # "media in Syria said"
# a group the gazetteer cannot know: "a group calling itself Ittehad-ul-Mujahideen said it carried out the bombing"
CALLING_ITSELF = re.compile(r"\b(?:group|faction|organi[sz]ation|outfit|movement)\s+(?:calling|that\s+calls)\s+"
                            r"itself\s+(?:the\s+)?(?P<n>[A-Z][\w’'-]*(?:\s+(?:(?:of|for|in)\s+)?(?:[A-Z]|al-|el-)[\w’'-]*)*)")
# a group the gazetteer does not know, named as it claims the act: "The Hafiz Saeed group claimed responsibility"
CLAIMANT = re.compile(r"(?-i:(?:\b[Tt]he\s+)?(?P<n>(?!(?:No|Any|Every|Neither)\s)(?:(?:[A-Z]|al-|el-)[\w’'-]+\s+){1,5}"
                       r"(?:[Gg]roup|[Mm]ovement|[Bb]rigades?|[Ff]ront|[Bb]attalion|[Oo]rgani[sz]ation)))\s+(?:had\s+|has\s+|have\s+)?(?:claimed|took)\s+"
                       r"(?:\w+\s+)?responsibility\b", re.I)
# an institution's whole name with its small joining words, wherever it stands: "the Pakistan Institute for Conflict
# and Security Studies (PICSS) revealed", "the Office for the Coordination of Humanitarian Affairs said"
_INSTITUTION_NAME = re.compile(
    r"(?-i:(?:\b(?:The|A|An)\s+)?(?P<n>(?:[A-Z][\w’']*(?:-[A-Z][\w’']*)*\s+)*(?:Institute|Centre|Center|Council|"
    r"Committee|Commission|Office|Directorate|Agency|Authority|Foundation|Observatory|Network|Union|Association)\s+"
    r"(?:for|of|on)\s+(?:the\s+)?[A-Z][\w’'-]+(?:\s+(?:(?:and|of|for|on|the)\s+)*[A-Z][\w’'-]+)*))")
# "according to the Interior Ministry": after "according to" the name is the source, not a place ("to the")
# (through the channel it spoke in: "according to a press release from AFRICOM", "according to a statement by X")
_CHANNEL = (r"(?:(?:a|an|the|its)\s+(?:press\s+release|statement|report|post|tweet|communiqu[ée])\s+(?:from|by|of)\s+"
            r"(?:the\s+)?)?")
_ACCORDING_BEFORE = re.compile(rf"\baccording\s+to\s+(?:the\s+)?{_CHANNEL}$", re.I)
# the whole name of an institution after "according to", with its small joining words ("the Institute for
# Conflict and Security Studies"), or a lower-case body that speaks for itself ("according to police")
_ACCORDING_SOURCE = re.compile(
    rf"\b[Aa]ccording\s+to\s+(?:the\s+)?{_CHANNEL}(?P<src>[A-Z][\w’'\-]*(?:\s+(?:(?:of|for|and|on|the)\s+)*[A-Z][\w’'\-]*)*"
    r"|police|paramedics|rescuers|medics)\b")
_APPOSITIVE_END = re.compile(rf",\s*(?:{ADVERBIAL}\s*,?\s*){{0,2}}$", re.I)  # "X, the spokesman for Y, on Monday said"
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
                                                                          CALLING_ITSELF.finditer(sentence)] + \
        [(m, "n") for m in CLAIMANT.finditer(sentence)] + [(m, "n") for m in _INSTITUTION_NAME.finditer(sentence)]
    for m, group in named:
        s, e = m.span(group)
        text = m.group(group)
        inside = [c for c in out if c.start >= s and c.end <= e]
        if any(c.start == s and c.end == e for c in inside):
            continue
        if len(inside) == 1 and inside[0].start == s and not inside[0].is_person:
            continue  # a known organisation the gazetteer names ("the Interior Ministry of Iraq" read as one)
        if text.split()[0] in NOT_NAMES:
            continue
        out = [c for c in out if c not in inside]
        out.append(SpeakerGuess(text, s, e, text, None, False, "organization"))
    return sorted(out, key=lambda c: c.start)


def _inverted(before_verb: str) -> bool:
    """'"…," said X' or '…, said X': the verb follows a comma or a closing quotation of some length (a
    one-word scare quote such as ‘strongly’ does not invert the sentence)."""
    head = before_verb.rstrip()
    if head.endswith(","):  # (not an aside: "X in Gaza, meanwhile, said")
        return _ASIDE_BEFORE.search(before_verb) is None
    if not head or head[-1] not in "”\"’'":
        return False
    opening = {"”": "“", "’": "‘"}.get(head[-1], head[-1])
    start = head.rfind(opening, 0, len(head) - 1)
    return start < 0 or len(head) - start > 25


def _outer_attribution(sentence: str, cands: list[SpeakerGuess], first_verb: re.Match[str]) -> SpeakerGuess | None:
    """'Y denied …, spokesperson X said on Monday.': a closing attribution names who reports the whole sentence."""
    m = _LAST_ATTRIBUTION.search(sentence)
    # (", and X added that …" is a second speaker's clause, not the attribution of the whole sentence)
    if m is None or m.start() < first_verb.end() or re.match(r",\s*and\s", sentence[m.start() :]):
        return None
    inner = [c for c in cands if c.start > m.start() and c.end <= m.start("tail")]
    persons = [c for c in inner if c.is_person]
    pick = persons or inner
    return pick[-1] if pick else None


# verbs a sentence can end on with the speaker after them ("…," said X); not "…, accused Ankara of …"
_INVERTIBLE = re.compile(r"(?:said|says|added|adds|told|tells|stated|noted|wrote|explained|continued|according)\b",
                         re.I)
def find_speaker(sentence: str, gaz: Gazetteer) -> SpeakerGuess | None:
    """The speaker named in the sentence, or None when it names none (pronoun or no candidate).

    The strategies, in order: the subject of a participle clause; an outer attribution; nobody for an anonymous
    source; the name after an inverted verb or "according to"; nobody after a pronoun; an appositive speaker;
    the subject before the verb; the agent right after it."""
    verb = speech_verb(sentence)
    if verb is None:
        return None
    cands = _with_source_after_according(sentence, _speaker_candidates(sentence, gaz))
    if not cands:
        return None
    v0, v1 = verb.span()
    if _PARTICIPLE.match(verb.group(0)) and sentence[:v0].rstrip().endswith(","):
        return _participle_subject(sentence, cands, v0)
    after = [c for c in cands if c.start >= v1 and c.start - v1 < 45]
    outer = _outer_attribution(sentence, cands, verb)
    if outer is not None:
        return outer
    if anonymous_source(sentence, gaz):
        return None  # "…, two security sources said": nobody the reader could name
    appositive = _appositive_speaker(sentence, cands, v0)
    if _set_off(sentence, appositive, verb):
        return appositive  # "Basra's deputy governor, Ali Hamid, told Reuters the army …": the comma closes his role
    if verb.group(0).lower().startswith(("according", "as ")) or (_inverted(sentence[:v0]) and after
                                                          and _INVERTIBLE.match(verb.group(0))):
        person = next((c for c in after[1:] if c.is_person and after[0].end <= c.start
                       and _ROLE_BETWEEN.fullmatch(sentence, after[0].end, c.start)), None) if after else None
        return (dataclasses.replace(person, org=after[0].canonical) if person and not after[0].is_person else person) \
            or (after[0] if after else None)
    if _PRONOUN_BEFORE.search(sentence[max(0, v0 - 25) : v0]):
        return None  # "…, he said": the speaker is someone named earlier
    subject = appositive or _subject_before(sentence, cands, v0, gaz)
    if subject is not None:
        return subject
    # '"…," said the army': the name right after a verb that nothing but a quotation or a clause stands before; not
    # "Residents said Israeli jets struck …", where someone unnamed speaks of the jets
    # (not an aside set off by commas: "Palestinian officials in Gaza, meanwhile, said Israeli strikes …")
    inverted = not sentence[:v0].strip() or (re.search(r"[,“”\"'’]\s*$", sentence[:v0]) is not None
                                            and _ASIDE_BEFORE.search(sentence[:v0]) is None)
    return after[0] if after and inverted and re.match(r"^\s*(?:by|to)?\s*$", sentence[v1 : after[0].start]) \
        else None


def _set_off(sentence: str, person: SpeakerGuess | None, verb: re.Match[str]) -> bool:
    """A person set off by commas with a role on one side, right before a verb of speech that is not inverted: "X's
    deputy governor, Name, told …", "Name, X's deputy governor, said …" (not "…, according to …", not a quotation)."""
    if person is None or not person.is_person or not _INVERTIBLE.match(verb.group(0)) or \
            verb.group(0).lower().startswith("according") or re.search(r"[“”\"]", sentence[: verb.start()]):
        return False
    return sentence[person.end : verb.start()].strip(" ,") != "" or sentence[: person.start].rstrip().endswith(",")


_ASIDE_BEFORE = re.compile(rf",\s*(?:{ADVERBIAL}|in\s+turn|for\s+(?:its|his|her|their)\s+part|though)\s*,\s*$", re.I)


def _speaker_candidates(sentence: str, gaz: Gazetteer) -> list[SpeakerGuess]:
    """Names that could speak: not an affix ("Iran-backed"), not a place after a locative ("media in Syria"), not the
    dateline ("MOSCOW (Agency News - 17th April, 2022) …": where and by whom the report was filed)."""
    filed = DATELINE.match(sentence)
    return [c for c in candidates(sentence, gaz) if not _AFFIXED.match(sentence[c.end : c.end + 12])
            and (filed is None or c.start >= filed.end())
            and (_ACCORDING_BEFORE.search(sentence[max(0, c.start - 60) : c.start])
                 or not _LOCATIVE_BEFORE.search(sentence[max(0, c.start - 12) : c.start]))]


def _participle_subject(sentence: str, cands: list[SpeakerGuess], v0: int) -> SpeakerGuess | None:
    """"The Houthis have launched attacks on ships, saying they act …": the subject of the main clause speaks."""
    subject = [c for c in cands
               if c.end <= v0 and not _LOCATIVE_BEFORE.search(sentence[max(0, c.start - 12) : c.start])]
    return subject[0] if subject else None


# a role set off after a name: ", spokesman for", ", the head of", ", commander of"
_ROLE_AFTER = re.compile(r",\s*(?:the\s+|a\s+|an\s+)?(?:[\w-]+\s+)?(?:spokes(?:man|person|woman)|head|chief|commander|"
                         r"director|minister|official|member|leader)\b", re.I)
# a person named after a body's role: "according to IDF spokesman Lt. Col. X" (X speaks for the IDF)
_ROLE_BETWEEN = re.compile(r"\s+(?:[\w-]+\s+)?(?:spokes(?:man|person|woman)|official|commander|chief|minister|"
                           r"director)\s+(?:[A-Z][\w.]*\s+){0,4}$")


def _appositive_speaker(sentence: str, cands: list[SpeakerGuess], v0: int) -> SpeakerGuess | None:
    """A name set off by commas before the verb: "Maj. Gen. X, the spokesperson for Y, said" → X; "The Islamic
    Resistance in Iraq, an umbrella group of militias, claimed" → the first."""
    appositive = [c for c in cands if c.end <= v0 and v0 - c.end < 160
                  and sentence[c.end : c.end + 2].startswith(",") and _APPOSITIVE_END.search(sentence[:v0])]
    persons = [c for c in appositive if c.is_person]
    # ("Major General X, spokesman for Defence Headquarters, confirmed": the name before the role, not the body's)
    role = [c for c in persons if _ROLE_AFTER.match(sentence, c.end)]
    if role:
        return role[0]
    if persons:
        return persons[-1]
    if appositive and sentence[: appositive[0].start].strip(" “\"'") in ("", "The", "the"):
        return appositive[0]
    return None


_OWN_CLOSING_SUBJECT = re.compile(r",\s+(?:the|a|an)\s+[\w’'-]+(?:\s+[\w’'-]+){0,4}\s*$", re.I)


def _subject_before(sentence: str, cands: list[SpeakerGuess], v0: int, gaz: Gazetteer) -> SpeakerGuess | None:
    """The name nearest before the verb (a person near it over an organisation).

    A bare state name speaks only as the direct subject ("Iran says"), or through its forces ("Israel's military
    said": the speaker is written as "Israel's military"); otherwise it is what is talked about ("Pakistan has
    accused": the bare name through an auxiliary; not "an Iranian official has reacted")."""
    # (not a name inside the reported clause when a subject of its own closes it: "… killed the director of the
    # Emergency Department, the enclave's health ministry said")
    before = [c for c in cands
              if c.end <= v0 and v0 - c.end < 60 and not _OWN_CLOSING_SUBJECT.search(sentence, c.end, v0)]
    auxiliary = {c.start for c in before if _AUXILIARY.fullmatch(sentence, c.end, v0)}
    before = [_with_forces(c, sentence) for c in before]
    before = [c for c in before if c.is_person or not _is_state(c, gaz) or v0 - c.end <= 2 or c.start in auxiliary
              or (re.search(r"[’']s\s", c.text) is not None and v0 - c.end < 40)]  # "Iran's mission to the UN said"
    if not before:
        return None
    best = before[-1]
    persons = [c for c in before if c.is_person and v0 - c.end < 40]
    return persons[-1] if persons and not best.is_person else best


# a state speaking through its forces, mission or officials: "Israel's military said", "Iran's mission to the UN
# said", "a U.S. military official said"
_FORCES = re.compile(r"(?:[’']s\s+(?:military|army|armed\s+forces|forces|navy|air\s+force|defen[cs]e\s+forces|mission|"
                     r"embassy|government)|\s+(?:(?:military|army|defen[cs]e|government|security|intelligence|embassy)\s+)?"
                     r"(?:officials?|spokes(?:man|person|woman)))\b", re.I)


def _with_forces(c: SpeakerGuess, sentence: str) -> SpeakerGuess:
    m = _FORCES.match(sentence, c.end)
    return dataclasses.replace(c, text=sentence[c.start : m.end()], end=m.end()) if m else c


def _is_state(c: SpeakerGuess, gaz: Gazetteer) -> bool:
    a = listed_actor(c, gaz)
    return a is not None and a.kind == "state"


