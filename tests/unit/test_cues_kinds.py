"""Lexical cues: quotations, weapons, attribution and statement kinds."""

from __future__ import annotations

import pytest

from api.extraction.cues import attack_weapon, attribution, find_quote, sentence_cues, strike_weapon
from api.extraction.kinds import statement_kind


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


def test_open_quote_continues_into_next_sentence() -> None:
    """Inside a quotation opened earlier, the sentence up to the closing mark is the quote."""
    cues = sentence_cues("We will not stop.” the commander added.", in_open_quote=True)
    assert cues.quote == (0, 17)


@pytest.mark.parametrize(
    ("sentence", "weapon"),
    [
        ("US warplanes struck depots.", "airstrike"),
        ("A drone strike hit a car.", "drone"),
        ("Artillery shelled the village.", "artillery"),
        ("The ministry said talks continue.", None),
    ],
)
def test_strike_weapon(sentence: str, weapon: str | None) -> None:
    """Strike weapons come from a closed keyword map; no keyword, no weapon."""
    assert strike_weapon(sentence) == weapon


def test_attack_weapon_and_attribution() -> None:
    """Roadside bombs are IEDs; 'allegedly' marks an alleged attribution, a claim marks claimed."""
    assert attack_weapon("A roadside bomb hit the convoy.") == "ied"
    assert attribution("Drones allegedly launched by militias hit the base.", True) == "alleged"
    assert attribution("The group claimed responsibility for the attack.", True) == "claimed"
    assert attribution("Rockets hit the base.", False) == "unknown"
    assert attribution("Militias attacked the base.", True) == "confirmed"


@pytest.mark.parametrize(
    ("sentence", "kind"),
    [
        ("The ministry strongly condemned the strikes.", "condemnation"),
        ("He denied any involvement in the attack.", "denial"),
        ("She called on foreign troops to leave the country.", "demand"),
        ("The group warned of a harsh reply.", "threat"),
        ("The strikes were necessary to protect our personnel, he said.", "justification"),
        ("The monitor said the convoy carried weapons.", "claim"),
    ],
)
def test_statement_kind(sentence: str, kind: str) -> None:
    """Statement kinds follow a closed verb lexicon, falling back to 'claim'."""
    assert statement_kind(sentence) == kind
