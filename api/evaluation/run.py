"""Run the extractor over articles and collect the responses: in-process or against a running service.

In-process builds the extractor as the app does (``api.backend_factory.build_extractor(settings)``);
with a URL each article is POSTed to ``/v1/extract``. Articles run one at a time, so the time of each
is the time the service takes for it.
"""

from __future__ import annotations

import asyncio
import importlib
import inspect
import json
import time
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
from pydantic import BaseModel

Json = dict[str, Any]
Extract = Callable[[Json], Awaitable[Json]]
"""Request body (contract v1) -> response JSON."""

HTTP_TIMEOUT_S = 900.0
HTTP_ATTEMPTS = 4
"""Tries per article when the service answers 429/503 (after waiting its ``Retry-After``)."""
MAX_WAIT_S = 60.0


@dataclass(frozen=True)
class ArticleRun:
    """One article's outcome: its response, or why there is none, and the seconds it took."""

    article_id: object
    seconds: float
    response: Json | None
    error: str | None = None


class ExtractionFailed(Exception):
    """The service answered an article with an error."""


def request_body(article: Mapping[str, Any]) -> Json:
    """The ``POST /v1/extract`` body for a gold article (absent id/date left out)."""
    body = {"text": article["text"], "id": article.get("id"), "published_at": article.get("published_at")}
    return {key: value for key, value in body.items() if value is not None}


async def in_process_extractor() -> Extract:
    """The app's extractor, built by ``api.backend_factory.build_extractor(Settings())``."""
    try:
        factory = importlib.import_module("api.backend_factory")
    except ModuleNotFoundError as exc:
        if exc.name != "api.backend_factory":
            raise
        raise RuntimeError("in-process evaluation needs api/backend_factory.py with build_extractor(settings);"
                           " it is not there yet: run the service and pass --url") from exc
    if not hasattr(factory, "build_extractor"):
        raise RuntimeError("api.backend_factory has no build_extractor(settings): pass --url instead")
    from api.settings import Settings
    from schemas.contract import ExtractRequest

    built = factory.build_extractor(Settings())
    extractor = await built if inspect.isawaitable(built) else built

    async def extract(body: Json) -> Json:
        response = await extractor.extract(ExtractRequest.model_validate(body))
        return response.model_dump(mode="json") if isinstance(response, BaseModel) else dict(response)

    return extract


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


def http_extractor(client: httpx.AsyncClient) -> Extract:
    """POST each body to ``/v1/extract`` on the client's base URL; 429/503 are waited out and retried."""

    async def extract(body: Json) -> Json:
        for attempt in range(1, HTTP_ATTEMPTS + 1):
            reply = await client.post("/v1/extract", json=body)
            if reply.status_code not in (429, 503) or attempt == HTTP_ATTEMPTS:
                break
            await asyncio.sleep(_wait_s(reply))
        if reply.status_code != 200:
            raise ExtractionFailed(f"HTTP {reply.status_code} {_problem(reply)}")
        response = reply.json()
        if not isinstance(response, dict):
            raise ExtractionFailed("response is not a JSON object")
        return response

    return extract


async def _run_one(article: Mapping[str, Any], extract: Extract) -> ArticleRun:
    started = time.perf_counter()
    try:
        response = await extract(request_body(article))
    except Exception as exc:  # one failed article is reported, the others still run
        return ArticleRun(article.get("id"), time.perf_counter() - started, None, f"{type(exc).__name__}: {exc}")
    seconds = time.perf_counter() - started
    document = response.setdefault("document", {})
    if isinstance(document, dict) and document.get("id") is None:
        document["id"] = article.get("id")
    return ArticleRun(article.get("id"), seconds, response)


async def run_articles(articles: Sequence[Mapping[str, Any]], extract: Extract, out: Path,
                       progress: Callable[[str], None] = lambda _line: None) -> list[ArticleRun]:
    """Extract every article in turn, writing each response as one JSONL line to ``out``."""
    runs: list[ArticleRun] = []
    with out.open("w", encoding="utf-8") as sink:
        for number, article in enumerate(articles, 1):
            run = await _run_one(article, extract)
            runs.append(run)
            if run.response is not None:
                sink.write(json.dumps(run.response, ensure_ascii=False) + "\n")
                sink.flush()
            outcome = run.error or "ok"
            progress(f"[{number}/{len(articles)}] {run.article_id} {run.seconds:.2f}s {outcome}")
    return runs


async def run_extraction(articles: Sequence[Mapping[str, Any]], out: Path, url: str | None,
                         progress: Callable[[str], None] = lambda _line: None) -> list[ArticleRun]:
    """In-process when ``url`` is None, else over HTTP against ``url``."""
    if url is None:
        return await run_articles(articles, await in_process_extractor(), out, progress)
    async with httpx.AsyncClient(base_url=url, timeout=HTTP_TIMEOUT_S) as client:
        return await run_articles(articles, http_extractor(client), out, progress)
