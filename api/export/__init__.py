"""Exports of extraction responses in the formats conflict analysts load: ACLED, UCDP GED, PLOVER, GeoJSON.

``write(fmt, responses, out)`` is the one entry point, used by ``python -m api.export`` over a batch
output file and by ``POST /v1/export/{format}`` over one article. Every mapping is in docs/exports.md.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from typing import IO, Literal

from pydantic import ValidationError

from api.export import acled, geojson, plover, ucdp
from schemas.contract import ExtractResponse

Format = Literal["acled-csv", "ucdp-csv", "plover-jsonl", "geojson"]
WRITERS: dict[str, Callable[[Iterable[ExtractResponse], IO[str]], int]] = {
    "acled-csv": acled.write, "ucdp-csv": ucdp.write, "plover-jsonl": plover.write, "geojson": geojson.write,
}
MEDIA_TYPES = {"acled-csv": "text/csv; charset=utf-8", "ucdp-csv": "text/csv; charset=utf-8",
               "plover-jsonl": "application/x-ndjson", "geojson": "application/geo+json"}


def write(fmt: str, responses: Iterable[ExtractResponse], out: IO[str]) -> int:
    """Write ``responses`` to ``out`` in ``fmt``; return the number of rows, records or features."""
    return WRITERS[fmt](responses, out)


def read_responses(lines: Iterable[str], skipped: list[int] | None = None) -> Iterator[ExtractResponse]:
    """The responses of a batch output (one JSON a line); error lines and unreadable lines are skipped,
    their line numbers appended to ``skipped``."""
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            value = json.loads(line)
            if isinstance(value, dict) and "document" in value:
                yield ExtractResponse.model_validate(value)
                continue
        except (ValueError, ValidationError):
            pass
        if skipped is not None:
            skipped.append(n)


__all__ = ["MEDIA_TYPES", "WRITERS", "Format", "read_responses", "write"]
