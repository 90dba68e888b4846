"""Contract v1 of ``POST /v1/extract``: the response shape, and every malformed request's problem."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from typing import Any

import pytest
from litestar.testing import TestClient

from api.errors import UpstreamUnavailable
from schemas.contract import ExtractResponse
from tests.contract.support import ARTICLE, JSON, MARKER, assert_problem, body, client_for, spans_in
from tests.fakes import FakeBackend


@pytest.fixture(scope="module")
def shared_client() -> Iterator[TestClient[Any]]:
    """One started app for the tests that need no special backend (starting one loads the gazetteer)."""
    with client_for() as client:
        yield client


def test_valid_request_returns_a_contract_response(shared_client: TestClient[Any]) -> None:
    """A valid article gets 200 and a body that validates as ExtractResponse, with document facts right."""
    r = shared_client.post("/v1/extract", json=body(id="doc-7", published_at="2024-03-05"))
    assert r.status_code == 200, r.text
    assert r.headers["content-type"].startswith("application/json")
    parsed = ExtractResponse.model_validate(r.json())
    assert parsed.document.id == "doc-7"
    assert parsed.document.sha256 == hashlib.sha256(ARTICLE.encode("utf-8")).hexdigest()
    assert parsed.document.chars == len(ARTICLE)
    assert parsed.document.published_at == "2024-03-05"
    assert parsed.meta.cached is False
    assert parsed.meta.schema_version == "1"
    assert len(r.headers["x-request-id"]) == 32


def test_every_span_indexes_the_exact_text(shared_client: TestClient[Any]) -> None:
    """Each span in the response satisfies text[start:end] == span.text (code points, CRLF kept)."""
    data = shared_client.post("/v1/extract", json=body()).json()
    assert data["strikes"], "the fake labels the warplane sentence a strike; the pipeline should report it"
    spans = spans_in({k: v for k, v in data.items() if k != "meta"})
    assert spans
    for span in spans:
        assert ARTICLE[span["start"]:span["end"]] == span["text"], span


def test_meta_reports_the_backend_and_its_calls() -> None:
    """meta names the backend's provider and model and counts the calls the backend really received."""
    fake = FakeBackend(model_name="fake-7b")
    with client_for(fake) as client:
        meta = client.post("/v1/extract", json=body()).json()["meta"]
    assert (meta["provider"], meta["model"]) == ("local", "fake-7b")
    assert meta["llm_calls"] == len(fake.sent) > 0


def test_types_limits_the_event_lists(shared_client: TestClient[Any]) -> None:
    """With types=["casualty_report"], no strikes, attacks or statements are returned."""
    data = shared_client.post("/v1/extract", json=body(types=["casualty_report"])).json()
    assert data["strikes"] == data["attacks"] == data["statements"] == []


def nested(depth: int) -> bytes:
    return b'{"text": "x", "types": ' + b"[" * depth + b"]" * depth + b"}"


