"""Sentence segmentation with code point offsets, tuned for news copy.

Splits on blank-line/line breaks and on sentence punctuation followed by a capital, a digit or an
opening quote, but not after abbreviations ("U.S.", "Col.", "Jan.") or initials. Every sentence is a
``(start, end)`` slice of the original text with surrounding whitespace trimmed, so
``text[s.start:s.end] == s.text`` always holds.
"""

from __future__ import annotations

import re
import string
from collections.abc import Callable
from dataclasses import dataclass

_ABBREV = {
    "mr", "mrs", "ms", "dr", "prof", "gen", "lt", "col", "maj", "capt", "sgt", "cpl", "adm", "gov", "sen",
    "rep", "st", "no", "vs", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov",
    "dec", "inc", "corp", "ltd", "co", "jr", "sr", "brig", "cmdr", "rev", "fig", "approx", "est", "mt",
}
# candidate boundary: terminal punctuation (+ closing quotes/brackets), whitespace, then an opener
# (or none where a copied page lost its paragraph break: 'to remark.“The hostile …', '… province.”The ministry')
_BOUNDARY = re.compile(r"([.!?…]+[\"”’')\]]*)(\s+|(?<=[.!?…]”)(?=[A-Z])|(?<=[.!?…])(?=“[A-Z]))"
                       r"(?=[\"“‘'(\[]?[A-Z0-9\u0600-\u06FF])")
# line breaks, and chat-template tags an article may carry (prompt injection): never part of a sentence
# and the end of a page's "date 2024-03-15" metadata field, which copied pages glue to the first sentence
_LINEBREAK = re.compile(r"\s*(?:\n|<\|[^|<>\s]{1,24}\|>|</?s>|\[/?INST\]|<</?SYS>>|"
                        r"(?m:(?<=^date \d{4}-\d{2}-\d{2})|(?<=^ date \d{4}-\d{2}-\d{2}))(?=\s))\s*")
_WORD_BEFORE = re.compile(r"([A-Za-z][A-Za-z.]*)$")
_LETTERS_AND_DOTS = string.ascii_letters + ".\n"  # (and a final line break, before which "$" also matches)
MAX_SENTENCE = 1200


@dataclass(frozen=True, slots=True)
class Sentence:
    index: int
    start: int
    end: int
    text: str


def _is_abbreviation(chunk: str) -> bool:
    chunk = chunk.rstrip(".!?…\"”’')]")
    # the word is in the run of letters and dots that ends the chunk: the search need not start any earlier
    m = _WORD_BEFORE.search(chunk, len(chunk.rstrip(_LETTERS_AND_DOTS)))
    if not m:
        return False
    word = m.group(1)
    if "." in word:  # U.S, U.N, e.g, a.m
        return True
    return (len(word) == 1 and word.isupper()) or word.lower() in _ABBREV


def _split_line(text: str, start: int, end: int) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    cur = start
    for m in _BOUNDARY.finditer(text, start, end):
        cut = m.end(1)
        if _is_abbreviation(text[cur:cut]):
            continue
        out.append((cur, cut))
        cur = m.end(2)
    out.append((cur, end))
    return out


def _hard_wrap(start: int, end: int, text: str) -> list[tuple[int, int]]:
    """Split a run-on sentence longer than MAX_SENTENCE at '; ' or ', ' near the limit."""
    out = []
    while end - start > MAX_SENTENCE:
        window = text[start : start + MAX_SENTENCE]
        cut = max(window.rfind("; "), window.rfind(", "))
        cut = cut + 1 if cut > MAX_SENTENCE // 3 else MAX_SENTENCE
        out.append((start, start + cut))
        start += cut
    out.append((start, end))
    return out


def split_sentences(text: str, offset: int = 0, end: int | None = None) -> list[Sentence]:
    """Sentences of ``text[offset:end]`` with absolute offsets, whitespace-trimmed, empty ones dropped."""
    end = len(text) if end is None else end
    spans: list[tuple[int, int]] = []
    line_start = offset
    for m in _LINEBREAK.finditer(text, offset, end):
        spans.extend(_split_line(text, line_start, m.start()))
        line_start = m.end()
    spans.extend(_split_line(text, line_start, end))
    out: list[Sentence] = []
    for s, e in spans:
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e - s < 2:
            continue
        for a, b in _hard_wrap(s, e, text):
            out.append(Sentence(len(out), a, b, text[a:b]))
    return out


def rejoin(sentences: list[Sentence], text: str, names: Callable[[str], list[tuple[int, int]]]) -> list[Sentence]:
    """Join sentences split at a line break that falls inside a name ("the Popular\\n\\nMobilization Forces"),
    as copied web text often has. ``names(snippet)`` gives the (start, end) of the known names in a snippet."""
    out: list[Sentence] = []
    for s in sentences:
        prev = out[-1] if out else None
        if prev is not None and "\n" in text[prev.end : s.start] and text[prev.end - 1] not in ".!?:;”\"'’)":
            lo = max(prev.start, prev.end - 60)
            if any(a + lo < prev.end and b + lo > s.start for a, b in names(text[lo : s.start + 60])):
                out[-1] = Sentence(prev.index, prev.start, s.end, text[prev.start : s.end])
                continue
        out.append(Sentence(len(out), s.start, s.end, s.text))
    return out
