"""The country an article is about, for the strikes and attacks whose own words name no country.

An analyst's table needs a country on every row. When nearly all the places an article's sentences put anything
in lie in one country ("in Syria" in the headline, "in Idlib", "near Aleppo", "in Hama" in the body), an event the
article tells without a place of its own ("Regime jets killed four people in the village of X") happened there.
The country is marked as read from the article (``Place.inferred``), and it points to where the article names
that country. An event at sea has no country; nor does one in an article whose places spread over several
countries.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import TypeVar

from api.extraction.rules.gazetteer import Gazetteer
from api.extraction.rules.places import location
from api.extraction.text.grounding import make_span
from api.extraction.text.sentences import split_sentences
from schemas.contract import Attack, Place, Strike

E = TypeVar("E", Strike, Attack)
SHARE = 0.6  # the part of the article's sentences naming a place that must name one in the country
# words of an event at sea: no country is where it happened
_AT_SEA = re.compile(r"\b(?:sea|gulf|strait|ocean|ships?|vessels?|tankers?|carriers?|freighters?|waters)\b", re.I)


@dataclass(frozen=True, slots=True)
class Country:
    name: str
    code: str | None
    start: int  # where the article first names it
    end: int


def article_country(text: str, gaz: Gazetteer) -> Country | None:
    """The country most of the article's sentences put their place in (at least ``SHARE`` of those that name one,
    and two sentences or more), where the article names it; None when the places spread over several countries, or
    the article never names the country."""
    counts: Counter[str] = Counter()
    for s in split_sentences(text):
        where = location(s.text, gaz)  # (the place a locative word introduces: "US forces" is no place)
        if where is not None and where.country:
            counts[where.country] += 1
    if not counts:
        return None
    top, n = counts.most_common(1)[0]
    if n < 2 or n < SHARE * sum(counts.values()):
        return None
    named = next((f for f in gaz.find_places(text) if f.entry.kind == "country" and f.entry.name == top), None)
    if named is None:
        return None
    return Country(top, named.entry.country_code, named.start, named.end)


def with_country(events: list[E], country: Country | None, text: str) -> list[E]:
    """Each event with no country of its own given the article's: a place with a name and no country takes its
    country code; an event with no place at all, and not at sea, takes the country as its place."""
    if country is None:
        return events
    out = []
    for e in events:
        place = e.location
        if place is not None and place.country is None and place.name != country.name and not _at_sea(e):
            place = place.model_copy(update={"country": country.name, "country_code": country.code, "inferred": True})
        elif place is None and not _at_sea(e):
            place = Place(text=text[country.start : country.end], span=make_span(text, country.start, country.end),
                          name=country.name, country=country.name, country_code=country.code, inferred=True)
        out.append(e.model_copy(update={"location": place}) if place is not e.location else e)
    return out


def _at_sea(e: Strike | Attack) -> bool:
    return any(_AT_SEA.search(span.text) for span in e.evidence)
