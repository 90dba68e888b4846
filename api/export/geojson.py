"""GeoJSON FeatureCollection (RFC 7946) of the strikes and attacks whose place has coordinates.

Each Feature is a Point ([longitude, latitude]) with the event's type, actors, date, precision codes,
fatalities and first evidence sentence as properties. Events without coordinates are counted in the
collection's ``unmapped`` member, not dropped silently.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import IO, Any

from api.export.events import Violent, notes, violent_events
from schemas.contract import ExtractResponse, Strike


def feature(v: Violent) -> dict[str, Any] | None:
    p = v.place
    if p is None or p.lat is None or p.lon is None:
        return None
    killed, _ = v.figure("killed")
    return {"type": "Feature", "id": v.event.uid or v.event.id,
            "geometry": {"type": "Point", "coordinates": [p.lon, p.lat]},
            "properties": {
                "uid": v.event.uid, "type": "strike" if isinstance(v.event, Strike) else "attack",
                "document_id": v.response.document.id, "weapon": v.event.weapon,
                "actor": v.actor.normalized if v.actor else None,
                "target_actor": v.target.normalized if v.target else None,
                "date": v.date, "date_precision": v.date_precision, "place": p.name, "place_kind": p.kind,
                "near": p.near, "admin1": p.admin1, "admin1_code": p.admin1_code, "country_code": p.country_code,
                "geo_precision": p.geo_precision, "where_prec": p.where_prec, "geo_source": p.geo_source,
                "fatalities": killed, "confidence": v.event.confidence, "evidence": notes(v)}}


def collection(responses: Iterable[ExtractResponse]) -> dict[str, Any]:
    features, unmapped = [], 0
    for v in violent_events(responses):
        f = feature(v)
        if f is None:
            unmapped += 1
        else:
            features.append(f)
    return {"type": "FeatureCollection", "features": features, "unmapped": unmapped}


def write(responses: Iterable[ExtractResponse], out: IO[str]) -> int:
    """Write the collection as one JSON document; return the number of features."""
    fc = collection(responses)
    json.dump(fc, out, ensure_ascii=False)
    out.write("\n")
    return len(fc["features"])
