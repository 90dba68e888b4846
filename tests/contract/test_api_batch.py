"""Contract of ``POST /v1/extract/batch``: NDJSON in, one line per article out, bad lines never fail the batch."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, TypeVar

import pytest
from litestar.testing import TestClient
from pydantic import BaseModel
from structlog.testing import capture_logs

from api.app import create_app
from schemas.contract import ExtractResponse
from tests.contract.support import (
    ARTICLE,
    MARKER,
    TEST_KEY,
    TEST_KEY_SHA256,
    assert_problem,
    body,
    client_for,
    settings_for,
    wait_until,
)
from tests.fakes import FakeBackend, keyword_answer

T = TypeVar("T", bound=BaseModel)
BATCH = "/v1/extract/batch"
NDJSON = {"Content-Type": "application/x-ndjson"}


def ndjson(*lines: Any) -> bytes:
    """An NDJSON body: objects are JSON-encoded, strings sent as they are."""
    return "".join((line if isinstance(line, str) else json.dumps(line)) + "\n" for line in lines).encode()


def answers(response: Any) -> list[dict[str, Any]]:
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("application/x-ndjson")
    assert response.text.endswith("\n")
    return [json.loads(line) for line in response.text.splitlines()]


def error_of(line: dict[str, Any], status: int) -> dict[str, Any]:
    """The error line's problem, checked to be a contract problem of ``status``."""
    assert set(line) == {"line", "id", "error"}, line
    problem: dict[str, Any] = line["error"]
    assert problem["status"] == status, problem
    assert problem["type"].startswith("https://")
    assert all(isinstance(problem[k], str) for k in ("title", "detail"))
    return problem


@pytest.fixture(scope="module")
def client() -> Iterator[TestClient[Any]]:
    with client_for(max_queue=4) as c:
        yield c


def test_each_line_gets_its_response_in_order(client: TestClient[Any]) -> None:
    """Every line gets one ExtractResponse line, in input order, with its own id and document facts."""
    r = client.post(BATCH, content=ndjson(body(id="one"), body("Gunmen attacked a checkpoint.", id="two"),
                                          body(id="three", published_at="2024-03-05")), headers=NDJSON)
    lines = answers(r)
    parsed = [ExtractResponse.model_validate(line) for line in lines]
    assert [p.document.id for p in parsed] == ["one", "two", "three"]
    assert parsed[0].strikes and parsed[1].attacks
    assert parsed[2].document.published_at == "2024-03-05"
    assert len(r.headers["x-request-id"]) == 32


def test_a_line_answers_what_the_single_endpoint_answers(client: TestClient[Any]) -> None:
    """A batch line carries the same events and document as POST /v1/extract for the same body."""
    single = client.post("/v1/extract", json=body(id="same")).json()
    line = answers(client.post(BATCH, content=ndjson(body(id="same")), headers=NDJSON))[0]
    assert {k: v for k, v in line.items() if k != "meta"} == {k: v for k, v in single.items() if k != "meta"}


def test_bad_lines_become_error_lines_and_the_rest_still_run(client: TestClient[Any]) -> None:
    """Malformed, invalid and too-long lines get problem lines with their number and id; good ones run."""
    r = client.post(BATCH, content=ndjson(
        body(id="good-1"),
        '{"text": "' + MARKER,                                # not JSON
        body(id="extra", origin="wire"),                      # unknown field
        "   ",                                                # blank: skipped, still counted
        body((ARTICLE + " ") * 3, id="long"),                 # over max_chars
        [ARTICLE],                                            # not an object
        body(ARTICLE + "\x00", id="nul", published_at="x-" + MARKER),
        body(id="good-2"),
    ), headers=NDJSON)
    lines = answers(r)
    assert len(lines) == 7
    assert lines[0]["document"]["id"] == "good-1" and lines[-1]["document"]["id"] == "good-2"
    errors = lines[1:-1]
    assert [(e["line"], e["id"]) for e in errors] == [(2, None), (3, "extra"), (5, "long"), (6, None), (7, "nul")]
    assert error_of(errors[0], 400)["type"].endswith("/malformed-json")
    assert error_of(errors[1], 422)["errors"] == [{"loc": "origin", "msg": "Extra inputs are not permitted"}]
    assert error_of(errors[2], 422)["errors"][0]["loc"] == "text"
    error_of(errors[3], 422)
    assert {e["loc"] for e in error_of(errors[4], 422)["errors"]} == {"text", "published_at"}
    assert all(MARKER not in json.dumps(e) for e in errors)


def test_crlf_lines_are_read(client: TestClient[Any]) -> None:
    """Lines separated by CRLF are read like LF lines."""
    raw = ndjson(body(id="a")).replace(b"\n", b"\r\n") + ndjson(body(id="b")).replace(b"\n", b"\r\n")
    assert [line["document"]["id"] for line in answers(client.post(BATCH, content=raw, headers=NDJSON))] == [
        "a", "b"]


