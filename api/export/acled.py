"""ACLED-style CSV: one row per strike or attack, in the column order of ACLED's data export.

Type, actors and interaction follow the ACLED codebook (see docs/exports.md for every mapping); the
columns this service cannot know (``admin2``, ``admin3``, ``source_scale``, ``tags``) stay empty.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from typing import IO

from api.enrich.places import geo_table
from api.export.events import Violent, notes, write_csv
from schemas.contract import ExtractResponse, Mention, Strike

COLUMNS = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
    "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction", "civilian_targeting",
    "iso", "region", "country", "admin1", "admin2", "admin3", "location", "latitude", "longitude", "geo_precision",
    "source", "source_scale", "notes", "fatalities", "tags", "timestamp",
)
EXPLOSIONS, BATTLES, VAC = "Explosions/Remote violence", "Battles", "Violence against civilians"
AIR, SHELLING, IED, CLASH, ATTACK = ("Air/drone strike", "Shelling/artillery/missile attack",
                                     "Remote explosive/landmine/IED", "Armed clash", "Attack")
# ACLED inter codes: 1 state forces, 2 rebel groups, 3 political militias, 7 civilians, 8 external/other forces
INTER = {"state_force": 1, "government": 1, "armed_group": 2, "militia": 3, "media": 7, "civil_society": 7,
         "international_organisation": 8}
TIME_PRECISION = {"day": 1, "published": 2, "month": 3, "year": 3}
REGION = {  # ACLED regions of the countries in data/places.yaml
    **dict.fromkeys(["SY", "IQ", "IL", "PS", "LB", "JO", "YE", "IR", "SA", "AE", "QA", "BH", "KW", "OM", "TR",
                     "CY"], "Middle East"),
    **dict.fromkeys(["PK", "IN", "AF"], "South Asia"), **dict.fromkeys(["EG", "LY", "SD"], "Northern Africa"),
    **dict.fromkeys(["ER", "SO", "DJ"], "Eastern Africa"), "US": "North America",
    **dict.fromkeys(["GB", "FR", "DE", "IT", "GR", "UA", "RU"], "Europe"), "AZ": "Caucasus and Central Asia",
}


def event_type(v: Violent) -> tuple[str, str]:
    """(event_type, sub_event_type) from the kind of event and its weapon."""
    weapon = v.event.weapon
    if weapon in ("airstrike", "drone"):
        return EXPLOSIONS, AIR
    if weapon in ("missile", "artillery", "rocket"):
        return EXPLOSIONS, SHELLING
    if weapon == "ied":
        return EXPLOSIONS, IED
    if weapon == "ground_raid" or (weapon == "gunfire" and not v.civilian_target):
        return BATTLES, CLASH
    if isinstance(v.event, Strike):
        return EXPLOSIONS, AIR  # a state's strike of unknown means: in this domain, from the air
    return (VAC, ATTACK) if v.civilian_target else (BATTLES, CLASH)


def inter(m: Mention | None, country_alpha3: str | None, civilian: bool) -> int | str:
    """The actor's inter code; a state's forces outside their own country are external forces (8)."""
    if m is None or m.actor_kind is None:
        return 7 if civilian else ""
    code = INTER.get(m.actor_kind, 8)
    return 8 if code == 1 and country_alpha3 and m.country_alpha3 and m.country_alpha3 != country_alpha3 else code


@functools.cache
def _country_codes() -> dict[str, tuple[str | None, int | None]]:
    """Country name → (alpha-3, ISO numeric), from places.yaml's country entries."""
    countries = ((name, g) for name, g in geo_table().items() if g.get("kind") == "country")
    return {name: (g.get("alpha3"), g.get("iso_numeric")) for name, g in countries}


def row(v: Violent) -> dict[str, object]:
    place = v.place
    country = place.country if place else None
    alpha3, numeric = _country_codes().get(country or "", (None, None))
    kind, sub = event_type(v)
    civilian = v.civilian_target
    i1, i2 = inter(v.actor, alpha3, False), inter(v.target, alpha3, civilian)
    pair = sorted(x for x in (i1, i2) if isinstance(x, int))
    killed, _ = v.figure("killed")
    date = v.date
    return {
        "event_id_cnty": v.event.uid or v.event.id, "event_date": date or "", "year": date[:4] if date else "",
        "time_precision": TIME_PRECISION.get(v.date_precision, ""), "disorder_type": "Political violence",
        "event_type": kind, "sub_event_type": sub,
        "actor1": v.actor.normalized if v.actor else "", "assoc_actor_1": "", "inter1": i1,
        "actor2": v.target.normalized if v.target else ("Civilians" if civilian else ""), "assoc_actor_2": "",
        "inter2": i2, "interaction": (pair[0] * 10 + pair[1]) if len(pair) == 2 else (pair[0] * 10 if pair else ""),
        "civilian_targeting": "Civilian targeting" if civilian else "",
        "iso": numeric or "", "region": REGION.get(place.country_code or "", "") if place else "",
        "country": country or "", "admin1": place.admin1 or "" if place else "", "admin2": "", "admin3": "",
        "location": place.name if place else "", "latitude": place.lat if place and place.lat is not None else "",
        "longitude": place.lon if place and place.lon is not None else "",
        "geo_precision": place.geo_precision or "" if place else "",
        "source": v.response.document.source or "", "source_scale": "", "notes": notes(v),
        "fatalities": killed or 0, "tags": "", "timestamp": "",
    }


def write(responses: Iterable[ExtractResponse], out: IO[str]) -> int:
    """Write the CSV (header first) of every strike and attack; return the number of rows."""
    return write_csv(COLUMNS, row, responses, out)
