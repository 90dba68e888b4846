"""Event-date normalisation: news conventions against the publication date, offsets, robustness."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from api.extraction.normalize.dates import Precision, find_date, resolve

WED = dt.date(2022, 8, 24)  # a Wednesday


@pytest.mark.parametrize(
    ("sentence", "phrase", "value", "precision"),
    [
        ("The strike happened on Tuesday.", "on Tuesday", "2022-08-23", "day"),
        ("Rockets fell on Wednesday.", "on Wednesday", "2022-08-24", "day"),
        ("Sirens sounded Tuesday night.", "Tuesday night", "2022-08-23", "day"),
        ("Jets struck late on Tuesday.", "late on Tuesday", "2022-08-23", "day"),
        ("Jets struck early Wednesday.", "early Wednesday", "2022-08-24", "day"),
        ("A drone hit the base Tuesday evening.", "Tuesday evening", "2022-08-23", "day"),
        ("Talks collapsed on Thursday.", "on Thursday", "2022-08-18", "day"),
        ("Talks collapsed last Wednesday.", "last Wednesday", "2022-08-17", "day"),
        ("He spoke today.", "today", "2022-08-24", "day"),
        ("Shelling resumed earlier today.", "earlier today", "2022-08-24", "day"),
        ("Shelling resumed this morning.", "this morning", "2022-08-24", "day"),
        ("Strikes are expected tonight.", "tonight", "2022-08-24", "day"),
        ("Shelling resumed yesterday.", "yesterday", "2022-08-23", "day"),
        ("Shelling resumed last night.", "last night", "2022-08-23", "day"),
        ("Two rockets fell two days ago.", "two days ago", "2022-08-22", "day"),
        ("Talks began last week.", "last week", "2022-08", "month"),  # (Aug 15-21)
        # the last weekend before publication (a Wednesday): which of its two days is not said, so its month
        ("Jets struck the port over the weekend.", "over the weekend", "2022-08", "month"),
        ("The raid on August 15 killed six.", "August 15", "2022-08-15", "day"),
        ("The raid on Aug. 15 killed six.", "Aug. 15", "2022-08-15", "day"),
        ("The raid on 15 August killed six.", "15 August", "2022-08-15", "day"),
        ("The truce began Jan. 20.", "Jan. 20", "2022-01-20", "day"),
        ("A summit is set for September 1.", "September 1", "2022-09-01", "day"),
        ("The embassy closed Dec. 25.", "Dec. 25", "2021-12-25", "day"),
        ("The strike on February 26, 2021 hit Syria.", "February 26, 2021", "2021-02-26", "day"),
        ("On Tuesday, August 23, drones hit the port.", "August 23", "2022-08-23", "day"),
        ("Clashes erupted in June 2023.", "in June 2023", "2023-06", "month"),
        ("Clashes erupted in June last year.", "in June last year", "2021-06", "month"),
        ("Clashes erupted last June.", "last June", "2022-06", "month"),
        ("Clashes erupted last August.", "last August", "2021-08", "month"),
        ("Clashes erupted in mid-March.", "mid-March", "2022-03", "month"),
        ("Clashes erupted in September.", "in September", "2021-09", "month"),
        ("Talks stalled last month.", "last month", "2022-07", "month"),
        ("The group was founded in 2019.", "in 2019", "2019", "year"),
        ("It was Hezbollah's 2006 war.", "2006", "2006", "year"),
    ],
)
def test_find_date_conventions(sentence: str, phrase: str, value: str | None, precision: Precision) -> None:
    """find_date picks the expression and resolves it by news conventions against a Wednesday publication."""
    m = find_date(sentence, WED)
    assert m is not None
    assert (sentence[m.start : m.end], m.value, m.precision) == (phrase, value, precision)


@pytest.mark.parametrize(
    ("phrase", "published", "expected"),
    [
        ("Jan. 5", dt.date(2022, 12, 28), ("2023-01-05", "day")),
        ("Dec. 30", dt.date(2023, 1, 3), ("2022-12-30", "day")),
        ("Feb. 29", dt.date(2022, 8, 24), ("2020-02-29", "day")),
        ("February 30, 2021", WED, (None, "unknown")),
        ("on Sunday", dt.date(2022, 8, 21), ("2022-08-21", "day")),
        ("last Sunday", dt.date(2022, 8, 21), ("2022-08-14", "day")),
        ("in December", dt.date(2023, 1, 3), ("2022-12", "month")),
        ("nothing here", WED, (None, "unknown")),
        # "last week": no day, the month its Monday-to-Sunday lies in, else the year (else nothing)
        ("last week", dt.date(2021, 5, 19), ("2021-05", "month")),
        ("last week", dt.date(2021, 9, 8), ("2021", "year")),
        ("last week", dt.date(2021, 1, 4), (None, "unknown")),
        ("this week", dt.date(2021, 5, 19), ("2021-05", "month")),
        ("last weekend", dt.date(2021, 5, 19), ("2021-05", "month")),
    ],
)
def test_resolve_edges(phrase: str, published: dt.date, expected: tuple[str | None, Precision]) -> None:
    """resolve handles year roll-over, leap days, invalid dates and the publication day's own weekday."""
    assert resolve(phrase, published) == expected


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("on Tuesday", (None, "unknown")),
        ("yesterday", (None, "unknown")),
        ("August 15", (None, "unknown")),
        ("last June", (None, "unknown")),
        ("mid-March", (None, "unknown")),
        ("February 26, 2021", ("2021-02-26", "day")),
        ("June 2023", ("2023-06", "month")),
        ("in 2019", ("2019", "year")),
    ],
)
def test_resolve_without_publication_date(phrase: str, expected: tuple[str | None, Precision]) -> None:
    """Without a publication date only expressions carrying their own year resolve."""
    assert resolve(phrase, None) == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "The ceasefire may be extended.",
        "Thousands joined a march in the capital.",
        "Theresa May said the talks would continue.",
        "March organisers said 1,200 people attended.",
        "",
    ],
)
def test_find_date_ignores_false_dates(sentence: str) -> None:
    """Month words used as verbs, nouns or names, and plain numbers, are not dates."""
    assert find_date(sentence, WED) is None


def test_find_date_prefers_most_specific() -> None:
    """A calendar date beats a weekday, which beats a month, wherever they sit in the sentence."""
    sentence = "Officials said in June that on Tuesday the convoy left, a day before the Aug. 24 strike."
    m = find_date(sentence, WED)
    assert m is not None and sentence[m.start : m.end] == "Aug. 24" and m.value == "2022-08-24"


@settings(max_examples=300, deadline=None)
@given(st.text(), st.one_of(st.none(), st.dates()))
def test_find_date_never_raises_on_arbitrary_text(text: str, published: dt.date | None) -> None:
    """find_date accepts any Unicode text and any publication date and returns in-bounds offsets."""
    m = find_date(text, published)
    if m is not None:
        assert 0 <= m.start < m.end <= len(text)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.sampled_from(["on", "last", "Tuesday", "Aug.", "15", "2021", ",", "June", "mid-", "ago", "days"]),
    ).map(" ".join),
    st.one_of(st.none(), st.dates()),
)
def test_find_date_never_raises_on_date_soup(text: str, published: dt.date | None) -> None:
    """find_date survives dense mixtures of date words, even at the edges of the calendar."""
    m = find_date(text, published)
    if m is not None:
        assert 0 <= m.start < m.end <= len(text)
        assert m.value is None or m.precision != "unknown"
