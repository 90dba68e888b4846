"""Run a batch: ``concurrency`` workers take the articles in turn, each answer appended to OUTPUT at once.

An article that fails is recorded as an error line and the others go on: a problem the service
answered (any 4xx/5xx, after the 429/503 retries of ``http_extractor``), an ``AppError`` or a
validation error in-process, or an unexpected exception (a 500 line naming only its type). Not
reaching the service at all is different: it would fail every article, so it ends the run (the
exception propagates) without recording anything, and the next run resumes.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import IO, Any, Protocol

import httpx
from pydantic import ValidationError

from api.batch.articles import Article
from api.errors import AppError, InvalidRequest
from api.evaluation.extractors import Extract, ExtractionFailed
from api.problems import MAX_ERRORS, problem_for
from api.service.batch_lines import error_line


class Progress(Protocol):
    def update(self, n: float | None = 1) -> bool | None: ...

    def set_postfix(self, ordered_dict: Any = None, refresh: bool | None = True, **kwargs: Any) -> None: ...


@dataclass
class Tally:
    ok: int = 0
    failed: int = 0


def problem_of(exc: Exception) -> dict[str, Any]:
    """The problem detail an error line records for ``exc`` (never the article's text)."""
    if isinstance(exc, AppError):
        return exc.problem()
    if isinstance(exc, ExtractionFailed):
        return exc.problem or problem_for(exc)[0] | {"detail": str(exc)[:300]}
    if isinstance(exc, ValidationError):
        errors = [{"loc": ".".join(str(p) for p in e["loc"]) or "body", "msg": e["msg"]}
                  for e in exc.errors(include_url=False, include_input=False, include_context=False)]
        return InvalidRequest("the article does not match the contract", errors=errors[:MAX_ERRORS]).problem()
    return problem_for(exc)[0]


async def answer(article: Article, extract: Extract) -> tuple[bytes, bool]:
    """The OUTPUT line of one article, and whether it is a response."""
    if article.unreadable is not None:
        return error_line(article.line, article.id, article.unreadable.problem()), False
    assert article.body is not None
    try:
        response = await extract(article.body)
    except httpx.TransportError:
        raise  # the service cannot be reached: end the run, record nothing
    except Exception as exc:
        retry_after = exc.retry_after if isinstance(exc, AppError) else None
        return error_line(article.line, article.id, problem_of(exc), retry_after), False
    return json.dumps(response, ensure_ascii=False).encode() + b"\n", True


async def run(articles: Iterable[Article], extract: Extract, sink: IO[bytes], *, concurrency: int,
              progress: Progress) -> Tally:
    """Answer every article, ``concurrency`` at a time, appending each line to ``sink`` as it comes."""
    tally, queue = Tally(), iter(articles)

    async def worker() -> None:
        for article in queue:  # one shared iterator: each article is taken by exactly one worker
            line, ok = await answer(article, extract)
            sink.write(line)
            sink.flush()
            if ok:
                tally.ok += 1
            else:
                tally.failed += 1
            progress.update(1)
            progress.set_postfix(errors=tally.failed, refresh=False)

    workers = [asyncio.create_task(worker()) for _ in range(concurrency)]
    try:
        await asyncio.gather(*workers)  # the first exception ends the run ...
    finally:
        for task in workers:  # ... and the articles still in flight are not recorded
            task.cancel()
    return tally
