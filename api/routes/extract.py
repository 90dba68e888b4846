"""``POST /v1/extract``: parse, admit, extract under one deadline, shape the response, log one line.

Guards have already checked the API key and the content type; Litestar has validated the body
against ``ExtractRequest`` (a 422 otherwise). The handler adds the one limit that is a setting
(``max_chars``), answers from the response cache when it can, else waits for an admission slot
(or is refused with 503 at once) and runs the extractor; the whole of that shares
``request_deadline_s`` (504 when it runs out). The text is hashed once here (SHA-256, about 0.1 ms
per 100k characters, on the event loop) for the log line and the cache key. The response goes out
as pydantic's own JSON bytes (``type_encoders``), not through a dict that msgspec encodes again.
"""

from __future__ import annotations

import time
from typing import Any

import structlog
from litestar import Request, Response, post
from litestar.datastructures import ResponseHeader
from litestar.params import JSONBody
from msgspec import Raw

from api.errors import AppError
from api.guards import require_api_key, require_json_body
from api.openapi_docs import error_responses
from api.problems import mark_logged, request_id
from api.resources import resources
from api.service.limits import document_sha256, extract_within_limits
from schemas.contract import ExtractRequest, ExtractResponse

log = structlog.get_logger("http")


def response_json(response: ExtractResponse) -> Raw:
    """The response serialised by pydantic in one pass, embedded as is by Litestar's msgspec encoder."""
    return Raw(response.__pydantic_serializer__.to_json(response))


@post(
    "/v1/extract", status_code=200, operation_id="extractEvents", tags=["extraction"],
    summary="Extract conflict events from one article",
    description="Strikes, attacks, statements and casualty reports, each value grounded by code point "
                "offsets into the exact text sent (`text[start:end] == span.text`).",
    guards=[require_api_key, require_json_body], responses=error_responses(),
    response_headers=[ResponseHeader(name="X-Request-ID", description="Id of this request, as logged.",
                                     documentation_only=True)],
    security=[{"bearerKey": []}, {"headerKey": []}, {}],
    type_encoders={ExtractResponse: response_json},
)
async def extract(
    request: Request[Any, Any, Any], data: JSONBody[ExtractRequest]
) -> Response[ExtractResponse]:
    """Extract the events of one article."""
    res = resources(request.app)
    fields: dict[str, Any] = {"request_id": request_id(request), "sha256": document_sha256(data.text),
                              "chars": len(data.text)}
    started = time.perf_counter()
    try:
        result = await extract_within_limits(res, data, text_sha256=fields["sha256"])
    except AppError as exc:
        _log_failure(request, fields, started, exc)
        raise
    meta = result.meta
    events = len(result.strikes) + len(result.attacks) + len(result.statements) + len(result.casualty_reports)
    log.info("extract.completed", **fields, status=200, outcome="ok", cached=meta.cached, provider=meta.provider,
             model=meta.model, llm_calls=meta.llm_calls, retries=meta.retries,
             prompt_tokens=meta.usage.prompt_tokens, completion_tokens=meta.usage.completion_tokens,
             warnings=len(meta.warnings), events=events, duration_ms=_ms(started))
    mark_logged(request)
    return Response(result, status_code=200, headers={"X-Request-ID": fields["request_id"]})


def _ms(started: float) -> int:
    return int((time.perf_counter() - started) * 1000)


def _log_failure(
    request: Request[Any, Any, Any], fields: dict[str, Any], started: float, exc: AppError
) -> None:
    backend = resources(request.app).backend
    log.warning("extract.failed", **fields, status=exc.status, outcome=exc.slug, error=type(exc).__name__,
                provider=backend.provider if backend else None, model=backend.model_name if backend else None,
                duration_ms=_ms(started))
    mark_logged(request)
