"""Verbs of speech: which sentences report what someone said, the cue that picks sentences worth asking
the model about.

Lexicons describe how conflict news is written (verbs of speech, of striking, of attacking), not
the names in any particular article. They decide *which* questions the model gets; the model
decides the answers.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from api.extraction.text.patterns import word_start
from api.extraction.text.quotes import find_quote
from api.extraction.words import WORDS, alternation

SPEECH = re.compile(word_start(alternation(WORDS.speech_verbs)) + r"\b", re.IGNORECASE)  # data/words.yaml


@functools.lru_cache(maxsize=4096)
def speech_words(sentence: str) -> tuple[re.Match[str], ...]:
    """Every match of SPEECH in the sentence. Cached: the cues and the speaker rules both read them."""
    return tuple(SPEECH.finditer(sentence))


@dataclass(frozen=True, slots=True)
class Cues:
    speech: bool
    quote: tuple[int, int] | None  # offsets of the quoted words inside the sentence


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


_NOUNS = re.compile(r"^(?:statement|spokes(?:man|person|woman)|reports?)$", re.I)


@functools.lru_cache(maxsize=4096)
def speech_verbs(sentence: str) -> tuple[re.Match[str], ...]:
    """The verbs of speech (not nouns such as 'statement', nor capitalised words mid-sentence: 'Rodi Said').
    Cached: the rules ask it of the same sentence several times."""
    return tuple(m for m in speech_words(sentence)
                 if not _NOUNS.match(m.group(0)) and (m.start() == 0 or not m.group(0)[0].isupper())
                 and not _DETERMINER_BEFORE.search(sentence, max(0, m.start() - 12), m.start()))


# a word of speech after a determiner is a noun: "these claims", "the reports", "his statement"
_DETERMINER_BEFORE = re.compile(r"\b(?:the|these|those|such|his|her|its|their|our|a|an|this)\s+$", re.I)


# "In a statement, the presidency called the fighting unacceptable": the subject's verb after it is its speech
STATEMENT_OPENING = re.compile(r"^\W*In\s+(?:a|an|its|their|his|her|the)\s+(?:[\w-]+\s+)?(?:statement|"
                               r"communiqu[ée]|post|tweet|speech|address)(?:\s+on\s+\w+)?\s*,", re.I)
_IN_A_STATEMENT = re.compile(STATEMENT_OPENING.pattern + r"\s*(?:[\w’'.-]+\s+){1,6}?"
                             r"(?-i:(?P<v>[a-z]+ed|said|says|wrote|told))\b", re.I)
_WORD = re.compile(r"\w+")


def speech_verb(sentence: str) -> re.Match[str] | None:
    """The first verb of speech outside the quoted words, else the first: in '"Iran condemns this raid," the
    ministry said' the ministry speaks, and "condemns" is its words. With none, the verb a sentence opening "In a
    statement, …" gives its subject."""
    verbs = speech_verbs(sentence)
    if not verbs:
        framed = _IN_A_STATEMENT.match(sentence)
        return _WORD.match(sentence, framed.start("v")) if framed is not None else None
    quote = find_quote(sentence) if len(verbs) > 1 else None
    if quote is not None:
        outside = [v for v in verbs if not quote[0] <= v.start() < quote[1]]
        return outside[0] if outside else verbs[0]
    return verbs[0] if verbs else None
