"""``python -m api.evaluation GOLD.jsonl --out predictions.jsonl [--url URL] [--limit N] [-v]``.

Runs the extractor over the articles (in-process, or against the service at ``--url``), writes one
response per line to ``--out``, scores them when the articles carry gold ``events``, prints a table
and writes it as JSON to ``<out>.summary.json``. Exit status 1 when an article failed.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
from pathlib import Path

from api.evaluation.extractors import ExtractorUnavailable
from api.evaluation.report import format_report, summarize, write_summary
from api.evaluation.run import run_extraction
from api.evaluation.scoring import index_predictions, load_jsonl, score_documents


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m api.evaluation", description=__doc__.splitlines()[0])
    parser.add_argument("gold", type=Path, help="JSONL of articles {id, text, published_at[, events]}")
    parser.add_argument("--out", type=Path, required=True, help="where to write the responses (JSONL)")
    parser.add_argument("--url", help="base URL of a running service (default: extract in-process)")
    parser.add_argument("--limit", type=int, help="only the first N articles")
    parser.add_argument("--answers", type=Path,
                        help="replay the model's answers recorded in this JSONL file, recording new ones"
                             " (in-process only; re-scores a rule change without asking the model again)")
    parser.add_argument("-v", "--verbose", action="store_true",
                        help="list false positives, false negatives and wrong fields (strict, then lenient)")
    return parser


def _progress(line: str) -> None:
    print(line, file=sys.stderr, flush=True)


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    articles = load_jsonl(args.gold)[: args.limit] if args.limit is not None else load_jsonl(args.gold)
    try:
        runs = asyncio.run(run_extraction(articles, args.out, args.url, _progress, args.answers))
    except ExtractorUnavailable as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    gold = [article for article in articles if "events" in article]
    figures = None
    if gold:
        scores = score_documents(gold, index_predictions(load_jsonl(args.out)))
        figures = scores.figures()
        if args.verbose:
            for heading, issues in (("strict", scores.strict_issues), ("lenient", scores.issues)):
                print("\n".join([f"{heading}:", *(f"  {issue}" for issue in issues)]))
    summary = summarize(runs, figures, gold=str(args.gold), predictions=str(args.out),
                        mode=args.url or "in-process")
    print(format_report(summary))
    print(f"summary: {write_summary(args.out, summary)}")
    return 1 if summary["failed"] else 0


if __name__ == "__main__":
    raise SystemExit(main())
