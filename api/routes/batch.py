"""``POST /v1/extract/batch``: NDJSON in, NDJSON out, one line back per article, in input order.

The batch as a whole is checked before anything streams: the API key (401), ``Content-Type:
application/x-ndjson`` (415), at most ``batch_max_body_bytes`` and ``batch_max_lines`` articles
(413), at least one (400), a backend to run them (503 while the model loads). Then the answer is
200 and each non-blank line gets exactly one line back: the article's ``ExtractResponse``, or an
error line ``{"line": n, "id": ..., "error": {problem}}``. A bad line never fails the batch.

Each article goes through ``extract_within_limits``, as one ``POST /v1/extract`` does: ``max_chars``,
an admission slot (or a 503 error line with ``retry_after`` when the service is at capacity) and
its own ``request_deadline_s``. ``batch_concurrency`` articles of a batch are in flight at once.
"""

from __future__ import annotations

import time
from typing import Any

import structlog
from litestar import Request, post
from litestar.connection import ASGIConnection
from litestar.datastructures import ResponseHeader
from litestar.handlers.base import BaseRouteHandler
from litestar.response import Stream

from api.errors import AppError, ContentTooLarge, MalformedBody, UnsupportedMediaType
from api.guards import require_api_key
from api.problems import problem_for, request_id
from api.resources import Resources, resources
from api.routes.batch_docs import NDJSON, BatchOperation, batch_error_responses
from api.service.batch_lines import (
    Line,
    app_error_line,
    decode,
    error_line,
    in_order,
    line_id,
    split_lines,
    to_request,
)
from api.service.limits import document_sha256, extract_within_limits

log = structlog.get_logger("http")


async def require_ndjson(connection: ASGIConnection[Any, Any, Any, Any], _: BaseRouteHandler) -> None:
    if not isinstance(connection, Request):
        return
    media_type, _params = connection.content_type
    if media_type.lower() != NDJSON:
        raise UnsupportedMediaType(f"the batch must be sent as {NDJSON}: one extract request object per line")


async def read_body(request: Request[Any, Any, Any], limit: int) -> bytes:
    """The whole body, refused with 413 as soon as it is known to exceed ``limit`` bytes."""
    too_large = ContentTooLarge(f"the batch is larger than {limit} bytes")
    declared = request.headers.get("Content-Length", "")
    if declared.isdigit() and int(declared) > limit:
        raise too_large
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise too_large
        chunks.append(chunk)
    return b"".join(chunks)


@post(
    "/v1/extract/batch", status_code=200, operation_id="extractEventsBatch", tags=["extraction"],
    summary="Extract conflict events from many articles (NDJSON)",
    description="One extract request object per line in, one line per article out, in order: the "
                "article's ExtractResponse, or `{\"line\": n, \"id\": …, \"error\": {problem}}`. "
                "A bad line never fails the batch.",
    guards=[require_api_key, require_ndjson], responses=batch_error_responses(), media_type=NDJSON,
    request_max_body_size=None,  # read_body enforces batch_max_body_bytes, a setting
    operation_class=BatchOperation,
    response_headers=[ResponseHeader(name="X-Request-ID", description="Id of this batch, as logged.",
                                     documentation_only=True)],
    security=[{"bearerKey": []}, {"headerKey": []}, {}],
)
async def extract_batch(request: Request[Any, Any, Any]) -> Stream:
    """Extract the events of each article of an NDJSON batch, streaming one line per article."""
    res = resources(request.app)
    settings = res.settings
    rid = request_id(request)
    lines = split_lines(await read_body(request, settings.batch_max_body_bytes))
    if not lines:
        raise MalformedBody("the batch is empty: send one extract request object per line")
    if len(lines) > settings.batch_max_lines:
        raise ContentTooLarge(f"the batch has {len(lines)} articles; at most {settings.batch_max_lines} "
                              "are accepted")
    res.require_extractor()  # while the model loads, every line would fail: say so once, with 503
    log.info("batch.accepted", request_id=rid, lines=len(lines))
    return Stream(_stream(res, rid, lines), media_type=NDJSON, headers={"X-Request-ID": rid})


async def _stream(res: Resources, rid: str, lines: list[Line]) -> Any:
    started, failed = time.perf_counter(), 0

    async def run(line: Line) -> bytes:
        nonlocal failed
        out, status = await _run_line(res, rid, line)
        failed += status != 200
        return out

    async for out in in_order(lines, run, res.settings.batch_concurrency):
        yield out
    log.info("batch.completed", request_id=rid, lines=len(lines), failed=failed, duration_ms=_ms(started))


async def _run_line(res: Resources, rid: str, line: Line) -> tuple[bytes, int]:
    """One article's line and its status; every failure becomes an error line, never an exception."""
    started, ident, fields = time.perf_counter(), None, {"request_id": rid, "line": line.number}
    try:
        value = decode(line)
        ident = line_id(value)
        data = to_request(value, line.number)
        sha256 = document_sha256(data.text)
        fields.update(sha256=sha256, chars=len(data.text))
        result = await extract_within_limits(res, data, text_sha256=sha256)
    except AppError as exc:
        log.info("batch.line_failed", **fields, status=exc.status, outcome=exc.slug, error=type(exc).__name__,
                 duration_ms=_ms(started))
        return app_error_line(line.number, ident, exc), exc.status
    except Exception as exc:  # one article's bug must not end the others' stream
        log.error("batch.line_failed", **fields, status=500, outcome="internal", error=type(exc).__name__,
                  duration_ms=_ms(started))
        return error_line(line.number, ident, problem_for(exc)[0]), 500
    meta = result.meta
    log.info("batch.line_completed", **fields, status=200, cached=meta.cached, llm_calls=meta.llm_calls,
             retries=meta.retries, duration_ms=_ms(started))
    return result.model_dump_json().encode() + b"\n", 200


def _ms(started: float) -> int:
    return int((time.perf_counter() - started) * 1000)
