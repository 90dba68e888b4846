"""Route guards of ``POST /v1/extract``, run in order before its body is parsed into a model.

1. ``require_api_key``: when ``api_keys_sha256`` is set, the key (``Authorization: Bearer …`` or
   ``X-API-Key``) must hash to one of those digests; compared with ``hmac.compare_digest``.
2. ``require_json_body``: ``Content-Type`` must be ``application/json`` (else 415); the body is read
   (over ``max_body_bytes`` → 413) and decoded once here, so an empty body, or one nested too deeply
   for the decoder, is a 400 rather than a 422 or a ``RecursionError`` (a 500) later. Litestar reuses
   the decoded value.
"""

from __future__ import annotations

import hashlib
import hmac
from typing import Any

from litestar import Request
from litestar.connection import ASGIConnection
from litestar.exceptions import ClientException, HTTPException, SerializationException
from litestar.handlers.base import BaseRouteHandler
from litestar.status_codes import HTTP_415_UNSUPPORTED_MEDIA_TYPE

from api.errors import Unauthorized
from api.resources import resources

JSON_MEDIA_TYPE = "application/json"


def presented_key(connection: ASGIConnection[Any, Any, Any, Any]) -> str | None:
    auth = connection.headers.get("Authorization", "")
    scheme, _, token = auth.partition(" ")
    if scheme.lower() == "bearer" and token.strip():
        return token.strip()
    return connection.headers.get("X-API-Key") or None


def key_matches(key: str, digests: list[str]) -> bool:
    """True when the key's SHA-256 equals one of ``digests``; every digest is compared (constant time)."""
    digest = hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()
    matched = False
    for expected in digests:
        matched |= hmac.compare_digest(digest, expected.strip().lower())
    return matched


async def require_api_key(connection: ASGIConnection[Any, Any, Any, Any], _: BaseRouteHandler) -> None:
    digests = resources(connection.app).settings.api_keys_sha256
    if not digests:
        return
    key = presented_key(connection)
    if key is None:
        raise Unauthorized("an API key is required: send 'Authorization: Bearer <key>' or 'X-API-Key'")
    if not key_matches(key, digests):
        raise Unauthorized("the API key is not valid")


async def require_json_body(connection: ASGIConnection[Any, Any, Any, Any], _: BaseRouteHandler) -> None:
    if not isinstance(connection, Request):
        return
    media_type, _params = connection.content_type
    if media_type.lower() != JSON_MEDIA_TYPE:
        raise HTTPException(status_code=HTTP_415_UNSUPPORTED_MEDIA_TYPE, detail="expected application/json")
    if not (await connection.body()).strip():
        raise ClientException("the request body is empty")
    try:
        await connection.json()
    except (SerializationException, RecursionError):
        raise ClientException("the request body is not valid JSON") from None
