"""The articles of a batch: read from a JSONL file or a folder of ``.txt`` files, each with a unique id.

A JSONL line becomes the request body ``{text, id, published_at, types, source, url, title}`` (other fields, such as
gold ``events``, are left out); an article without an id gets ``line-<n>``, sent as its id so that
the response carries it. A ``.txt`` file is read as UTF-8 bytes, line breaks kept (offsets index
the exact text), with its stem as id. A line or file that cannot be read is still an article: it
carries the problem that ends up as its error line.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from api.errors import AppError, InvalidRequest, MalformedBody

REQUEST_FIELDS = ("text", "id", "published_at", "types", "source", "url", "title")


class InputError(Exception):
    """INPUT cannot be used at all (missing, or ids that are not unique)."""


@dataclass(frozen=True, slots=True)
class Article:
    """One article: its position in INPUT (from 1), its id, and the request body or what is wrong with it."""

    line: int
    id: str
    body: dict[str, Any] | None = None
    unreadable: AppError | None = None


def from_json_line(number: int, raw: bytes) -> Article:
    try:
        value = json.loads(raw)
    except (ValueError, RecursionError):  # UnicodeDecodeError is a ValueError
        return Article(number, f"line-{number}", unreadable=MalformedBody(f"line {number} is not valid JSON"))
    if not isinstance(value, dict):
        problem = InvalidRequest(f"line {number} is not a JSON object",
                                 errors=[{"loc": "body", "msg": "expected an article object"}])
        return Article(number, f"line-{number}", unreadable=problem)
    body = {key: value[key] for key in REQUEST_FIELDS if key in value}
    ident = body.get("id")
    if ident is None:
        ident = body["id"] = f"line-{number}"
    return Article(number, str(ident), body)


def read_jsonl(path: Path) -> list[Article]:
    """Every non-blank line of ``path``, numbered as in the file."""
    with path.open("rb") as lines:
        return [from_json_line(number, raw) for number, raw in enumerate(lines, 1) if raw.strip()]


def read_folder(path: Path) -> list[Article]:
    """Every ``*.txt`` file of ``path`` (not recursive), in name order."""
    articles = []
    for number, file in enumerate(sorted(path.glob("*.txt")), 1):
        try:
            text = file.read_bytes().decode("utf-8")
        except UnicodeDecodeError:
            articles.append(Article(number, file.stem, unreadable=MalformedBody(f"{file.name} is not UTF-8")))
            continue
        articles.append(Article(number, file.stem, {"text": text, "id": file.stem}))
    return articles


def read_articles(path: Path) -> list[Article]:
    """The articles of INPUT; ``InputError`` when it is missing or two articles share an id."""
    if path.is_dir():
        articles = read_folder(path)
    elif path.is_file():
        articles = read_jsonl(path)
    else:
        raise InputError(f"{path} is neither a JSONL file nor a folder")
    repeated = [ident for ident, count in Counter(a.id for a in articles).items() if count > 1]
    if repeated:
        raise InputError(f"ids must be unique to resume a batch; repeated: {', '.join(repeated[:5])}")
    return articles
