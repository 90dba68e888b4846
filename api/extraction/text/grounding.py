"""Grounding: find where a string the model wrote sits in the article, or say it does not.

Exact match first (nearest to the sentence the value is about), then case-, whitespace- and
quote-mark-insensitive, then fuzzy (rapidfuzz) above a threshold inside a window around the
sentence. A span is returned only when ``text[start:end]`` is a real slice; callers build
``Span(start, end, text[start:end])`` from it, so the grounding invariant holds by construction.
"""

from __future__ import annotations

import re

from rapidfuzz import fuzz

from schemas.contract import Span

FUZZY_MIN = 85.0
_QUOTES = {"’": "'", "‘": "'", "“": '"', "”": '"', "`": "'"}


def make_span(text: str, start: int, end: int) -> Span:
    """A Span of ``text[start:end]``; the only way spans are built in the pipeline."""
    if not 0 <= start < end <= len(text):
        raise ValueError(f"span {start}:{end} outside text of {len(text)} chars")
    return Span(start=start, end=end, text=text[start:end])


def _loose_pattern(needle: str) -> re.Pattern[str]:
    parts = []
    for ch in needle.strip():
        if ch.isspace():
            parts.append(r"\s+")
        elif ch in "'’‘`":
            parts.append("['’‘`]")
        elif ch in '"“”':
            parts.append('["“”]')
        else:
            parts.append(re.escape(ch))
    return re.compile("".join(parts).replace(r"\s+\s+", r"\s+"), re.IGNORECASE)


def _nearest(matches: list[tuple[int, int]], around: int) -> tuple[int, int] | None:
    return min(matches, key=lambda m: (m[0] > around, abs(m[0] - around))) if matches else None


def align(text: str, needle: str, around: int = 0, window: int = 2000) -> tuple[int, int] | None:
    """(start, end) of ``needle`` in ``text`` within ``window`` characters of ``around``, preferring the
    occurrence nearest before it."""
    needle = needle.strip()
    if len(needle) < 2:
        return None
    # only near the sentence: a far occurrence is weak grounding, and searching the whole of a long article
    # for every name would make the cost grow with the square of its length
    lo = max(0, around - window)
    hi = min(len(text), around + window)
    exact = [(m.start(), m.start() + len(needle)) for m in re.compile(re.escape(needle)).finditer(text, lo, hi)]
    if exact:
        return _nearest(exact, around)
    loose = [m.span() for m in _loose_pattern(needle).finditer(text, lo, hi)]
    if loose:
        return _nearest(loose, around)
    hay = text[lo:hi]
    if len(needle) < 4 or not hay:
        return None
    res = fuzz.partial_ratio_alignment(needle.lower(), hay.lower(), score_cutoff=FUZZY_MIN)
    if res is None or res.dest_end <= res.dest_start:
        return None
    s, e = lo + res.dest_start, lo + res.dest_end
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return (s, e) if e > s else None
