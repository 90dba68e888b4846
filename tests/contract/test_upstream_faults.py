"""Upstream faults, through the real instructor + openai stack on a scripted upstream (``httpx.MockTransport``).

First the backend alone (``OpenAIBackend.structured``: what it raises, how many calls the upstream
saw, what ``meta`` counts), then the same faults through the HTTP app: status codes, problem bodies,
``Retry-After``, the circuit breaker and the request deadline. Backoff waits are off (``backoff_base_s=0``,
as ``Settings.testing`` sets them); a ``Retry-After`` the upstream sends is still honoured.
"""

from __future__ import annotations

import asyncio
import time
from typing import Any

import httpx
import pytest

from api.errors import AppError, Busy, InvalidAnswer, UpstreamError, UpstreamUnavailable
from api.extraction.providers.backend import CURRENT_STATS, CallStats
from api.extraction.providers.openai_backend import OpenAIBackend
from schemas.contract import ExtractResponse
from schemas.llm import EventAnswer
from tests.contract.support import ARTICLE, MARKER, assert_problem, body, client_for
from tests.contract.upstream import (
    ScriptedUpstream,
    Step,
    answer,
    completion,
    fast_policy,
    reset_mid_body,
    status,
)

MESSAGES = [{"role": "system", "content": "Answer strike, attack or none."},
            {"role": "user", "content": "Sentence: Jets struck a depot."}]
ONE_QUESTION = "Israeli warplanes struck a weapons depot near Nabatieh on Tuesday."  # exactly one model question
STRIKE = answer({"event": "strike"})


async def ask(backend: OpenAIBackend) -> tuple[str | AppError, CallStats]:
    """One structured question; the label answered or the ``AppError`` raised, and the call accounting."""
    stats = CallStats()
    token = CURRENT_STATS.set(stats)
    try:
        return (await backend.structured(MESSAGES, EventAnswer, 16)).event, stats
    except AppError as exc:
        return exc, stats
    finally:
        CURRENT_STATS.reset(token)
        await backend.aclose()


# --- the backend alone ---------------------------------------------------------------------------
@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


@pytest.mark.anyio
async def test_a_valid_answer_takes_one_call_with_the_key_and_limits() -> None:
    """A valid completion is one call carrying the bearer key, the model name, max_tokens and temperature 0."""
    up = ScriptedUpstream(STRIKE)
    result, stats = await ask(up.backend(api_key="sk-unit"))
    assert result == "strike"
    assert up.calls == 1 and (stats.calls, stats.retries) == (1, 0)
    assert up.headers[0]["authorization"] == "Bearer sk-unit"
    sent = up.requests[0]
    assert (sent["model"], sent["max_tokens"], sent["temperature"]) == ("fake-upstream", 16, 0.0)
    assert sent["messages"][-1]["content"] == MESSAGES[-1]["content"]
    assert (stats.prompt_tokens, stats.completion_tokens) == (40, 5)


@pytest.mark.anyio
async def test_429_with_a_short_retry_after_is_waited_out_then_retried() -> None:
    """A 429 with Retry-After: 1 (under retry_after_max_s) is retried after that second, and succeeds."""
    up = ScriptedUpstream(status(429, retry_after="1"), STRIKE)
    started = time.monotonic()
    result, stats = await ask(up.backend())
    waited = time.monotonic() - started
    assert result == "strike"
    assert up.calls == 2 and (stats.calls, stats.retries) == (2, 1)
    assert 0.9 <= waited < 5.0, "the upstream's Retry-After is honoured, not the (zero) backoff"


@pytest.mark.anyio
async def test_429_with_a_long_retry_after_is_503_at_once() -> None:
    """A 429 asking for 60 s (over retry_after_max_s) is not waited out: UpstreamUnavailable after one call."""
    up = ScriptedUpstream(status(429, retry_after="60"), STRIKE)
    started = time.monotonic()
    result, stats = await ask(up.backend())
    assert isinstance(result, UpstreamUnavailable) and result.status == 503
    assert result.retry_after is not None and result.retry_after >= 60
    assert up.calls == 1 and stats.retries == 0
    assert time.monotonic() - started < 2.0, "not waited out"


@pytest.mark.anyio
async def test_503_with_a_long_retry_after_is_503_at_once() -> None:
    """A 503 asking for an hour is not slept on (the deadline would end it first): 503 after one call."""
    up = ScriptedUpstream(status(503, retry_after="3600"), STRIKE)
    started = time.monotonic()
    result, _ = await ask(up.backend())
    assert isinstance(result, UpstreamUnavailable)
    assert result.retry_after is not None and result.retry_after >= 3600
    assert up.calls == 1
    assert time.monotonic() - started < 2.0, "not waited out"


