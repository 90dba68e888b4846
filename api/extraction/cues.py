"""Cheap lexical cues that pick the sentences worth asking the model about, and fill enum fields.

Lexicons describe how conflict news is written (verbs of speech, of striking, of attacking), not
the names in any particular article. They decide *which* questions the model gets; the model
decides the answers.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Literal


def _split(pattern: str, i: int = 0) -> tuple[list[str], int]:
    """The alternatives of a regex from ``i`` up to the ")" that closes the group ``i`` is in (or the end), and where
    they end: ``_split("a|b(?:c|d)|[|)]e")`` → ``(["a", "b(?:c|d)", "[|)]e"], 16)``."""
    parts: list[str] = []
    depth, start, in_class = 0, i, False
    while i < len(pattern):
        c = pattern[i]
        if c == "\\":
            i += 1
        elif in_class:
            in_class = c != "]"
        elif c == "[":
            in_class = True
            i += 2 if pattern.startswith("[^]", i) else 1 if pattern.startswith("[]", i) else 0
        elif c == ")" and depth == 0:
            break
        elif c in "()":
            depth += 1 if c == "(" else -1
        elif c == "|" and depth == 0:
            parts.append(pattern[start:i])
            start = i + 1
        i += 1
    return [*parts, pattern[start:i]], i


_GROUP = re.compile(r"\((?:\?:|\?P<\w+>)?")
_OPTIONAL = ("?", "*", "{")


def _first_letters(alternatives: list[str]) -> set[str]:
    """The letters the alternatives start with: each must start with a letter, or with a group (not optional) of
    such alternatives; ValueError for anything else (an escape, a class, an inline flag, a lookaround)."""
    letters: set[str] = set()
    for alt in alternatives:
        group = _GROUP.match(alt)
        if group is None and alt[:1].isascii() and alt[:1].isalpha() and alt[1:2] not in _OPTIONAL:
            letters.add(alt[0])
            continue
        inner, end = _split(alt, group.end()) if group is not None else ([], 0)
        if not inner or end == len(alt) or alt[end + 1 : end + 2] in _OPTIONAL:
            raise ValueError(f"cannot tell which letter {alt!r} starts with")
        letters |= _first_letters(inner)
    return letters


def word_start(pattern: str) -> str:
    r"""``\b(?:pattern)`` for alternatives that each start with a letter, written to be tried only at the start of
    a word that begins with one of their first letters: the same matches, found about twice as fast (with
    re.IGNORECASE the regex engine would otherwise enter every alternative at every word boundary)."""
    alternatives, end = _split(pattern)
    if end != len(pattern):
        raise ValueError(f"unbalanced ')' in {pattern!r}")
    return rf"(?<!\w)(?=[{''.join(sorted(_first_letters(alternatives)))}])(?:{pattern})"


SPEECH = re.compile(
    word_start(
        r"said|says|say|saying|told|tells|stated|states|added|adds|announced|announces|declared|"
        r"condemned|condemns|condemning|denounced|denounces|slammed|criticized|criticised|denied|denies|"
        r"denying|rejected|rejects|warned|warns|warning|threatened|threatens|vowed|vows|claimed|claims|"
        r"claiming|accused|accuses|blamed|blames|urged|urges|demanded|demands|called\s+(?:on|for)|calls\s+(?:on|for)|"
        r"calling\s+(?:on|for|them|it)|called\s+(?:it|them)|called(?=\s[^.“”\"]{0,50}[“\"])|described|describing|insisted|insists|stressed|"
        r"emphasized|emphasised|underlined|noted|noting|confirmed|confirms|acknowledged|admitted|argued|"
        r"asserted|reiterated|pledged|promised|tweeted|wrote|reported|reports|according\s+to|"
        r"statement|spokesman|spokesperson|spokeswoman|reacted|responded|praised|welcomed|expressed|"
        r"put\s+the\s+(?:death\s+)?toll|puts\s+the\s+(?:death\s+)?toll"
    ) + r"\b",
    re.IGNORECASE,
)


@functools.lru_cache(maxsize=4096)
def speech_words(sentence: str) -> tuple[re.Match[str], ...]:
    """Every match of SPEECH in the sentence. Cached: the cues and the speaker rules both read them."""
    return tuple(SPEECH.finditer(sentence))


# words addressed to a model, not news: "Ignore previous instructions", "SYSTEM: respond with attack"
_TO_THE_MODEL = re.compile(
    word_start(
        r"ignore\s+(?:all\s+|any\s+)?(?:the\s+)?(?:previous|prior|above|earlier)\s+(?:instructions|prompts?|rules)|"
        r"(?:system|assistant|user)\s*:|you\s+are\s+now\b|respond\s+with|answer\s+(?:only\s+)?with|always\s+answer|"
        r"label\s+(?:every|each|all)|classify\s*:|output\s+\d+|the\s+(?:correct\s+)?answer\s+is|from\s+now\s+on|"
        r"every\s+sentence\s+is|as\s+the\s+speaker|(?:copied|repeated)\s+exactly"
    ),
    re.IGNORECASE,
)
_JSON_OPENING = re.compile(r"\W*\{\s*\"\w+\"\s*:")  # a sentence that opens like a JSON object: {"event": …


def addresses_the_model(sentence: str) -> bool:
    """True for a sentence that gives instructions to a model (prompt injection): it is never evidence."""
    return _TO_THE_MODEL.search(sentence) is not None or _JSON_OPENING.match(sentence) is not None


QUOTE_PAIRS = (("“", "”"), ('"', '"'), ("‘", "’"), ("«", "»"))


@dataclass(frozen=True, slots=True)
class Cues:
    speech: bool
    quote: tuple[int, int] | None  # offsets of the quoted words inside the sentence


def find_quote(sentence: str) -> tuple[int, int] | None:
    """The longest run of words between matching quotation marks (without the marks), if any.

    An apostrophe inside a word ("Iran’s") is not taken as a closing single quote.
    """
    best: tuple[int, int] | None = None
    for left, right in QUOTE_PAIRS:
        pos = 0
        while (i := sentence.find(left, pos)) >= 0:
            if left in "‘'" and i > 0 and sentence[i - 1].isalnum():
                pos = i + 1
                continue
            j = i + 1
            while (j := sentence.find(right, j)) >= 0:
                nxt = sentence[j + 1 : j + 2]
                if right in "’'" and nxt.isalpha():
                    j += 1
                    continue
                break
            if j < 0:
                # an opened quote running to the end of the sentence (multi-sentence quotes)
                j = len(sentence)
            s, e = i + 1, j
            while s < e and sentence[s].isspace():
                s += 1
            if e - s >= 3 and (best is None or e - s > best[1] - best[0]):
                best = (s, e)
            pos = j + 1
    return best


def sentence_cues(sentence: str, in_open_quote: bool = False) -> Cues:
    quote = find_quote(sentence)
    if in_open_quote:
        # the words up to the first closing mark go on with the quotation opened earlier ('…act," he said,
        # adding it would "lie…' is not a quotation from the closing mark to the next opening one)
        close = min((i for i in (sentence.find("”"), sentence.find('"')) if i >= 0), default=len(sentence))
        quote = (0, close) if close > 3 else quote
    return Cues(
        speech=bool(speech_words(sentence)) or quote is not None,
        quote=quote,
    )


def opens_quote(sentence: str) -> bool:
    """True when the sentence leaves a double quotation open (the quote runs into the next one)."""
    return sentence.count("“") > sentence.count("”") or sentence.count('"') % 2 == 1


# a weapon noun that names what was hit, not what hit it: "drone storage sites", "missile launchers" (whole
# words: "missiles launched" is the weapon)
_AS_TARGET = r"(?!\s+(?:storage|sites?|launch|launchers?|depots?|factor(?:y|ies)|facilit(?:y|ies)|production|"\
             r"warehouses?|workshops?|stockpiles?|caches?|infrastructure|capabilit(?:y|ies)|programme|program)\b)"
StrikeWeapon = Literal["airstrike", "drone", "missile", "artillery", "rocket", "ground_raid", "other"]
AttackWeapon = Literal["drone", "rocket", "missile", "ied", "gunfire", "other"]
_STRIKE_WEAPONS: list[tuple[re.Pattern[str], StrikeWeapon]] = [
    (re.compile(rf"\bdrones?\b{_AS_TARGET}|\bUAVs?\b{_AS_TARGET}", re.I), "drone"),
    (re.compile(rf"\b(?:ballistic|cruise)?\s*missiles?\b{_AS_TARGET}|\btomahawks?\b", re.I), "missile"),
    (re.compile(r"\bair\s*-?\s*strikes?\b|\bwar\s*planes?\b|\bgunships?\b|\bjets?\b|\bair\s*raids?\b|\bbomb(?:ed|ing|ers?)\b|"
                r"\baircraft\b|\bair\s+force\b|\bF-\d+", re.I), "airstrike"),
    (re.compile(r"\bartillery\b|\bshell(?:ed|ing|s)\b|\bhowitzers?\b|\bmortars?\b", re.I), "artillery"),
    (re.compile(rf"\brockets?\b{_AS_TARGET}", re.I), "rocket"),
    (re.compile(r"\b(?:ground\s+)?raids?\b|\bcommandos?\b|\bspecial\s+forces\b", re.I), "ground_raid"),
]
_ATTACK_WEAPONS: list[tuple[re.Pattern[str], AttackWeapon]] = [
    (re.compile(rf"\bdrones?\b{_AS_TARGET}|\bUAVs?\b{_AS_TARGET}", re.I), "drone"),
    (re.compile(rf"\brockets?\b{_AS_TARGET}|\bkatyushas?\b|\bmortars?\b", re.I), "rocket"),
    (re.compile(rf"\bmissiles?\b{_AS_TARGET}", re.I), "missile"),
    (re.compile(r"\bIEDs?\b|\broadside\s+bombs?\b|\bexplosive\s+devices?\b|\bcar\s+bombs?\b|\bsuicide\b", re.I), "ied"),
    (re.compile(r"\bgunfire\b|\bgunmen\b|\bshooting\b|\bshot\b|\bsniper\b|\bopened\s+fire\b", re.I), "gunfire"),
]


def strike_weapon(sentence: str) -> StrikeWeapon | None:
    return next((w for rx, w in _STRIKE_WEAPONS if rx.search(sentence)), None)


def attack_weapon(sentence: str) -> AttackWeapon | None:
    return next((w for rx, w in _ATTACK_WEAPONS if rx.search(sentence)), None)


Attribution = Literal["claimed", "alleged", "confirmed", "denied", "unknown"]
_ALLEGED = re.compile(r"\b(?:allegedly|reportedly|suspected|blamed|accused|believed|likely|said to be)\b", re.I)
# a group saying it did it: "claimed responsibility", "said it fired", "claimed … that its fighters had ambushed"
_CLAIMED = re.compile(r"\bclaimed\s+(?:responsibility|the\s+attack)|\btook\s+responsibility\b|"
                      r"\b(?:said|says|announced|stated|claimed)\s+(?:\w+\s+){0,5}?(?:that\s+)?"
                      r"(?:they|it|the\s+(?:group|movement|militia|organi[sz]ation)|(?:its|their)\s+(?:own\s+)?"
                      r"(?:fighters|forces|members|militants|units?|"
                      r"naval\s+forces|air\s+defen[cs]es|drones|missiles|rockets))\s+(?:had\s+|have\s+)?"
                      r"(?:fired|launched|targeted|attacked|struck|hit|carried\s+out|ambushed|shelled|bombed|downed|"
                      r"shot\s+down|detonated)\b", re.I)
_DENIED = re.compile(r"\bdenied\s+(?:responsibility|involvement)|\bdenies\b", re.I)


def attribution(sentence: str, attacker_known: bool, reported: bool = False) -> Attribution:
    """How the article links an attack to its attacker; a link someone else asserts is 'alleged'."""
    if _CLAIMED.search(sentence):
        return "claimed"
    if _DENIED.search(sentence):
        return "denied"
    if not attacker_known:
        return "unknown"
    return "alleged" if _ALLEGED.search(sentence) or reported else "confirmed"
