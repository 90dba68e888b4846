"""The response cache: one extraction is never paid for twice.

The key is the SHA-256 of everything that changes the answer: the text (by its own SHA-256, which
the route computes anyway), the requested types, ``published_at``, the backend's
``model_identity`` (model and weights hash, or endpoint and model), the prompt version, the schema
version, the decoding settings, and a fingerprint of the pipeline's code and data files (so a
release that changes a rule or the gazetteer does not serve the old answers). The client's
``id`` is not in the key: a hit echoes the id of the request it answers.

Entries are the response's JSON bytes, the same bytes the first client got. ``MemoryStore`` is a
bounded LRU (``cache_size`` entries; 0 turns the cache off); ``RedisStore`` (``redis_url``) shares
entries between replicas for ``cache_ttl_s``. Redis is never worth a 500: an error is a miss with
one warning log line, and Redis is left alone for ``REDIS_PAUSE_S`` before it is tried again.
Responses with warnings (a question went unanswered after an upstream failure) are not stored.

Single flight: while an extraction runs, an identical request (same key) in the same process waits for it
instead of running the model again, and gets its answer as a hit (``cached: true``): a client that retries
after its own timeout does not double the work. When the first one fails, or its answer has warnings, the
waiting request runs its own extraction. Replicas do not share flights, only stored entries.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import json
import time
from collections import OrderedDict
from collections.abc import AsyncIterator, Iterable, Mapping, Sequence
from pathlib import Path
from typing import Protocol

import structlog
from pydantic import ValidationError

from api.settings import Settings
from schemas.contract import ALL_TYPES, SCHEMA_VERSION, EventType, ExtractRequest, ExtractResponse, Usage

log = structlog.get_logger("cache")
ROOT = Path(__file__).resolve().parents[1]
# every code and data file the output depends on, in subfolders too ("**" reaches api/extraction/rules/…)
FINGERPRINTED = ("api/extraction/**/*.py", "schemas/**/*.py", "data/**/*", "prompts/**/*", "api/enrich/**/*.py",
                 "api/language.py")
REDIS_PREFIX = "conflict-extract:response:"
REDIS_TIMEOUT_S = 0.5
REDIS_PAUSE_S = 5.0


def pipeline_fingerprint(root: Path = ROOT, patterns: Iterable[str] = FINGERPRINTED) -> str:
    """SHA-256 over the pipeline's source and data files (read once, at start-up)."""
    digest = hashlib.sha256()
    paths = {p for pattern in patterns for p in root.glob(pattern) if p.is_file() and "__pycache__" not in p.parts}
    for path in sorted(paths):
        digest.update(path.relative_to(root).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def cache_key(
    *, text_sha256: str, types: Sequence[EventType] | None, published_at: str | None, model_identity: str,
    prompt_version: str, schema_version: str, decoding: Mapping[str, object], fingerprint: str,
) -> str:
    """The SHA-256 hex digest naming one answer; equal only when every component is equal."""
    parts = {
        "text": text_sha256, "types": sorted(set(types or ALL_TYPES)), "published_at": published_at,
        "model": model_identity, "prompt": prompt_version, "schema": schema_version,
        "decoding": dict(decoding), "pipeline": fingerprint,
    }
    return hashlib.sha256(json.dumps(parts, sort_keys=True, separators=(",", ":")).encode()).hexdigest()


class Store(Protocol):
    async def get(self, key: str) -> bytes | None: ...
    async def set(self, key: str, value: bytes) -> None: ...
    async def aclose(self) -> None: ...


class MemoryStore:
    """At most ``max_entries`` entries; the least recently used goes first. One event loop only."""

    def __init__(self, max_entries: int) -> None:
        if max_entries < 1:
            raise ValueError("max_entries must be >= 1")
        self.max_entries = max_entries
        self._entries: OrderedDict[str, bytes] = OrderedDict()

    def __len__(self) -> int:
        return len(self._entries)

    async def get(self, key: str) -> bytes | None:
        value = self._entries.get(key)
        if value is not None:
            self._entries.move_to_end(key)
        return value

    async def set(self, key: str, value: bytes) -> None:
        self._entries[key] = value
        self._entries.move_to_end(key)
        while len(self._entries) > self.max_entries:
            self._entries.popitem(last=False)

    async def aclose(self) -> None:
        self._entries.clear()


class RedisStore:
    """Entries in Redis with a TTL; every failure is a miss (or a skipped write) and a warning."""

    def __init__(self, url: str, ttl_s: int, *, timeout_s: float = REDIS_TIMEOUT_S) -> None:
        from redis.asyncio import Redis  # imported here: only this store needs the client
        from redis.asyncio.retry import Retry
        from redis.backoff import NoBackoff
        from redis.exceptions import RedisError

        self._errors: tuple[type[BaseException], ...] = (RedisError, OSError, TimeoutError)
        self._redis = Redis.from_url(url, socket_timeout=timeout_s, socket_connect_timeout=timeout_s,
                                     retry=Retry(NoBackoff(), 0))
        self._ttl_s = ttl_s
        self._paused_until = 0.0

    def _available(self) -> bool:
        return time.monotonic() >= self._paused_until

    def _failed(self, op: str, exc: BaseException) -> None:
        self._paused_until = time.monotonic() + REDIS_PAUSE_S
        log.warning("cache.redis_failed", op=op, error=type(exc).__name__, paused_s=REDIS_PAUSE_S)

    async def get(self, key: str) -> bytes | None:
        if not self._available():
            return None
        try:
            value = await self._redis.get(REDIS_PREFIX + key)
        except self._errors as exc:
            self._failed("get", exc)
            return None
        return value if isinstance(value, bytes) else None

    async def set(self, key: str, value: bytes) -> None:
        if not self._available():
            return
        try:
            await self._redis.set(REDIS_PREFIX + key, value, ex=self._ttl_s)
        except self._errors as exc:
            self._failed("set", exc)

    async def aclose(self) -> None:
        await self._redis.aclose()


class ResponseCache:
    """Keys, hits and writes over one ``Store``, for the settings of one app."""

    def __init__(self, store: Store, *, decoding: Mapping[str, object], fingerprint: str) -> None:
        self.store = store
        self.decoding = dict(decoding)
        self.fingerprint = fingerprint
        self._flights: dict[str, asyncio.Future[ExtractResponse]] = {}

    def key(self, req: ExtractRequest, text_sha256: str, *, model_identity: str, prompt_version: str) -> str:
        return cache_key(
            text_sha256=text_sha256, types=req.types,
            published_at=req.published_at.isoformat() if req.published_at else None,
            model_identity=model_identity, prompt_version=prompt_version, schema_version=SCHEMA_VERSION,
            decoding=self.decoding, fingerprint=self.fingerprint,
        )

    async def get(self, key: str, req: ExtractRequest) -> ExtractResponse | None:
        """The stored answer as a response to ``req``: its id, ``cached: true``, no calls of its own."""
        raw = await self.store.get(key)
        if raw is None:
            return None
        try:
            stored = ExtractResponse.model_validate_json(raw)
        except ValidationError:
            log.warning("cache.entry_invalid")
            return None
        return _as_hit(stored, req)

    async def join(self, key: str, req: ExtractRequest) -> ExtractResponse | None:
        """The answer of the identical extraction running now, as a hit for ``req``; None when there is none,
        it failed, or its answer has warnings (the caller then runs its own)."""
        flight = self._flights.get(key)
        if flight is None:
            return None
        try:
            answer = await asyncio.shield(flight)  # our own cancellation must not cancel the leader's result
        except _Abandoned:
            return None
        return None if answer.meta.warnings else _as_hit(answer, req)

    @contextlib.asynccontextmanager
    async def leading(self, key: str) -> AsyncIterator[asyncio.Future[ExtractResponse]]:
        """Register the extraction for ``key`` that identical requests may ``join``; the caller sets the
        future's result. However the block ends, the flight is over when it does."""
        flight: asyncio.Future[ExtractResponse] = asyncio.get_running_loop().create_future()
        flight.add_done_callback(lambda f: f.cancelled() or f.exception())  # no "never retrieved" warning
        self._flights[key] = flight
        try:
            yield flight
        finally:
            if self._flights.get(key) is flight:
                del self._flights[key]
            if not flight.done():
                flight.set_exception(_Abandoned())

    async def put(self, key: str, response: ExtractResponse) -> None:
        """Store the response's JSON unless it is a degraded one (it has warnings)."""
        if not response.meta.warnings:
            await self.store.set(key, response.__pydantic_serializer__.to_json(response))

    async def aclose(self) -> None:
        await self.store.aclose()


class _Abandoned(Exception):
    """The extraction that others were waiting for ended without an answer."""


def _as_hit(stored: ExtractResponse, req: ExtractRequest) -> ExtractResponse:
    """A stored or shared answer as a response to ``req``: its id, ``cached: true``, no calls of its own."""
    meta = stored.meta.model_copy(
        update={"cached": True, "duration_ms": 0, "llm_calls": 0, "retries": 0, "usage": Usage()})
    document = stored.document.model_copy(update={"id": req.id, "source": req.source, "url": req.url,
                                                  "title": req.title})
    return stored.model_copy(update={"document": document, "meta": meta})


def build_cache(settings: Settings) -> ResponseCache | None:
    """Redis when ``redis_url`` is set, else an LRU of ``cache_size`` entries, else no cache."""
    store: Store
    if settings.redis_url:
        store = RedisStore(settings.redis_url, settings.cache_ttl_s)
    elif settings.cache_size > 0:
        store = MemoryStore(settings.cache_size)
    else:
        return None
    decoding = {"max_tokens": settings.max_tokens, "reasks": settings.reasks, "jump_forward": settings.jump_forward}
    return ResponseCache(store, decoding=decoding, fingerprint=pipeline_fingerprint())