@pytest.mark.anyio
@pytest.mark.parametrize("code", [429, 500, 502, 503])
async def test_a_burst_within_the_retry_cap_is_survived(code: int) -> None:
    """Two failures then an answer: with transport_retries=2 the third call succeeds and 2 retries are counted."""
    up = ScriptedUpstream(status(code), status(code), STRIKE)
    result, stats = await ask(up.backend())
    assert result == "strike"
    assert up.calls == 3 and (stats.calls, stats.retries) == (3, 2)


@pytest.mark.anyio
@pytest.mark.parametrize("code", [500, 502, 503])
async def test_a_5xx_burst_beyond_the_retry_cap_is_502(code: int) -> None:
    """Three 5xx in a row exhaust the cap: UpstreamError (502) after exactly 3 calls, not a fourth."""
    up = ScriptedUpstream(status(code), status(code), status(code), STRIKE)
    result, _ = await ask(up.backend())
    assert isinstance(result, UpstreamError) and result.status == 502
    assert f"status {code}" in result.detail
    assert "upstream says" not in result.detail, "the upstream's own message is never passed on"
    assert up.calls == 3


@pytest.mark.anyio
async def test_429_beyond_the_retry_cap_is_503_with_retry_after() -> None:
    """Three 429s without Retry-After exhaust the cap: UpstreamUnavailable (503) with a Retry-After."""
    up = ScriptedUpstream(status(429), status(429), status(429), STRIKE)
    result, _ = await ask(up.backend())
    assert isinstance(result, UpstreamUnavailable) and result.retry_after is not None
    assert up.calls == 3


TRANSPORT_FAULTS: dict[str, tuple[type[Exception] | None, Any]] = {
    # name: (exception type the upstream raises, or None for a response that breaks mid-body)
    "connect-error": (httpx.ConnectError, UpstreamUnavailable),
    "read-timeout": (httpx.ReadTimeout, UpstreamError),
    "connect-timeout": (httpx.ConnectTimeout, UpstreamError),
    "reset-before-response": (httpx.RemoteProtocolError, UpstreamUnavailable),
    "read-error": (httpx.ReadError, UpstreamUnavailable),
    "reset-mid-body": (None, UpstreamUnavailable),
}


def transport_fault(kind: type[Exception] | None) -> Step:
    return reset_mid_body() if kind is None else kind("scripted transport fault")


@pytest.mark.anyio
@pytest.mark.parametrize(("kind", "_"), TRANSPORT_FAULTS.values(), ids=TRANSPORT_FAULTS.keys())
async def test_a_transport_fault_is_retried(kind: type[Exception] | None, _: Any) -> None:
    """A connection or timeout fault once, then an answer: two calls, one retry, the answer returned."""
    up = ScriptedUpstream(transport_fault(kind), STRIKE)
    result, stats = await ask(up.backend())
    assert result == "strike"
    assert up.calls == 2 and stats.retries == 1


@pytest.mark.anyio
@pytest.mark.parametrize(("kind", "error"), TRANSPORT_FAULTS.values(), ids=TRANSPORT_FAULTS.keys())
async def test_a_persistent_transport_fault_ends_after_the_cap(kind: type[Exception] | None, error: Any) -> None:
    """The same fault on every attempt: 3 calls, then 503 (unreachable) or 502 (timed out), never a 500."""
    up = ScriptedUpstream(*(transport_fault(kind) for _ in range(3)), STRIKE)
    result, _ = await ask(up.backend())
    assert type(result) is error
    assert up.calls == 3
    if isinstance(result, UpstreamUnavailable):
        assert result.retry_after is not None


@pytest.mark.anyio
async def test_invalid_json_is_reasked_once_with_the_validation_error() -> None:
    """An answer that is not JSON is re-asked: the second request carries the bad answer and the error."""
    up = ScriptedUpstream(completion('{"event": strike'), STRIKE)
    result, stats = await ask(up.backend(reasks=1))
    assert result == "strike"
    assert up.calls == 2 and (stats.calls, stats.retries) == (2, 1)
    first, second = up.requests
    assert second["messages"][: len(first["messages"])] == first["messages"]
    added = second["messages"][len(first["messages"]):]
    assert [m["role"] for m in added] == ["assistant", "user"]
    assert added[0]["content"] == '{"event": strike'
    assert "json_invalid" in added[1]["content"] or "Invalid JSON" in added[1]["content"]


