"""Towns the gazetteer does not list, named with their kind of place ("the village of X", "X district")."""

from __future__ import annotations

import pytest

from api.extraction.rules.gazetteer import Gazetteer
from api.extraction.rules.places import location
from api.extraction.rules.unlisted_places import unlisted_place

GAZ = Gazetteer.load()


@pytest.mark.parametrize(
    ("sentence", "name", "country"),
    [
        ("Strikes hit the northern town of Korvel in Syria on Sunday.", "Korvel", "Syria"),
        ("Gunmen attacked a police post in Pakistan's Darvan district.", "Darvan", "Pakistan"),
        ("A drone hit a car near the village of Umm Tarsa.", "Umm Tarsa", None),
    ],
)
def test_a_town_named_by_its_kind_beats_the_country(sentence: str, name: str, country: str | None) -> None:
    """A town the gazetteer lacks, named as a town, is the event's place, in the country the sentence names."""
    where = location(sentence, GAZ)
    assert where is not None and (where.name, where.country) == (name, country)
    assert sentence[where.start : where.end] == name


@pytest.mark.parametrize(
    ("sentence", "name", "country"),
    [
        ("The raid hit a camp near the town of Korvel in the eastern province of Deir ez-Zor.", "Korvel", "Syria"),
        ("Gunmen stormed a post in Darvan, some 40 kilometers (25 miles) west of Aleppo.", "Darvan", "Syria"),
        ("Jets struck a house in Umm Tarsa near Hama on Monday.", "Umm Tarsa", "Syria"),
        ("A drone hit a car in Tyre near the coast.", "Tyre", "Lebanon"),  # (a known town stays)
    ],
)
def test_a_town_before_the_known_place_that_locates_it_is_the_place(sentence: str, name: str,
                                                                    country: str | None) -> None:
    """The known place after the town only says where the town is: in its province, how far from a city, near it."""
    where = location(sentence, GAZ)
    assert where is not None and (where.name, where.country) == (name, country)


@pytest.mark.parametrize(
    ("sentence", "name"),
    [
        ("The missile struck the tanker in the Red Sea off Hodeidah.", "Red Sea"),
        ("A bulk carrier was hit 60 nautical miles west of Aden in the Gulf of Aden.", "Gulf of Aden"),
        ("Jets struck Hodeidah port on the Red Sea coast.", "Port of Hodeidah"),  # (on land: the port)
    ],
)
def test_at_sea_a_coast_that_only_says_where_on_the_sea_is_not_the_place(sentence: str, name: str) -> None:
    where = location(sentence, GAZ)
    assert where is not None and where.name == name


def test_a_listed_city_is_kept() -> None:
    """A city the gazetteer knows stays the place; the fallback does not replace it."""
    where = location("Jets struck a depot in the city of Aleppo on Monday.", GAZ)
    assert where is not None and where.name == "Aleppo"


def test_a_bare_name_after_a_locative_that_ends_its_phrase_is_a_town() -> None:
    """"carried out in Mir Ali, where …", "a house in Taftanaz on Monday": an unknown name after "in", closed by
    punctuation or a clause word, is a town; a month, a body or a name the gazetteer reads otherwise is not."""
    found = unlisted_place("An operation was carried out in Mir Ali, where troops killed six.", GAZ)
    assert found is not None and found[2] == "Mir Ali"
    found = unlisted_place("Forces shelled a house in Taftanaz on Monday.", GAZ)
    assert found is not None and found[2] == "Taftanaz"
    assert unlisted_place("The minister spoke in Parliament on Monday.", GAZ) is None
    assert unlisted_place("The strikes began in March, officials said.", GAZ) is None
