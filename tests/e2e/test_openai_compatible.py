"""The OpenAI-compatible backend against a real server: llama-cpp-python's own, on loopback."""

from __future__ import annotations

import asyncio

import pytest

from api.extraction.pipeline import Extractor
from api.extraction.prompting import load_prompts
from api.extraction.providers.openai_backend import OpenAIBackend
from api.extraction.providers.retry_policy import TransportPolicy
from api.extraction.rules.gazetteer import Gazetteer
from schemas.contract import ExtractRequest
from tests.e2e.conftest import E2E_MODEL, SEED_ARTICLE

pytestmark = pytest.mark.model


def test_extract_through_llama_cpp_server(llama_server_url: str) -> None:
    """The whole pipeline runs through AsyncOpenAI + instructor against a real server, grammar included."""

    async def run() -> tuple[int, int, int]:
        backend = OpenAIBackend(base_url=llama_server_url, api_key="", model=E2E_MODEL, mode="llama_json_schema",
                                timeout_s=120, reasks=1, policy=TransportPolicy(retries=1, retry_after_max_s=1))
        try:
            ex = Extractor(backend, Gazetteer.load(), load_prompts())
            resp = await ex.extract(ExtractRequest(text=SEED_ARTICLE, id="seed"))
        finally:
            await backend.aclose()
        for ev in [*resp.strikes, *resp.attacks, *resp.statements, *resp.casualty_reports]:
            for span in ev.evidence:
                assert SEED_ARTICLE[span.start : span.end] == span.text
        return len(resp.strikes), resp.meta.llm_calls, resp.meta.usage.completion_tokens

    strikes, calls, completion = asyncio.run(run())
    assert calls >= 1 and completion > 0
    assert strikes >= 1
