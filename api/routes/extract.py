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

import asyncio
import contextlib
import hashlib
import time
from typing import Any

import structlog
from litestar import Request, Response, post
from litestar.datastructures import ResponseHeader
from litestar.params import JSONBody
from msgspec import Raw

from api.errors import AppError, DeadlineExceeded, InvalidRequest, ShuttingDown
from api.guards import require_api_key, require_json_body
from api.openapi_docs import error_responses
from api.problems import mark_logged, request_id
from api.resources import Resources, resources
from schemas.contract import ExtractRequest, ExtractResponse

log = structlog.get_logger("http")


def document_sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


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


async def extract_within_limits(
    res: Resources, data: ExtractRequest, *, text_sha256: str | None = None
) -> ExtractResponse:
    """One article under the service's limits: ``max_chars``, an admission slot, ``request_deadline_s``.

    A cache hit is answered without a slot. The batch endpoint sends each of its articles through
    here too. Raises ``AppError`` (422, 503, 504, or whatever the extractor raised).
    """
    settings = res.settings
    if len(data.text) > settings.max_chars:
        raise InvalidRequest(f"text is longer than {settings.max_chars} characters",
                             errors=[{"loc": "text", "msg": f"at most {settings.max_chars} characters"}])
    extractor = res.require_extractor()
    cache, key = res.cache, None
    if cache is not None:
        key = cache.key(data, text_sha256 or document_sha256(data.text),
                        model_identity=extractor.backend.model_identity, prompt_version=extractor.prompt_version)
    deadline = asyncio.timeout(settings.request_deadline_s)
    try:
        async with deadline:
            res.in_flight.add(deadline)
            if cache is not None and key is not None:
                # stored, or being extracted right now for an identical request (single flight)
                hit = await cache.get(key, data) or await cache.join(key, data)
                res.metrics.observe_cache(hit is not None)
                if hit is not None:
                    return hit
            flights = cache.leading(key) if cache is not None and key is not None else contextlib.nullcontext()
            async with flights as flight:
                async with res.admission.slot():
                    result = await extractor.extract(data)
                if flight is not None:
                    flight.set_result(result)
    except TimeoutError:
        if not deadline.expired():
            raise
        if res.cut_off:
            raise ShuttingDown("the service is shutting down; retry on another replica or after the restart",
                               retry_after=5) from None
        raise DeadlineExceeded(
            f"the extraction did not finish within {settings.request_deadline_s:g} s") from None
    finally:
        res.in_flight.discard(deadline)
    res.metrics.observe_extraction(result.meta)
    if cache is not None and key is not None:
        await cache.put(key, result)
    return result


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
