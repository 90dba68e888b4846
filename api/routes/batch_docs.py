"""The OpenAPI description of ``POST /v1/extract/batch``: NDJSON request and response, its errors.

OpenAPI 3.1 has no schema for "a sequence of JSON lines", so the request and 200 media types
carry the schema of one line (``ExtractRequest`` in; ``ExtractResponse`` or an error line out),
which is how NDJSON APIs are usually described, plus an example of a whole body. The handler
has no ``data`` parameter (it reads the raw body), so ``BatchOperation`` fills both in.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from litestar.openapi import ResponseSpec
from litestar.openapi.spec import (
    Example,
    OpenAPIMediaType,
    OpenAPIResponse,
    OpenAPIType,
    Operation,
    Reference,
    RequestBody,
    Schema,
)

from api.errors import (
    AppError,
    Busy,
    ContentTooLarge,
    InvalidRequest,
    MalformedBody,
    RateLimited,
    Unauthorized,
    UnsupportedMediaType,
)
from api.problems import PROBLEM_JSON
from schemas.contract import Problem

NDJSON = "application/x-ndjson"
_COMPONENTS = "#/components/schemas/"

BATCH_ERRORS: dict[int, tuple[str, AppError]] = {
    400: ("The batch is empty",
          MalformedBody("the batch is empty: send one extract request object per line")),
    401: ("Missing or invalid API key (only when keys are configured)",
          Unauthorized("the API key is not valid")),
    413: ("More than batch_max_lines articles or batch_max_body_bytes bytes",
          ContentTooLarge("the batch has 250 articles; at most 100 are accepted")),
    415: ("Content-Type is not application/x-ndjson",
          UnsupportedMediaType(f"the batch must be sent as {NDJSON}: one extract request object per line")),
    429: ("Rate limited; see Retry-After", RateLimited("too many requests; retry later", retry_after=30)),
    503: ("The model is loading or could not be started; see Retry-After",
          Busy("the model is still loading", retry_after=10)),
}

ERROR_LINE = Schema(
    type=OpenAPIType.OBJECT, required=["line", "id", "error"], additional_properties=False,
    description="An article that could not be extracted; the other lines are unaffected. "
                "`error.retry_after` (seconds) is there when retrying the article later may succeed.",
    properties={
        "line": Schema(type=OpenAPIType.INTEGER, minimum=1, description="1-based request line number."),
        "id": Schema(one_of=[Schema(type=OpenAPIType.STRING), Schema(type=OpenAPIType.NULL)],
                     description="The line's id, when it had one."),
        "error": Reference(ref=_COMPONENTS + "Problem"),
    },
)

_REQUEST_EXAMPLE = "\n".join(json.dumps(line) for line in (
    {"id": "a-1", "text": "Warplanes struck a depot on Tuesday.", "published_at": "2024-03-05"},
    {"id": "a-2", "text": "Gunmen attacked a checkpoint.", "published_at": "5 March"},
)) + "\n"
_ERROR_EXAMPLE: dict[str, Any] = {"line": 2, "id": "a-2", "error": InvalidRequest(
    "line 2 does not match the contract",
    errors=[{"loc": "published_at", "msg": "Value error, published_at must be YYYY-MM-DD"}],
).problem()}


def batch_error_responses() -> dict[int, ResponseSpec]:
    """``responses=`` for the batch route: each batch-level error as problem+json with its example."""
    return {
        status: ResponseSpec(
            data_container=Problem, media_type=PROBLEM_JSON, description=description, generate_examples=False,
            examples=[Example(summary=description, value=exc.problem())],
        )
        for status, (description, exc) in BATCH_ERRORS.items()
    }


@dataclass
class BatchOperation(Operation):
    """The generated operation, with the NDJSON request body and 200 response put in."""

    def __post_init__(self) -> None:
        self.request_body = RequestBody(
            required=True,
            description="NDJSON: one extract request object (the body of POST /v1/extract) per line; "
                        "blank lines are skipped.",
            content={NDJSON: OpenAPIMediaType(schema=Reference(ref=_COMPONENTS + "ExtractRequest"),
                                              example=_REQUEST_EXAMPLE)},
        )
        responses = dict(self.responses or {})
        generated = responses.get("200")
        responses["200"] = OpenAPIResponse(
            description="NDJSON, streamed: one line per non-blank request line, in request order — the "
                        "article's ExtractResponse, or an error line with the problem that stopped it.",
            headers=generated.headers if isinstance(generated, OpenAPIResponse) else None,
            content={NDJSON: OpenAPIMediaType(
                schema=Schema(one_of=[Reference(ref=_COMPONENTS + "ExtractResponse"), ERROR_LINE]),
                examples={"error-line": Example(summary="An article refused by validation",
                                                value=_ERROR_EXAMPLE)},
            )},
        )
        self.responses = responses
