"""The OpenAPI document of the service: what clients and schemathesis learn about ``/v1/extract``."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from litestar.testing import TestClient

from schemas.contract import ALL_TYPES
from tests.contract.support import ARTICLE, body, client_for

CONTRACT_ERRORS = (400, 401, 413, 415, 422, 429, 502, 503, 504)


@pytest.fixture(scope="module")
def client() -> Iterator[TestClient[Any]]:
    with client_for() as c:
        yield c


@pytest.fixture(scope="module")
def spec(client: TestClient[Any]) -> dict[str, Any]:
    r = client.get("/docs/openapi.json")
    assert r.status_code == 200
    return r.json()  # type: ignore[no-any-return]


def resolve(spec: dict[str, Any], schema: dict[str, Any]) -> dict[str, Any]:
    ref = schema.get("$ref")
    if ref is None:
        return schema
    return spec["components"]["schemas"][ref.rsplit("/", 1)[-1]]  # type: ignore[no-any-return]


def extract_op(spec: dict[str, Any]) -> dict[str, Any]:
    return spec["paths"]["/v1/extract"]["post"]  # type: ignore[no-any-return]


def test_extract_has_a_stable_operation_id(spec: dict[str, Any]) -> None:
    """POST /v1/extract is documented with operationId extractEvents."""
    assert extract_op(spec)["operationId"] == "extractEvents"


def test_request_schema_matches_the_contract(spec: dict[str, Any]) -> None:
    """The request body is JSON, requires only text, lists the contract fields and forbids others."""
    content = extract_op(spec)["requestBody"]["content"]
    assert list(content) == ["application/json"]
    schema = resolve(spec, content["application/json"]["schema"])
    assert schema["required"] == ["text"]
    assert set(schema["properties"]) == {"text", "id", "published_at", "types", "source", "url", "title"}
    assert schema["additionalProperties"] is False
    text = schema["properties"]["text"]
    assert text["minLength"] == 1
    assert text["maxLength"] == 1000  # max_chars of the test settings
    types = schema["properties"]["types"]["oneOf"][0]
    assert types["minItems"] == 1
    assert tuple(types["items"]["enum"]) == ALL_TYPES


def test_text_pattern_agrees_with_the_validator(spec: dict[str, Any]) -> None:
    """The documented text pattern accepts an article and rejects blank text and NUL, as the API does."""
    schema = resolve(spec, extract_op(spec)["requestBody"]["content"]["application/json"]["schema"])
    pattern = re.compile(schema["properties"]["text"]["pattern"])
    assert pattern.search(ARTICLE)
    assert not pattern.search(" \r\n\t")
    assert not pattern.search(ARTICLE + "\x00")


def test_200_response_has_event_lists_and_meta(spec: dict[str, Any]) -> None:
    """The 200 response is ExtractResponse with document, the four event lists and meta; no 201."""
    responses = extract_op(spec)["responses"]
    assert "201" not in responses
    schema = resolve(spec, responses["200"]["content"]["application/json"]["schema"])
    events = {"strikes", "attacks", "statements", "casualty_reports"}
    assert events | {"document", "meta"} <= set(schema["properties"])
    assert {"document", "meta"} <= set(schema["required"])
    meta = resolve(spec, schema["properties"]["meta"])
    assert {"provider", "model", "prompt_version", "llm_calls", "cached", "usage"} <= set(meta["properties"])


@pytest.mark.parametrize("status", CONTRACT_ERRORS)
def test_every_contract_error_is_documented(spec: dict[str, Any], status: int) -> None:
    """Each error status of the contract is a problem+json response of /v1/extract with an example body."""
    response = extract_op(spec)["responses"][str(status)]
    media = response["content"]["application/problem+json"]
    problem = resolve(spec, media["schema"])
    assert {"type", "title", "status", "detail"} <= set(problem["required"])
    examples = list(media["examples"].values())
    assert examples
    value = examples[0]["value"]
    assert value["status"] == status
    assert all(isinstance(value[k], str) for k in ("type", "title", "detail"))


@pytest.mark.parametrize(
    ("status", "kwargs"),
    [
        (400, {"content": b"{", "headers": {"Content-Type": "application/json"}}),
        (413, {"json": body(ARTICLE * 20)}),
        (415, {"content": b"{}", "headers": {"Content-Type": "text/plain"}}),
    ],
)
def test_documented_examples_are_what_the_app_answers(
    client: TestClient[Any], spec: dict[str, Any], status: int, kwargs: dict[str, Any]
) -> None:
    """The documented example of Litestar-raised errors equals the body the app really sends."""
    example = next(iter(extract_op(spec)["responses"][str(status)]["content"]["application/problem+json"]
                        ["examples"].values()))["value"]
    r = client.post("/v1/extract", **kwargs)
    assert r.status_code == status
    assert r.json() == example


def test_health_probes_are_documented(spec: dict[str, Any]) -> None:
    """/healthz and /readyz have operation ids, and readyz documents its 503."""
    assert spec["paths"]["/healthz"]["get"]["operationId"] == "healthz"
    readyz = spec["paths"]["/readyz"]["get"]
    assert readyz["operationId"] == "readyz"
    assert "application/problem+json" in readyz["responses"]["503"]["content"]


def test_docs_page_is_html_and_schema_is_json(client: TestClient[Any], spec: dict[str, Any]) -> None:
    """/docs serves an HTML docs page, and /schema serves the same OpenAPI 3.1 document as JSON."""
    page = client.get("/docs")
    assert page.status_code == 200
    assert page.headers["content-type"].startswith("text/html")
    assert "swagger" in page.text.lower()
    same = client.get("/schema")
    assert same.status_code == 200
    assert same.json() == spec
    assert spec["openapi"].startswith("3.1")