PLAIN = {"Content-Type": "text/plain"}
EXTRACT = "/v1/extract"
ERROR_CASES: dict[str, tuple[str, str, dict[str, Any], int]] = {
    "malformed-json": ("POST", EXTRACT, {"content": b'{"text": "weapons depot', "headers": JSON}, 400),
    "empty-body": ("POST", EXTRACT, {"content": b"", "headers": JSON}, 400),
    "nested-deep": ("POST", EXTRACT, {"content": nested(900), "headers": JSON}, 422),
    "not-found": ("GET", "/nowhere", {}, 404),
    "method": ("GET", EXTRACT, {}, 405),
    "too-large": ("POST", EXTRACT, {"json": body(ARTICLE * 20)}, 413),
    "text-plain": ("POST", EXTRACT, {"content": json.dumps(body()).encode(), "headers": PLAIN}, 415),
    "no-content-type": ("POST", EXTRACT, {"content": json.dumps(body()).encode()}, 415),
    "form": ("POST", EXTRACT, {"data": {"text": ARTICLE}}, 415),
    "unknown-field": ("POST", EXTRACT, {"json": body(origin="wire")}, 422),
    "bad-date": ("POST", EXTRACT, {"json": body(published_at="2024-13-45")}, 422),
    "date-format": ("POST", EXTRACT, {"json": body(published_at="05/03/2024")}, 422),
    "unknown-type": ("POST", EXTRACT, {"json": body(types=["riot"])}, 422),
    "no-types": ("POST", EXTRACT, {"json": body(types=[])}, 422),
    "empty-text": ("POST", EXTRACT, {"json": body("")}, 422),
    "blank-text": ("POST", EXTRACT, {"json": body(" \r\n\t ")}, 422),
    "nul": ("POST", EXTRACT, {"json": body(ARTICLE + "\x00")}, 422),
    "too-long": ("POST", EXTRACT, {"json": body((ARTICLE + " ") * 3)}, 422),
    "long-id": ("POST", EXTRACT, {"json": body(id="x" * 600)}, 422),
    "missing-text": ("POST", EXTRACT, {"json": {"id": "no-text"}}, 422),
    "not-an-object": ("POST", EXTRACT, {"json": [ARTICLE]}, 422),
    "text-not-string": ("POST", EXTRACT, {"json": {"text": 42}}, 422),
}


def test_a_body_nested_past_the_json_decoder_is_a_400_on_every_python() -> None:
    """A body nested past the decoder is a 400 problem, not a 500. Python 3.11's decoders stop near its recursion
    limit (about 1,000 levels); 3.13's decode 4,000 levels and stop below 10,000, a 20 KB body."""
    with client_for(max_body_bytes=65_536) as client:
        assert_problem(client.post(EXTRACT, content=nested(10_000), headers=JSON), 400)


@pytest.mark.parametrize(("method", "path", "kwargs", "status"), ERROR_CASES.values(), ids=ERROR_CASES.keys())
def test_errors_are_problem_details(
    shared_client: TestClient[Any], method: str, path: str, kwargs: dict[str, Any], status: int
) -> None:
    """Each malformed request gets its contract status as problem+json, without the article text."""
    problem = assert_problem(shared_client.request(method, path, **kwargs), status)
    if status == 422:
        assert all(set(e) == {"loc", "msg"} for e in problem.get("errors") or [])


def test_lone_surrogate_is_a_client_error(shared_client: TestClient[Any]) -> None:
    """A lone surrogate escape in the JSON text is answered 400 or 422, never 500."""
    raw = json.dumps(body(ARTICLE + "\ud800")).encode()
    assert b"\\ud800" in raw
    r = shared_client.post("/v1/extract", content=raw, headers=JSON)
    assert r.status_code in (400, 422)
    assert_problem(r, r.status_code)


def test_validation_errors_name_the_field_but_not_the_input(shared_client: TestClient[Any]) -> None:
    """A 422 lists the failing location and message only, never the value sent."""
    r = shared_client.post("/v1/extract", json=body(ARTICLE + "\x00", published_at="not-a-date-" + MARKER))
    problem = assert_problem(r, 422)
    assert {e["loc"] for e in problem["errors"]} >= {"published_at", "text"}
    assert "not-a-date" not in r.text


def test_upstream_overload_is_503_with_retry_after() -> None:
    """An UpstreamUnavailable from the backend reaches the client as 503 with its Retry-After."""
    fake = FakeBackend(error=UpstreamUnavailable("the model upstream is rate limiting", retry_after=7))
    with client_for(fake) as client:
        r = client.post("/v1/extract", json=body())
    assert_problem(r, 503)
    assert r.headers["retry-after"] == "7"


def test_unexpected_exception_is_a_generic_500() -> None:
    """An exception nobody mapped becomes a 500 problem that reveals neither its message nor a traceback."""

    def explode(sentence: str, model: type[Any]) -> Any:
        raise RuntimeError("secret-internal-state " + sentence)

    with client_for(FakeBackend(explode)) as client:
        r = client.post("/v1/extract", json=body())
    problem = assert_problem(r, 500)
    assert "secret-internal-state" not in r.text
    assert "RuntimeError" not in problem["detail"]
