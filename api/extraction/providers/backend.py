"""What the pipeline needs of a model backend (``Backend``), and the per-request accounting every backend feeds.

The backends (``OpenAIBackend``, ``LocalBackend``) are built by ``providers.factory``; tests and the benchmark
put their own in.
"""

from __future__ import annotations

import contextvars
from dataclasses import dataclass, field
from typing import Any, Literal, Protocol, TypeVar

from pydantic import BaseModel

T = TypeVar("T", bound=BaseModel)


@dataclass
class CallStats:
    """Per-request accounting, summed over every attempt (reported in ``meta``)."""

    calls: int = 0
    retries: int = 0
    prompt_tokens: int = 0
    completion_tokens: int = 0
    warnings: list[str] = field(default_factory=list)


CURRENT_STATS: contextvars.ContextVar[CallStats | None] = contextvars.ContextVar("stats", default=None)


def count_usage(response: Any) -> None:
    """Add the tokens a completion reports to the request's ``CallStats``."""
    stats = CURRENT_STATS.get()
    usage = getattr(response, "usage", None)
    if stats is not None and usage is not None:
        stats.prompt_tokens += int(getattr(usage, "prompt_tokens", 0) or 0)
        stats.completion_tokens += int(getattr(usage, "completion_tokens", 0) or 0)


class Backend(Protocol):
    """One model behind ``structured``: messages in, a validated answer of ``model`` out (``InvalidAnswer`` when
    the answer stays unusable, an upstream error when the model cannot be reached)."""

    provider: Literal["local", "openai", "rules"]
    model_name: str
    model_identity: str  # what makes answers differ: name + weights hash or endpoint

    async def structured(self, messages: list[dict[str, str]], model: type[T], max_tokens: int) -> T: ...

    async def ready(self) -> bool:
        return True

    async def aclose(self) -> None:
        return None
