"""Test doubles. ``FakeBackend`` stands in for a language model: scripted answers, recorded calls.

It never loads a model or opens a socket. By default it answers the pipeline's questions from
keywords of the sentence asked about (an air strike is a "strike", nobody is a speaker, an unmarked statement
is a claim, a mention with no actor or date is the main incident); tests
pass their own ``answer`` function, make it slow (``delay_s``), hold every call until released
(``hold()`` / ``release()``, usable from another thread), or make it raise an ``AppError``.
"""

from __future__ import annotations

import asyncio
import re
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from pydantic import BaseModel

from api.errors import AppError
from api.extraction.providers.backend import CURRENT_STATS, Backend
from schemas.llm import EventAnswer, IncidentAnswer, KindAnswer, SpeakerAnswer

T = TypeVar("T", bound=BaseModel)
Answer = Callable[[str, type[BaseModel]], BaseModel]

_STRIKE = re.compile(r"\b(?:air\s*strikes?|struck|warplanes?|bombed|shelled)\b", re.I)
_ATTACK = re.compile(r"\b(?:rockets?|gunmen|roadside bomb|drone attack)\b", re.I)


def keyword_answer(sentence: str, model: type[BaseModel]) -> BaseModel:
    """A plausible answer without a model: keywords decide the event label; no speaker is named."""
    if model is EventAnswer:
        label = "strike" if _STRIKE.search(sentence) else "attack" if _ATTACK.search(sentence) else "none"
        return EventAnswer(event=label)
    if model is SpeakerAnswer:
        return SpeakerAnswer(speaker="none")
    if model is KindAnswer:
        return KindAnswer(kind="claim")
    if model is IncidentAnswer:
        return IncidentAnswer(incident="same")
    raise AssertionError(f"FakeBackend was asked for an unexpected model {model.__name__}")


@dataclass(frozen=True)
class Sent:
    """One call as the fake received it."""

    messages: list[dict[str, str]]
    model: type[BaseModel]
    max_tokens: int


class FakeBackend(Backend):
    """A scripted ``Backend``; ``Backend.__init__`` is not called (it builds an instructor client)."""

    provider = "local"

    def __init__(
        self, answer: Answer = keyword_answer, *, delay_s: float = 0.0, error: AppError | None = None,
        ready: bool = True, model_name: str = "fake-model",
    ) -> None:
        self.model_name = model_name
        self.model_identity = f"fake:{model_name}"
        self.answer = answer
        self.delay_s = delay_s
        self.error = error
        self.is_ready = ready
        self.sent: list[Sent] = []
        self.in_flight = 0
        self.closed = False
        self._gate = threading.Event()
        self._gate.set()

    def hold(self) -> None:
        """Make every call wait until ``release()`` (which any thread may call)."""
        self._gate.clear()

    def release(self) -> None:
        self._gate.set()

    async def structured(self, messages: list[dict[str, str]], model: type[T], max_tokens: int) -> T:
        self.sent.append(Sent(messages, model, max_tokens))
        stats = CURRENT_STATS.get()
        if stats is not None:
            stats.calls += 1
            stats.prompt_tokens += sum(len(m["content"].split()) for m in messages)
            stats.completion_tokens += 3
        self.in_flight += 1
        try:
            # The gate is opened from the test's thread, not this loop's: poll it (an asyncio.Event
            # is not thread-safe, and waiting on it in a worker thread would outlive a cancellation).
            while not self._gate.is_set():  # noqa: ASYNC110
                await asyncio.sleep(0.005)
            if self.delay_s:
                await asyncio.sleep(self.delay_s)
            if self.error is not None:
                raise self.error
            sentence = messages[-1]["content"].rsplit("Sentence: ", 1)[-1]
            result = self.answer(sentence, model)
        finally:
            self.in_flight -= 1
        assert isinstance(result, model)
        return result

    async def ready(self) -> bool:
        return self.is_ready

    async def aclose(self) -> None:
        self.closed = True

