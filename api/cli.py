"""``conflict-extract serve | batch | export | eval``: the package's one console command.

- ``serve [--host H] [--port P]``: the HTTP service (uvicorn, as ``make run`` starts it);
- ``batch IN OUT``: ``python -m api.batch`` (IN ``-`` reads the articles from standard input; OUT ``-``
  writes the responses to standard output when the run ends, with no resume, as the output file is a
  temporary one);
- ``export --format F IN [OUT]``: ``python -m api.export`` (``-`` for standard input and output);
- ``eval GOLD --out FILE``: ``python -m api.evaluation``.
Every other option is the module's own (``conflict-extract batch --help``).
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

PROG = "conflict-extract"


def package_version() -> str:
    try:
        return version("conflict-extract")
    except PackageNotFoundError:  # run from a source tree that is not installed
        return "unknown"


def serve(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog=f"{PROG} serve", description="Serve the extraction API.")
    parser.add_argument("--host", default=os.environ.get("CONFLICT_HOST", "127.0.0.1"))
    parser.add_argument("--port", type=int, default=int(os.environ.get("CONFLICT_PORT", "8000")))
    args = parser.parse_args(argv)
    import uvicorn

    uvicorn.run("api.app:create_app", factory=True, host=args.host, port=args.port, loop="uvloop", http="httptools",
                access_log=False, timeout_graceful_shutdown=int(os.environ.get("CONFLICT_SHUTDOWN_GRACE_S", "30")))
    return 0


def _positionals(argv: list[str], parser: argparse.ArgumentParser) -> list[int]:
    """Indexes of the positional arguments in ``argv`` (an option's value is not one; ``-`` is)."""
    valued = {s for a in parser._actions if a.option_strings and a.nargs != 0 for s in a.option_strings}
    out, skip = [], False
    for i, a in enumerate(argv):
        if skip:
            skip = False
        elif a in valued:
            skip = True
        elif a == "-" or not a.startswith("-"):
            out.append(i)
    return out


def batch(argv: list[str]) -> int:
    from api.batch.__main__ import _parser
    from api.batch.__main__ import main as batch_main

    argv = list(argv)
    positional = _positionals(argv, _parser())
    with tempfile.TemporaryDirectory() as tmp:
        to_stdout = None
        if len(positional) >= 1 and argv[positional[0]] == "-":
            stdin_copy = Path(tmp) / "articles.jsonl"
            stdin_copy.write_text(sys.stdin.read(), encoding="utf-8")
            argv[positional[0]] = str(stdin_copy)
        if len(positional) >= 2 and argv[positional[1]] == "-":
            to_stdout = Path(tmp) / "responses.jsonl"
            argv[positional[1]] = str(to_stdout)
        status = batch_main(argv)
        if to_stdout is not None and to_stdout.exists():
            with to_stdout.open(encoding="utf-8") as src:
                shutil.copyfileobj(src, sys.stdout)
    return status


def export(argv: list[str]) -> int:
    from api.export.__main__ import parser, run

    return run(parser(f"{PROG} export").parse_args(argv))


def evaluate(argv: list[str]) -> int:
    from api.evaluation.__main__ import main as eval_main

    return eval_main(argv)


COMMANDS = {"serve": serve, "batch": batch, "export": export, "eval": evaluate}


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else list(argv)
    parser = argparse.ArgumentParser(prog=PROG, description="Extract conflict events from news articles.")
    parser.add_argument("--version", action="version", version=f"{PROG} {package_version()}")
    parser.add_argument("command", choices=sorted(COMMANDS), help="what to run")
    if not args or args[0].startswith("-"):
        parser.parse_args(args)  # --version, --help, or the usage error of a missing command
        return 2
    parsed = parser.parse_args(args[:1])
    return COMMANDS[parsed.command](args[1:])


if __name__ == "__main__":
    sys.exit(main())
