"""``POST /v1/export/{format}``: one article extracted (as ``POST /v1/extract``, cache included) and
answered in an analyst format instead of contract JSON: ``acled-csv``, ``ucdp-csv``, ``plover-jsonl``
or ``geojson``. The body is the same ``ExtractRequest``; a format not in that list is a 422 problem.
"""

from __future__ import annotations

import io
from typing import Any

from litestar import Request, Response, post
from litestar.params import FromPath, JSONBody

from api.errors import AppError
from api.export import MEDIA_TYPES, Format, write
from api.guards import require_api_key, require_json_body
from api.openapi_docs import error_responses
from api.problems import mark_logged, request_id
from api.resources import resources
from api.routes.extract import log
from api.service.limits import document_sha256, extract_within_limits
from schemas.contract import ExtractRequest


@post(
    "/v1/export/{fmt:str}", status_code=200, operation_id="exportEvents", tags=["extraction"],
    summary="Extract one article and answer in an analyst format",
    description="The events of `POST /v1/extract`, as an ACLED-style CSV (`acled-csv`), a UCDP GED-style CSV "
                "(`ucdp-csv`), PLOVER JSON lines (`plover-jsonl`) or a GeoJSON FeatureCollection (`geojson`). "
                "Column lists and mappings: docs/exports.md.",
    guards=[require_api_key, require_json_body], responses=error_responses(),
    security=[{"bearerKey": []}, {"headerKey": []}, {}],
)
async def export(
    request: Request[Any, Any, Any], fmt: FromPath[Format], data: JSONBody[ExtractRequest]
) -> Response[str]:
    """Extract the events of one article and export them."""
    res = resources(request.app)
    fields: dict[str, Any] = {"request_id": request_id(request), "sha256": document_sha256(data.text),
                              "chars": len(data.text), "format": fmt}
    try:
        result = await extract_within_limits(res, data, text_sha256=fields["sha256"])
    except AppError as exc:
        log.warning("export.failed", **fields, status=exc.status, outcome=exc.slug, error=type(exc).__name__)
        mark_logged(request)
        raise
    out = io.StringIO()
    items = write(fmt, [result], out)
    log.info("export.completed", **fields, status=200, cached=result.meta.cached, items=items)
    mark_logged(request)
    return Response(out.getvalue(), status_code=200, media_type=MEDIA_TYPES[fmt],
                    headers={"X-Request-ID": fields["request_id"]})
