"""Every error the app answers, as an RFC 9457 problem: the one exception handler of the app.

``AppError``s speak for themselves (``.problem()``, ``.headers()``). Litestar's own HTTP errors get
the same ``type``/``title`` vocabulary from ``HTTP_STATUS_SLUGS`` and a ``detail`` written here,
never Litestar's or msgspec's message. Validation errors become 422 with ``errors`` built from
each error's location and message only: pydantic keeps the offending ``input``, which can be the
article. Anything else is a 500 whose log line names the exception type and nothing more.
"""

from __future__ import annotations

import uuid
from typing import Any

import structlog
from litestar import Request, Response
from litestar.exceptions import HTTPException, ValidationException

from api.errors import HTTP_STATUS_SLUGS, PROBLEM_BASE, AppError

log = structlog.get_logger("http")
PROBLEM_JSON = "application/problem+json"
MAX_ERRORS = 20

_DETAILS = {
    400: "the request body is not valid JSON (or is empty, or nested too deeply)",
    401: "a valid API key is required",
    404: "no such resource",
    405: "this method is not allowed on this resource",
    413: "the request body is larger than the service accepts",
    415: "the request body must be sent as application/json",
    422: "the request does not match the contract",
    429: "too many requests; retry later",
    500: "an unexpected error occurred",
    503: "the service is unavailable; retry later",
}


def request_id(request: Request[Any, Any, Any]) -> str:
    """This request's id (uuid4 hex), made on first use and kept for the error handler and the log."""
    rid = request.state.get("request_id")
    if not isinstance(rid, str):
        rid = uuid.uuid4().hex
        request.state.request_id = rid
    return rid


def mark_logged(request: Request[Any, Any, Any]) -> None:
    """The handler wrote this request's log line; the error handler need not write another."""
    request.state.logged = True


def validation_errors(exc: ValidationException) -> list[dict[str, str]]:
    """``[{"loc", "msg"}]`` from Litestar's messages: location and message only, never the input."""
    out = []
    for item in exc.extra if isinstance(exc.extra, list) else []:
        if isinstance(item, dict):
            loc, msg = str(item.get("key") or "body"), str(item.get("message", ""))
            out.append({"loc": loc[:120], "msg": msg[:300]})
    return out[:MAX_ERRORS]


def http_problem(exc: HTTPException) -> tuple[dict[str, Any], dict[str, str]]:
    status = 422 if isinstance(exc, ValidationException) else exc.status_code
    slug, title = HTTP_STATUS_SLUGS.get(status, ("http-error", "HTTP error"))
    body: dict[str, Any] = {"type": PROBLEM_BASE + slug, "title": title, "status": status,
                            "detail": _DETAILS.get(status, title.lower())}
    if isinstance(exc, ValidationException):
        body["errors"] = validation_errors(exc)
    headers = {k: v for k, v in (exc.headers or {}).items() if k.lower() in {"allow", "retry-after"}}
    if status == 429 and "Retry-After" not in headers:
        reset = (exc.headers or {}).get("RateLimit-Reset")
        headers["Retry-After"] = str(reset) if reset else "60"
    return body, headers


def problem_for(exc: Exception) -> tuple[dict[str, Any], dict[str, str]]:
    if isinstance(exc, AppError):
        return exc.problem(), exc.headers()
    if isinstance(exc, HTTPException) and exc.status_code < 500:
        return http_problem(exc)
    slug, title = HTTP_STATUS_SLUGS[500]
    return {"type": PROBLEM_BASE + slug, "title": title, "status": 500, "detail": _DETAILS[500]}, {}


def problem_response(request: Request[Any, Any, Any], exc: Exception) -> Response[Any]:
    """The app's exception handler: a problem+json response for any exception, and one log line."""
    body, headers = problem_for(exc)
    rid = request_id(request)
    headers["X-Request-ID"] = rid
    status = int(body["status"])
    if status == 401:
        headers["WWW-Authenticate"] = 'Bearer realm="conflict-extract"'
    if not request.state.get("logged"):
        level = log.error if status >= 500 else log.info
        level("request.failed", request_id=rid, method=request.method, path=request.url.path,
              status=status, problem=str(body["type"]).removeprefix(PROBLEM_BASE), error=type(exc).__name__)
    return Response(content=body, status_code=status, media_type=PROBLEM_JSON, headers=headers)
