"""End to end on the real embedded model: the service as `make run` serves it, and the grammar."""

from __future__ import annotations

import asyncio
import threading
import time
from pathlib import Path
from typing import Literal

import httpx
import pytest
from pydantic import BaseModel

from api.extraction.providers.backend import CURRENT_STATS, CallStats
from api.extraction.providers.llama_backend import LocalBackend
from api.extraction.providers.retry_policy import TransportPolicy
from schemas.contract import ExtractResponse
from tests.e2e.conftest import SEED_ARTICLE

pytestmark = pytest.mark.model


def _grounded(text: str, body: object) -> int:
    """Count spans in a response, asserting each one slices the text exactly."""
    n = 0
    if isinstance(body, dict):
        if {"start", "end", "text"} <= set(body) and isinstance(body["start"], int):
            assert text[body["start"] : body["end"]] == body["text"]
            n += 1
        n += sum(_grounded(text, v) for v in body.values())
    elif isinstance(body, list):
        n += sum(_grounded(text, v) for v in body)
    return n


def test_seed_article_yields_grounded_strike(service_url: str) -> None:
    """A plain strike report comes back, on the embedded model, as a valid, fully grounded response."""
    r = httpx.post(f"{service_url}/v1/extract", timeout=300,
                   json={"text": SEED_ARTICLE, "id": "seed", "published_at": "2024-02-04"})
    assert r.status_code == 200, r.text
    body = r.json()
    resp = ExtractResponse.model_validate(body)
    assert resp.meta.provider == "local" and resp.meta.llm_calls >= 1
    assert resp.strikes, "the article plainly reports a strike"
    assert _grounded(SEED_ARTICLE, {k: body[k] for k in ("strikes", "attacks", "statements", "casualty_reports")}) > 0
    assert resp.document.id == "seed"


def test_healthz_answers_while_the_model_works(service_url: str) -> None:
    """While the model works on an article, /healthz answers again and again, well before the extraction ends."""
    # long enough to keep the model busy for a while: a question takes well under a second now
    text = " ".join(f"{SEED_ARTICLE} (report {i})" for i in range(6))
    finished: list[float] = []
    status: list[int] = []

    def extract() -> None:
        status.append(httpx.post(f"{service_url}/v1/extract", json={"text": text}, timeout=300).status_code)
        finished.append(time.monotonic())

    worker = threading.Thread(target=extract)
    worker.start()
    answered: list[float] = []  # when each health check came back; a blocked event loop would hold them all
    while worker.is_alive() and len(answered) < 20:
        assert httpx.get(f"{service_url}/healthz", timeout=300).status_code == 200
        answered.append(time.monotonic())
        time.sleep(0.05)
    worker.join(timeout=300)
    assert status == [200] and finished, "the extraction did not complete"
    during = [t for t in answered if t < finished[0]]
    # behaviour, not a timing (timings belong to the benchmark): several answers came while the model still
    # had work to do, so health checks are not queued behind it
    assert len(during) >= 3, f"only {len(during)} of {len(answered)} health checks answered during the extraction"


class _Unasked(BaseModel):
    """A shape the prompt never mentions: only a grammar can make the model produce it."""

    zebra_count: int
    colour: Literal["mauve", "teal", "ochre"]


def test_json_schema_grammar_is_applied(e2e_model_path: Path) -> None:
    """Asked for a poem, the model still returns JSON of an unrelated schema: the grammar constrains it."""
    backend = LocalBackend(model_path=str(e2e_model_path), model_name="e2e", model_sha256="-", n_ctx=1024,
                           n_threads=2, reasks=0, policy=TransportPolicy(retries=0, retry_after_max_s=0))

    async def ask() -> _Unasked:
        CURRENT_STATS.set(CallStats())
        try:
            return await backend.structured(
                [{"role": "user", "content": "Write a short poem about the sea, in plain prose, no JSON."}],
                _Unasked, 40)
        finally:
            await backend.aclose()

    result = asyncio.run(ask())
    assert isinstance(result.zebra_count, int)
    assert result.colour in {"mauve", "teal", "ochre"}


class _Plural(BaseModel):
    """Two labels that start with the same token: no single position tells them apart."""

    word: Literal["strike", "strikes"]


