"""The OpenAPI document: where it is served, and the error responses every route documents.

``/docs`` is the Swagger UI page, ``/docs/openapi.json`` the JSON document (also at ``/schema``).
The page loads Swagger UI from this service (``/docs/assets/…``, api/docs_ui.py), never from a CDN.
Each status code of the contract's error list appears on ``POST /v1/extract`` as a
``application/problem+json`` response with an example body, so clients (and schemathesis) know it.
"""

from __future__ import annotations

from typing import Any

from litestar import Request, get
from litestar.exceptions import HTTPException
from litestar.openapi import OpenAPIConfig, ResponseSpec
from litestar.openapi.spec import (
    Components,
    Example,
    OpenAPI,
    OpenAPIHeader,
    OpenAPIType,
    Reference,
    Schema,
    SecurityScheme,
)
from pydantic import BaseModel

import schemas.contract as contract
from api.docs_ui import LocalSwaggerRenderPlugin, docs_router
from api.errors import (
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
TEXT_PATTERN = r"^[^\x00]*[^\s\x00][^\x00]*$"  # some non-whitespace character, and no NUL


def _http(status: int) -> dict[str, Any]:
    """The body the app answers for Litestar's own error of ``status``."""
    return problem_for(HTTPException(status_code=status))[0]


def _app(exc: AppError) -> dict[str, Any]:
    return problem_for(exc)[0]


EXTRACT_ERRORS: dict[int, tuple[str, dict[str, Any]]] = {
    400: ("Malformed JSON body (or an empty body)", _http(400)),
    401: ("Missing or invalid API key (only when keys are configured)",
          _app(Unauthorized("the API key is not valid"))),
    413: ("Request body too large", _http(413)),
    415: ("Content-Type is not application/json", _http(415)),
    422: ("Invalid request: empty or too long text, bad date, unknown type or field",
          _app(InvalidRequest("the request does not match the contract", errors=[
              {"loc": "published_at", "msg": "Value error, published_at must be YYYY-MM-DD"}]))),
    429: ("Rate limited; see Retry-After",
          _app(RateLimited("too many requests; retry later", retry_after=30))),
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
            examples=[Example(summary=EXTRACT_ERRORS[status][0], value=EXTRACT_ERRORS[status][1])],
        )
        for status in chosen
    }


SECURITY_SCHEMES: dict[str, SecurityScheme | Reference] = {
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
        render_plugins=[LocalSwaggerRenderPlugin(DOCS_PATH, path="/")],
        openapi_router=docs_router(DOCS_PATH),
        components=Components(security_schemes=SECURITY_SCHEMES),
    )


def _type_response_headers(openapi: OpenAPI) -> None:
    """Documentation-only response headers come without a schema; OpenAPI wants one: a string."""
    for path in (openapi.paths or {}).values():
        for op in filter(None, (path.get, path.post)):
            for response in (op.responses or {}).values():
                for header in (getattr(response, "headers", None) or {}).values():
                    if isinstance(header, OpenAPIHeader) and header.schema is None and header.content is None:
                        header.schema = Schema(type=OpenAPIType.STRING)


def refine(openapi: OpenAPI, max_chars: int) -> OpenAPI:
    """Put back what Litestar's schema generation drops from the contract models.

    ``extra="forbid"`` becomes ``additionalProperties: false``; ``text`` gets the bounds the handler
    and the validators enforce (``max_chars``, some non-space character, no NUL); the constraints of
    the optional fields (``types`` has at least one item, ``id`` at most 512 characters) move into the
    non-null branch, where validators and schemathesis look for them. A documented response header
    (``X-Request-ID``) gets the string schema OpenAPI requires of every header object.
    """
    _type_response_headers(openapi)
    components = openapi.components.schemas or {}
    for name, schema in components.items():
        model = getattr(contract, name, None)
        forbids = isinstance(model, type) and issubclass(model, BaseModel) and model.model_config.get("extra")
        if forbids == "forbid":
            schema.additional_properties = False
    request = components.get("ExtractRequest")
    props = request.properties if request is not None and request.properties else {}
    if isinstance(text := props.get("text"), Schema):
        text.max_length, text.pattern = max_chars, TEXT_PATTERN
    for field, constraint in (("types", {"min_items": 1}), ("id", {"max_length": 512})):
        prop = props.get(field)
        if isinstance(prop, Schema) and prop.one_of and isinstance(prop.one_of[0], Schema):
            prop.min_length = prop.max_length = None
            for attr, value in constraint.items():
                setattr(prop.one_of[0], attr, value)
    return openapi


@get("/schema", include_in_schema=False, sync_to_thread=False, media_type="application/vnd.oai.openapi+json")
def openapi_json(request: Request[Any, Any, Any]) -> dict[str, Any]:
    """The OpenAPI document as JSON (the same as ``/docs/openapi.json``)."""
    return request.app.openapi_schema.to_schema()
