"""text/patterns: word_start tries a word list only where a word starts with one of its first letters."""

from __future__ import annotations

import re

import pytest

from api.extraction.text.patterns import alternatives, word_start


def test_alternatives_split_only_at_the_top_level() -> None:
    """Bars inside groups and character classes do not split an alternation."""
    assert alternatives("a|b(?:c|d)|[|)]e") == ["a", "b(?:c|d)", "[|)]e"]


def test_an_unbalanced_pattern_is_refused() -> None:
    """A closing parenthesis with no opening one is a ValueError, not a silent cut."""
    with pytest.raises(ValueError, match="unbalanced"):
        alternatives("said)|says")


@pytest.mark.parametrize("words", [
    r"said|says|called\s+(?:on|for)|according\s+to",
    r"(?:death\s+toll|toll)|killed|dead",
    r"(?P<k>killed|dead)|(?P<i>wounded|hurt)",
])
def test_word_start_finds_the_same_matches(words: str) -> None:
    """The written-for-speed pattern matches exactly where the plain ``\\b(?:…)`` one does."""
    text = "He said the toll rose; officials says 12 killed, others dead, several wounded, calls on, called on them"
    fast = re.compile(word_start(words) + r"\b", re.I)
    plain = re.compile(rf"\b(?:{words})\b", re.I)
    assert [m.span() for m in fast.finditer(text)] == [m.span() for m in plain.finditer(text)]


def test_word_start_refuses_what_it_cannot_read() -> None:
    """An alternative that starts with an escape or a class is refused: its first letter is unknown."""
    with pytest.raises(ValueError, match="cannot tell which letter"):
        word_start(r"\bsaid|says")
