"""text/sentences: segmentation into sentences whose offsets always slice the original text."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from api.extraction.text.sentences import split_sentences

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


def test_a_page_that_lost_its_paragraph_breaks_still_splits_at_its_quotes() -> None:
    """'… to remark.“The next …' and '… province.”The ministry …': punctuation and a curly quote glued to a capital."""
    text = ("The ministry went on to remark.“The attacks coincide with raids,” it said.”The ministry stressed that "
            "“they must stop.”Five people were killed. The U.S.”Then")
    assert [s.text for s in split_sentences(text)] == [
        "The ministry went on to remark.", "“The attacks coincide with raids,” it said.”",
        "The ministry stressed that “they must stop.”", "Five people were killed.", "The U.S.”Then"]