@pytest.mark.anyio
async def test_a_label_outside_the_schema_is_reasked_with_the_error() -> None:
    """Schema-invalid JSON ({"event": "bomb"}) is re-asked with pydantic's message naming the allowed values."""
    up = ScriptedUpstream(answer({"event": "bomb"}), STRIKE)
    result, _ = await ask(up.backend(reasks=1))
    assert result == "strike"
    assert up.calls == 2
    assert "'strike', 'attack' or 'none'" in up.requests[1]["messages"][-1]["content"]


@pytest.mark.anyio
async def test_an_answer_still_invalid_after_the_reasks_is_invalid_answer() -> None:
    """Invalid twice with reasks=1: InvalidAnswer (a 502 kind) after exactly 2 calls and 1 counted retry."""
    up = ScriptedUpstream(completion("sure! it is a strike"), answer({"event": "bomb"}), STRIKE)
    result, stats = await ask(up.backend(reasks=1))
    assert isinstance(result, InvalidAnswer) and result.status == 502
    assert "bomb" not in result.detail and "sure!" not in result.detail, "the model's words are not echoed"
    assert up.calls == 2 and (stats.calls, stats.retries) == (2, 1)


@pytest.mark.anyio
async def test_a_truncated_answer_is_invalid_answer_not_a_crash() -> None:
    """finish_reason="length" (cut off at max_tokens) is an InvalidAnswer after one call, not an unmapped 500."""
    up = ScriptedUpstream(completion('{"event": "str', finish_reason="length"), STRIKE)
    result, stats = await ask(up.backend())
    assert isinstance(result, InvalidAnswer)
    assert "token" in result.detail
    assert up.calls == 1 and stats.calls == 1


GARBAGE_200: dict[str, httpx.Response] = {
    "html": httpx.Response(200, text="<html><body>Bad gateway</body></html>"),
    "empty-object": httpx.Response(200, json={}),
    "no-choices": httpx.Response(200, json={"choices": []}),
    "null-content": httpx.Response(200, json={"choices": [{"index": 0, "finish_reason": "stop",
                                                           "message": {"role": "assistant", "content": None}}]}),
    "cut-json": httpx.Response(200, content=b'{"choices": [', headers={"content-type": "application/json"}),
}


@pytest.mark.anyio
@pytest.mark.parametrize("reply", GARBAGE_200.values(), ids=GARBAGE_200.keys())
async def test_a_garbage_200_is_answered_or_a_502(reply: httpx.Response) -> None:
    """A 200 whose body is not a chat completion ends as an answer (after a re-ask) or a 502, never a crash."""
    up = ScriptedUpstream(reply, reply, STRIKE)
    result, _ = await ask(up.backend(reasks=1))
    assert result == "strike" or (isinstance(result, UpstreamError) and result.status == 502)
    assert up.calls <= 3


@pytest.mark.anyio
@pytest.mark.parametrize("code", [400, 401, 403, 404, 422])
async def test_a_4xx_from_the_upstream_is_502_without_a_retry(code: int) -> None:
    """401 (and 400/403/404/422) from the upstream: UpstreamError 502 after exactly one call; no retry."""
    up = ScriptedUpstream(status(code), STRIKE)
    result, stats = await ask(up.backend())
    assert isinstance(result, UpstreamError) and result.status == 502
    assert up.calls == 1 and stats.retries == 0


@pytest.mark.anyio
async def test_the_breaker_opens_fails_fast_then_a_probe_closes_it() -> None:
    """After 2 failed requests the breaker answers Busy (503, Retry-After) with no call; after the cooldown one
    probe goes through and its success closes the breaker."""
    policy = fast_policy(retries=0, breaker_threshold=2, breaker_cooldown_s=0.3)
    up = ScriptedUpstream(status(500), status(500))
    backend = up.backend(policy)
    stats = CallStats()
    CURRENT_STATS.set(stats)
    for _ in range(2):
        with pytest.raises(UpstreamError):
            await backend.structured(MESSAGES, EventAnswer, 16)
    assert up.calls == 2 and policy.breaker_open
    with pytest.raises(Busy) as refused:
        await backend.structured(MESSAGES, EventAnswer, 16)
    assert refused.value.status == 503 and refused.value.retry_after is not None and refused.value.retry_after >= 1
    assert up.calls == 2, "an open breaker does not call the upstream"
    await asyncio.sleep(0.35)
    assert (await backend.structured(MESSAGES, EventAnswer, 16)).event == "strike"
    assert up.calls == 3 and not policy.breaker_open
    assert (await backend.structured(MESSAGES, EventAnswer, 16)).event == "strike"
    assert up.calls == 4
    await backend.aclose()