def test_a_failing_article_is_an_error_line_not_a_failed_batch() -> None:
    """An exception nobody mapped, in one article, is a generic 500 line; the stream still completes."""

    def explode_on_gunmen(sentence: str, model: type[T]) -> Any:
        if "Gunmen" in sentence:
            raise RuntimeError("secret-internal-state " + sentence)
        return keyword_answer(sentence, model)

    with client_for(FakeBackend(explode_on_gunmen)) as client:
        r = client.post(BATCH, content=ndjson(body("Gunmen attacked a post.", id="bad"), body(id="ok")),
                        headers=NDJSON)
    lines = answers(r)
    problem = error_of(lines[0], 500)
    assert lines[0]["id"] == "bad"
    assert "secret-internal-state" not in r.text and "RuntimeError" not in problem["detail"]
    assert lines[1]["document"]["id"] == "ok"


def test_each_article_has_its_own_deadline() -> None:
    """An article slower than request_deadline_s is a 504 line; the batch answers 200."""
    with client_for(FakeBackend(delay_s=5.0), request_deadline_s=0.2) as client:
        lines = answers(client.post(BATCH, content=ndjson(body(id="slow-1"), body(id="slow-2")), headers=NDJSON))
    assert [error_of(line, 504)["type"].rsplit("/", 1)[1] for line in lines] == ["deadline-exceeded"] * 2


class SlowOnWarplanes(FakeBackend):
    """A fake that takes 0.3 s to answer about a sentence with warplanes, and no time for others."""

    async def structured(self, messages: list[dict[str, str]], model: type[T], max_tokens: int) -> T:
        if "Warplanes" in messages[-1]["content"]:
            await asyncio.sleep(0.3)
        return await super().structured(messages, model, max_tokens)


def test_batch_concurrency_runs_articles_together_and_keeps_order() -> None:
    """With batch_concurrency=2 a quick article finishes before a slow one, yet its line comes second."""
    with client_for(SlowOnWarplanes(), batch_concurrency=2, max_concurrency=2) as client, capture_logs() as logs:
        lines = answers(client.post(BATCH, content=ndjson(body("Warplanes struck a depot.", id="slow"),
                                                          body("Gunmen attacked a post.", id="quick")),
                                    headers=NDJSON))
    assert [line["document"]["id"] for line in lines] == ["slow", "quick"]
    finished = [e["line"] for e in logs if e["event"] == "batch.line_completed"]
    assert finished == [2, 1]


def test_articles_go_through_admission_control() -> None:
    """With no slot and no queue place free, a batch article gets a 503 line with retry_after, at once."""
    fake = FakeBackend()
    fake.hold()
    with client_for(fake, batch_concurrency=2, max_concurrency=1, max_queue=0) as client:
        admission = client.app.state.resources.admission
        with ThreadPoolExecutor(1) as pool:
            # two different articles: an identical second one would wait for the first (single flight)
            second = body(ARTICLE + " Officials gave no further details.", id="second")
            pending = pool.submit(client.post, BATCH, content=ndjson(body(id="first"), second), headers=NDJSON)
            wait_until(lambda: fake.in_flight > 0 and admission.admitted == 1)
            fake.release()
            lines = answers(pending.result(timeout=10))
    assert lines[0]["document"]["id"] == "first"
    problem = error_of(lines[1], 503)
    assert problem["type"].endswith("/busy") and problem["retry_after"] >= 1


BATCH_ERRORS: dict[str, tuple[dict[str, Any], dict[str, Any], int]] = {
    "json-content-type": ({}, {"content": ndjson(body()), "headers": {"Content-Type": "application/json"}}, 415),
    "no-content-type": ({}, {"content": ndjson(body())}, 415),
    "empty": ({}, {"content": b"", "headers": NDJSON}, 400),
    "only-blank-lines": ({}, {"content": b"\n  \r\n\n", "headers": NDJSON}, 400),
    "too-many-lines": ({"batch_max_lines": 2}, {"content": ndjson(*[body()] * 3), "headers": NDJSON}, 413),
    "too-many-bytes": ({"batch_max_body_bytes": 2048}, {"content": ndjson(*[body()] * 5), "headers": NDJSON}, 413),
    "no-key": ({"api_keys_sha256": [TEST_KEY_SHA256]}, {"content": ndjson(body()), "headers": NDJSON}, 401),
}


@pytest.mark.parametrize(("overrides", "kwargs", "status"), BATCH_ERRORS.values(), ids=BATCH_ERRORS.keys())
def test_batch_level_errors_are_problem_details(overrides: dict[str, Any], kwargs: dict[str, Any],
                                                status: int) -> None:
    """A batch that cannot be taken at all is refused before streaming, as problem+json of its status."""
    fake = FakeBackend()
    with client_for(fake, **overrides) as client:
        assert_problem(client.post(BATCH, **kwargs), status)
    assert fake.sent == []


