"""The OpenAI client's HTTP transport: aiohttp by default, httpx's own on request (``openai_transport``).

The SDK's ``DefaultAioHttpClient`` (the ``openai[aiohttp]`` extra, through httpx-aiohttp) costs about a third
less CPU a model call than httpx's own transport, and the service makes some thirty calls a request.
httpx-aiohttp 0.2 maps every aiohttp connection error to ``httpx.ConnectTimeout``, so a refused connection
would reach the transport policy as a timeout (a 502 "timed out" instead of a 503 "cannot be reached" with
Retry-After). ``_ConnectErrors`` gives a connection error that is not a timeout back its own class.
"""

from __future__ import annotations

from typing import Literal

import httpx
import httpx_aiohttp
import openai

# the SDK's own pool limits (openai._constants.DEFAULT_CONNECTION_LIMITS)
LIMITS = httpx.Limits(max_connections=1000, max_keepalive_connections=100)


class _ConnectErrors(httpx.AsyncBaseTransport):
    def __init__(self, inner: httpx.AsyncBaseTransport):
        self._inner = inner

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        try:
            return await self._inner.handle_async_request(request)
        except httpx.ConnectTimeout as exc:
            if isinstance(exc.__cause__, TimeoutError):  # aiohttp's own timeouts are TimeoutErrors
                raise
            raise httpx.ConnectError(str(exc), request=request) from exc.__cause__

    async def aclose(self) -> None:
        await self._inner.aclose()


def http_client(transport: Literal["aiohttp", "httpx"]) -> httpx.AsyncClient | None:
    """The ``http_client`` for ``AsyncOpenAI``; None leaves the SDK its own httpx client."""
    if transport == "httpx":
        return None
    return openai.DefaultAioHttpClient(transport=_ConnectErrors(httpx_aiohttp.AiohttpTransport(limits=LIMITS)))
