"""The OpenAI client's aiohttp transport (the default) against real sockets on loopback: answers, timeouts and
refused connections reach the transport policy as the same SDK errors httpx's transport raises."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Iterator
from typing import Any, Literal

import httpx
import pytest
from structlog.testing import capture_logs

from api.errors import UpstreamError, UpstreamUnavailable
from api.extraction.prompting import load_prompts
from api.extraction.providers.backend import CURRENT_STATS, CallStats
from api.extraction.providers.connections import http_client
from api.extraction.providers.factory import transport_policy
from api.extraction.providers.openai_backend import OpenAIBackend
from api.settings import Settings
from schemas.llm import EventAnswer
from tests.contract import slow_upstream
from tests.servers import free_port, serve_in_thread

Outcome = tuple[EventAnswer | Exception, CallStats, list[dict[str, Any]]]


def _ask(base_url: str, transport: Literal["aiohttp", "httpx"], **settings: Any) -> Outcome:
    """One event question through the service's OpenAI backend: the answer or the error, the call counts, and
    the log events (captured: another test's log stream may be closed by now)."""
    config = Settings(provider="openai", openai_base_url=base_url, openai_model="fake-upstream", testing=True,
                      **settings)  # the service's backend as build_openai makes it (without its log line)
    backend = OpenAIBackend(base_url=base_url, api_key="sk-test", model=config.openai_model,
                            mode=config.instructor_mode, timeout_s=config.llm_timeout_s, reasks=config.reasks,
                            policy=transport_policy(config), http_client=http_client(transport))
    messages = load_prompts()["event"].messages("Sentence: Militants fired rockets at the base on Monday.")
    stats = CallStats()

    async def run() -> EventAnswer | Exception:
        CURRENT_STATS.set(stats)
        try:
            return await backend.structured(messages, EventAnswer, 32)
        except Exception as exc:  # the outcome under test
            return exc
        finally:
            await backend.aclose()

    with capture_logs() as logs:
        outcome = asyncio.run(run())
    return outcome, stats, logs


@pytest.fixture(scope="module")
def upstream() -> Iterator[str]:
    with serve_in_thread(slow_upstream.app) as url:
        yield url


@pytest.mark.parametrize("transport", ["aiohttp", "httpx"])
def test_answer_timeout_and_refusal(upstream: str, transport: Literal["aiohttp", "httpx"],
                                    monkeypatch: pytest.MonkeyPatch) -> None:
    base = f"{upstream}/v1"
    monkeypatch.setenv("SLOW_UPSTREAM_DELAY_S", "0")
    answer, stats, _ = _ask(base, transport)
    assert isinstance(answer, EventAnswer) and answer.event == "attack" and stats.calls == 1

    monkeypatch.setenv("SLOW_UPSTREAM_DELAY_S", "2")
    before = httpx.get(f"{upstream}/stats").json()["chat_completions"]
    started = time.perf_counter()
    timed_out, stats, logs = _ask(base, transport, llm_timeout_s=0.3, transport_retries=1)
    assert isinstance(timed_out, UpstreamError) and "timed out" in timed_out.detail
    assert [e["error"] for e in logs if e["event"] == "extraction.retry_scheduled"] == ["APITimeoutError"]
    assert stats.calls == 2 and httpx.get(f"{upstream}/stats").json()["chat_completions"] - before == 2
    assert time.perf_counter() - started < 1.8  # each attempt cut at 0.3 s, not left to the 2 s answer

    refused, stats, logs = _ask(f"http://127.0.0.1:{free_port()}/v1", transport, transport_retries=1)
    assert [e["error"] for e in logs if e["event"] == "extraction.retry_scheduled"] == ["APIConnectionError"]
    assert isinstance(refused, UpstreamUnavailable) and "cannot be reached" in refused.detail and stats.calls == 2