def test_a_chunked_body_is_cut_off_at_the_byte_limit() -> None:
    """A body sent without Content-Length is refused with 413 once it passes batch_max_body_bytes."""

    def chunks() -> Iterator[bytes]:
        for _ in range(8):
            yield ndjson(body())

    fake = FakeBackend()
    with client_for(fake, batch_max_body_bytes=2048) as client:
        r = client.post(BATCH, content=chunks(), headers=NDJSON)
    assert r.request.headers.get("transfer-encoding") == "chunked"
    assert_problem(r, 413)
    assert fake.sent == []


def test_batch_limits_are_their_own_settings() -> None:
    """A batch may be larger than max_body_bytes (one request's limit) up to batch_max_body_bytes."""
    with client_for(max_body_bytes=2048, batch_max_body_bytes=65536) as client:
        lines = answers(client.post(BATCH, content=ndjson(*[body(id=str(n)) for n in range(8)]), headers=NDJSON))
    assert len(lines) == 8


def test_api_key_opens_the_batch() -> None:
    """With api_keys_sha256 set, a batch with a valid key runs."""
    with client_for(api_keys_sha256=[TEST_KEY_SHA256]) as client:
        r = client.post(BATCH, content=ndjson(body()), headers={**NDJSON, "X-API-Key": TEST_KEY})
    assert len(answers(r)) == 1


def test_model_still_unavailable_is_503_for_the_whole_batch(tmp_path: Path) -> None:
    """Without a backend, the batch is refused with 503 once rather than streaming an error per line."""
    settings = settings_for(provider="local", model_path=tmp_path / "missing.gguf")
    with TestClient(app=create_app(settings)) as client:
        wait_until(lambda: client.app.state.resources.backend_error is not None)
        r = client.post(BATCH, content=ndjson(body(), body()), headers=NDJSON)
    assert assert_problem(r, 503)["type"].endswith("/model-unavailable")


def test_rate_limit_counts_a_batch_as_a_request() -> None:
    """Over rate_limit_per_minute, the batch endpoint answers 429 with Retry-After."""
    with client_for(rate_limit_per_minute=1) as client:
        first = client.post(BATCH, content=ndjson(body()), headers=NDJSON)
        second = client.post(BATCH, content=ndjson(body()), headers=NDJSON)
    assert first.status_code == 200
    assert_problem(second, 429)


def test_batch_logs_lines_without_the_text() -> None:
    """A batch logs one line per article and a summary, with ids and hashes, never the article."""
    with client_for() as client, capture_logs() as logs:
        r = client.post(BATCH, content=ndjson(body(id="a"), "{"), headers=NDJSON)
    rid = r.headers["x-request-id"]
    events = [e for e in logs if e.get("request_id") == rid]
    assert [e["event"] for e in events] == ["batch.accepted", "batch.line_completed", "batch.line_failed",
                                            "batch.completed"]
    assert events[-1]["failed"] == 1
    assert MARKER not in repr(logs)


def test_batch_is_documented_in_openapi(client: TestClient[Any]) -> None:
    """The OpenAPI document describes the NDJSON request, the NDJSON 200 and the batch-level errors."""
    spec = client.get("/docs/openapi.json").json()
    op = spec["paths"][BATCH]["post"]
    assert op["operationId"] == "extractEventsBatch"
    request = op["requestBody"]["content"]["application/x-ndjson"]
    assert request["schema"]["$ref"].endswith("/ExtractRequest")
    ok = op["responses"]["200"]["content"]["application/x-ndjson"]["schema"]["oneOf"]
    assert ok[0]["$ref"].endswith("/ExtractResponse")
    assert ok[1]["properties"]["error"]["$ref"].endswith("/Problem")
    for ref in (request["schema"]["$ref"], ok[0]["$ref"], ok[1]["properties"]["error"]["$ref"]):
        assert ref.rsplit("/", 1)[1] in spec["components"]["schemas"]
    assert "201" not in op["responses"]
    for status in ("400", "401", "413", "415", "429", "503"):
        example = next(iter(op["responses"][status]["content"]["application/problem+json"]["examples"].values()))
        assert example["value"]["status"] == int(status)
    for line in request["example"].splitlines():
        json.loads(line)


@pytest.mark.parametrize(("status", "content", "headers"), [
    (400, b"\n", NDJSON),
    (415, ndjson(body()), {"Content-Type": "application/json"}),
])
def test_documented_batch_examples_are_what_the_app_answers(
    client: TestClient[Any], status: int, content: bytes, headers: dict[str, str]
) -> None:
    """The documented 400 and 415 examples of the batch equal the bodies the app really sends."""
    op = client.get("/docs/openapi.json").json()["paths"][BATCH]["post"]
    example = next(iter(op["responses"][str(status)]["content"]["application/problem+json"]["examples"].values()))
    r = client.post(BATCH, content=content, headers=headers)
    assert r.status_code == status
    assert r.json() == example["value"]
