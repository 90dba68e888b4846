"""Articles a second of the rules-only provider, warm, in this process (one core).

``python scripts/rules_speed.py GOLD.jsonl [GOLD.jsonl ...] [--passes 3]``

Every article of the files is extracted once to warm the gazetteer and the per-sentence caches, then ``--passes``
more times; the figure is articles over seconds of those passes. No model, no cache of responses.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import time
from pathlib import Path


async def _run(paths: list[Path], passes: int) -> tuple[int, float]:
    os.environ["CONFLICT_PROVIDER"] = "rules"
    os.environ["CONFLICT_CACHE_SIZE"] = "0"
    from api.extraction.building import build_extractor
    from api.settings import Settings
    from schemas.contract import ExtractRequest

    docs = [json.loads(line) for p in paths for line in p.read_text(encoding="utf-8").splitlines() if line.strip()]
    requests = [ExtractRequest(text=d["text"], published_at=d.get("published_at")) for d in docs]
    extractor = build_extractor(Settings())
    for r in requests:
        await extractor.extract(r)
    started = time.perf_counter()
    for _ in range(passes):
        for r in requests:
            await extractor.extract(r)
    return passes * len(requests), time.perf_counter() - started


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("gold", type=Path, nargs="+", help="JSONL files of articles ({text, published_at, ...})")
    p.add_argument("--passes", type=int, default=3, help="timed passes over the articles after one warm-up")
    args = p.parse_args()
    n, seconds = asyncio.run(_run(args.gold, args.passes))
    print(f"{n} articles in {seconds:.2f} s: {n / seconds:.1f} articles a second (rules provider, warm, one core)")


if __name__ == "__main__":
    main()
