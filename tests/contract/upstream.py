"""A scripted fake OpenAI-compatible upstream, for ``httpx.MockTransport`` (no socket, no model).

``ScriptedUpstream(*steps)`` answers ``POST …/chat/completions``: the n-th request gets the n-th
step, and once the steps run out, ``then`` answers (by default a valid answer to the question asked:
an event label from keywords of the sentence, or speaker "none"). A step is an ``httpx.Response``,
an exception to raise (``httpx.ConnectError``, ``httpx.ReadTimeout``, …: the SDK sees a broken
transport) or a function of the request's JSON body. Every request is recorded, so tests assert
exact call counts and what was sent. ``backend()`` wraps it in the real ``OpenAIBackend``: instructor
and the openai SDK run unchanged on top of it.
"""

from __future__ import annotations

import asyncio
import json
import re
from collections.abc import AsyncIterator, Callable
from typing import Any

import httpx

from api.extraction.providers.openai_backend import OpenAIBackend
from api.extraction.providers.retry_policy import TransportPolicy

Body = dict[str, Any]
Step = httpx.Response | Exception | Callable[[Body], httpx.Response]
BASE_URL = "http://upstream.test/v1"

STRIKE = re.compile(r"\b(?:air\s*strikes?|struck|warplanes?|bombed|shelled)\b", re.I)
ATTACK = re.compile(r"\b(?:rockets?|gunmen|roadside bomb|drone attack)\b", re.I)


def completion(content: str, *, finish_reason: str = "stop") -> httpx.Response:
    """A 200 ``chat.completion`` whose message content is ``content``."""
    return httpx.Response(200, json={
        "id": "chatcmpl-test", "object": "chat.completion", "created": 0, "model": "fake-upstream",
        "choices": [{"index": 0, "finish_reason": finish_reason,
                     "message": {"role": "assistant", "content": content}}],
        "usage": {"prompt_tokens": 40, "completion_tokens": 5, "total_tokens": 45},
    })


def answer(content: dict[str, Any]) -> httpx.Response:
    """A completion whose content is ``content`` as JSON."""
    return completion(json.dumps(content))


def status(code: int, *, retry_after: str | None = None) -> httpx.Response:
    """An error answer as OpenAI sends one (a JSON error object), with an optional Retry-After."""
    headers = {"retry-after": retry_after} if retry_after is not None else {}
    return httpx.Response(code, headers=headers, json={"error": {"message": f"upstream says {code}", "code": code}})


def question(body: Body) -> str:
    """``"event"`` or ``"speaker"``: which of the pipeline's two questions this request asks."""
    rf = body.get("response_format") or {}
    schema = rf.get("schema") or (rf.get("json_schema") or {}).get("schema") or {}
    return "speaker" if "speaker" in schema.get("properties", {}) else "event"


def sentence(body: Body) -> str:
    """The sentence asked about: after ``Sentence: `` in the last user turn that has one (a re-ask adds turns)."""
    asked = [str(m["content"]) for m in body["messages"] if m["role"] == "user" and "Sentence: " in str(m["content"])]
    return asked[-1].rsplit("Sentence: ", 1)[-1] if asked else ""


def keyword_answer(body: Body) -> httpx.Response:
    """A valid answer to whichever question is asked: keywords decide the label; nobody speaks."""
    if question(body) == "speaker":
        return answer({"speaker": "none"})
    text = sentence(body)
    return answer({"event": "strike" if STRIKE.search(text) else "attack" if ATTACK.search(text) else "none"})


class BrokenBody(httpx.AsyncByteStream):
    """A response body that stops after its first bytes with a ``ReadError`` (a connection reset)."""

    async def __aiter__(self) -> AsyncIterator[bytes]:
        yield b'{"id": "chatcmpl-test", "object": "chat.comp'
        raise httpx.ReadError("connection reset by peer")


def reset_mid_body() -> httpx.Response:
    return httpx.Response(200, headers={"content-type": "application/json"}, stream=BrokenBody())


class ScriptedUpstream:
    """The handler of an ``httpx.MockTransport``: scripted steps, then ``then``; every request recorded."""

    def __init__(self, *steps: Step, then: Callable[[Body], httpx.Response] = keyword_answer,
                 delay_s: float = 0.0) -> None:
        self.steps = list(steps)
        self.then = then
        self.delay_s = delay_s
        self.requests: list[Body] = []
        self.headers: list[httpx.Headers] = []
        self.in_flight = 0

    @property
    def calls(self) -> int:
        return len(self.requests)

    async def __call__(self, request: httpx.Request) -> httpx.Response:
        assert request.url.path.endswith("/chat/completions"), request.url
        body: Body = json.loads(request.content)
        self.requests.append(body)
        self.headers.append(request.headers)
        if self.delay_s:
            self.in_flight += 1
            try:
                await asyncio.sleep(self.delay_s)
            finally:
                self.in_flight -= 1
        step: Step = self.steps.pop(0) if self.steps else self.then
        if isinstance(step, Exception):
            raise step
        return step if isinstance(step, httpx.Response) else step(body)

    def client(self) -> httpx.AsyncClient:
        return httpx.AsyncClient(transport=httpx.MockTransport(self))

    def backend(self, policy: TransportPolicy | None = None, *, reasks: int = 1, api_key: str = "sk-test",
                mode: str = "json_schema", timeout_s: float = 5.0) -> OpenAIBackend:
        """The real ``OpenAIBackend`` (instructor + openai) on this upstream; backoff waits off."""
        return OpenAIBackend(
            base_url=BASE_URL, api_key=api_key, model="fake-upstream", mode=mode, timeout_s=timeout_s,
            reasks=reasks, policy=policy or fast_policy(), http_client=self.client(),
        )


def fast_policy(*, retries: int = 2, retry_after_max_s: float = 2.0, breaker_threshold: int = 5,
                breaker_cooldown_s: float = 30.0) -> TransportPolicy:
    """The service's transport policy with the backoff waits off (as ``Settings.testing`` does)."""
    return TransportPolicy(retries=retries, retry_after_max_s=retry_after_max_s, backoff_base_s=0.0,
                           breaker_threshold=breaker_threshold, breaker_cooldown_s=breaker_cooldown_s)
