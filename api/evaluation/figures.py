"""Counts collected while scoring, and the figures computed from them (the reference scorer's dict)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import TypedDict

EVENT_TYPES: dict[str, str] = {"strike": "strikes", "attack": "attacks", "statement": "statements",
                               "casualty_report": "casualty_reports"}
"""Gold event type -> the response array that holds its predictions (contract v1)."""


class TypeFigures(TypedDict):
    gold: int
    pred: int
    P: float
    R: float
    F1: float


class MicroFigures(TypedDict):
    P: float
    R: float
    F1: float


class MatchFigures(TypedDict):
    """The figures of one way of matching predictions to gold events."""

    types: dict[str, TypeFigures]
    micro: MicroFigures
    field_accuracy: float
    fields: dict[str, str]


class StrictFigures(MatchFigures):
    """The one-to-one figures (the reference's ``strict`` block), with the grounding count beside them."""

    ungrounded_spans: int


class Figures(TypedDict):
    """The reference scorer's output: the lenient figures at the top level, the strict ones under ``strict``."""

    docs: int
    missing_docs: int
    spans: int
    ungrounded_spans: int
    types: dict[str, TypeFigures]
    micro: MicroFigures
    field_accuracy: float
    fields: dict[str, str]
    strict: StrictFigures


@dataclass
class Tally:
    """Event counts of one type: gold and predicted events, and how many of each matched (one-to-one: both
    are the number of pairs)."""

    gold: int = 0
    pred: int = 0
    gold_hit: int = 0
    pred_hit: int = 0

    def add(self, other: Tally) -> None:
        self.gold += other.gold
        self.pred += other.pred
        self.gold_hit += other.gold_hit
        self.pred_hit += other.pred_hit


def _prf(tally: Tally) -> tuple[float, float, float]:
    precision = tally.pred_hit / tally.pred if tally.pred else 0.0
    recall = tally.gold_hit / tally.gold if tally.gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


@dataclass
class Matches:
    """What one way of matching found: event tallies per type, and right/compared counts per field."""

    tallies: dict[str, Tally] = field(default_factory=lambda: {t: Tally() for t in EVENT_TYPES})
    fields_right: Counter[str] = field(default_factory=Counter)
    fields_checked: Counter[str] = field(default_factory=Counter)

    def count_field(self, name: str, ok: bool) -> None:
        self.fields_right[name] += ok
        self.fields_checked[name] += 1

    def figures(self) -> MatchFigures:
        """Per-type and micro P/R/F1 and field accuracy (rounded to 3 places)."""
        types: dict[str, TypeFigures] = {}
        total = Tally()
        for event_type, tally in self.tallies.items():
            p, r, f1 = _prf(tally)
            types[event_type] = {"gold": tally.gold, "pred": tally.pred,
                                 "P": round(p, 3), "R": round(r, 3), "F1": round(f1, 3)}
            total.add(tally)
        p, r, f1 = _prf(total)
        checked_fields = sorted(self.fields_checked.items())
        right, checked = sum(self.fields_right.values()), sum(self.fields_checked.values())
        return {
            "types": types,
            "micro": {"P": round(p, 3), "R": round(r, 3), "F1": round(f1, 3)},
            "field_accuracy": round(right / checked, 3) if checked else 0.0,
            "fields": {name: f"{self.fields_right[name]}/{n}" for name, n in checked_fields},
        }


@dataclass
class Counts:
    """Everything the scorer counts over a set of articles: lenient (many-to-many) and strict (one-to-one)."""

    docs: int = 0
    missing_docs: int = 0
    spans: int = 0
    ungrounded_spans: int = 0
    lenient: Matches = field(default_factory=Matches)
    strict: Matches = field(default_factory=Matches)

    def figures(self) -> Figures:
        """The reference scorer's dict: grounding and lenient figures, then the ``strict`` block."""
        return {
            "docs": self.docs, "missing_docs": self.missing_docs,
            "spans": self.spans, "ungrounded_spans": self.ungrounded_spans,
            **self.lenient.figures(),
            "strict": {**self.strict.figures(), "ungrounded_spans": self.ungrounded_spans},
        }
