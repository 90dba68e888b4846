"""UCDP GED-style CSV: one row per strike or attack, in the column order of the GED download.

UCDP's own ids (conflict, dyad, side ids, ``relid``) exist only in UCDP's database: they stay empty,
and ``id`` is the event's ``uid``. ``country_id`` is the Gleditsch–Ward code UCDP uses. Mappings: docs/exports.md.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import IO

from api.export.events import Violent, write_csv
from schemas.contract import ExtractResponse, Mention

COLUMNS = (
    "id", "relid", "year", "active_year", "code_status", "type_of_violence", "conflict_dset_id", "conflict_new_id",
    "conflict_name", "dyad_dset_id", "dyad_new_id", "dyad_name", "side_a_dset_id", "side_a_new_id", "side_a",
    "side_b_dset_id", "side_b_new_id", "side_b", "number_of_sources", "source_article", "source_office",
    "source_date", "source_headline", "source_original", "where_prec", "where_coordinates", "where_description",
    "adm_1", "adm_2", "latitude", "longitude", "geom_wkt", "priogrid_gid", "country", "country_id", "region",
    "event_clarity", "date_prec", "date_start", "date_end", "deaths_a", "deaths_b", "deaths_civilians",
    "deaths_unknown", "best", "high", "low",
)
STATE, NON_STATE, ONE_SIDED = 1, 2, 3
DATE_PREC = {"day": 1, "published": 2, "month": 4, "year": 5}
# Gleditsch–Ward country codes of the countries in data/places.yaml (UCDP codes Palestine under Israel)
GW = {
    "US": 2, "GB": 200, "FR": 220, "DE": 255, "IT": 325, "GR": 350, "CY": 352, "RU": 365, "UA": 369, "AZ": 373,
    "SO": 520, "DJ": 522, "ER": 531, "LY": 620, "SD": 625, "IR": 630, "TR": 640, "IQ": 645, "EG": 651, "SY": 652,
    "LB": 660, "JO": 663, "IL": 666, "PS": 666, "SA": 670, "YE": 679, "KW": 690, "BH": 692, "QA": 694, "AE": 696,
    "OM": 698, "AF": 700, "CN": 710, "IN": 750, "PK": 770,
}


def region(gw: int | None) -> str:
    """UCDP region of a Gleditsch–Ward code."""
    if gw is None:
        return ""
    return "Americas" if gw < 200 else "Europe" if gw < 400 else "Africa" if gw < 630 else \
        "Middle East" if gw < 700 else "Asia"


def priogrid(lat: float, lon: float) -> int:
    """PRIO-GRID cell id (0.5° cells, numbered row by row from the south-west corner, 720 to a row)."""
    row, col = math.floor((lat + 90) / 0.5) + 1, math.floor((lon + 180) / 0.5) + 1
    return (row - 1) * 720 + col


def _is_state(m: Mention | None) -> bool:
    return m is not None and m.actor_kind in {"state_force", "government"}


def violence_type(v: Violent) -> int:
    """1 state-based (a state's forces on one side), 2 non-state (armed groups on both), 3 one-sided (civilians)."""
    if v.civilian_target:
        return ONE_SIDED
    if _is_state(v.actor) or _is_state(v.target):
        return STATE
    return NON_STATE


def sides(v: Violent) -> tuple[str, str]:
    """(side_a, side_b): in state-based violence side A is the state, as in UCDP."""
    a, b = (v.actor.normalized if v.actor else ""), (v.target.normalized if v.target else "")
    if v.civilian_target:
        b = "Civilians"
    elif _is_state(v.target) and not _is_state(v.actor):
        a, b = b, a
    return a, b


def row(v: Violent) -> dict[str, object]:
    place, doc = v.place, v.response.document
    low, high = v.figure("killed")
    side_a, side_b = sides(v)
    gw = GW.get(place.country_code or "") if place else None
    has_point = place is not None and place.lat is not None and place.lon is not None
    lat, lon = (place.lat, place.lon) if place is not None and has_point else (None, None)
    date = v.date or ""
    kind = violence_type(v)
    return {
        "id": v.event.uid or v.event.id, "relid": "", "year": date[:4], "active_year": "", "code_status": "",
        "type_of_violence": kind, "conflict_dset_id": "", "conflict_new_id": "", "conflict_name": "",
        "dyad_dset_id": "", "dyad_new_id": "", "dyad_name": f"{side_a} - {side_b}" if side_a and side_b else "",
        "side_a_dset_id": "", "side_a_new_id": "", "side_a": side_a, "side_b_dset_id": "", "side_b_new_id": "",
        "side_b": side_b, "number_of_sources": 1,
        "source_article": "; ".join(x for x in (doc.source, doc.title, doc.published_at) if x),
        "source_office": doc.source or "", "source_date": doc.published_at or "", "source_headline": doc.title or "",
        "source_original": v.actor.text if v.actor else "",
        "where_prec": place.where_prec or "" if place else "", "where_coordinates": place.name if place else "",
        "where_description": place.text if place else "", "adm_1": place.admin1 or "" if place else "", "adm_2": "",
        "latitude": lat if lat is not None else "", "longitude": lon if lon is not None else "",
        "geom_wkt": f"POINT ({lon} {lat})" if lat is not None else "",
        "priogrid_gid": priogrid(lat, lon) if lat is not None and lon is not None else "",
        "country": place.country or "" if place else "", "country_id": gw or "", "region": region(gw),
        "event_clarity": 1, "date_prec": DATE_PREC.get(v.date_precision, ""), "date_start": date, "date_end": date,
        "deaths_a": 0, "deaths_b": 0, "deaths_civilians": 0, "deaths_unknown": low or 0,
        "best": low or 0, "high": high or 0, "low": low or 0,
    }


def write(responses: Iterable[ExtractResponse], out: IO[str]) -> int:
    """Write the CSV (header first) of every strike and attack; return the number of rows."""
    return write_csv(COLUMNS, row, responses, out)