@pytest.mark.anyio
async def test_a_failed_probe_reopens_the_breaker_at_once() -> None:
    """A probe that fails opens the breaker again: the next call is refused without reaching the upstream."""
    policy = fast_policy(retries=0, breaker_threshold=2, breaker_cooldown_s=0.2)
    up = ScriptedUpstream(status(500), status(500), status(500))
    backend = up.backend(policy)
    for _ in range(2):
        with pytest.raises(UpstreamError):
            await backend.structured(MESSAGES, EventAnswer, 16)
    await asyncio.sleep(0.25)
    with pytest.raises(UpstreamError):
        await backend.structured(MESSAGES, EventAnswer, 16)  # the probe
    with pytest.raises(Busy):
        await backend.structured(MESSAGES, EventAnswer, 16)
    assert up.calls == 3
    await backend.aclose()


@pytest.mark.anyio
async def test_only_one_probe_is_let_through_a_half_open_breaker() -> None:
    """While the probe is in flight, other calls are refused with Busy instead of all hitting the upstream."""
    policy = fast_policy(retries=0, breaker_threshold=1, breaker_cooldown_s=0.1)
    up = ScriptedUpstream(status(500))
    backend = up.backend(policy)
    with pytest.raises(UpstreamError):
        await backend.structured(MESSAGES, EventAnswer, 16)
    await asyncio.sleep(0.15)
    up.delay_s = 0.2  # the probe takes a while
    results = await asyncio.gather(*(backend.structured(MESSAGES, EventAnswer, 16) for _ in range(4)),
                                   return_exceptions=True)
    assert sum(isinstance(r, EventAnswer) for r in results) == 1
    assert sum(isinstance(r, Busy) for r in results) == 3
    assert up.calls == 2
    await backend.aclose()


# --- through the HTTP app --------------------------------------------------------------------------
APP_FAULTS: dict[str, tuple[list[Step], int, str | None, int]] = {
    # name: (scripted steps, status, problem type slug (None for 200), upstream calls)
    "429-short-retry-after": ([status(429, retry_after="1")], 200, None, 2),
    "429-long-retry-after": ([status(429, retry_after="120")], 503, "upstream-unavailable", 1),
    "503-long-retry-after": ([status(503, retry_after="120")], 503, "upstream-unavailable", 1),
    "500-burst-within-cap": ([status(500), status(502)], 200, None, 3),
    "503-burst-beyond-cap": ([status(503)] * 3, 502, "upstream-error", 3),
    "connect-error": ([httpx.ConnectError("refused")] * 3, 503, "upstream-unavailable", 3),
    "read-timeout": ([httpx.ReadTimeout("slow")] * 3, 502, "upstream-error", 3),
    "reset-mid-body": ([reset_mid_body()], 200, None, 2),
    "invalid-json-reasked": ([completion("strike")], 200, None, 2),
    "401": ([status(401)], 502, "upstream-error", 1),
}


@pytest.mark.parametrize(("steps", "code", "slug", "calls"), APP_FAULTS.values(), ids=APP_FAULTS.keys())
def test_upstream_faults_reach_the_client_as_contract_errors(
    steps: list[Step], code: int, slug: str | None, calls: int
) -> None:
    """Each upstream fault ends in its contract status (200 when retries fix it), after exactly the calls
    the retry policy allows; problems carry Retry-After for 503 and nothing the upstream said."""
    up = ScriptedUpstream(*steps)
    with client_for(up.backend()) as client:
        r = client.post("/v1/extract", json=body(ONE_QUESTION))
    assert up.calls == calls
    if code == 200:
        assert r.status_code == 200, r.text
        data = ExtractResponse.model_validate(r.json())
        assert len(data.strikes) == 1
        assert data.meta.llm_calls == calls and data.meta.retries == calls - 1
        assert data.meta.warnings == []
        return
    problem = assert_problem(r, code)
    assert problem["type"].endswith("/" + str(slug))
    assert "upstream says" not in r.text
    if code == 503:
        assert int(r.headers["retry-after"]) >= 1


