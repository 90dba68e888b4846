"""Sentence segmentation and span alignment: offsets always slice the original text."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from api.extraction.align import align, make_span
from api.extraction.segment import split_sentences

ARTICLE = (
    "BEIRUT (Wire) – Israeli jets struck a depot near Tyre on Sunday, the army said.\r\n\r\n"
    "The U.S. State Department urged restraint. Col. Jane Roe said: “We will respond.” 😀 Officials "
    "in Gen. Smith’s office declined to comment.\nمرحبا بالعالم. Café naïve test."
)


def test_sentences_slice_the_text_exactly() -> None:
    """Every sentence's text equals text[start:end], CRLF and emoji included."""
    for s in split_sentences(ARTICLE):
        assert ARTICLE[s.start : s.end] == s.text
        assert s.text == s.text.strip()


def test_abbreviations_do_not_split() -> None:
    """'U.S.', 'Col.' and 'Gen.' do not end a sentence; a full stop before a capital does."""
    texts = [s.text for s in split_sentences(ARTICLE)]
    assert "The U.S. State Department urged restraint." in texts
    assert any(t.startswith("Col. Jane Roe said") for t in texts)
    assert any("Gen. Smith’s office" in t for t in texts)


def test_line_breaks_split_headlines_from_body() -> None:
    """A headline line without final punctuation is its own sentence."""
    text = "Jets strike depot near Tyre\n\nIsraeli jets struck a depot on Sunday."
    assert [s.text for s in split_sentences(text)] == ["Jets strike depot near Tyre",
                                                       "Israeli jets struck a depot on Sunday."]


def test_a_leading_date_field_is_its_own_segment() -> None:
    """A page's "date YYYY-MM-DD" field glued to the first sentence is split off; in prose it is not."""
    text = " date 2021-05-02 Gunmen attacked a checkpoint near the river.\nIt was up to date 2021-05-02 then."
    assert [s.text for s in split_sentences(text)] == [
        "date 2021-05-02", "Gunmen attacked a checkpoint near the river.", "It was up to date 2021-05-02 then."]


def test_run_on_sentences_are_wrapped() -> None:
    """A sentence longer than the limit is cut into pieces that still slice the text."""
    text = "word, " * 600 + "end."
    parts = split_sentences(text)
    assert len(parts) > 1
    assert all(text[p.start : p.end] == p.text and len(p.text) <= 1200 for p in parts)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=400))
def test_segmentation_offsets_hold_for_any_unicode(text: str) -> None:
    """For arbitrary Unicode (RTL, combining marks, NUL, CRLF), sentence offsets slice the text."""
    for s in split_sentences(text):
        assert text[s.start : s.end] == s.text


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
