"""text/quotes: the longest quoted run of a sentence, and a quotation left open into the next one."""

from __future__ import annotations

import pytest

from api.extraction.text.quotes import find_quote, opens_quote


@pytest.mark.parametrize(
    ("sentence", "quote"),
    [
        ("He denied a link between those ‘popular fighters’ and Tehran.", "popular fighters"),
        ("Iran’s envoy said “we will respond” on Monday.", "we will respond"),
        ('"The sites had no links to us," the minister said.', "The sites had no links to us,"),
        ("Iran’s envoy spoke at the UN’s headquarters.", None),
    ],
)
def test_quote_is_the_words_inside_the_marks(sentence: str, quote: str | None) -> None:
    """The quote is the longest run between matching marks; apostrophes in words are not quotes."""
    q = find_quote(sentence)
    assert (sentence[q[0] : q[1]] if q else None) == quote


def test_an_opened_quote_runs_to_the_end_of_the_sentence() -> None:
    """A quotation mark with no closing one quotes the rest of the sentence (a quote over several sentences)."""
    sentence = "The minister said: “We will respond to every attack."
    q = find_quote(sentence)
    assert q is not None and sentence[q[0] : q[1]] == "We will respond to every attack."


@pytest.mark.parametrize(("sentence", "left_open"), [
    ("He said: “We will respond.", True),
    ("He said: “We will respond.”", False),
    ('He said: "We will respond.', True),
    ('He said: "We will respond."', False),
    ("Iran’s envoy spoke.", False),
])
def test_opens_quote(sentence: str, left_open: bool) -> None:
    """An unmatched opening double quotation mark (curly or straight) leaves the quote open."""
    assert opens_quote(sentence) is left_open
