"""Per-client rate limit of ``POST /v1/extract`` and its batch (``rate_limit_per_minute``; 0 = off).

A client is its API key (by hash, never the key itself) when it sends one, else its address.
Over the limit, Litestar's middleware raises a 429 that the problem handler answers with
``Retry-After``. The health probes and docs are never limited. The counts live in the app's
default in-memory store: per replica, reset on restart.
"""

from __future__ import annotations

import hashlib
from typing import Any

from litestar import Request
from litestar.middleware.rate_limit import RateLimitConfig, get_remote_address

from api.guards import presented_key
from api.settings import Settings

LIMITED_PATHS = frozenset({"/v1/extract", "/v1/extract/batch"})  # a batch counts as one request


def client_identity(request: Request[Any, Any, Any]) -> str:
    """``key:<hash prefix>`` for a request with an API key, ``addr:<address>`` otherwise."""
    key = presented_key(request)
    if key:
        return "key:" + hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()[:32]
    return "addr:" + get_remote_address(request)


async def is_limited_path(request: Request[Any, Any, Any]) -> bool:
    return request.url.path in LIMITED_PATHS


def rate_limit_config(settings: Settings) -> RateLimitConfig | None:
    if settings.rate_limit_per_minute <= 0:
        return None
    return RateLimitConfig(
        rate_limit=("minute", settings.rate_limit_per_minute),
        identifier_for_request=client_identity,
        check_throttle_handler=is_limited_path,
        store="rate_limit",
    )
