"""Calibrate event ``confidence`` on gold sets and write data/confidence.yaml and the reliability table.

    cp my-answers.jsonl .answers.jsonl   # answers recorded by api.evaluation --answers: no model call for those
    .venv/bin/python scripts/calibrate_confidence.py ../shared/eval/dev.jsonl ../shared/eval/dev2.jsonl \
        --answers .answers.jsonl

For every article the extractor runs in-process (model answers replayed from ``--answers``; a question
not in it is asked of the model and recorded there), each event's signal class is recorded
(``api.enrich.confidence.signal_class``), and each prediction is marked right when the reference
scorer's one-to-one pairing (``score_strict`` of ``--scorer``) pairs it with a gold event. A class's
confidence is its share of right events, shrunk toward its type's share with the weight of ``SHRINK``
events. The reliability table is printed twice: fitted on all articles (in sample), and for each
article fitted on the other articles only (leave one article out), which is what a new article can expect.
"""

from __future__ import annotations

import argparse
import asyncio
import importlib.util
import itertools
import json
import sys
import tempfile
from collections import defaultdict
from collections.abc import Iterable, Sequence
from pathlib import Path
from types import ModuleType
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from api.enrich.confidence import RECORDED, TABLE  # noqa: E402  (after the path is set)
from api.evaluation.run import run_extraction  # noqa: E402

SHRINK = 4.0
BINS = (0.0, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0001)
TYPES = {"strike": "strikes", "attack": "attacks", "statement": "statements", "casualty_report": "casualty_reports"}
Row = tuple[str, str, str, bool]  # article id, type, class, right


def scorer(path: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location("reference_score", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def right_predictions(ref: ModuleType, gold: dict[str, Any], response: dict[str, Any]) -> dict[str, bool]:
    """uid → paired with a gold event, with the pairing of the reference scorer's score_strict."""
    out: dict[str, bool] = {}
    text = gold["text"]
    for etype, key in TYPES.items():
        gev = [g for g in gold.get("events", []) if g["type"] == etype]
        pev = [p for p in response.get(key) or [] if isinstance(p, dict)]
        gspans = [[o for s in [g["evidence"]] + (g.get("also") or []) for o in ref.occurrences(text, s)] for g in gev]
        pspans = [ref.pred_spans(p) for p in pev]
        w = [[(1.0 + m) if (m := max((ref.span_match(a, b) for a in ps for b in gs), default=0.0)) > 0 else 0.0
              for ps in pspans] for gs in gspans]
        paired = set((ref._assign(w) if gev and pev else {}).values())
        out.update({p["uid"]: i in paired for i, p in enumerate(pev)})
    return out


async def collect(gold_files: Sequence[Path], answers: Path, ref: ModuleType) -> list[Row]:
    rows: list[Row] = []
    for gold_file in gold_files:
        articles = [json.loads(line) for line in gold_file.read_text(encoding="utf-8").splitlines() if line.strip()]
        recorded: dict[str, tuple[str, str]] = {}
        token = RECORDED.set(recorded)
        try:
            with tempfile.TemporaryDirectory() as tmp:
                out = Path(tmp) / "responses.jsonl"
                await run_extraction(articles, out, None, lambda line: print(line, file=sys.stderr), answers)
                responses = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
        finally:
            RECORDED.reset(token)
        by_id = {r["document"]["id"]: r for r in responses}
        for article in articles:
            response = by_id.get(article["id"])
            if response is None:
                continue
            for uid, right in right_predictions(ref, article, response).items():
                kind, cls = recorded[uid]
                rows.append((f"{gold_file.name}:{article['id']}", kind, cls, right))
    return rows


def fit(rows: Iterable[Row]) -> dict[str, dict[str, Any]]:
    """Per type: prior (share right), n, and per class the shrunk share right with its counts."""
    by_type: dict[str, list[Row]] = defaultdict(list)
    for r in rows:
        by_type[r[1]].append(r)
    out: dict[str, dict[str, Any]] = {}
    for kind, rs in sorted(by_type.items()):
        prior = sum(r[3] for r in rs) / len(rs)
        classes: dict[str, list[bool]] = defaultdict(list)
        for r in rs:
            classes[r[2]].append(r[3])
        out[kind] = {
            "prior": round(prior, 3), "n": len(rs),
            "classes": {c: round((sum(v) + SHRINK * prior) / (len(v) + SHRINK), 3) for c, v in sorted(classes.items())},
            "counts": {c: f"{sum(v)}/{len(v)}" for c, v in sorted(classes.items())},
        }
    return out


def predict(model: dict[str, dict[str, Any]], kind: str, cls: str) -> float | None:
    t = model.get(kind)
    return None if t is None else float(t["classes"].get(cls, t["prior"]))


def reliability(scored: Iterable[tuple[float | None, bool]]) -> list[tuple[str, int, float, float]]:
    """(bin, events, mean confidence, share right) per confidence bin."""
    out = []
    pairs = [(c, r) for c, r in scored if c is not None]
    for lo, hi in itertools.pairwise(BINS):
        inside = [(c, r) for c, r in pairs if lo <= c < hi]
        if inside:
            out.append((f"{lo:.1f}–{min(hi, 1.0):.1f}", len(inside), sum(c for c, _ in inside) / len(inside),
                        sum(r for _, r in inside) / len(inside)))
    return out


def table_md(title: str, rel: list[tuple[str, int, float, float]]) -> str:
    lines = [f"{title}", "", "| confidence | events | mean confidence | share right |", "|---|---|---|---|"]
    lines += [f"| {b} | {n} | {m:.2f} | {s:.2f} |" for b, n, m, s in rel]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("gold", type=Path, nargs="+", help="gold JSONL files (the format of ../shared/eval/dev.jsonl)")
    parser.add_argument("--answers", type=Path, required=True, help="recorded model answers (a copy: appended to)")
    parser.add_argument("--scorer", type=Path, default=ROOT.parent / "shared" / "eval" / "score.py")
    parser.add_argument("--table", type=Path, default=TABLE, help="where to write the calibration table")
    args = parser.parse_args(argv)
    rows = asyncio.run(collect(args.gold, args.answers, scorer(args.scorer)))
    model = fit(rows)
    args.table.write_text(
        "# Confidence per event type and signal class (api/enrich/confidence.py), written by\n"
        "# scripts/calibrate_confidence.py on " + ", ".join(p.name for p in args.gold) + "; do not edit by hand.\n"
        + yaml.safe_dump({"types": model}, sort_keys=True, allow_unicode=True), encoding="utf-8")
    in_sample = reliability((predict(model, k, c), r) for _, k, c, r in rows)
    articles = sorted({a for a, *_ in rows})
    held_out: list[tuple[float | None, bool]] = []
    for a in articles:
        others = fit(r for r in rows if r[0] != a)
        held_out += [(predict(others, k, c), r) for art, k, c, r in rows if art == a]
    print(f"{len(rows)} predicted events in {len(articles)} articles; {sum(r[3] for r in rows)} right")
    for kind, t in model.items():
        print(f"  {kind}: prior {t['prior']} (n={t['n']}); classes {t['counts']} -> {t['classes']}")
    print()
    print(table_md("In sample (fitted on all articles):", in_sample))
    print()
    print(table_md("Leave one article out:", reliability(held_out)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
