"""Batch extraction from the command line: ``python -m api.batch INPUT OUTPUT [--url URL] [--concurrency N]``.

INPUT is a JSONL file of articles (``text``, ``id``, ``published_at``; ``types`` too) or a folder
of ``.txt`` files (id = file stem). Every article becomes one JSONL line of OUTPUT: its response,
or ``{"line": n, "id": ..., "error": {problem}}``. OUTPUT is appended to, so an interrupted run
is resumed by running the same command again: ids already in OUTPUT are skipped, and a partly
written last line is cut off first.
"""
