"""Shared pieces of the contract tests: an invented article, test settings, a client on a fake backend."""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from litestar.testing import TestClient

from api.app import create_app
from api.extraction.providers.backend import Backend
from api.settings import Settings
from tests.fakes import FakeBackend

# Invented for these tests (no real event): CRLF line breaks, an em dash and curly quotes, so that
# code point offsets differ from byte offsets and from a normalised copy of the text.
ARTICLE = (
    "BEIRUT — Israeli warplanes struck a weapons depot near the town of Nabatieh in southern Lebanon "
    "on Tuesday, the Israel Defense Forces said, calling the raid a response to rocket fire "
    "a day earlier.\r\n"
    "Lebanon’s health ministry said at least three people were killed and 11 wounded in the strike.\r\n"
    "Hezbollah said it had fired a salvo of rockets at an army post near Metula on Monday.\r\n"
    "“Our answer will come at a time of our choosing,” Hezbollah spokesman Karim Haddad told reporters."
)
MARKER = "weapons depot near the town of Nabatieh"  # must never appear in an error body or a log line
TEST_KEY = "test-key-4f1c2a"
TEST_KEY_SHA256 = hashlib.sha256(TEST_KEY.encode()).hexdigest()


def settings_for(**overrides: Any) -> Settings:
    """Settings for a test app: small limits, no env file, JSON logs, no logger caching."""
    values: dict[str, Any] = {
        "testing": True, "log_json": True, "max_chars": 1000, "max_body_bytes": 8192,
        "request_deadline_s": 10.0, "max_concurrency": 1, "max_queue": 1, "provider": "local",
    }
    values.update(overrides)
    return Settings(_env_file=None, **values)


@contextmanager
def client_for(backend: Backend | None = None, **overrides: Any) -> Iterator[TestClient[Any]]:
    """A started app (lifespan run) on ``backend`` (a fresh ``FakeBackend`` by default)."""
    app = create_app(settings_for(**overrides), backend=backend if backend is not None else FakeBackend())
    with TestClient(app=app) as client:
        yield client


def body(text: str = ARTICLE, **fields: Any) -> dict[str, Any]:
    return {"text": text, **fields}


PROBLEM_FIELDS = {"type": str, "title": str, "status": int, "detail": str}
JSON = {"Content-Type": "application/json"}


def assert_problem(response: Any, status: int) -> dict[str, Any]:
    """The response is an RFC 9457 problem of ``status`` that does not echo the article."""
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/problem+json")
    problem: dict[str, Any] = response.json()
    for name, kind in PROBLEM_FIELDS.items():
        assert isinstance(problem.get(name), kind), (name, problem)
    assert problem["status"] == status
    assert problem["type"].startswith("https://")
    assert MARKER not in response.text
    assert "Traceback" not in response.text
    return problem


def wait_until(condition: Callable[[], bool], timeout_s: float = 5.0) -> None:
    """Poll ``condition`` from the test thread while the app works in its own."""
    deadline = time.monotonic() + timeout_s
    while not condition():
        assert time.monotonic() < deadline, "condition not reached in time"
        time.sleep(0.01)


def spans_in(value: Any) -> list[dict[str, Any]]:
    """Every span-shaped object (start, end, text) anywhere in a JSON value."""
    if isinstance(value, list):
        return [s for v in value for s in spans_in(v)]
    if not isinstance(value, dict):
        return []
    own = [value] if {"start", "end", "text"} <= value.keys() and isinstance(value.get("start"), int) else []
    return own + [s for v in value.values() for s in spans_in(v)]
