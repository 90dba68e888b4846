"""The run summary: scores, time per article and model usage, as JSON and as a printed table."""

from __future__ import annotations

import json
import statistics
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from api.evaluation.figures import Figures, MatchFigures
from api.evaluation.run import ArticleRun

Json = dict[str, Any]
USAGE_FIELDS = {"llm_calls": ("llm_calls",), "prompt_tokens": ("usage", "prompt_tokens"),
                "completion_tokens": ("usage", "completion_tokens")}
"""Per-article model usage reported, and where it is in a response's ``meta``."""


def _meta_number(response: Json, *path: str) -> float:
    node: Any = response.get("meta")
    for key in path:
        node = node.get(key) if isinstance(node, dict) else None
    return float(node) if isinstance(node, int | float) else 0.0


def _per_article(values: Sequence[float]) -> float | None:
    return round(statistics.fmean(values), 3) if values else None


def summarize(runs: Sequence[ArticleRun], figures: Figures | None, *, gold: str, predictions: str,
              mode: str) -> Json:
    """Everything the run measured, in one JSON-ready dict (``scores`` is None without gold events)."""
    done = [run for run in runs if run.response is not None]
    responses = [run.response for run in done if run.response is not None]
    seconds = [run.seconds for run in done]
    return {
        "gold": gold, "predictions": predictions, "mode": mode,
        "articles": len(runs), "failed": len(runs) - len(done),
        "errors": {str(run.article_id): run.error for run in runs if run.error},
        "seconds_per_article": {"median": round(statistics.median(seconds), 3) if seconds else None,
                                "mean": _per_article(seconds), "total": round(sum(seconds), 3)},
        "per_article": {name: _per_article([_meta_number(r, *path) for r in responses])
                        for name, path in USAGE_FIELDS.items()},
        "cached": sum(1 for r in responses if _meta_number(r, "cached")),
        "scores": figures,
    }


def summary_path(out: Path) -> Path:
    """``<out>.summary.json``, next to the predictions."""
    return out.with_name(out.name + ".summary.json")


def write_summary(out: Path, summary: Json) -> Path:
    path = summary_path(out)
    path.write_text(json.dumps(summary, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return path


def _match_lines(heading: str, figures: MatchFigures, *, per_field: bool) -> list[str]:
    lines = [heading, f"{'type':<18}{'gold':>6}{'pred':>6}{'P':>8}{'R':>8}{'F1':>8}"]
    for name, row in figures["types"].items():
        lines.append(f"{name:<18}{row['gold']:>6}{row['pred']:>6}{row['P']:>8.3f}{row['R']:>8.3f}{row['F1']:>8.3f}")
    gold = sum(row["gold"] for row in figures["types"].values())
    pred = sum(row["pred"] for row in figures["types"].values())
    micro = figures["micro"]
    lines.append(f"{'micro':<18}{gold:>6}{pred:>6}{micro['P']:>8.3f}{micro['R']:>8.3f}{micro['F1']:>8.3f}")
    lines.append(f"field accuracy    {figures['field_accuracy']:.3f}")
    if per_field:
        lines.extend(f"  {name:<30}{ratio:>8}" for name, ratio in figures["fields"].items())
    return lines


def _score_lines(figures: Figures) -> list[str]:
    """The strict figures first (they count), then the lenient ones for comparison (per field in the JSON)."""
    strict = figures["strict"]
    return [
        *_match_lines("strict (one to one; the figures that count)", strict, per_field=True),
        f"ungrounded spans  {strict['ungrounded_spans']} of {figures['spans']}",
        *_match_lines("lenient (many to many; for comparison)", figures, per_field=False),
        f"missing docs      {figures['missing_docs']} of {figures['docs']}",
    ]


def _number(value: object, digits: int) -> str:
    return "-" if value is None else f"{value:.{digits}f}"


def format_report(summary: Json) -> str:
    """The summary as a plain-text table."""
    scores = summary["scores"]
    lines = _score_lines(scores) if scores is not None else ["(no gold events: timing only)"]
    timing, usage = summary["seconds_per_article"], summary["per_article"]
    lines.append(f"articles          {summary['articles']}"
                 f" ({summary['failed']} failed, {summary['cached']} cached)")
    lines.append(f"s/article         median {_number(timing['median'], 2)}"
                 f"  mean {_number(timing['mean'], 2)}")
    lines.append(f"per article       LLM calls {_number(usage['llm_calls'], 1)}"
                 f"  prompt tokens {_number(usage['prompt_tokens'], 0)}"
                 f"  completion tokens {_number(usage['completion_tokens'], 0)}")
    lines.extend(f"  error {article}: {error}" for article, error in summary["errors"].items())
    return "\n".join(lines)
