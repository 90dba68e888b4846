"""Seconds per article of two checkouts of this project, measured in one run, article by article in turn.

``python scripts/paired_speed.py GOLD.jsonl CHECKOUT_A CHECKOUT_B [--out FILE]``

Each checkout runs in a worker process of its own (its code on ``sys.path`` first, the same interpreter and
settings, its extractor built once by ``api.evaluation.extractors.in_process_extractor``, no cache, no recorded
answers). The workers never run at once: for each article one extracts it, then the other, the order swapped from
one article to the next, so whatever else the machine is doing weighs on both alike. Prints the median and mean
seconds per article of each and the ratio of B's median to A's.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
from pathlib import Path
from typing import Any

WORKER = r"""
import asyncio, json, sys, time
from api.evaluation.extractors import in_process_extractor

async def main():
    async with in_process_extractor() as extract:
        print("@@ready", flush=True)
        while line := await asyncio.to_thread(sys.stdin.readline):
            body = json.loads(line)
            started = time.perf_counter()
            await extract(body)
            print("@@" + json.dumps({"s": time.perf_counter() - started}), flush=True)

asyncio.run(main())
"""


class Worker:
    def __init__(self, checkout: Path) -> None:
        env = {**os.environ, "PYTHONPATH": str(checkout), "CONFLICT_CACHE_SIZE": "0"}
        self.proc = subprocess.Popen([sys.executable, "-c", WORKER], cwd=checkout, env=env, text=True,
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE)
        if self._line() != "ready":
            raise RuntimeError(f"the worker in {checkout} did not start")

    def _line(self) -> str:
        """The worker's next answer (its lines start with "@@"; logs the app writes to stdout are skipped)."""
        assert self.proc.stdout is not None
        while line := self.proc.stdout.readline():
            if line.startswith("@@"):
                return line[2:].strip()
        return ""

    def seconds(self, body: dict[str, Any]) -> float:
        assert self.proc.stdin is not None
        self.proc.stdin.write(json.dumps(body) + "\n")
        self.proc.stdin.flush()
        return float(json.loads(self._line())["s"])

    def close(self) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.close()
        self.proc.wait(timeout=60)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("gold", type=Path)
    parser.add_argument("a", type=Path, help="checkout A (e.g. the first reading's code)")
    parser.add_argument("b", type=Path, help="checkout B (e.g. the current code)")
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()
    articles = [json.loads(line) for line in args.gold.read_text(encoding="utf-8").splitlines() if line.strip()]
    workers = {"a": Worker(args.a.resolve()), "b": Worker(args.b.resolve())}
    times: dict[str, list[float]] = {"a": [], "b": []}
    try:
        for i, art in enumerate(articles):
            body = {k: art.get(k) for k in ("id", "text", "published_at")}
            for name in ("a", "b") if i % 2 == 0 else ("b", "a"):
                times[name].append(workers[name].seconds(body))
            print(f"{i + 1}/{len(articles)} a {times['a'][-1]:.2f} s  b {times['b'][-1]:.2f} s", file=sys.stderr)
    finally:
        for w in workers.values():
            w.close()
    summary = {name: {"checkout": str(getattr(args, name)), "median_s": round(statistics.median(t), 2),
                      "mean_s": round(statistics.mean(t), 2), "articles": len(t)} for name, t in times.items()}
    summary["ratio_b_to_a_median"] = round(summary["b"]["median_s"] / summary["a"]["median_s"], 3)
    print(json.dumps(summary, indent=1))
    if args.out is not None:
        args.out.write_text(json.dumps({**summary, "seconds": times}, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
