"""The OpenAPI document: where it is served, and the error responses every route documents.

``/docs`` is the Swagger UI page, ``/docs/openapi.json`` the JSON document (also at ``/schema``).
Each status code of the contract's error list appears on ``POST /v1/extract`` as a
``application/problem+json`` response with an example body, so clients (and schemathesis) know it.
"""

from __future__ import annotations

from typing import Any

from litestar import Request, get
from litestar.openapi import OpenAPIConfig, ResponseSpec
from litestar.openapi.plugins import SwaggerRenderPlugin
from litestar.openapi.spec import Components, Example, SecurityScheme

from api.errors import (
    PROBLEM_BASE,
    AppError,
    Busy,
    DeadlineExceeded,
    InvalidRequest,
    RateLimited,
    Unauthorized,
    UpstreamError,
)
from api.problems import PROBLEM_JSON, problem_for
from schemas.contract import Problem

API_VERSION = "1.0.0"
DOCS_PATH = "/docs"


def _http(status: int, slug: str, title: str, detail: str) -> dict[str, Any]:
    return {"type": PROBLEM_BASE + slug, "title": title, "status": status, "detail": detail}


def _app(exc: AppError) -> dict[str, Any]:
    return problem_for(exc)[0]


EXTRACT_ERRORS: dict[int, tuple[str, dict[str, Any]]] = {
    400: ("Malformed JSON body", _http(400, "malformed-json", "Malformed request body",
                                       "the request body is not valid JSON (or is nested too deeply)")),
    401: ("Missing or invalid API key (only when keys are configured)",
          _app(Unauthorized("the API key is not valid"))),
    413: ("Request body too large", _http(413, "body-too-large", "Request body too large",
                                         "the request body is larger than the service accepts")),
    415: ("Content-Type is not application/json", _http(415, "unsupported-media-type", "Unsupported media type",
                                                         "the request body must be sent as application/json")),
    422: ("Invalid request: empty or too long text, bad date, unknown type or field",
          _app(InvalidRequest("the request does not match the contract",
                              errors=[{"loc": "published_at", "msg": "Value error, published_at must be YYYY-MM-DD"}]))),
    429: ("Rate limited; see Retry-After", _app(RateLimited("too many requests; retry later", retry_after=30))),
    502: ("Upstream model error that retries could not fix",
          _app(UpstreamError("the model upstream answered an error (status 500)"))),
    503: ("Busy (queue full, model loading) or upstream overloaded; see Retry-After",
          _app(Busy("the service is at capacity; retry later", retry_after=5))),
    504: ("Deadline exceeded", _app(DeadlineExceeded("the extraction did not finish within 600 s"))),
}


def error_responses(statuses: list[int] | None = None) -> dict[int, ResponseSpec]:
    """``responses=`` for a route: each status as a problem+json response with its example."""
    chosen = statuses if statuses is not None else list(EXTRACT_ERRORS)
    return {
        status: ResponseSpec(
            data_container=Problem, media_type=PROBLEM_JSON, description=EXTRACT_ERRORS[status][0],
            generate_examples=False,
            examples=[Example(id=f"problem-{status}", summary=EXTRACT_ERRORS[status][0],
                              value=EXTRACT_ERRORS[status][1])],
        )
        for status in chosen
    }


SECURITY_SCHEMES = {
    "bearerKey": SecurityScheme(type="http", scheme="bearer", description="An API key as a bearer token."),
    "headerKey": SecurityScheme(type="apiKey", name="X-API-Key", security_scheme_in="header"),
}


def openapi_config() -> OpenAPIConfig:
    return OpenAPIConfig(
        title="Conflict event extraction API",
        version=API_VERSION,
        description="Extracts strikes, attacks, statements and casualty reports from a news article, "
                    "every value grounded by code point offsets into the text sent.",
        path=DOCS_PATH,
        render_plugins=[SwaggerRenderPlugin(path="/")],
        components=Components(security_schemes=SECURITY_SCHEMES),
    )


@get("/schema", include_in_schema=False, sync_to_thread=False, media_type="application/vnd.oai.openapi+json")
def openapi_json(request: Request[Any, Any, Any]) -> dict[str, Any]:
    """The OpenAPI document as JSON (the same as ``/docs/openapi.json``)."""
    return request.app.openapi_schema.to_schema()
