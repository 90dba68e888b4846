"""The response cache behind ``POST /v1/extract``: in memory by default, Redis when configured."""

from __future__ import annotations

import asyncio
import shutil
import subprocess
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, TypeVar

import pytest
import redis
from pydantic import BaseModel
from structlog.testing import capture_logs

from api.errors import UpstreamError
from tests.contract.support import assert_problem, body, client_for, wait_until
from tests.fakes import FakeBackend
from tests.servers import free_port, wait_redis

T = TypeVar("T", bound=BaseModel)


def test_a_repeated_request_is_served_from_the_cache() -> None:
    """The same article twice: the backend is asked once, the second answer says cached and echoes its id."""
    fake = FakeBackend()
    with client_for(fake, cache_size=8) as client:
        first = client.post("/v1/extract", json=body(id="first"))
        calls = len(fake.sent)
        second = client.post("/v1/extract", json=body(id="second"))
    assert (first.status_code, second.status_code) == (200, 200)
    assert calls > 0
    assert len(fake.sent) == calls
    one, two = first.json(), second.json()
    assert one["meta"]["cached"] is False
    assert two["meta"]["cached"] is True
    assert (one["document"]["id"], two["document"]["id"]) == ("first", "second")
    assert two["meta"]["llm_calls"] == 0
    for part in ("strikes", "attacks", "statements", "casualty_reports"):
        assert one[part] == two[part]


def test_a_different_question_about_the_same_text_is_a_miss() -> None:
    """Another published_at or another types list is extracted afresh, not answered from the cache."""
    fake = FakeBackend()
    with client_for(fake, cache_size=8) as client:
        client.post("/v1/extract", json=body(published_at="2024-03-05"))
        calls = len(fake.sent)
        dated = client.post("/v1/extract", json=body(published_at="2024-03-06"))
        typed = client.post("/v1/extract", json=body(published_at="2024-03-05", types=["strike"]))
    assert dated.json()["meta"]["cached"] is False
    assert typed.json()["meta"]["cached"] is False
    assert len(fake.sent) > calls


def test_cache_size_zero_turns_the_cache_off() -> None:
    """With cache_size=0 and no redis_url every request reaches the backend."""
    fake = FakeBackend()
    with client_for(fake, cache_size=0) as client:
        client.post("/v1/extract", json=body())
        calls = len(fake.sent)
        again = client.post("/v1/extract", json=body())
    assert again.json()["meta"]["cached"] is False
    assert len(fake.sent) == 2 * calls


def test_an_unreachable_redis_is_a_miss_with_a_warning() -> None:
    """With Redis down, requests are still answered 200 (uncached) and the failure is logged as a warning."""
    fake = FakeBackend()
    url = f"redis://127.0.0.1:{free_port()}/0"
    with client_for(fake, redis_url=url) as client, capture_logs() as logs:
        first = client.post("/v1/extract", json=body())
        second = client.post("/v1/extract", json=body())
    assert (first.status_code, second.status_code) == (200, 200)
    assert second.json()["meta"]["cached"] is False
    failures = [e for e in logs if e["event"] == "cache.redis_failed"]
    assert failures
    assert all(e["log_level"] == "warning" for e in failures)


