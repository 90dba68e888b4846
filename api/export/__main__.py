"""``python -m api.export --format acled-csv|ucdp-csv|plover-jsonl|geojson IN.jsonl [OUT|-]``.

IN is a batch output (``python -m api.batch``: one response a line; error lines are skipped and
counted on stderr); ``-`` reads standard input. OUT defaults to ``-``, standard output. Exit status:
0 written, 2 bad arguments or an unreadable IN.
"""

from __future__ import annotations

import argparse
import sys
from contextlib import ExitStack
from typing import IO

from api.export import WRITERS, read_responses, write


def parser(prog: str = "python -m api.export") -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog=prog, description="Export batch extraction output for ACLED, UCDP, PLOVER, GIS.")
    p.add_argument("--format", required=True, choices=sorted(WRITERS), help="output format")
    p.add_argument("input", help="JSONL of responses (the batch output), or - for standard input")
    p.add_argument("output", nargs="?", default="-", help="file to write, or - for standard output (default)")
    return p


def run(args: argparse.Namespace) -> int:
    skipped: list[int] = []
    with ExitStack() as stack:
        try:
            src: IO[str] = sys.stdin if args.input == "-" else stack.enter_context(open(args.input, encoding="utf-8"))
            dst: IO[str] = sys.stdout if args.output == "-" else stack.enter_context(
                open(args.output, "w", encoding="utf-8", newline=""))
        except OSError as exc:
            print(f"export: {exc}", file=sys.stderr)
            return 2
        n = write(args.format, read_responses(src, skipped), dst)
    print(f"export: {n} {args.format} item(s) written; {len(skipped)} line(s) skipped (errors or not responses)"
          + (f": lines {', '.join(map(str, skipped[:20]))}" if skipped else ""), file=sys.stderr)
    return 0


def main(argv: list[str] | None = None) -> int:
    return run(parser().parse_args(argv))


if __name__ == "__main__":
    sys.exit(main())
