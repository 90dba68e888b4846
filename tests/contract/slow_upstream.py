"""A slow fake OpenAI-compatible model as a real server, for tests that need the service in its own process.

An ASGI app: ``POST …/chat/completions`` waits ``SLOW_UPSTREAM_DELAY_S`` seconds (default 1), then
answers like ``tests.contract.upstream.keyword_answer``; ``GET /stats`` answers
``{"chat_completions": N}``, the number of completion requests received so far (so a test in another
process can see whether the model was asked); anything else is a 404. Run it with
``python -m uvicorn tests.contract.slow_upstream:app --port PORT`` (one worker: the count is per process).
"""

from __future__ import annotations

import asyncio
import json
import os
from typing import Any

from tests.contract.upstream import keyword_answer

Scope = dict[str, Any]
received = {"chat_completions": 0}


async def app(scope: Scope, receive: Any, send: Any) -> None:
    if scope["type"] == "lifespan":
        while (await receive())["type"] != "lifespan.shutdown":
            await send({"type": "lifespan.startup.complete"})
        await send({"type": "lifespan.shutdown.complete"})
        return
    body = b""
    while True:
        message = await receive()
        body += message.get("body", b"")
        if not message.get("more_body"):
            break
    if scope["method"] == "POST" and scope["path"].endswith("/chat/completions"):
        received["chat_completions"] += 1
        await asyncio.sleep(float(os.environ.get("SLOW_UPSTREAM_DELAY_S", "1")))
        status, content = 200, keyword_answer(json.loads(body)).content
    elif scope["method"] == "GET" and scope["path"] == "/stats":
        status, content = 200, json.dumps(received).encode()
    else:
        status, content = 404, b'{"error": {"message": "not found"}}'
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(content)).encode())]})
    await send({"type": "http.response.body", "body": content})
