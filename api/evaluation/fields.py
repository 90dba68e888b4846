"""Field checks on a matched (gold, predicted) event pair: only fields the gold sets are checked.

Names go through :func:`names_match`; enums, dates (``date.value``) and counts must be equal; a
predicted quote span must cover at least 80% of an occurrence of the gold quote.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from api.evaluation.names import AliasTable, names_match
from api.evaluation.spans import occurrences, overlap, span_interval

QUOTE_COVERAGE = 0.8
COUNT_FIELDS = (("killed_min", "killed", "min"), ("killed_max", "killed", "max"),
                ("injured_min", "injured", "min"), ("injured_max", "injured", "max"))

Event = Mapping[str, Any]


@dataclass(frozen=True)
class FieldCheck:
    """One compared field: its name, whether the prediction got it right, and both values."""

    name: str
    ok: bool
    gold: object
    predicted: object


def _as_mapping(value: object) -> Mapping[str, Any]:
    return value if isinstance(value, Mapping) else {}


def mention_values(value: object) -> list[object]:
    """Candidate names of a predicted Mention/Place: ``normalized``, ``name``, ``text`` (or a bare string)."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, Mapping):
        return [v for v in (value.get("normalized"), value.get("name"), value.get("text")) if v]
    return []


def _name(field: str, gold: Event, pred: Event, aliases: AliasTable) -> Iterator[FieldCheck]:
    expected = gold.get(field)
    if expected is None or expected == "":
        return
    ok = names_match(mention_values(pred.get(field)), expected, aliases)
    yield FieldCheck(field, ok, expected, pred.get(field))


def _equal(field: str, expected: object, predicted: object) -> FieldCheck:
    return FieldCheck(field, predicted == expected, expected, predicted)


def _where_when(gold: Event, pred: Event, aliases: AliasTable) -> Iterator[FieldCheck]:
    if gold.get("weapon"):
        yield _equal("weapon", gold["weapon"], pred.get("weapon"))
    place, predicted_place = _as_mapping(gold.get("location")), pred.get("location")
    if place.get("name"):
        ok = names_match(mention_values(predicted_place), place["name"], aliases)
        yield FieldCheck("location", ok, place["name"], predicted_place)
    if place.get("country"):
        country = _as_mapping(predicted_place).get("country") or ""
        ok = names_match([country], place["country"], aliases)
        yield FieldCheck("country", ok, place["country"], country)
    if gold.get("date"):
        date = pred.get("date")
        yield _equal("date", gold["date"], date.get("value") if isinstance(date, Mapping) else date)


def _strike(gold: Event, pred: Event, aliases: AliasTable) -> Iterator[FieldCheck]:
    yield from _name("actor", gold, pred, aliases)
    yield from _name("target_actor", gold, pred, aliases)
    yield from _where_when(gold, pred, aliases)


def _attack(gold: Event, pred: Event, aliases: AliasTable) -> Iterator[FieldCheck]:
    yield from _name("attacker", gold, pred, aliases)
    yield from _name("target_actor", gold, pred, aliases)
    if gold.get("attribution") not in (None, "unknown"):
        yield _equal("attribution", gold["attribution"], pred.get("attribution"))
    yield from _where_when(gold, pred, aliases)


def _quote_covered(text: str, gold_quote: str, predicted: object) -> bool:
    interval = span_interval(predicted)
    if interval is None:
        return False
    return any(overlap(interval, q) >= QUOTE_COVERAGE * (q[1] - q[0]) for q in occurrences(text, gold_quote))


def _statement(gold: Event, pred: Event, aliases: AliasTable, text: str) -> Iterator[FieldCheck]:
    yield from _name("speaker", gold, pred, aliases)
    if gold.get("kind"):
        yield _equal("kind", gold["kind"], pred.get("kind"))
    if gold.get("quote"):
        quote = pred.get("quote")
        yield FieldCheck("quote", _quote_covered(text, gold["quote"], quote), gold["quote"], quote)


def _casualty_report(gold: Event, pred: Event, aliases: AliasTable) -> Iterator[FieldCheck]:
    for field, count_field, bound in COUNT_FIELDS:
        if gold.get(field) is not None:
            count = pred.get(count_field)
            yield _equal(field, gold[field], count.get(bound) if isinstance(count, Mapping) else None)
    yield from _name("reported_by", gold, pred, aliases)


def check_fields(event_type: str, gold: Event, pred: Event, text: str,
                 aliases: AliasTable) -> list[FieldCheck]:
    """The checks of every field the gold event sets, for its type."""
    if event_type == "strike":
        return list(_strike(gold, pred, aliases))
    if event_type == "attack":
        return list(_attack(gold, pred, aliases))
    if event_type == "statement":
        return list(_statement(gold, pred, aliases, text))
    if event_type == "casualty_report":
        return list(_casualty_report(gold, pred, aliases))
    return []
