"""``GET /metrics``: Prometheus text with requests, latency, model calls, tokens, cache and admission."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from typing import Any

from prometheus_client.parser import text_string_to_metric_families

from tests.contract.support import body, client_for, wait_until
from tests.fakes import FakeBackend


def samples(text: str) -> dict[tuple[str, frozenset[tuple[str, str]]], float]:
    """Every sample of a Prometheus text exposition, by name and label set."""
    return {
        (s.name, frozenset(s.labels.items())): s.value
        for family in text_string_to_metric_families(text) for s in family.samples
    }


def value(text: str, name: str, **labels: str) -> float:
    return samples(text).get((name, frozenset(labels.items())), 0.0)


def test_metrics_count_requests_calls_tokens_and_cache() -> None:
    """After a miss, a hit and a 422, /metrics counts them by route and status, with the model's calls and tokens."""
    fake = FakeBackend()
    with client_for(fake, cache_size=8) as client:
        miss = client.post("/v1/extract", json=body())
        client.post("/v1/extract", json=body())
        client.post("/v1/extract", json={"text": ""})
        r = client.get("/metrics")
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("text/plain; version=0.0.4")
    text, meta = r.text, miss.json()["meta"]
    route = {"route": "/v1/extract", "method": "POST"}
    assert value(text, "conflict_http_requests_total", **route, status="200") == 2
    assert value(text, "conflict_http_requests_total", **route, status="422") == 1
    assert value(text, "conflict_http_request_duration_seconds_count", route="/v1/extract") == 3
    assert value(text, "conflict_llm_calls_total") == meta["llm_calls"] == len(fake.sent)
    assert value(text, "conflict_llm_prompt_tokens_total") == meta["usage"]["prompt_tokens"] > 0
    assert value(text, "conflict_llm_completion_tokens_total") == meta["usage"]["completion_tokens"] > 0
    assert value(text, "conflict_llm_retries_total") == 0
    assert value(text, "conflict_cache_lookups_total", result="hit") == 1
    assert value(text, "conflict_cache_lookups_total", result="miss") == 1


def test_metrics_show_extractions_in_flight_and_waiting() -> None:
    """While one extraction runs and one waits, the in-flight and queue-depth gauges say 1 and 1."""
    fake = FakeBackend()
    fake.hold()
    with client_for(fake, max_concurrency=1, max_queue=1, cache_size=0) as client, ThreadPoolExecutor(2) as pool:
        admission = client.app.state.resources.admission
        pending = [pool.submit(client.post, "/v1/extract", json=body()) for _ in range(2)]
        wait_until(lambda: admission.admitted == 2)
        text = client.get("/metrics").text
        fake.release()
        assert [f.result(timeout=10).status_code for f in pending] == [200, 200]
        after = client.get("/metrics").text
    assert value(text, "conflict_extractions_in_flight") == 1
    assert value(text, "conflict_admission_queue_depth") == 1
    assert value(after, "conflict_extractions_in_flight") == 0


def test_rate_limited_requests_are_counted_as_429() -> None:
    """A request refused by the rate limiter still shows up in the request counter, with status 429."""
    with client_for(rate_limit_per_minute=1) as client:
        statuses = [client.post("/v1/extract", json=body()).status_code for _ in range(2)]
        text = client.get("/metrics").text
    assert statuses == [200, 429]
    assert value(text, "conflict_http_requests_total", route="/v1/extract", method="POST", status="429") == 1


def test_metrics_are_per_app_and_not_in_the_openapi_document() -> None:
    """Two apps in one process count separately, and /metrics is not part of the documented API."""
    with client_for() as first:
        first.post("/v1/extract", json=body())
    with client_for() as second:
        text = second.get("/metrics").text
        spec: dict[str, Any] = second.get("/docs/openapi.json").json()
    assert value(text, "conflict_http_requests_total", route="/v1/extract", method="POST", status="200") == 0
    assert "/metrics" not in spec["paths"]
