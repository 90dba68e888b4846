"""``python -m api.batch INPUT OUTPUT [--url URL] [--concurrency N] [--retry-errors] [--api-key KEY]``.

Without ``--url`` the app's extractor runs in-process (built from the ``CONFLICT_*`` settings, as
the service builds it); with it, each article is POSTed to ``URL/v1/extract`` (429 and 503 are
waited out and retried). Exit status: 0 all articles answered, 1 some are error lines, 2 bad
arguments or INPUT, 3 the service could not be reached (nothing recorded for the article in
hand: run again to resume), 130 interrupted (run again to resume).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
from contextlib import AbstractAsyncContextManager
from pathlib import Path

import httpx
from tqdm import tqdm

from api.batch.articles import Article, InputError, read_articles
from api.batch.output import finished
from api.batch.runner import Tally, run
from api.evaluation.extractors import Extract, ExtractorUnavailable, http_extractor, in_process_extractor
from api.logging_setup import configure_logging
from api.settings import Settings


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m api.batch",
        description="Extract the events of many articles into JSONL, with bounded concurrency; rerun to resume.")
    parser.add_argument("input", type=Path,
                        help="JSONL of articles {text, id, published_at}, or a folder of .txt files")
    parser.add_argument("output", type=Path,
                        help="JSONL of responses and error lines (appended to, so a run can be resumed)")
    parser.add_argument("--url", help="base URL of a running service (default: extract in-process)")
    parser.add_argument("--concurrency", type=int, default=1, metavar="N",
                        help="articles in flight at once (default 1)")
    parser.add_argument("--retry-errors", action="store_true",
                        help="run again the ids OUTPUT has only an error line for (the new line is appended)")
    parser.add_argument("--api-key", default=os.environ.get("CONFLICT_API_KEY"),
                        help="API key for --url (default: $CONFLICT_API_KEY)")
    parser.add_argument("-v", "--verbose", action="store_true", help="log at info level (default: warnings)")
    return parser


def _source(args: argparse.Namespace) -> AbstractAsyncContextManager[Extract]:
    if args.url is None:
        return in_process_extractor()
    return http_extractor(args.url, {"X-API-Key": args.api_key} if args.api_key else None)


async def _run(args: argparse.Namespace, todo: list[Article], done: int, total: int) -> Tally:
    with tqdm(total=total, initial=done, unit="article", desc="extract", file=sys.stderr,
              disable=None) as bar:
        if not todo:
            return Tally()
        async with _source(args) as extract:
            with args.output.open("ab") as sink:
                return await run(todo, extract, sink, concurrency=args.concurrency, progress=bar)


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.concurrency < 1:
        print("error: --concurrency must be at least 1", file=sys.stderr)
        return 2
    settings = Settings()
    configure_logging(settings if args.verbose else settings.model_copy(update={"log_level": "warning"}))
    try:
        articles = read_articles(args.input)
    except InputError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    args.output.parent.mkdir(parents=True, exist_ok=True)
    before = finished(args.output)
    if before.dropped_bytes:
        print(f"note: cut off a partial last line ({before.dropped_bytes} bytes) of {args.output}",
              file=sys.stderr)
    skip = before.skip(args.retry_errors)
    todo = [article for article in articles if article.id not in skip]
    try:
        tally = asyncio.run(_run(args, todo, len(articles) - len(todo), len(articles)))
    except ExtractorUnavailable as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except httpx.TransportError as exc:
        print(f"error: {args.url} could not be reached ({type(exc).__name__}); "
              "run the same command again to resume", file=sys.stderr)
        return 3
    except KeyboardInterrupt:
        print("interrupted: run the same command again to resume", file=sys.stderr)
        return 130
    print(f"{tally.ok} answered, {tally.failed} error lines, {len(articles) - len(todo)} already in "
          f"{args.output}", file=sys.stderr)
    if tally.failed or (before.failed & skip):
        print("note: ids with only an error line are not run again unless --retry-errors is given",
              file=sys.stderr)
    return 1 if tally.failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
