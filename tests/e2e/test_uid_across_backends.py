"""Stable event ids across backends: the embedded model and llama.cpp's OpenAI-compatible server."""

from __future__ import annotations

import asyncio
from typing import Any

import httpx
import pytest

from api.extraction.pipeline import Extractor
from api.extraction.prompting import load_prompts
from api.extraction.providers.openai_backend import OpenAIBackend
from api.extraction.providers.retry_policy import TransportPolicy
from api.extraction.rules.gazetteer import Gazetteer
from schemas.contract import ExtractRequest
from tests.e2e.conftest import E2E_MODEL, SEED_ARTICLE

pytestmark = pytest.mark.model
KEYS = ("strikes", "attacks", "statements", "casualty_reports")


def _by_evidence(body: dict[str, Any]) -> dict[tuple[str, tuple[tuple[int, int], ...]], str]:
    return {(key, tuple((s["start"], s["end"]) for s in ev["evidence"])): ev["uid"] for key in KEYS for ev in body[key]}


def test_same_event_has_the_same_uid_on_both_backends(service_url: str, llama_server_url: str) -> None:
    """An event both backends find in the seed article (same type, same evidence) has the same uid on each."""
    embedded = httpx.post(f"{service_url}/v1/extract", json={"text": SEED_ARTICLE, "id": "seed"}, timeout=300).json()

    async def through_server() -> dict[str, Any]:
        backend = OpenAIBackend(base_url=llama_server_url, api_key="", model=E2E_MODEL, mode="llama_json_schema",
                                timeout_s=120, reasks=1, policy=TransportPolicy(retries=1, retry_after_max_s=1))
        try:
            resp = await Extractor(backend, Gazetteer.load(), load_prompts()).extract(ExtractRequest(text=SEED_ARTICLE))
        finally:
            await backend.aclose()
        return resp.model_dump()

    served = asyncio.run(through_server())
    a, b = _by_evidence(embedded), _by_evidence(served)
    shared = set(a) & set(b)
    assert any(key == "strikes" for key, _ in shared), "both backends find the seed article's strike"
    assert {k: a[k] for k in shared} == {k: b[k] for k in shared}
