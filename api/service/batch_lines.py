"""The lines of a batch: split NDJSON, read one line into a request, shape the line sent back, keep order.

A line that is not JSON is a 400 problem, one that is not a contract-v1 request a 422 built from
each error's location and message only (never the input, which can be the article). The error
line is ``{"line": n, "id": ..., "error": {problem}}``: ``id`` is the line's own ``id`` when it
had a usable one, else ``null``; a problem with a ``retry_after`` carries it as ``retry_after``.
"""

from __future__ import annotations

import asyncio
import json
from collections import deque
from collections.abc import AsyncIterator, Callable, Coroutine, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

import msgspec
from pydantic import ValidationError

from api.errors import AppError, InvalidRequest, MalformedBody
from api.problems import MAX_ERRORS
from schemas.contract import ExtractRequest

T = TypeVar("T")
MAX_ID_CHARS = 512


@dataclass(frozen=True, slots=True)
class Line:
    """One non-blank input line: its 1-based number among all lines, and its bytes."""

    number: int
    raw: bytes


def split_lines(body: bytes) -> list[Line]:
    """Every non-blank line of an NDJSON body (``\\n`` or ``\\r\\n`` separated), numbered from 1."""
    return [Line(number, raw) for number, raw in enumerate(body.split(b"\n"), 1) if raw.strip()]


def decode(line: Line) -> object:
    """The line's JSON value; ``MalformedBody`` when it is not JSON (or not UTF-8, or nested too deeply)."""
    try:
        return msgspec.json.decode(line.raw)
    except (msgspec.DecodeError, RecursionError):
        raise MalformedBody(f"line {line.number} is not valid JSON") from None


def line_id(value: object) -> str | None:
    """The ``id`` a decoded line asked for, when it is a string the contract would accept."""
    ident = value.get("id") if isinstance(value, dict) else None
    return ident if isinstance(ident, str) and len(ident) <= MAX_ID_CHARS else None


def to_request(value: object, number: int) -> ExtractRequest:
    """The line as an ``ExtractRequest``; ``InvalidRequest`` (422) listing location and message only."""
    if not isinstance(value, dict):
        raise InvalidRequest(f"line {number} is not a JSON object",
                             errors=[{"loc": "body", "msg": "expected an extract request object"}])
    try:
        return ExtractRequest.model_validate(value)
    except ValidationError as exc:
        errors = [{"loc": ".".join(str(part) for part in e["loc"])[:120] or "body", "msg": e["msg"][:300]}
                  for e in exc.errors(include_url=False, include_input=False, include_context=False)]
        raise InvalidRequest(f"line {number} does not match the contract",
                             errors=errors[:MAX_ERRORS]) from None


def error_line(
    number: int, ident: str | None, problem: dict[str, Any], retry_after: int | None = None
) -> bytes:
    """The NDJSON line that stands for a failed article."""
    error = dict(problem)
    if retry_after is not None:
        error["retry_after"] = retry_after
    return json.dumps({"line": number, "id": ident, "error": error}, ensure_ascii=False).encode() + b"\n"


def app_error_line(number: int, ident: str | None, exc: AppError) -> bytes:
    return error_line(number, ident, exc.problem(), exc.retry_after)


async def in_order(
    items: Sequence[T], run: Callable[[T], Coroutine[Any, Any, bytes]], window: int
) -> AsyncIterator[bytes]:
    """``run(item)`` for each item, at most ``window`` at once, results yielded in input order.

    When the consumer stops early (the client went away), the runs still in flight are cancelled.
    """
    pending: deque[asyncio.Task[bytes]] = deque()
    try:
        for item in items:
            pending.append(asyncio.create_task(run(item)))
            if len(pending) >= window:
                yield await pending.popleft()
        while pending:
            yield await pending.popleft()
    finally:
        for task in pending:
            task.cancel()