@pytest.mark.parametrize(
    ("steps", "calls"),
    [([completion("strike"), answer({"event": "bomb"})], 2),
     ([completion('{"event": "str', finish_reason="length")], 1)],
    ids=["invalid-after-reask", "truncated"],
)
def test_an_unusable_answer_leaves_that_question_unanswered(steps: list[Step], calls: int) -> None:
    """An answer still invalid after the re-ask, or cut off, is a 200 with a warning and no event for it."""
    up = ScriptedUpstream(*steps)
    with client_for(up.backend()) as client:
        r = client.post("/v1/extract", json=body(ONE_QUESTION))
    assert r.status_code == 200, r.text
    data = ExtractResponse.model_validate(r.json())
    assert data.strikes == [] and data.attacks == []
    assert len(data.meta.warnings) == 1 and "unanswered" in data.meta.warnings[0]
    assert "bomb" not in r.text
    assert up.calls == calls == data.meta.llm_calls


def test_an_upstream_failure_stops_the_other_questions() -> None:
    """With 3 questions asked one at a time, a 401 fails the request (502) and cancels the questions not yet
    answered: none is in flight after the response and no call starts later."""
    up = ScriptedUpstream(status(401), status(401), status(401), delay_s=0.1)
    with client_for(up.backend(), parallel_calls=1) as client:
        r = client.post("/v1/extract", json=body(ARTICLE))
        calls_at_response, in_flight = up.calls, up.in_flight
        time.sleep(0.4)
        calls_later = up.calls
    assert_problem(r, 502)
    assert in_flight == 0
    assert calls_at_response == calls_later < 3


def test_the_breaker_answers_503_without_calling_then_closes_after_a_probe() -> None:
    """Through the app: two failing requests open the breaker, the third is a 503 busy problem with
    Retry-After and no upstream call; after the cooldown a request probes, succeeds and closes it."""
    policy = fast_policy(retries=0, breaker_threshold=2, breaker_cooldown_s=0.5)
    up = ScriptedUpstream(status(500), status(500))
    with client_for(up.backend(policy)) as client:
        failed = [client.post("/v1/extract", json=body(ONE_QUESTION)) for _ in range(2)]
        refused = client.post("/v1/extract", json=body(ONE_QUESTION))
        calls_while_open = up.calls
        time.sleep(0.55)
        probe = client.post("/v1/extract", json=body(ONE_QUESTION))
        after = client.post("/v1/extract", json=body(ONE_QUESTION + " "))
    assert [r.status_code for r in failed] == [502, 502]
    problem = assert_problem(refused, 503)
    assert problem["type"].endswith("/busy") and "circuit" in problem["detail"]
    assert int(refused.headers["retry-after"]) >= 1
    assert calls_while_open == 2
    assert probe.status_code == 200 and after.status_code == 200
    assert up.calls == 4


def test_the_deadline_is_504_and_no_call_outlives_it() -> None:
    """A slow upstream (3 s a call) under request_deadline_s=1: 504 in about a second, the call in flight is
    cancelled and no further upstream call starts after the 504."""
    up = ScriptedUpstream()
    with client_for(up.backend(), request_deadline_s=1.0, parallel_calls=1) as client:
        assert client.post("/v1/extract", json=body(ONE_QUESTION)).status_code == 200  # warm: first use is slower
        up.delay_s = 3.0
        started = time.monotonic()
        r = client.post("/v1/extract", json=body(ARTICLE))
        took = time.monotonic() - started
        calls_at_504, in_flight_after = up.calls, up.in_flight
        time.sleep(0.5)
        calls_later = up.calls
    problem = assert_problem(r, 504)
    assert problem["type"].endswith("/deadline-exceeded")
    assert 1.0 <= took < 2.5
    assert calls_at_504 == calls_later == 2, "the warm-up call and the one cut off; the other questions never start"
    assert in_flight_after == 0, "the call in flight was cancelled with the request"


def test_the_deadline_also_cuts_a_retry_wait() -> None:
    """A 503 asking for a 5 s wait (within retry_after_max_s) is cut by a 0.3 s deadline: 504, one call."""
    up = ScriptedUpstream(status(503, retry_after="5"))
    backend = up.backend(fast_policy(retry_after_max_s=10))
    with client_for(backend, request_deadline_s=0.3) as client:
        started = time.monotonic()
        r = client.post("/v1/extract", json=body(ONE_QUESTION))
        took = time.monotonic() - started
        time.sleep(0.2)
    assert_problem(r, 504)
    assert took < 2.0 and up.calls == 1
    assert MARKER not in r.text
