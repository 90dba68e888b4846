"""Access and observability: API keys, rate limit, CORS, and the one log line per request."""

from __future__ import annotations

import pytest
from structlog.testing import capture_logs

from tests.contract.support import (
    ARTICLE,
    MARKER,
    TEST_KEY,
    TEST_KEY_SHA256,
    assert_problem,
    body,
    client_for,
)
from tests.fakes import FakeBackend


@pytest.mark.parametrize(
    ("headers", "status"),
    [
        ({}, 401),
        ({"Authorization": "Bearer wrong-key"}, 401),
        ({"X-API-Key": TEST_KEY + "x"}, 401),
        ({"Authorization": "Basic " + TEST_KEY}, 401),
        ({"Authorization": "Bearer " + TEST_KEY}, 200),
        ({"X-API-Key": TEST_KEY}, 200),
    ],
    ids=["none", "wrong-bearer", "wrong-header", "not-bearer", "bearer", "header"],
)
def test_api_keys_guard_extract(headers: dict[str, str], status: int) -> None:
    """With api_keys_sha256 set, /v1/extract needs a key that hashes to one of them; others get 401."""
    with client_for(api_keys_sha256=["0" * 64, TEST_KEY_SHA256]) as client:
        r = client.post("/v1/extract", json=body(), headers=headers)
        health, ready = client.get("/healthz"), client.get("/readyz")
    assert (health.status_code, ready.status_code) == (200, 200)
    if status == 401:
        assert_problem(r, 401)
        assert r.headers["www-authenticate"].startswith("Bearer")
        assert TEST_KEY not in r.text
    else:
        assert r.status_code == 200, r.text


def test_without_configured_keys_extract_is_open() -> None:
    """With no api_keys_sha256, /v1/extract needs no key."""
    with client_for() as client:
        assert client.post("/v1/extract", json=body()).status_code == 200


def test_one_log_line_per_request_without_the_text() -> None:
    """A successful extraction logs one extract.completed line with ids and counts, never the article."""
    with client_for() as client, capture_logs() as logs:
        r = client.post("/v1/extract", json=body())
    lines = [e for e in logs if e["event"] in ("extract.completed", "extract.failed", "request.failed")]
    assert len(lines) == 1
    line = lines[0]
    assert line["event"] == "extract.completed"
    assert line["request_id"] == r.headers["x-request-id"]
    assert line["sha256"] == r.json()["document"]["sha256"]
    assert line["chars"] == len(ARTICLE)
    assert line["llm_calls"] == r.json()["meta"]["llm_calls"]
    for key in ("provider", "model", "retries", "prompt_tokens", "completion_tokens", "duration_ms"):
        assert key in line
    assert line["status"] == 200
    assert not any(MARKER in str(v) for entry in logs for v in entry.values())


def test_failed_requests_are_logged_once() -> None:
    """A rejected request logs exactly one line with its status and request id."""
    with client_for(FakeBackend(delay_s=5.0), request_deadline_s=0.1) as client, capture_logs() as logs:
        slow = client.post("/v1/extract", json=body())
        bad = client.post("/v1/extract", json=body(types=["riot"]))
    lines = [e for e in logs if e["event"] in ("extract.failed", "request.failed", "extract.completed")]
    assert [(e["event"], e["status"]) for e in lines] == [("extract.failed", 504), ("request.failed", 422)]
    assert [e["request_id"] for e in lines] == [slow.headers["x-request-id"], bad.headers["x-request-id"]]
    assert not any(MARKER in str(v) for entry in logs for v in entry.values())


def test_cors_is_off_unless_configured() -> None:
    """No CORS headers by default; the configured origin is allowed when cors_origins is set."""
    origin = {"Origin": "https://news.example"}
    with client_for() as client:
        plain = client.get("/healthz", headers=origin)
    with client_for(cors_origins=["https://news.example"]) as client:
        allowed = client.get("/healthz", headers=origin)
    assert "access-control-allow-origin" not in plain.headers
    assert allowed.headers["access-control-allow-origin"] == "https://news.example"


def test_rate_limit_is_429_with_retry_after() -> None:
    """Over rate_limit_per_minute, /v1/extract answers 429 with Retry-After; /healthz is not limited."""
    with client_for(rate_limit_per_minute=1) as client:
        first = client.post("/v1/extract", json=body())
        second = client.post("/v1/extract", json=body())
        health = [client.get("/healthz").status_code for _ in range(3)]
    assert first.status_code == 200
    assert_problem(second, 429)
    assert int(second.headers["retry-after"]) >= 1
    assert health == [200, 200, 200]
