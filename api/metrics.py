"""Prometheus metrics of one app, served as text at ``GET /metrics``.

Each app has its own registry (tests build many apps in one process). What is measured:

- ``conflict_http_requests_total{route,method,status}`` and
  ``conflict_http_request_duration_seconds{route}``: every routed request, by its route template
  (so ids in paths never multiply series), measured by ``MetricsMiddleware``, the outermost one;
- ``conflict_llm_calls_total``, ``conflict_llm_retries_total``, ``conflict_llm_prompt_tokens_total``,
  ``conflict_llm_completion_tokens_total``: from ``meta`` of each completed extraction (the calls of
  an extraction that failed are not counted);
- ``conflict_cache_lookups_total{result="hit"|"miss"}``;
- ``conflict_extractions_in_flight`` and ``conflict_admission_queue_depth``, read at scrape time.

One process, one registry: run one worker per container (as ``make run`` does), or scrape each.
"""

from __future__ import annotations

import time
from typing import Any

from litestar import Litestar
from litestar.enums import ScopeType
from litestar.exceptions import HTTPException
from litestar.types import ASGIApp, Message, Receive, Scope, Send
from prometheus_client import (
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    disable_created_metrics,
    generate_latest,
)

from api.admission import Admission
from schemas.contract import Meta

LATENCY_BUCKETS = (0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0,
                   120.0, 300.0, 600.0)


class Metrics:
    def __init__(self) -> None:
        disable_created_metrics()  # type: ignore[no-untyped-call]  # no "_created" twin per series (process-wide)
        r = self.registry = CollectorRegistry()
        self.requests = Counter("conflict_http_requests", "HTTP requests answered, by route template, "
                                "method and status", ["route", "method", "status"], registry=r)
        self.latency = Histogram("conflict_http_request_duration_seconds", "Time to answer a request, "
                                 "by route template", ["route"], buckets=LATENCY_BUCKETS, registry=r)
        self.llm_calls = Counter("conflict_llm_calls", "Model calls of completed extractions "
                                 "(every attempt)", registry=r)
        self.llm_retries = Counter("conflict_llm_retries", "Transport retries and re-asks of completed "
                                   "extractions", registry=r)
        self.prompt_tokens = Counter("conflict_llm_prompt_tokens", "Prompt tokens sent to the model",
                                     registry=r)
        self.completion_tokens = Counter("conflict_llm_completion_tokens", "Tokens the model generated",
                                         registry=r)
        self.cache = Counter("conflict_cache_lookups", "Response cache lookups by result", ["result"],
                             registry=r)
        for result in ("hit", "miss"):
            self.cache.labels(result)
        self.in_flight = Gauge("conflict_extractions_in_flight", "Extractions holding a slot", registry=r)
        self.queued = Gauge("conflict_admission_queue_depth", "Extractions waiting for a slot", registry=r)

    def observe_extraction(self, meta: Meta) -> None:
        self.llm_calls.inc(meta.llm_calls)
        self.llm_retries.inc(meta.retries)
        self.prompt_tokens.inc(meta.usage.prompt_tokens)
        self.completion_tokens.inc(meta.usage.completion_tokens)

    def observe_cache(self, hit: bool) -> None:
        self.cache.labels("hit" if hit else "miss").inc()

    def render(self, admission: Admission | None) -> bytes:
        """The text exposition, with the admission gauges read now."""
        if admission is not None:
            self.in_flight.set(admission.running)
            self.queued.set(admission.waiting)
        return generate_latest(self.registry)


def metrics_of(app: Litestar) -> Metrics:
    metrics = app.state.get("metrics")
    if not isinstance(metrics, Metrics):
        raise RuntimeError("the app was not built by create_app(): no metrics")
    return metrics


class MetricsMiddleware:
    """Counts and times every routed request; an exception on its way out counts with its status."""

    def __init__(self, app: ASGIApp, metrics: Metrics) -> None:
        self.app = app
        self.metrics = metrics

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != ScopeType.HTTP:
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        status = 500

        async def send_and_note(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, send_and_note)
        except HTTPException as exc:
            status = exc.status_code
            raise
        finally:
            route: Any = scope.get("path_template") or "unmatched"
            self.metrics.requests.labels(route, scope["method"], str(status)).inc()
            self.metrics.latency.labels(route).observe(time.perf_counter() - started)
