"""Record and replay the model's answers for evaluation runs (``--answers FILE``).

An evaluation on 40 articles asks the model about 1,000 short questions. Most rule changes leave
every question as it was, so replaying the recorded answers re-scores a change in seconds instead
of minutes. Questions not in the file are asked for real and appended, so the file only ever holds
real answers of one model. Keyed by the backend's identity, the exact messages, the answer model and
the token limit: a changed prompt or another model is a new question. Not used by the service.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel

T = TypeVar("T", bound=BaseModel)
Structured = Callable[[list[dict[str, str]], type[T], int], Awaitable[T]]


def answer_key(identity: str, messages: list[dict[str, str]], model: type[BaseModel], max_tokens: int) -> str:
    """A stable key for one question to one model."""
    raw = json.dumps([identity, messages, model.__name__, max_tokens], ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()


class AnswerMemo:
    """Recorded answers in a JSONL file (``{"key": …, "answer": {…}}`` per line), appended as asked."""

    def __init__(self, path: Path):
        self.path = path
        self.answers: dict[str, dict[str, Any]] = {}
        self.hits = self.misses = 0
        if path.exists():
            for line in path.read_text(encoding="utf-8").splitlines():
                if line.strip():
                    row = json.loads(line)
                    self.answers[row["key"]] = row["answer"]

    def wrap(self, identity: str, structured: Structured[Any]) -> Structured[Any]:
        """``structured`` with answers looked up first and recorded after a real call."""

        async def memo(messages: list[dict[str, str]], model: type[T], max_tokens: int) -> T:
            key = answer_key(identity, messages, model, max_tokens)
            if key in self.answers:
                self.hits += 1
                return model.model_validate(self.answers[key])
            self.misses += 1
            answer: T = await structured(messages, model, max_tokens)  # Structured[Any] returns Any
            self.answers[key] = answer.model_dump(mode="json")
            with self.path.open("a", encoding="utf-8") as sink:
                sink.write(json.dumps({"key": key, "answer": self.answers[key]}, ensure_ascii=False) + "\n")
            return answer

        return memo