def _local(model_path: Path) -> LocalBackend:
    return LocalBackend(model_path=str(model_path), model_name="e2e", model_sha256="-", n_ctx=2048, n_threads=2,
                        reasks=0, policy=TransportPolicy(retries=0, retry_after_max_s=0))


def test_jump_forward_label_matches_grammar_decoding(e2e_model_path: Path) -> None:
    """The event label read where it starts is the label the JSON grammar decodes token by token, in one
    generated token instead of six or more; labels that share a first token are decoded through the grammar."""
    from api.extraction.prompting import load_prompts
    from schemas.llm import EventAnswer

    prompt = load_prompts()["event"]
    sentences = [
        "Turkish drones struck a convoy of the Kurdish-led SDF near Qamishli on Tuesday, the defence ministry said.",
        "Militants fired three rockets at the US embassy compound in Baghdad late on Friday.",
        "The parliament will debate the budget for next year on Monday.",
        "Houthi forces launched a drone at a cargo ship in the Red Sea, the group's spokesman said.",
    ]
    backend = _local(e2e_model_path)

    async def ask(jump: bool, messages: list[dict[str, str]], model: type[BaseModel]) -> tuple[BaseModel, int]:
        backend._jump_forward = jump
        stats = CallStats()
        CURRENT_STATS.set(stats)
        answer = await backend.structured(messages, model, 40)
        return answer, stats.completion_tokens

    async def run() -> None:
        try:
            for sentence in sentences:
                messages = prompt.messages(f"Sentence: {sentence}")
                (jumped, jumped_tokens), (decoded, decoded_tokens) = [
                    await ask(jump, messages, EventAnswer) for jump in (True, False)]
                assert jumped == decoded, sentence
                assert jumped_tokens == 1 and decoded_tokens >= 6
            plural = [{"role": "user", "content": "One word about the air raid: strike or strikes?"}]
            answer, tokens = await ask(True, plural, _Plural)
            assert isinstance(answer, _Plural) and tokens > 1  # decoded through the grammar
        finally:
            await backend.aclose()

    asyncio.run(run())


def test_each_prompts_fixed_part_is_recalled_not_reread(e2e_model_path: Path) -> None:
    """Event and speaker questions take turns: after the first of each, a question reads only its own sentence
    (the other prompt's instructions no longer push its own out of the model's memory), and every answer is
    the one the model gives when it reads the whole prompt afresh."""
    import llama_cpp

    from api.extraction.prompting import load_prompts
    from schemas.llm import EventAnswer, SpeakerAnswer

    prompts = load_prompts()
    sentences = ["Israeli jets struck a depot near Tyre on Sunday.", "He said the army would hit back.",
                 "Gunmen ambushed a patrol near Mosul, police said.", "The ministry condemned the raid."]
    questions = [q for i, s in enumerate(sentences) for q in (
        (prompts["event"].messages(f"Sentence: {s}"), EventAnswer),
        (prompts["speaker"].messages(f"Context: {sentences[i - 1]}\nSentence: {s}"), SpeakerAnswer))]
    backend = _local(e2e_model_path)
    ctx = backend._llm._ctx.ctx

    async def ask_all() -> tuple[list[BaseModel], list[int]]:
        CURRENT_STATS.set(CallStats())
        answers, read = [], []
        for messages, model in questions:
            llama_cpp.llama_perf_context_reset(ctx)
            answers.append(await backend.structured(messages, model, 40))
            read.append(llama_cpp.llama_perf_context(ctx).n_p_eval)
        return answers, read

    async def run() -> None:
        try:
            answers, read = await ask_all()
            assert len(backend._snapshots) == 2
            assert all(n < 80 for n in read[2:]), read  # the sentence and the turn's tokens, not the instructions
            assert min(read[:2]) > 200  # the first of each reads its instructions once
            afresh = []
            for messages, model in questions:
                backend._snapshots.clear()
                backend._llm.reset()
                afresh.append(await backend.structured(messages, model, 40))
            assert [a.model_dump() for a in answers] == [a.model_dump() for a in afresh]
        finally:
            await backend.aclose()

    asyncio.run(run())
