"""The OpenAI client's aiohttp transport (the default) against real sockets on loopback: answers, timeouts and
refused connections reach the transport policy as the same SDK errors httpx's transport raises."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Iterator

import httpx
import pytest

from api.backend_factory import build_openai
from api.errors import UpstreamError, UpstreamUnavailable
from api.extraction.backends import CURRENT_STATS, CallStats
from api.extraction.prompting import load_prompts
from api.settings import Settings
from schemas.llm import EventAnswer
from tests.contract import slow_upstream
from tests.servers import free_port, serve_in_thread


def _ask(base_url: str, transport: str, **settings: object) -> tuple[EventAnswer | Exception, CallStats]:
    backend = build_openai(Settings(provider="openai", openai_base_url=base_url, openai_model="fake-upstream",
                                    openai_transport=transport, testing=True, **settings))
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

    return asyncio.run(run()), stats


@pytest.fixture(scope="module")
def upstream() -> Iterator[str]:
    with serve_in_thread(slow_upstream.app) as url:
        yield url


@pytest.mark.parametrize("transport", ["aiohttp", "httpx"])
def test_answer_timeout_and_refusal(upstream: str, transport: str, monkeypatch: pytest.MonkeyPatch) -> None:
    base = f"{upstream}/v1"
    monkeypatch.setenv("SLOW_UPSTREAM_DELAY_S", "0")
    answer, stats = _ask(base, transport)
    assert isinstance(answer, EventAnswer) and answer.event == "attack" and stats.calls == 1

    monkeypatch.setenv("SLOW_UPSTREAM_DELAY_S", "2")
    before = httpx.get(f"{upstream}/stats").json()["chat_completions"]
    started = time.perf_counter()
    timed_out, stats = _ask(base, transport, llm_timeout_s=0.3, transport_retries=1)
    assert isinstance(timed_out, UpstreamError) and "timed out" in timed_out.detail
    assert stats.calls == 2 and httpx.get(f"{upstream}/stats").json()["chat_completions"] - before == 2
    assert time.perf_counter() - started < 1.8  # each attempt cut at 0.3 s, not left to the 2 s answer

    refused, stats = _ask(f"http://127.0.0.1:{free_port()}/v1", transport, transport_retries=1)
    assert isinstance(refused, UpstreamUnavailable) and "cannot be reached" in refused.detail and stats.calls == 2
