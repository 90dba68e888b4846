"""PLOVER JSONL (the PLOVER manual's JSON record): one line per strike, attack or reportable statement.

Strikes and attacks are ASSAULT with a mode from the weapon; statements are ACCUSE (condemnation),
REJECT (denial), THREATEN (threat) or REQUEST (demand); a claim, justification or other statement
is no PLOVER event and is left out. Mappings: docs/exports.md.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import IO, Any

from api.export.events import Violent, violent_events
from schemas.contract import ExtractResponse, Mention, Place, Span, Statement

FIELDS = ("id", "date", "actor", "recipient", "event", "mode", "event_loc", "event_text", "quad_code", "size",
          "text_info", "cite_info", "coder")
MODE = {"airstrike": "aerial", "drone": "drone", "missile": "heavy-weapons", "artillery": "heavy-weapons",
        "rocket": "heavy-weapons", "ied": "explosives", "gunfire": "firearms"}
STATEMENT = {"condemnation": ("ACCUSE", "disapprove", 3), "denial": ("REJECT", None, 3),
             "threat": ("THREATEN", "violence", 3), "demand": ("REQUEST", None, 3)}
SECTOR = {"state_force": "MIL", "government": "GOV", "armed_group": "REB", "militia": "UAF",
          "international_organisation": "IGO", "media": "MED", "civil_society": "NGO"}
CODER = "conflict-extract"


def entity(m: Mention | None) -> list[dict[str, Any]]:
    """A PLOVER entity list of one mention (empty for none)."""
    if m is None:
        return []
    e: dict[str, Any] = {"entity_text": m.text, "identifier_text": m.normalized}
    if m.country_alpha3:
        e["code"] = m.country_alpha3
    elif m.actor_kind == "international_organisation":
        e["code"] = "IGO"
    if m.actor_kind in SECTOR:
        e["sector"] = SECTOR[m.actor_kind]
    if m.wikidata:
        e["identifier_id"] = m.wikidata
    return [e]


def location(p: Place | None) -> dict[str, Any] | None:
    """The location object (GeoNames field names, as the manual asks)."""
    if p is None:
        return None
    loc = {"name": p.name, "country_code": p.country_code, "admin1_name": p.admin1, "admin1_code": p.admin1_code,
           "lat": p.lat, "lon": p.lon, "geonameid": p.geonames_id, "feature_class": p.kind}
    return {k: v for k, v in loc.items() if v is not None}


def _cite(r: ExtractResponse) -> dict[str, Any]:
    d = r.document
    cite = {"citation": d.id, "url": d.url, "title": d.title, "language": d.language, "publication": d.source}
    return {k: v for k, v in cite.items() if v is not None}


def _text(spans: list[Span]) -> tuple[list[str], dict[str, int] | None]:
    return [s.text for s in spans], ({"start": spans[0].start, "end": spans[0].end} if spans else None)


def assault(v: Violent) -> dict[str, Any]:
    texts, info = _text(v.event.evidence)
    dead, _ = v.figure("killed")
    injured, _ = v.figure("injured")
    mode = MODE.get(v.event.weapon or "")
    size = {k: n for k, n in (("dead", dead), ("injured", injured)) if n is not None}
    return {"id": v.event.uid or v.event.id, "date": v.date, "actor": entity(v.actor),
            "recipient": entity(v.target), "event": ["ASSAULT"], "mode": [mode] if mode else [],
            "event_loc": location(v.place), "event_text": texts, "quad_code": 4, "size": size or None,
            "text_info": info, "cite_info": _cite(v.response), "coder": CODER}


def statement(r: ExtractResponse, s: Statement) -> dict[str, Any] | None:
    if s.kind not in STATEMENT:
        return None
    event, mode, quad = STATEMENT[s.kind]
    texts, info = _text(s.evidence)
    date = s.date.value if s.date and s.date.value and s.date.precision == "day" else r.document.published_at
    return {"id": s.uid or s.id, "date": date, "actor": entity(s.speaker_org or s.speaker), "recipient": [],
            "event": [event], "mode": [mode] if mode else [], "event_loc": None, "event_text": texts,
            "quad_code": quad, "size": None, "text_info": info, "cite_info": _cite(r), "coder": CODER}


def records(responses: Iterable[ExtractResponse]) -> Iterator[dict[str, Any]]:
    responses = list(responses)
    for v in violent_events(responses):
        yield assault(v)
    for r in responses:
        for s in r.statements:
            if (rec := statement(r, s)) is not None:
                yield rec


def write(responses: Iterable[ExtractResponse], out: IO[str]) -> int:
    """Write one JSON record a line; return the number of records."""
    n = 0
    for rec in records(responses):
        out.write(json.dumps(rec, ensure_ascii=False) + "\n")
        n += 1
    return n
