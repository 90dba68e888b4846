"""OUTPUT, the JSONL a batch appends to, and what it already holds when a run is resumed.

A response line is finished for its ``document.id``, an error line for its ``id``. A run killed
mid-write can leave a last line without its newline: it is cut off (that article runs again), so
the lines appended next start on a line of their own. A complete line that is not JSON is left
alone and counts for nothing.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class Finished:
    """Ids OUTPUT already answers: with a response, or with an error line only."""

    ok: set[str] = field(default_factory=set)
    failed: set[str] = field(default_factory=set)
    dropped_bytes: int = 0
    """Size of the partial last line that was cut off."""

    def skip(self, retry_errors: bool) -> set[str]:
        """The ids not to run again (failed ones too, unless they are to be retried)."""
        return self.ok if retry_errors else self.ok | self.failed


def line_id(value: object) -> tuple[str | None, bool]:
    """``(id, is_response)`` of one OUTPUT line."""
    if not isinstance(value, dict):
        return None, False
    document = value.get("document")
    if isinstance(document, dict):
        ident = document.get("id")
        return (ident if isinstance(ident, str) else None), True
    ident = value.get("id")
    return (ident if isinstance(ident, str) else None), False


def finished(path: Path) -> Finished:
    """What ``path`` holds, after cutting off a partial last line; an absent file holds nothing."""
    done = Finished()
    if not path.exists():
        return done
    complete = 0
    with path.open("rb") as lines:
        for raw in lines:
            if not raw.endswith(b"\n"):
                break
            complete += len(raw)
            try:
                ident, is_response = line_id(json.loads(raw))
            except (ValueError, RecursionError):
                continue
            if ident is not None:
                (done.ok if is_response else done.failed).add(ident)
    size = path.stat().st_size
    if size > complete:
        done.dropped_bytes = size - complete
        os.truncate(path, complete)
    done.failed -= done.ok
    return done
