"""Run the extractor over articles, one at a time, writing each response as a JSONL line.

In-process builds the extractor as the app does (``api.extraction.building.build_extractor(settings)``);
with a URL each article is POSTed to ``/v1/extract``. Articles run one after the other, so the time
measured for each is the time the service takes for it.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from api.evaluation.extractors import Extract, http_extractor, in_process_extractor

Json = dict[str, Any]


@dataclass(frozen=True)
class ArticleRun:
    """One article's outcome: its response, or why there is none, and the seconds it took."""

    article_id: object
    seconds: float
    response: Json | None
    error: str | None = None


def request_body(article: Mapping[str, Any]) -> Json:
    """The ``POST /v1/extract`` body for a gold article (absent id/date left out)."""
    body = {"text": article["text"], "id": article.get("id"), "published_at": article.get("published_at")}
    return {key: value for key, value in body.items() if value is not None}


async def _run_one(article: Mapping[str, Any], extract: Extract) -> ArticleRun:
    started = time.perf_counter()
    try:
        response = await extract(request_body(article))
    except Exception as exc:  # one failed article is reported, the others still run
        error = f"{type(exc).__name__}: {exc}"
        return ArticleRun(article.get("id"), time.perf_counter() - started, None, error)
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
                         progress: Callable[[str], None] = lambda _line: None,
                         answers: Path | None = None) -> list[ArticleRun]:
    """In-process when ``url`` is None (model answers replayed from ``answers`` when given), else over
    HTTP against ``url``."""
    async with in_process_extractor(answers) if url is None else http_extractor(url) as extract:
        return await run_articles(articles, extract, out, progress)