@pytest.fixture
def redis_url(tmp_path: Path) -> Iterator[str]:
    """A real redis-server on a free loopback port, without persistence, for one test."""
    if shutil.which("redis-server") is None:
        pytest.skip("redis-server is not on PATH (Debian: apt-get install redis-server)")
    port = free_port()
    proc = subprocess.Popen(
        ["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
         "--dir", str(tmp_path)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    try:
        wait_redis(port, proc)
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        proc.terminate()
        proc.wait(timeout=10)


@pytest.mark.redis
def test_redis_cache_is_shared_between_apps_and_expires(redis_url: str) -> None:
    """An answer stored by one app (replica) is a hit for another; the entry carries cache_ttl_s."""
    first_fake, second_fake = FakeBackend(), FakeBackend()
    with client_for(first_fake, redis_url=redis_url, cache_ttl_s=600) as client:
        first = client.post("/v1/extract", json=body(id="one"))
    with client_for(second_fake, redis_url=redis_url, cache_ttl_s=600) as client:
        second = client.post("/v1/extract", json=body(id="two"))
    assert first.json()["meta"]["cached"] is False
    assert second.json()["meta"]["cached"] is True
    assert second.json()["document"]["id"] == "two"
    assert first_fake.sent
    assert second_fake.sent == []
    inspect = redis.Redis.from_url(redis_url)
    try:
        keys = inspect.keys("conflict-extract:response:*")
        assert len(keys) == 1
        assert 0 < int(inspect.ttl(keys[0])) <= 600
    finally:
        inspect.close()


def _joining(client: Any) -> list[str]:
    """Record the keys for which a request looked for a running identical extraction to wait for."""
    cache = client.app.state.resources.cache
    joined: list[str] = []
    join = cache.join

    async def spy(key: str, req: Any) -> Any:
        joined.append(key)
        return await join(key, req)

    cache.join = spy
    return joined


def test_an_identical_request_waits_for_the_running_extraction() -> None:
    """Single flight: a second identical request while the first is still extracting gets the first's answer as
    a hit; the backend is asked once (a client retrying after its own timeout does not double the work)."""
    fake = FakeBackend()
    fake.hold()
    with client_for(fake, cache_size=8) as client, ThreadPoolExecutor(2) as pool:
        joined = _joining(client)
        first = pool.submit(client.post, "/v1/extract", json=body(id="first"))
        wait_until(lambda: fake.in_flight > 0)
        second = pool.submit(client.post, "/v1/extract", json=body(id="second"))
        wait_until(lambda: len(joined) == 2)  # the first found no flight; the second is waiting on it
        fake.release()
        one, two = first.result(timeout=10).json(), second.result(timeout=10).json()
    assert len(fake.sent) == one["meta"]["llm_calls"] > 0
    assert (one["meta"]["cached"], two["meta"]["cached"]) == (False, True)
    assert (one["document"]["id"], two["document"]["id"]) == ("first", "second")
    assert two["meta"]["llm_calls"] == 0
    for part in ("strikes", "attacks", "statements", "casualty_reports"):
        assert one[part] == two[part]


class _FailsOnce(FakeBackend):
    """The first extraction's first call fails upstream; every later call answers."""

    failed = False

    async def structured(self, messages: list[dict[str, str]], model: type[T], max_tokens: int) -> T:
        if not self.failed:
            while not self._gate.is_set():  # noqa: ASYNC110 -- the gate is opened from the test's thread
                await asyncio.sleep(0.005)
            self.failed = True
            raise UpstreamError("the model upstream answered an error (status 500)")
        return await super().structured(messages, model, max_tokens)


def test_when_the_running_extraction_fails_the_waiting_request_runs_its_own() -> None:
    """The first request fails upstream: its error is its own; the identical one waiting for it extracts afresh."""
    fake = _FailsOnce()
    fake.hold()
    with client_for(fake, cache_size=8, transport_retries=0) as client, ThreadPoolExecutor(2) as pool:
        joined = _joining(client)
        first = pool.submit(client.post, "/v1/extract", json=body(id="first"))
        wait_until(lambda: len(joined) == 1)
        time.sleep(0.05)  # the first is inside its extraction, held at its first call
        second = pool.submit(client.post, "/v1/extract", json=body(id="second"))
        wait_until(lambda: len(joined) == 2)
        fake.release()
        failed, answered = first.result(timeout=10), second.result(timeout=10)
    assert_problem(failed, 502)
    assert answered.status_code == 200
    assert answered.json()["meta"]["cached"] is False and answered.json()["meta"]["llm_calls"] > 0
