"""Casualty counts in news sentences: parse a count phrase, find the killed and injured figures.

API-contract conventions: "at least N" → (N, None); "more than/over N" → (N+1, None); "up to/nearly/almost/
as many as N" → (None, N); "fewer/less than N" → (None, N-1); "about/around/some N" → (N, N); "a/an/one" →
(1, 1); vague words → (floor, None), e.g. "dozens" → 24; "between 5 and 7" → (5, 7); "no one" → (0, 0).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from dataclasses import dataclass

from api.extraction.normalize.implied_counts import (
    HIS_PEOPLE,
    KIN_AFTER,
    LEADER_AND,
    ONE_AND,
    PEOPLE_AFTER,
    one_killed,
    two_killed,
)
from api.extraction.text.patterns import word_start
from api.extraction.text.quotes import blank_quote_marks
from api.extraction.words import WORDS, alternation

_F = re.IGNORECASE | re.ASCII
_Match = re.Match[str]
_UNITS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
_TEENS = ["ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
          "nineteen"]  # fmt: skip
_TENS = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
_WORD = dict(zip(_UNITS + _TEENS + _TENS, [*range(20), *range(20, 100, 10)], strict=True)) | {"a": 1, "an": 1,
                                                                                              "another": 1, "both": 2}
_MULT = {"dozen": 12, "hundred": 100, "thousand": 1000, "million": 1_000_000}
_VAGUE = {"a number of": 2, "a few": 2, "a handful of": 2, "multiple": 2, "several": 3, "dozens": 24, "scores": 40,
          "hundreds": 200, "thousands": 2000}  # fmt: skip
_QUAL = {"at least": "min", "no fewer than": "min", "no less than": "min", "a minimum of": "min",
         "more than": "gt", "over": "gt", "upwards of": "gt", "fewer than": "lt", "less than": "lt",
         "up to": "max", "as many as": "max", "nearly": "max", "almost": "max", "at most": "max",
         "no more than": "max", "close to": "max", "about": "=", "around": "=", "approximately": "=",
         "roughly": "=", "some": "=", "an estimated": "=", "a total of": "=", "another": "=",
         "a further": "="}  # fmt: skip


def _alt(words: Iterable[str]) -> str:
    """Regex alternation, longest first so "a number of" wins over "a"."""
    return "|".join(w.replace(" ", r"\s+") for w in sorted(words, key=len, reverse=True))


_TU = rf"(?:(?:{_alt(_TENS)})(?:[\s-]+(?:{_alt(_UNITS[1:])}))?|{_alt(_TEENS)}|{_alt(_UNITS)})"
# "three hundred thousand", "a dozen": a count word or "a", then one or more multipliers
_CHUNK = rf"(?:an?|{_TU})(?:[\s-]+(?:{_alt(_MULT)}))+"
# "two thousand five hundred and twenty": chunks, then the units ("and" optional)
_MUL = rf"{_CHUNK}(?:[\s-]+(?:and\s+)?(?:{_CHUNK}|{_TU}))*"
# "1.5 million", "2 thousand"
_DIGIT_MUL = rf"[0-9]+(?:\.[0-9]+)?\s+(?:{_alt(_MULT)})"
_NUM = rf"(?:{_DIGIT_MUL}|[0-9]{{1,3}}(?:,[0-9]{{3}})+|[0-9]+|{_MUL}|{_TU})"
# a headline's bare singular person: "Man killed in Jericho", "Soldier dies of wounds" (one)
_BARE = r"(?-i:Man|Woman|Child|Boy|Girl|Baby|Soldier|Teenager|Policeman|Journalist|Civilian|Guard|Officer|Paramedic)"
_COUNT = re.compile(
    rf"(?<![\w.,$#-])(?:(?P<q>{_alt(_QUAL)})\s+)?(?P<n>between\s+(?P<r1>{_NUM})\s+and\s+(?P<r2>{_NUM})"
    rf"|(?<!from\s)(?P<r3>{_NUM})\s+to\s+(?P<r4>{_NUM})|(?P<v>{_alt(_VAGUE)})"
    # ("no crewmembers were injured", "no Israeli soldiers were killed": none of the people named)
    # ("no U.S. or Somali forces were killed": two peoples named)
    rf"|(?P<z>no\s+one|nobody|none|zero|no(?=\s+(?:[\w.-]+\s+(?:(?:or|and)\s+[\w.-]+\s+)?)?(?:crew\s*members|"
    rf"crewmembers|crew|sailors|soldiers|troops|forces|civilians|people|personnel|passengers|residents|workers|staff)"
    rf"\s+(?:were|was)\b))|"
    rf"(?P<bare>{_BARE})|(?P<num>{_NUM}|an?|both|another))(?![\w-]|[.,][0-9]|\.[a-z])", _F)
_MONTH = (r"jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|(?-i:May)|june?|july?|aug(?:ust)?"
          r"|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?")  # fmt: skip
_NOISE_AFTER = re.compile(  # "15 August", "two days", "6:30", "155 mm", "10%"
    rf"\s*(?:(?:{_MONTH}|days?|weeks?|months?|years?|hours?|minutes?|seconds?|decades?|centur(?:y|ies)"
    r"|times|percent|per\s*cent|mm|cm|km|kg|miles?|met(?:er|re)s?|feet|ft|a\.m|p\.m|gmt|utc|o'clock)\b"
    r"|%|:[0-9])", _F)
_NOISE_BEFORE = re.compile(rf"\b(?:{_MONTH}|aged?|in|since|during|until|from|page|route)\.?\s*$", _F)
_YEAR_BEFORE = re.compile(r"(?:\bthe|['’]s)\s*$", _F)  # "the 2006 war", "Hezbollah's 2006 war"
_PREP_BEFORE = re.compile(r"\b(?:in|on|at|by|from|with|during|after|near|into|for|of|against|as)\s+$", _F)
# "of" after a noun of the toll: "the wounding of one soldier" counts one
_TOLL_OF = re.compile(r"\b(?:killing|wounding|injuring|injury|martyrdom|assassination)\s+of\s+$", _F)
_PLURAL_AUX = re.compile(r"\b(?:were|are|have)\b", _F)
_COORD = re.compile(r"\s+(?:or|nor|and)\s+", _F)
_LEAD_ZERO = re.compile(r"(?:no|zero|without)(?=\s)", _F)
_TRAILING_NOUN = re.compile(r"(?:\s+[^\W\d_].*)?", re.DOTALL)
_YEAR = re.compile(r"1[89][0-9]{2}|20[0-9]{2}")
_KILL, _INJ = alternation(WORDS.killed), alternation(WORDS.injured)  # data/words.yaml
_KW = re.compile(word_start(rf"(?P<k>{_KILL})|(?P<i>{_INJ})") + r"\b", _F)
_GERUND_NOUN = re.compile(r"(?:killing|wounding|injuring)$", _F)  # "the killing": a noun, its count follows
_DETERMINER_BEFORE = re.compile(r"\b(?:the|its|their|his|her|this|that)\s+$", _F)
_BARE_VERB = re.compile(r"\s+(?:was\s+|is\s+)?(?:killed|dies|died|dead|shot\s+dead|slain)\b", _F)
_OF = re.compile(r"\s+of\s+", _F)
_ALL = re.compile(r"\s+all\s+(?:the\s+|of\s+the\s+)?", _F)
# verbs and nouns whose count may follow: "killing 12", "the martyrdom of seven", "claimed the lives of three"
_ACTIVE = re.compile(r"kill|wound|injur(?!y|ies)|hurt|martyrdom|claim(?:ed|ing)|eliminat|neutrali|lost|deaths?\b", _F)
_DEAD_WERE = re.compile(r"\s+(?:also\s+)?(?:were|was|included|include|includes)\s+", _F)
# "injuries to three others": the noun of injury takes "to"
_INJURIES_TO = re.compile(r"\s+to\s+", _F)
_BLOCK = re.compile(  # words that end the clause a count belongs to
    rf"[;:!?]|\b(?:where|when|while|after|before|because|but|although|though|since|until|which|said|says"
    rf"|told|struck|hit|fired|launched|attacked|targeted|destroyed|damaged|{_KILL}|{_INJ})\b", _F)
# the time a toll counts from is no clause of its own: "the number of medics killed since Oct 7 rose to 500"
_SINCE_WHEN = re.compile(r"\bsince\s+(?:(?:the\s+)?(?:start|beginning|outbreak)\s+of\s+(?:the\s+)?[\w-]+|"
                         r"(?-i:[A-Z])[a-z]{2,8}\.?(?:\s+\d{1,2})?(?:,?\s+\d{4})?|\d{4})", _F)
_ZERO_NOUN = re.compile(
    # ("no reports of U.S. casualties", "did not cause casualties", "no additional casualties")
    word_start(r"no|zero|without(?:\s+any)?|(?:did\s+not|didn['’]t)\s+(?:cause|result\s+in|lead\s+to)(?:\s+any)?")
    + r"\s+(?:(?:immediate|further|other|official)\s+)?(?:reports?\s+of\s+(?:any\s+)?)?(?:(?-i:[A-Z])[\w.-]*\s+)?"
    r"(?:(?:reported|immediate|known|confirmed|serious|further|other|additional)\s+)?"
    r"(?:(?P<b>casualties|causalities)|(?P<i>injur(?:y|ies)|injured|wounded)"
    r"|(?P<k>deaths|fatalities|dead|loss\s+of\s+life))\b"
    # "all crew were reported safe", "everyone on board was unharmed"
    r"|(?:" + word_start(r"all|the|its|their") + r"\s+(?:(?:of\s+)?the\s+|its\s+|\w+\s+)?(?:crew(?:\s+members)?|"
    r"passengers|people|residents|staff|personnel|soldiers|troops|sailors|occupants|workers|civilians)|"
    + word_start(r"everyone|everybody") + r")\s+(?:[\w-]+\s+){0,3}?(?:were|was|are|is)\s+"
    r"(?:reported\s+|said\s+to\s+be\s+)?(?P<b2>safe|unharmed|unhurt|uninjured)\b"
    # "the mayor and his aides escaped injury", "only material damage was reported"
    r"|(?P<b3>" + word_start(r"escaped")
    + r"\s+(?:without\s+(?:any\s+)?)?(?:injury|injuries|unhurt|unharmed|unscathed)|"
    + word_start(r"only") + r"\s+(?:material|minor\s+material)\s+damages?)\b", _F)


@dataclass(frozen=True, slots=True)
class CountMatch:
    start: int  # offsets into the sentence string passed in
    end: int  # sentence[start:end] is the count phrase, e.g. "at least six"
    min: int | None
    max: int | None


@dataclass(frozen=True, slots=True)
class Casualties:
    killed: CountMatch | None
    injured: CountMatch | None


def _number(text: str) -> int:
    if text[0].isdigit():
        digits, *scale = text.replace(",", "").split()
        return round(float(digits) * _MULT[scale[0].lower()]) if scale else int(digits)
    total = current = 0
    for word in re.split(r"[\s-]+", text.lower()):
        if word in _MULT:
            current = max(current, 1) * _MULT[word]
            total, current = (total + current, 0) if _MULT[word] >= 1000 else (total, current)
        elif word in _WORD:  # skips "and"
            current += _WORD[word]
    return total + current


def _bounds(m: _Match) -> tuple[int | None, int | None]:
    if m["bare"]:
        return 1, 1
    if m["r1"] or m["r3"]:
        return _number(m["r1"] or m["r3"]), _number(m["r2"] or m["r4"])
    vague = m["v"] and _VAGUE[" ".join(m["v"].lower().split())]
    lo, hi = (vague, None) if vague else (0, 0) if m["z"] else (_number(m["num"]),) * 2
    kind = _QUAL.get(" ".join((m["q"] or "").lower().split()), "=")
    if kind in ("min", "gt"):
        return (lo + 1 if kind == "gt" and hi is not None else lo), None  # "more than dozens" stays 24
    if kind in ("max", "lt"):
        return None, (lo if hi is None else hi) - (kind == "lt")
    return lo, hi


def parse_count(phrase: str) -> tuple[int | None, int | None] | None:
    """(min, max) of a count phrase ("at least six", "six people", "no casualties"); None if not a count."""
    text = phrase.strip()
    if (z := _ZERO_NOUN.fullmatch(text)) is not None and (z["b2"] or z["b3"]):
        return 0, 0  # "all crew were reported safe"
    m = _COUNT.match(text)
    lead = m or _LEAD_ZERO.match(text)
    if lead is None or not _TRAILING_NOUN.fullmatch(text[lead.end() :]):
        return None
    return _bounds(m) if m else (0, 0)


# counts of things, not people: "fired 320 Katyusha rockets", "more than a dozen sites"
_THINGS_AFTER = re.compile(  # (not across a cue of killing: "Four killed in strike on …" counts people; nor a
    # preposition: "17 officers in airstrikes" counts the officers)
    rf"\s+(?:(?!(?:{_KILL}|{_INJ}|in|on|at|by|during|from|with|after|near)\b)[\w-]+\s+){{0,2}}?"
    r"(?:rockets?|missiles?|drones?|shells?|bombs?|jets?|"
    r"warplanes?|planes?|aircraft|helicopters?|sites?|targets?|buildings?|homes?|houses?|vehicles?|ships?|vessels?|launchers?|depots?|"
    r"positions?|bases?|rounds?|sorties?|strikes?|airstrikes?|attacks?|raids?|tons?|dollars?|projectiles?|"
    r"interceptors?|katyushas?|mortars?|facilities|locations?|villages?|towns?|times)\b", _F)
# people that "a", "one" or "both" can count: "a Revolutionary Guard general", "one of its fighters"
_PERSON_AFTER = re.compile(
    r"\s+(?:of\s+(?:the|its|their|his|her|our|them)\s+)?(?:[\w-]+\s+){0,3}?(?:people|persons?|civilians?|soldiers?|"
    r"fighters?|militants?|terrorists?|insurgents?|jihadists?|extremists?|rebels?|khawarij|child(?:ren)?|wom[ae]n|m[ae]n|boys?|girls?|babies|baby|infants?|teenagers?|youths?|"
    r"officers?|police(?:m[ae]n)?|guards?|troops?|members?|residents?|workers?|staff|paramedics?|medics?|"
    r"journalists?|reporters?|commanders?|fatalit(?:y|ies)|leaders?|generals?|officials?|assailants?|attackers?|bombers?|gunm[ae]n|"
    r"passengers?|pilgrims?|students?|doctors?|nurses?|patients?|inmates?|prisoners?|detainees?|villagers?|"
    r"fishermen|employees?|engineers?|firefighters?|rescuers?|farmers?|shepherds?|personnel|service\s*(?:m[ae]n|members?)|"
    r"sailors?|crew(?:\s*members?)?|marines?|contractors?|worshippers?|protesters?|demonstrators?|hostages?|"
    r"policem[ae]n|operatives?|recruits?|volunteers?|relatives?|brothers?|sons?|daughters?|(?:\d+|\w+)-year-olds?|"
    r"(?-i:[A-Z][a-z]+(?:i|ian|"
    r"ese|ish|an)s?))\b", _F)
_VERB_AFTER = re.compile(r"\s+(?:was|were|is|are|has|have|had|died|dead|killed|wounded|injured)\b", _F)
# a breakdown of a figure given before it: "nine people, including four children, were killed"
_TOLL_VALUE = re.compile(r"\b(?:to|at|reached|hit)\s+(?:(?:at\s+least|more\s+than|nearly|about|around)\s+)?$", _F)
_TOLL_NOUN = re.compile(r"\s+(?:deaths|fatalities|dead|injuries)\b", _F)
_PART_OF = re.compile(r"\b(?:including|among\s+them|among\s+whom|of\s+whom|of\s+them)\s+$", _F)


def _is_noise(s: str, m: _Match) -> bool:
    """Dates, times, ages, calibres, years and durations look like numbers but are not counts; nor are counts
    of weapons or places, nor the part of a figure that a figure before it already gives."""
    before, n = s[max(0, m.start() - 24) : m.start()], m["n"]
    if m["bare"]:  # only at the start of a headline's clause, right before the verb of killing
        return not (re.search(r"(?:^|[;:—–])\s*$", before) and _BARE_VERB.match(s, m.end()))
    if _NOISE_AFTER.match(s, m.end()) or _THINGS_AFTER.match(s, m.end()) or _PART_OF.search(before):
        return True
    if n.lower() in ("a", "an", "another", "one", "both") and not m["q"]:
        # "in a strike", "on one base"; and a word that is a count only of people: "a soldier", "one of its
        # fighters", "both assailants", "another soldier", "one was killed" (not "gave a lower toll")
        preposition = _PREP_BEFORE.search(before) is not None and not (n.lower() == "one" and _TOLL_OF.search(before))
        return preposition or not (_PERSON_AFTER.match(s, m.end()) or (
            n.lower() not in ("a", "an", "another") and _VERB_AFTER.match(s, m.end())))
    if not n[0].isdigit():
        return False
    if _TOLL_NOUN.match(s, m.end()) and not _YEAR.fullmatch(n):
        return False  # "resulting in at least 100 deaths": a count of the dead after any preposition
    apposition = before.rstrip().endswith(",") and s[m.end() :].lstrip().startswith(",")  # "Ali, 25, was"
    # ("the 2006 war"; "Sept. 24, 2024": the year of a date)
    year = _YEAR.fullmatch(n) and (_YEAR_BEFORE.search(before) or re.search(r"\b\d{1,2},\s*$", before))
    return bool(apposition or year or _NOISE_BEFORE.search(before))


def _count_after(s: str, kw: _Match, counts: list[_Match], starts: list[int]) -> _Match | None:
    """The count right after an active verb ("killing 12") or a few words after "death toll ... to 40"."""
    i = bisect_left(starts, kw.end())
    c = counts[i] if i < len(counts) else None
    text = s[kw.end() : c.start()] if c else ""
    if re.search(r"toll|number|tally", kw[0], re.I):  # (of the dead or of the wounded: "the number of injuries")
        # ("raised the death toll from two days of strikes on the south to 558": the figure after "to" is the toll)
        near = len(text.split()) <= 8 or (len(text.split()) <= 16 and _TOLL_VALUE.search(text) is not None)
        return c if c and near and not _BLOCK.search(_SINCE_WHEN.sub(" ", text)) else None
    # (the noun takes "of": "the killing of four")
    # ("eliminated all five militants")
    # ("the injury of 15 others", "injuries to three")
    if c and kw[0].lower().startswith("injur") and (_INJURIES_TO.fullmatch(text) or _OF.fullmatch(text)):
        return c
    # "the bodies of 17 assailants" (of people: not "the bodies of two agencies")
    if c and kw[0].lower() == "bodies":
        return c if _OF.fullmatch(text) and _PERSON_AFTER.match(s, c.end()) else None
    # "among the dead were a woman and her two children", "the dead included four guards"
    if c and kw[0].lower() == "dead" and _DEAD_WERE.fullmatch(text):
        return c
    return c if c and _ACTIVE.match(kw[0]) and (text.isspace() or _OF.fullmatch(text) or _ALL.fullmatch(text)) \
        else None


def _count_before(s: str, kw: _Match, counts: list[_Match], ends: list[int], used: set[int]) -> _Match | None:
    """Nearest count before the cue in the same clause: "six fighters were killed", "3 dead"."""
    if _GERUND_NOUN.match(kw[0]) and _DETERMINER_BEFORE.search(s, 0, kw.start()):
        return None  # "one of its fighters carried out the bombing to avenge the killing of its commanders"
    if kw[0].lower() in ("death", "assassination"):
        return None  # "61 million voters … the election called after the death of the president": its count follows
    for i in range(bisect_right(ends, kw.start()) - 1, -1, -1):
        c = counts[i]
        between = s[c.end() : kw.start()]
        if c.start() in used or len(between.split()) > 12 or _BLOCK.search(between):
            return None
        if c["n"].lower() in ("a", "an", "one") and not c["q"] and _PLURAL_AUX.search(between):
            continue  # "a strike ... soldiers were killed": the article is not the count
        return c
    return None


def find_casualties(sentence: str) -> Casualties:
    """The killed and the injured figure the sentence reports first (see ``casualty_figures``)."""
    groups = casualty_figures(sentence)
    return groups[0] if groups else Casualties(None, None)


# the words between two coordinated figures of one verb: "killing 11 fighters and five civilians"
_COORDINATED = re.compile(r"\s+(?:[A-Za-z][\w-]*\s+){1,3}?(?:and|as\s+well\s+as)\s+$", _F)
# one figure per place, the verb said once: "killed four civilians in the village of A and eight in the market of B"
# (the words between: the first figure's people and place, then a comma or "and"; after the second: its place)
_GAPPED = re.compile(r"(?:\s+[\w-]+){0,3}?\s+(?:in|at|near)\s+[^,;:.()]{1,60}?(?:,\s+(?:and\s+)?|\s+and\s+)$", _F)
_PLACE_NEXT = re.compile(r"(?:\s+others?|\s+more)?\s+(?:in|at|near)\s+(?:the\s+)?(?:[\w-]+\s+){0,3}?"
                         r"(?:village|town|city|market|marketplace|camp|district|area|neighbou?rhood|(?-i:[A-Z]))", _F)
# an injured figure of the same people as the killed one before it: "… killed and ten others injured"
_SAME_PEOPLE = re.compile(r"\s+(?:others?|more|people|persons)\b|\s*(?:were\s+|was\s+)?(?:wounded|injured|hurt)\b", _F)


def _kind_of(found: list[tuple[int, str, _Match]], c: _Match) -> str | None:
    return next((kind for _, kind, m in found if m is c), None)


def _with_coordinated(sentence: str, found: list[tuple[int, str, _Match]], counts: list[_Match]
                      ) -> list[tuple[int, str, _Match]]:
    """Each figure, and a figure coordinated after it with its own people ("killing 11 fighters and five
    civilians"), which takes the same kind."""
    taken = {m.start() for _, _, m in found}
    out = list(found)
    for _, kind, c in out:  # (a figure coordinated after one is itself followed: "four in A, eight in B and one in C")
        if c.re is _ZERO_NOUN:
            continue
        for nxt in counts:
            if nxt.start() <= c.end() or nxt.start() in taken:
                continue
            if ((_COORDINATED.fullmatch(sentence, c.end(), nxt.start()) and _PERSON_AFTER.match(sentence, nxt.end()))
                    or (_GAPPED.fullmatch(sentence, c.end(), nxt.start()) and _PLACE_NEXT.match(sentence, nxt.end()))) \
                    and not _KW.match(sentence, nxt.end() + 1):
                out.append((nxt.start(), kind, nxt))
                taken.add(nxt.start())
            break
    return out


# another source's figure: "…, while the council put the toll at six", "; the ministry said …"
_CONTRAST = re.compile(r"[;]|\b(?:while|whereas|but|although|though|meanwhile)\b(?=[^.;]*\b(?:said|says|say|put|puts|"
                       r"according|reported|reports|claimed|claims|estimated|gave|gives|counted)\b)", _F)


def _people(sentence: str, end: int) -> str | None:
    """The head noun of the people a figure counts ("two police officers" → "officer"), if written after it."""
    m = _PERSON_AFTER.match(sentence, end)
    return m.group(0).split()[-1].lower().rstrip("s") if m else None


def _same_report(sentence: str, group: dict[str, CountMatch], c: _Match) -> bool:
    """Whether figure ``c`` adds the other kind to ``group``'s report: the same people ("ten others injured", or
    no people named on one side), in the same clause (not after "while the council put the toll at …")."""
    if c.re is _ZERO_NOUN:
        return True
    other = next(iter(group.values()))
    lo, hi = sorted((other.end, c.start()))
    if _CONTRAST.search(sentence, lo, hi) is not None:
        return False
    if _SAME_PEOPLE.match(sentence, c.end()):
        return True
    mine, theirs = _people(sentence, c.end()), _people(sentence, other.end)
    return mine is None or theirs is None or mine == theirs


def casualty_figures(sentence: str) -> list[Casualties]:
    """One (killed, injured) pair per report in the sentence: each killed figure is a report of its own ("six
    civilians were killed in A and three fighters were killed in B"); an injured figure joins the killed one
    before it when it counts the same people ("killing five and wounding ten", "… ten others injured"), else it is
    a report of its own."""
    sentence = blank_quote_marks(sentence)  # (quotation marks do not come between a verb and its figure)
    zeros = list(_ZERO_NOUN.finditer(sentence))
    kws = [k for k in _KW.finditer(sentence) if not any(z.start() <= k.start() < z.end() for z in zeros)]
    if not kws and not zeros:  # most sentences: no figure of killing or injuring; perhaps one person killed
        one = _one_killed(sentence) or _uncounted(sentence)
        return [Casualties(one, None)] if one is not None else []
    # a figure counts only next to a cue of killing or injuring ("no casualties" needs none)
    # (the time a toll counts from holds no count: "killed since Oct 7 to 500" is no range from 7 to 500)
    scan = _SINCE_WHEN.sub(lambda m: " " * len(m.group(0)), sentence)
    counts = [m for m in _COUNT.finditer(scan) if not _is_noise(scan, m)] if kws else []
    found = [(z.start(), kind, z) for z in zeros for kind in ("killed", "injured")
             if z["b"] or z["b2"] or z["b3"] or z[kind[0]]]
    starts, ends = [c.start() for c in counts], [c.end() for c in counts]
    after = {i: c for i, kw in enumerate(kws) if (c := _count_after(sentence, kw, counts, starts))}
    used = {c.start() for c in after.values()}
    for i, kw in enumerate(kws):
        if c := after.get(i) or _count_before(sentence, kw, counts, ends, used):
            found.append((kw.start(), "killed" if kw["k"] else "injured", c))
            coord = _COORD.match(sentence, kw.end())
            nxt = kws[i + 1] if i + 1 < len(kws) else None
            if c["z"] and coord and nxt and nxt.start() == coord.end():  # "no one was killed or injured"
                found.append((kw.start(), "killed" if nxt["k"] else "injured", c))
    found = _with_coordinated(sentence, found, counts)
    groups: list[dict[str, CountMatch]] = []
    seen: set[tuple[str, int]] = set()
    for _, kind, c in sorted(found, key=lambda f: (f[2].start(), f[0])):
        if (kind, c.start()) in seen:
            continue
        seen.add((kind, c.start()))
        lo, hi = (0, 0) if c.re is _ZERO_NOUN else _bounds(c)
        start = c.start()
        lead = _leader(sentence, c) if c.re is not _ZERO_NOUN else None
        if lead is not None:
            # "Commander X and two of his guards": the named person is one more
            start, lo, hi = lead.start(), lo + 1 if lo is not None else None, hi + 1 if hi is not None else None
        figure = CountMatch(start, c.end(), lo, hi)
        last = groups[-1] if groups else None
        joins = last is not None and kind not in last and _same_report(sentence, last, c)
        if joins and last is not None:
            last[kind] = figure
        else:
            groups.append({kind: figure})
    return [Casualties(g.get("killed"), g.get("injured")) for g in _with_implied(sentence, groups)]


_LEADS = re.compile(r"\b(?:commander|leader|chief|head|official|member|founder|deputy|general|colonel)\b", _F)


def _leader(sentence: str, c: _Match) -> re.Match[str] | None:
    """A person named before "and" the figure who is one more: "Commander X and two of his guards", "a senior
    official from the party and three fighters"."""
    lead = LEADER_AND.search(sentence, 0, c.start())
    if lead is not None and HIS_PEOPLE.match(sentence, c.end()):
        return lead
    # (his people, or the fighters of a leader: not "a guard and two civilians", two groups of victims)
    one = ONE_AND.search(sentence, 0, c.start())
    if one is None:
        return None
    if one.group("own"):
        return one if KIN_AFTER.match(sentence, c.end()) else None
    people = HIS_PEOPLE.match(sentence, c.end()) or (
        _LEADS.search(one.group()) and PEOPLE_AFTER.match(sentence, c.end()))
    return one if people else None


def _with_implied(sentence: str, groups: list[dict[str, CountMatch]]) -> list[dict[str, CountMatch]]:
    """The reports with a person killed that no numeral counts ("Ali Kassem was killed and two others were wounded":
    one report), or, with no figure at all, people hurt or killed with no number ("heavy casualties")."""
    if not any("killed" in g for g in groups) and (one := _one_killed(sentence)) is not None:
        return [{"killed": one, **groups[0]}, *groups[1:]] if groups else [{"killed": one}]
    if not groups and (uncounted := _uncounted(sentence)) is not None:
        return [{"killed": uncounted}]
    return groups


# people hurt or killed with no number given: "the shelling caused heavy casualties", "children were among the dead",
# "there were no survivors" (a report with null counts, as the guidelines record it)
_UNCOUNTED = re.compile(
    r"\b(?:caus\w*|inflict\w*|suffer\w*|sustain\w*|result\w*\s+in|there\s+(?:were|was|had\s+been|have\s+been)|"
    r"reports?\s+of|left)\s+(?P<p>(?:(?:heavy|significant|serious|many|numerous|mass|large|civilian|some|several)\s+)"
    r"{0,2}casualties)\b|\b(?:were|was|are|is)\s+among\s+the\s+(?:dead|killed|victims|casualties)\b|"
    r"\bthere\s+(?:were|was)\s+no\s+survivors\b", _F)


_NOT_SAID = re.compile(r"\b(?:whether|if|not|no|without|avoid\w*|prevent\w*|minimi[sz]\w*)\b", _F)


def _uncounted(sentence: str) -> CountMatch | None:
    m = _UNCOUNTED.search(sentence)
    if m is None or _NOT_SAID.search(sentence, max(0, m.start() - 30), m.start()):
        return None  # (none, or "no details on whether the strike caused casualties")
    return CountMatch(*(m.span("p") if m["p"] else m.span()), None, None)


def _one_killed(sentence: str) -> CountMatch | None:
    """One person killed without a numeral (``implied_counts``), as a count of one; two named as one subject
    ("a farmer and his son were killed") as a count of two."""
    two = two_killed(sentence)
    if two is not None:
        return CountMatch(two[0], two[1], 2, 2)
    at = one_killed(sentence)
    return CountMatch(at[0], at[1], 1, 1) if at is not None else None
