"""Where responses come from: the app's extractor in-process, or a running service over HTTP.

Each source is an async context manager yielding ``extract(body) -> response JSON`` for one
contract-v1 request body, and releases what it opened (the model backend, the HTTP client).
"""

from __future__ import annotations

import asyncio
import importlib
import inspect
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import httpx
from pydantic import BaseModel

from api.evaluation.answer_memo import AnswerMemo

Json = dict[str, Any]
Extract = Callable[[Json], Awaitable[Json]]
"""Request body (contract v1) -> response JSON."""

HTTP_TIMEOUT_S = 900.0
HTTP_ATTEMPTS = 4
"""Tries per article when the service answers 429/503 (after waiting its ``Retry-After``)."""
MAX_WAIT_S = 60.0


class ExtractionFailed(Exception):
    """The service answered an article with an error; ``problem`` is its problem detail, if it sent one."""

    def __init__(self, message: str, problem: Json | None = None):
        super().__init__(message)
        self.problem = problem


class ExtractorUnavailable(RuntimeError):
    """The in-process extractor cannot be built (``build_extractor`` missing)."""


@asynccontextmanager
async def in_process_extractor(answers: Path | None = None) -> AsyncIterator[Extract]:
    """The app's extractor, built by ``api.extraction.building.build_extractor(Settings())``, closed after.

    With ``answers``, the model's answers are replayed from that file and new ones recorded in it
    (``api.evaluation.answer_memo``)."""
    try:
        factory = importlib.import_module("api.extraction.building")
    except ModuleNotFoundError as exc:
        if exc.name != "api.extraction.building":
            raise
        raise ExtractorUnavailable("in-process evaluation needs api/extraction/building.py (build_extractor),"
                                   " which is not there yet: run the service and pass --url") from exc
    if not hasattr(factory, "build_extractor"):
        raise ExtractorUnavailable("api.extraction.building has no build_extractor(settings): pass --url instead")
    from api.settings import Settings
    from schemas.contract import ExtractRequest

    built = factory.build_extractor(Settings())
    extractor = await built if inspect.isawaitable(built) else built
    if answers is not None:
        memo = AnswerMemo(answers)
        extractor.backend.structured = memo.wrap(extractor.backend.model_identity, extractor.backend.structured)

    async def extract(body: Json) -> Json:
        response = await extractor.extract(ExtractRequest.model_validate(body))
        return response.model_dump(mode="json") if isinstance(response, BaseModel) else dict(response)

    try:
        yield extract
    finally:
        close = getattr(getattr(extractor, "backend", None), "aclose", None)
        if close is not None:
            await close()


def _wait_s(reply: httpx.Response) -> float:
    try:
        return min(MAX_WAIT_S, max(0.0, float(reply.headers.get("Retry-After", "1"))))
    except ValueError:
        return 1.0


def _problem(reply: httpx.Response) -> str:
    try:
        problem = reply.json()
    except ValueError:
        return reply.text[:200]
    return f"{problem.get('title')}: {problem.get('detail')}" if isinstance(problem, dict) else str(problem)


def _problem_body(reply: httpx.Response) -> Json | None:
    """The problem detail the service answered, when the body is one."""
    try:
        problem = reply.json()
    except ValueError:
        return None
    return problem if isinstance(problem, dict) and isinstance(problem.get("status"), int) else None


@asynccontextmanager
async def http_extractor(url: str, headers: dict[str, str] | None = None) -> AsyncIterator[Extract]:
    """POST each body to ``{url}/v1/extract`` (with ``headers``, e.g. an API key); 429/503 are retried."""

    async def extract(body: Json) -> Json:
        for attempt in range(1, HTTP_ATTEMPTS + 1):
            reply = await client.post("/v1/extract", json=body)
            if reply.status_code not in (429, 503) or attempt == HTTP_ATTEMPTS:
                break
            await asyncio.sleep(_wait_s(reply))
        if reply.status_code != 200:
            raise ExtractionFailed(f"HTTP {reply.status_code} {_problem(reply)}", _problem_body(reply))
        response = reply.json()
        if not isinstance(response, dict):
            raise ExtractionFailed("response is not a JSON object")
        return response

    async with httpx.AsyncClient(base_url=url, timeout=HTTP_TIMEOUT_S, headers=headers) as client:
        yield extract
