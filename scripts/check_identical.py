"""Check that a change leaves the service's output byte-identical, replaying the model's recorded answers.

    .venv/bin/python scripts/check_identical.py --answers ANSWERS.jsonl GOLD.jsonl=REFERENCE.jsonl ...

For each pair it runs ``python -m api.evaluation GOLD --answers`` (in-process, on a copy of the answers
file, so the file given is never written) and compares every response with the reference line by line,
ignoring timing. A question the file does not hold (a "miss") means the prompt text changed;
it is asked of the model and counted as a failure. Exit status 0 only when every line is identical.
Not compared: ``meta.duration_ms``, and ``meta.llm_calls``, ``retries`` and ``usage`` (a replayed answer costs
no call).
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

# meta fields a replay cannot reproduce: the time taken, and the calls and tokens of the model (a replayed
# answer costs none); every event, warning and the rest of meta must be equal
NOT_COMPARED = ("duration_ms", "llm_calls", "retries", "usage")


def canonical(line: str) -> str:
    """The response as compact JSON without the meta fields a replay cannot reproduce."""
    body: dict[str, Any] = json.loads(line)
    for key in NOT_COMPARED:
        body.get("meta", {}).pop(key, None)
    return json.dumps(body, ensure_ascii=False, sort_keys=True)


def lines(path: Path) -> list[str]:
    return [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def check(gold: Path, reference: Path, answers: Path, work: Path) -> int:
    """Run one gold file and return how many of its lines differ (a miss counts as one more)."""
    memo = work / f"{gold.stem}.answers.jsonl"
    shutil.copyfile(answers, memo)
    out = work / f"{gold.stem}.jsonl"
    subprocess.run([sys.executable, "-m", "api.evaluation", str(gold), "--out", str(out), "--answers", str(memo)],
                   check=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    misses = len(lines(memo)) - len(lines(answers))
    ours, ref = [canonical(x) for x in lines(out)], [canonical(x) for x in lines(reference)]
    differ = [i + 1 for i, (a, b) in enumerate(zip(ours, ref, strict=False)) if a != b]
    differ += list(range(min(len(ours), len(ref)) + 1, max(len(ours), len(ref)) + 1))
    print(f"{gold.name}: {len(ref)} articles, {len(differ)} differ{f' (lines {differ[:10]})' if differ else ''}, "
          f"{misses} new questions to the model")
    return len(differ) + misses


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--answers", type=Path, required=True, help="the model's recorded answers (JSONL)")
    parser.add_argument("pairs", nargs="+", help="GOLD.jsonl=REFERENCE.jsonl: articles and their reference output")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        failures = sum(check(Path(g), Path(r), args.answers, Path(tmp))
                       for g, r in (pair.split("=", 1) for pair in args.pairs))
    print("identical" if failures == 0 else f"NOT identical: {failures} differences")
    return 0 if failures == 0 else 1


if __name__ == "__main__":
    raise SystemExit(main())
