"""Coordinates, admin area, kind and precision codes of each reported place, from the `geo` of data/places.yaml.

The `geo` mappings are written at build time by scripts/enrich_places.py (GeoNames, ISO 3166-2, a hand
table of sites); nothing here reaches a package or the network. A place whose text is introduced by
"near", "outside", "the outskirts of" or "N km north of" is ``near`` that place, and its precision is
one step coarser.

Precision codes:
- ACLED ``geo_precision``: 1 the town or site itself; 2 near a town, or a district; 3 a province,
  region, sea or only the country.
- UCDP GED ``where_prec``: 1 the exact place; 2 within about 25 km of it ("near"); 3 a second-order
  admin unit (district); 4 a first-order one (province); 5 a part of a country or a linear feature
  (region, river, valley); 6 only the country; 7 international waters (a sea).
"""

from __future__ import annotations

import functools
import re
from pathlib import Path
from typing import Any

import yaml

from schemas.contract import Attack, CasualtyReport, ExtractResponse, Place, Strike

DATA = Path(__file__).resolve().parents[2] / "data" / "places.yaml"
ACLED_PRECISION = {"site": 1, "town": 1, "district": 2, "province": 3, "region": 3, "sea": 3, "country": 3}
UCDP_PRECISION = {"site": 1, "town": 1, "district": 3, "province": 4, "region": 5, "sea": 7, "country": 6}
_NEAR = re.compile(
    r"(?:\bnear(?:by)?|\boutside(?:\s+of)?|\boutskirts\s+of|\bclose\s+to|\bedge\s+of|\bvicinity\s+of|\baround|"
    r"\b(?:\d+|a\s+few|several)\s*(?:km|kilometres|kilometers|miles)\s+(?:\w+\s+)?(?:north|south|east|west)\w*\s+of|"
    r"\b(?:north|south|east|west)(?:-?(?:east|west))?\s+of)"
    r"(?:\s+the)?(?:\s+(?:town|city|village|camp|area|district|province)\s+of)?\s*$", re.I)


@functools.cache
def geo_table(path: Path = DATA) -> dict[str, dict[str, Any]]:
    """Place name → its `geo` mapping (read once per process)."""
    entries = yaml.safe_load(path.read_text(encoding="utf-8"))
    return {e["name"]: e.get("geo") or {} for e in entries}


def is_near(text: str, place: Place) -> bool:
    """True when the article puts the event near the place rather than in it."""
    return place.span is not None and bool(_NEAR.search(text[max(0, place.span.start - 40) : place.span.start]))


def enrich_place(text: str, place: Place) -> None:
    """Fill the place's optional geographic fields in place (nothing for a name the gazetteer lacks)."""
    geo = geo_table().get(place.name)
    if not geo:
        return
    kind, near = geo.get("kind"), is_near(text, place)
    place.kind, place.near = kind, near
    place.lat, place.lon, place.geonames_id = geo.get("lat"), geo.get("lon"), geo.get("geonames_id")
    place.admin1, place.admin1_code, place.geo_source = geo.get("admin1"), geo.get("admin1_code"), geo.get("source")
    if kind in ACLED_PRECISION:
        point = kind in {"site", "town"}
        place.geo_precision = 2 if point and near else ACLED_PRECISION[kind]
        place.where_prec = 2 if point and near else UCDP_PRECISION[kind]


def enrich_places(text: str, response: ExtractResponse) -> None:
    """Every event location of the response, enriched."""
    events: list[Strike | Attack | CasualtyReport] = [*response.strikes, *response.attacks, *response.casualty_reports]
    for ev in events:
        if ev.location is not None:
            enrich_place(text, ev.location)
