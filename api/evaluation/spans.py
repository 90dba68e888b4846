"""Span arithmetic of the evaluation: where gold strings occur, when two spans match, grounding.

A predicted evidence span matches a gold one when their overlap is at least half of the shorter
span and the predicted span is not more than ``3 × gold + 100`` characters long.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

Interval = tuple[int, int]
"""``(start, end)`` code-point offsets, end exclusive."""

MIN_OVERLAP_SHARE = 0.5
MAX_LENGTH_FACTOR = 3
LENGTH_SLACK = 100


def occurrences(text: str, needle: str) -> list[Interval]:
    """Every place ``needle`` occurs in ``text``, overlapping occurrences included."""
    found: list[Interval] = []
    if not needle:
        return found
    start = text.find(needle)
    while start >= 0:
        found.append((start, start + len(needle)))
        start = text.find(needle, start + 1)
    return found


def overlap(first: Interval, second: Interval) -> int:
    """Number of code points two spans share."""
    return max(0, min(first[1], second[1]) - max(first[0], second[0]))


def span_match(predicted: Interval, gold: Interval) -> float:
    """Overlap as a share of the shorter span when the spans match, else 0.0."""
    predicted_len, gold_len = predicted[1] - predicted[0], gold[1] - gold[0]
    if predicted_len <= 0 or gold_len <= 0:
        return 0.0
    if predicted_len > MAX_LENGTH_FACTOR * gold_len + LENGTH_SLACK:
        return 0.0
    share = overlap(predicted, gold) / min(predicted_len, gold_len)
    return share if share >= MIN_OVERLAP_SHARE else 0.0


def best_span_match(predicted: Iterable[Interval], gold: list[Interval]) -> float:
    """The best :func:`span_match` over every pair of a predicted and a gold span."""
    return max((span_match(p, g) for p in predicted for g in gold), default=0.0)


def span_interval(span: object) -> Interval | None:
    """``(start, end)`` of a contract ``Span`` object, or None when it has no integer offsets."""
    if not isinstance(span, Mapping):
        return None
    start, end = span.get("start"), span.get("end")
    if isinstance(start, int) and isinstance(end, int):
        return start, end
    return None


def evidence_intervals(event: Mapping[str, Any]) -> list[Interval]:
    """The predicted event's evidence spans (malformed entries skipped)."""
    evidence = event.get("evidence") or []
    found = (span_interval(span) for span in evidence) if isinstance(evidence, list) else iter(())
    return [interval for interval in found if interval is not None]


def gold_intervals(text: str, event: Mapping[str, Any]) -> list[Interval]:
    """Every occurrence in the article of the gold event's evidence and ``also`` strings."""
    strings = [event["evidence"], *(event.get("also") or [])]
    return [interval for string in strings for interval in occurrences(text, string)]


def count_spans(node: object, text: str) -> tuple[int, int]:
    """``(spans, ungrounded)`` over every ``{start, end, text}`` object nested in ``node``."""
    total = ungrounded = 0
    if isinstance(node, Mapping):
        if span_interval(node) is not None and "text" in node:
            total = 1
            ungrounded = int(text[node["start"]:node["end"]] != node["text"])
        children: Iterable[object] = node.values()
    elif isinstance(node, list):
        children = node
    else:
        return 0, 0
    for child in children:
        child_total, child_ungrounded = count_spans(child, text)
        total, ungrounded = total + child_total, ungrounded + child_ungrounded
    return total, ungrounded
