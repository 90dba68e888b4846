"""The response cache behind ``POST /v1/extract``: in memory by default, Redis when configured."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
import redis
from structlog.testing import capture_logs

from tests.contract.support import body, client_for
from tests.fakes import FakeBackend
from tests.servers import free_port, wait_redis


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
