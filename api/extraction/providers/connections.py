"""The OpenAI client's HTTP transport: aiohttp by default, httpx's own on request (``openai_transport``).

The SDK's ``DefaultAioHttpClient`` (the ``openai[aiohttp]`` extra) costs about a third less CPU a model call
than httpx's own transport, and the service makes some thirty calls a request. Which aiohttp client depends on
the installed SDK, both admitted by ``pyproject.toml``:

- openai 1.x and 2.x are built on ``httpx``; their ``DefaultAioHttpClient`` takes the ``httpx-aiohttp``
  package's transport;
- openai 3 is built on ``httpx2`` (a fork with the same API); its ``DefaultAioHttpClient`` is an
  ``httpx2.AsyncClient`` with the SDK's own (vendored) aiohttp transport, and rejects an ``httpx`` transport.

Both aiohttp transports map every aiohttp connection error to ``ConnectTimeout``, so a refused connection
would reach the transport policy as a timeout (a 502 "timed out" instead of a 503 "cannot be reached" with
Retry-After). ``_connect_errors`` gives a connection error that is not a timeout back its own class, in
whichever of the two HTTP libraries the SDK uses.
"""

from __future__ import annotations

import types
from typing import Any, Literal

import openai

OPENAI_MAJOR = int(openai.__version__.split(".", 1)[0])


def _connect_errors(http: types.ModuleType, inner: Any) -> Any:
    """``inner`` (a transport of the HTTP library ``http``: httpx or httpx2) with its connection errors that are
    not timeouts raised as ``ConnectError``."""

    class ConnectErrors(http.AsyncBaseTransport):  # type: ignore[name-defined,misc]
        async def handle_async_request(self, request: Any) -> Any:
            try:
                return await inner.handle_async_request(request)
            except http.ConnectTimeout as exc:
                if isinstance(exc.__cause__, TimeoutError):  # aiohttp's own timeouts are TimeoutErrors
                    raise
                raise http.ConnectError(str(exc), request=request) from exc.__cause__

        async def aclose(self) -> None:
            await inner.aclose()

    return ConnectErrors()


def _aiohttp_httpx() -> Any:
    """openai < 3: the SDK's aiohttp client on the httpx-aiohttp transport, with the SDK's own pool limits."""
    import httpx
    import httpx_aiohttp

    limits = httpx.Limits(max_connections=1000, max_keepalive_connections=100)  # openai._constants' limits
    return openai.DefaultAioHttpClient(transport=_connect_errors(httpx, httpx_aiohttp.AiohttpTransport(limits=limits)))


def _aiohttp_httpx2() -> Any:
    """openai >= 3: the SDK's aiohttp client (httpx2), its own transport (built with the SDK's TLS, limits and
    proxy settings) wrapped."""
    import httpx2

    base: Any = openai.DefaultAioHttpClient  # typed as an httpx or an httpx2 client by the SDK installed

    class Client(base):  # type: ignore[misc]
        def _init_transport(self, **kwargs: Any) -> Any:
            return _connect_errors(httpx2, super()._init_transport(**kwargs))

    return Client()


def http_client(transport: Literal["aiohttp", "httpx"]) -> Any:
    """The ``http_client`` for ``AsyncOpenAI`` (an ``httpx`` or ``httpx2`` ``AsyncClient``, by the installed
    SDK); None leaves the SDK its own client."""
    if transport == "httpx":
        return None
    return _aiohttp_httpx2() if OPENAI_MAJOR >= 3 else _aiohttp_httpx()
