"""text/grounding: a name or quote found again in the text, as offsets that slice it exactly."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from api.extraction.text.grounding import align, make_span


def test_align_prefers_occurrence_nearest_before() -> None:
    """Of several exact occurrences, the one nearest before the anchor is chosen."""
    text = "Kanaani spoke. Later Kanaani said more. Kanaani left."
    assert align(text, "Kanaani", around=30) == (21, 28)


def test_align_is_quote_and_case_insensitive() -> None:
    """Curly versus straight apostrophes and case differences still align to the article's characters."""
    text = "He named Kata’ib Hezbollah as responsible."
    where = align(text, "kata'ib hezbollah")
    assert where is not None and text[where[0] : where[1]] == "Kata’ib Hezbollah"


def test_align_fuzzy_and_refusal() -> None:
    """A near spelling aligns fuzzily; an absent name is refused (None), never guessed."""
    text = "Iranian spokesman Nasser Kanaani condemned the strikes."
    where = align(text, "Nasser Kanani", around=10)
    assert where is not None and "Kana" in text[where[0] : where[1]]
    assert align(text, "Lloyd Austin") is None


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200), st.text(min_size=1, max_size=20), st.integers(0, 300))
def test_align_result_is_always_a_slice(text: str, needle: str, around: int) -> None:
    """Whatever align returns is an in-bounds slice, and make_span of it satisfies the invariant."""
    where = align(text, needle, around)
    if where is not None:
        span = make_span(text, *where)
        assert text[span.start : span.end] == span.text


def test_make_span_rejects_out_of_bounds() -> None:
    """A span outside the text is a bug and raises instead of producing an ungrounded span."""
    with pytest.raises(ValueError, match="outside"):
        make_span("abc", 2, 5)
