"""The response cache: what its key covers, the LRU bound, and how a stored answer becomes a hit."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import pytest

from api.cache import MemoryStore, ResponseCache, build_cache, cache_key, pipeline_fingerprint
from api.settings import Settings
from schemas.contract import DocumentInfo, ExtractRequest, ExtractResponse, Meta, Usage

BASE: dict[str, Any] = {
    "text_sha256": "a" * 64, "types": ["strike", "attack"], "published_at": "2024-03-05",
    "model_identity": "local:qwen:abc", "prompt_version": "event-v1+speaker-v1", "schema_version": "1",
    "decoding": {"max_tokens": 64, "reasks": 1}, "fingerprint": "f" * 64,
}
CHANGED: dict[str, Any] = {
    "text_sha256": "b" * 64, "types": ["strike"], "published_at": "2024-03-06",
    "model_identity": "local:qwen:abd", "prompt_version": "event-v2+speaker-v1", "schema_version": "2",
    "decoding": {"max_tokens": 65, "reasks": 1}, "fingerprint": "e" * 64,
}


@pytest.mark.parametrize("component", sorted(CHANGED))
def test_each_component_changes_the_key(component: str) -> None:
    """Changing any one component of the key (text, types, date, model, prompt, schema, decoding, code) changes it."""
    assert cache_key(**BASE) != cache_key(**{**BASE, component: CHANGED[component]})


def test_key_is_a_sha256_and_ignores_type_order_and_repeats() -> None:
    """The key is 64 hex digits, and ["attack", "strike", "strike"] asks the same as ["strike", "attack"]."""
    key = cache_key(**BASE)
    assert len(key) == 64
    assert int(key, 16) >= 0
    assert cache_key(**{**BASE, "types": ["attack", "strike", "strike"]}) == key


def test_no_types_means_all_types() -> None:
    """types=None is keyed as the four types listed explicitly (both get the same answer)."""
    all_four = ["strike", "attack", "statement", "casualty_report"]
    assert cache_key(**{**BASE, "types": None}) == cache_key(**{**BASE, "types": all_four})


def test_fingerprint_follows_the_pipeline_files(tmp_path: Path) -> None:
    """Editing a code or data file of the pipeline changes the fingerprint; an unrelated file does not."""
    (tmp_path / "data").mkdir()
    rules = tmp_path / "data" / "places.yaml"
    rules.write_text("a: 1\n")
    patterns = ("data/*.yaml",)
    before = pipeline_fingerprint(tmp_path, patterns)
    (tmp_path / "notes.txt").write_text("unrelated")
    assert pipeline_fingerprint(tmp_path, patterns) == before
    rules.write_text("a: 2\n")
    assert pipeline_fingerprint(tmp_path, patterns) != before


def test_fingerprint_covers_files_in_subfolders(tmp_path: Path) -> None:
    """A rule module in a subpackage, or a word list in a data subfolder, is part of the fingerprint."""
    rules = tmp_path / "api" / "extraction" / "rules" / "speech.py"
    words = tmp_path / "data" / "words" / "speech.yaml"
    for path in (rules, words):
        path.parent.mkdir(parents=True)
        path.write_text("a = 1\n")
    before = pipeline_fingerprint(tmp_path)
    (rules.parent / "__pycache__").mkdir()
    (rules.parent / "__pycache__" / "speech.cpython-311.pyc").write_bytes(b"\0")
    assert pipeline_fingerprint(tmp_path) == before
    for path in (rules, words):
        path.write_text("a = 2\n")
        assert pipeline_fingerprint(tmp_path) != before
        before = pipeline_fingerprint(tmp_path)


def test_fingerprint_of_this_repository_reads_every_extraction_module() -> None:
    """The default patterns reach every module of api/extraction/ and its subpackages (none is left out)."""
    from api.cache import FINGERPRINTED, ROOT

    found = {p for pattern in FINGERPRINTED for p in ROOT.glob(pattern)}
    assert set((ROOT / "api" / "extraction").rglob("*.py")) <= found


def test_lru_keeps_at_most_max_entries_and_evicts_the_least_recently_used() -> None:
    """A MemoryStore of 2 holds 2 entries; reading one keeps it, the other one goes when a third arrives."""

    async def run() -> tuple[int, bytes | None, bytes | None, bytes | None]:
        store = MemoryStore(2)
        await store.set("a", b"1")
        await store.set("b", b"2")
        await store.get("a")
        await store.set("c", b"3")
        return len(store), await store.get("a"), await store.get("b"), await store.get("c")

    assert asyncio.run(run()) == (2, b"1", None, b"3")


def test_memory_store_refuses_a_zero_bound() -> None:
    """MemoryStore(0) is a configuration error, not an unbounded cache."""
    with pytest.raises(ValueError, match="max_entries"):
        MemoryStore(0)


def test_build_cache_follows_the_settings() -> None:
    """cache_size=0 and no redis_url: no cache; cache_size>0: an LRU of that size."""
    assert build_cache(Settings(_env_file=None, cache_size=0)) is None
    cache = build_cache(Settings(_env_file=None, cache_size=3))
    assert cache is not None
    assert isinstance(cache.store, MemoryStore)
    assert cache.store.max_entries == 3


def response(doc_id: str | None, warnings: list[str] | None = None) -> ExtractResponse:
    return ExtractResponse(
        document=DocumentInfo(id=doc_id, sha256="a" * 64, chars=10, published_at=None),
        meta=Meta(provider="local", model="m", prompt_version="p", duration_ms=900, llm_calls=4, retries=1,
                  usage=Usage(prompt_tokens=100, completion_tokens=8), warnings=warnings or []),
    )


def test_a_hit_answers_the_new_request() -> None:
    """A hit carries the new request's id, cached=true and no calls or tokens of its own."""

    async def run() -> ExtractResponse | None:
        cache = ResponseCache(MemoryStore(4), decoding={}, fingerprint="f")
        await cache.put("k", response("first"))
        return await cache.get("k", ExtractRequest(text="x", id="second"))

    hit = asyncio.run(run())
    assert hit is not None
    assert hit.document.id == "second"
    assert hit.meta.cached is True
    assert (hit.meta.llm_calls, hit.meta.retries, hit.meta.usage.prompt_tokens) == (0, 0, 0)


def test_degraded_responses_are_not_stored() -> None:
    """A response with warnings (an unanswered question) is not cached: the next request tries again."""

    async def run() -> ExtractResponse | None:
        cache = ResponseCache(MemoryStore(4), decoding={}, fingerprint="f")
        await cache.put("k", response("first", warnings=["sentence 2: event question unanswered"]))
        return await cache.get("k", ExtractRequest(text="x"))

    assert asyncio.run(run()) is None
