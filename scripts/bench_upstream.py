"""A fake OpenAI-compatible model for the benchmark: answers ``POST /v1/chat/completions`` at once.

Plain asyncio (uvloop) HTTP/1.1 with keep-alive, so that it costs as little CPU as possible and the
benchmark measures the service, not its upstream. The answer fits the question's JSON schema: for
``{"event": ...}`` a label from keywords of the sentence asked about (an air strike is a "strike",
rockets are an "attack"), for ``{"speaker": ...}`` "none". ``GET /v1/models`` lists one model.

    python scripts/bench_upstream.py PORT
"""

from __future__ import annotations

import asyncio
import json
import re
import sys
from typing import Any, cast

import uvloop

STRIKE = re.compile(r"\b(?:air\s*strikes?|struck|warplanes?|bombed|shelled)\b", re.I)
ATTACK = re.compile(r"\b(?:rockets?|gunmen|roadside bomb|drone attack)\b", re.I)
MODELS = json.dumps({"object": "list", "data": [{"id": "fake", "object": "model", "owned_by": "bench"}]}).encode()


def answer(request: dict[str, Any]) -> bytes:
    """A chat completion whose content is a valid answer to the schema the request asks for."""
    rf = request.get("response_format") or {}
    schema = rf.get("schema") or (rf.get("json_schema") or {}).get("schema") or {}
    sentence = str(request["messages"][-1]["content"]).rsplit("Sentence: ", 1)[-1]
    if "speaker" in schema.get("properties", {}):
        content = {"speaker": "none"}
    else:
        content = {"event": "strike" if STRIKE.search(sentence) else "attack" if ATTACK.search(sentence) else "none"}
    prompt_tokens = sum(len(str(m.get("content", ""))) // 4 for m in request["messages"])
    return json.dumps({
        "id": "chatcmpl-bench", "object": "chat.completion", "created": 0, "model": request.get("model", "fake"),
        "choices": [{"index": 0, "finish_reason": "stop",
                     "message": {"role": "assistant", "content": json.dumps(content)}}],
        "usage": {"prompt_tokens": prompt_tokens, "completion_tokens": 5, "total_tokens": prompt_tokens + 5},
    }).encode()


def http_response(status: str, body: bytes) -> bytes:
    head = f"HTTP/1.1 {status}\r\ncontent-type: application/json\r\ncontent-length: {len(body)}\r\n\r\n"
    return head.encode() + body


class Upstream(asyncio.Protocol):
    def __init__(self) -> None:
        self.buffer = b""
        self.transport: asyncio.Transport | None = None

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self.transport = cast(asyncio.Transport, transport)  # uvloop's is not a subclass

    def data_received(self, data: bytes) -> None:
        self.buffer += data
        while True:
            end = self.buffer.find(b"\r\n\r\n")
            if end < 0:
                return
            head = self.buffer[:end].decode("latin-1")
            length = 0
            for line in head.split("\r\n")[1:]:
                name, _, val = line.partition(":")
                if name.strip().lower() == "content-length":
                    length = int(val.strip())
            if len(self.buffer) < end + 4 + length:
                return
            body, self.buffer = self.buffer[end + 4:end + 4 + length], self.buffer[end + 4 + length:]
            self.respond(head.split(" ", 2), body)

    def respond(self, request_line: list[str], body: bytes) -> None:
        assert self.transport is not None
        method, path = request_line[0], request_line[1]
        if method == "POST" and path.endswith("/chat/completions"):
            out = http_response("200 OK", answer(json.loads(body)))
        elif method == "GET" and path.endswith("/models"):
            out = http_response("200 OK", MODELS)
        else:
            out = http_response("404 Not Found", b'{"error": "not found"}')
        self.transport.write(out)


async def serve(port: int) -> None:
    server = await asyncio.get_running_loop().create_server(Upstream, "127.0.0.1", port, backlog=1024)
    async with server:
        await server.serve_forever()


if __name__ == "__main__":
    uvloop.run(serve(int(sys.argv[1])))
