"""A calibrated ``confidence`` in [0, 1] for every event, from what the pipeline knew while extracting it.

The signals, per event type:
- strike, attack: did the model's label of the evidence sentence agree with the event's type (the rules
  may reconcile a label with the agent's kind, or read a second event from the sentence's own words),
  and is the event backed by more than one mention (evidence span);
- statement: was the speaker named in the sentence, carried over from an earlier one by the rules
  ("he said", "the ministry said") or named by the model, and is there a quotation;
- casualty report: is it linked to an event.
Each combination is a class; its confidence is the share of right events of that class on the dev sets
(a prediction paired one to one with a gold event by the reference scorer), shrunk toward the share of
its event type when the class is small. The table (``data/confidence.yaml``) is written by
``scripts/calibrate_confidence.py``; a class the table lacks takes its type's share, and a type it
lacks none (``confidence`` stays null).
"""

from __future__ import annotations

import contextvars
import functools
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from schemas.contract import Attack, CasualtyReport, ExtractResponse, Span, Statement, Strike

if TYPE_CHECKING:
    from api.enrich import Signals
    from api.extraction.rules.sentence_facts import SentenceFacts

TABLE = Path(__file__).resolve().parents[2] / "data" / "confidence.yaml"
Event = Strike | Attack | Statement | CasualtyReport
# set by the calibration script: receives each event's uid → (type, class) as it is scored
RECORDED: contextvars.ContextVar[dict[str, tuple[str, str]] | None] = contextvars.ContextVar("recorded", default=None)


def _sentences(facts: Sequence[SentenceFacts], spans: Sequence[Span]) -> list[int]:
    """Indexes of the sentences the spans start in."""
    return [f.sentence.index for s in spans for f in facts if f.sentence.start <= s.start < f.sentence.end]


def signal_class(ev: Event, facts: Sequence[SentenceFacts], labels: Mapping[int, str | None],
                 speakers: Mapping[int, str | None]) -> tuple[str, str]:
    """(event type, class name) of one event."""
    where = _sentences(facts, ev.evidence)
    if isinstance(ev, Strike | Attack):
        kind = "strike" if isinstance(ev, Strike) else "attack"
        agree = "agree" if any(labels.get(i) == kind for i in where) else "disagree"
        return kind, f"{agree}|{'several' if len(ev.evidence) > 1 else 'one'}"
    if isinstance(ev, Statement):
        carried = any(f.speaker is None and f.carried is not None for f in facts if f.sentence.index in where)
        by = "model" if any(i in speakers for i in where) else "carried" if carried else "named"
        return "statement", f"{by}|{'quote' if ev.quote is not None else 'noquote'}"
    return "casualty_report", "linked" if ev.event else "unlinked"


@functools.cache
def table(path: Path = TABLE) -> dict[str, dict[str, Any]]:
    """The calibration table: per type, its ``prior`` and a confidence per class (empty when absent)."""
    if not path.exists():
        return {}
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return dict(data.get("types", {}))


def confidence_of(kind: str, cls: str, model: Mapping[str, Mapping[str, Any]] | None = None) -> float | None:
    """The class's confidence, else its type's prior, else None (from ``model``, by default the table)."""
    t = (table() if model is None else model).get(kind)
    if t is None:
        return None
    return float(t.get("classes", {}).get(cls, t["prior"]))


def assign_confidence(response: ExtractResponse, signals: Signals) -> None:
    """Set ``confidence`` on every event of the response (in place)."""
    recorded = RECORDED.get()
    events: list[Event] = [*response.strikes, *response.attacks, *response.statements, *response.casualty_reports]
    for ev in events:
        kind, cls = signal_class(ev, signals.facts, signals.labels, signals.speakers)
        ev.confidence = confidence_of(kind, cls)
        if recorded is not None and ev.uid is not None:
            recorded[ev.uid] = (kind, cls)
