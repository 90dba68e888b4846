"""Score extraction responses (contract v1) against gold articles, as /work/shared/eval/score.py does.

Strict (the figures that count): predictions and gold events are paired one to one
(:func:`api.evaluation.pairing.pair_events`), so a second prediction of one gold event is a false
positive and a prediction that covers two gold events is paired with one of them; fields are compared
on the pairs. Lenient (for comparison with earlier figures): many-to-many; a prediction counts as right
when it matches any gold event of its type, a gold event as found when any prediction matches it; fields
are compared on the best-matching pair (highest span share, first prediction on ties).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from api.evaluation.fields import check_fields
from api.evaluation.figures import EVENT_TYPES, Counts, Figures, Matches, Tally
from api.evaluation.names import AliasTable, load_aliases
from api.evaluation.pairing import pair_events
from api.evaluation.spans import Interval, best_span_match, count_spans, evidence_intervals, gold_intervals

Json = dict[str, Any]


@dataclass
class Scores:
    """The counts behind the figures, plus one line per false positive, false negative, wrong field,
    under each way of matching."""

    counts: Counts = field(default_factory=Counts)
    issues: list[str] = field(default_factory=list)
    strict_issues: list[str] = field(default_factory=list)

    def figures(self) -> Figures:
        return self.counts.figures()


def load_jsonl(path: Path | str) -> list[Json]:
    """One JSON object per non-blank line."""
    with open(path, encoding="utf-8") as lines:
        return [json.loads(line) for line in lines if line.strip()]


def index_predictions(responses: Iterable[object]) -> dict[object, Json]:
    """Responses by ``document.id`` (else top-level ``id``); a later response for an id wins."""
    indexed: dict[object, Json] = {}
    for response in responses:
        if isinstance(response, dict):
            document = response.get("document")
            doc_id = (document.get("id") if isinstance(document, dict) else None) or response.get("id")
            indexed[doc_id] = response
    return indexed


def _dicts(value: object) -> list[Json]:
    return [item for item in value if isinstance(item, dict)] if isinstance(value, list) else []


def match_events(predicted: Sequence[list[Interval]],
                 gold: Sequence[list[Interval]]) -> tuple[list[bool], dict[int, int]]:
    """Which predictions match some gold event, and the best prediction index for each matched gold."""
    hits: list[bool] = []
    best: dict[int, tuple[float, int]] = {}
    for p_index, p_spans in enumerate(predicted):
        shares = [best_span_match(p_spans, g_spans) for g_spans in gold]
        hits.append(any(share > 0 for share in shares))
        for g_index, share in enumerate(shares):
            if share > best.get(g_index, (0.0, -1))[0]:
                best[g_index] = (share, p_index)
    return hits, {g_index: p_index for g_index, (_, p_index) in best.items()}


def _evidence_preview(text: str, spans: list[Interval]) -> list[str]:
    return [text[start:end][:90] for start, end in spans]


def _compare_fields(matches: Matches, issues: list[str], doc: Json, event_type: str,
                    pairs: Mapping[int, int], gold: Sequence[Json], predicted: Sequence[Json],
                    aliases: AliasTable) -> None:
    """Check the fields of each (gold index -> prediction index) pair, noting false negatives on the way."""
    for g_index, gold_event in enumerate(gold):
        if g_index not in pairs:
            issues.append(f"FN {doc['id']} {event_type}: {gold_event['evidence'][:90]}")
            continue
        for check in check_fields(event_type, gold_event, predicted[pairs[g_index]], doc["text"], aliases):
            matches.count_field(f"{event_type}.{check.name}", check.ok)
            if not check.ok:
                shown = json.dumps(check.predicted, ensure_ascii=False)[:120]
                issues.append(f"FIELD {doc['id']} {event_type}.{check.name}: gold={check.gold} pred={shown}")


def _note_false_positives(issues: list[str], doc: Json, event_type: str, p_spans: Sequence[list[Interval]],
                          right: Sequence[bool]) -> None:
    for spans, ok in zip(p_spans, right, strict=True):
        if not ok:
            issues.append(f"FP {doc['id']} {event_type}: {_evidence_preview(doc['text'], spans)}")


def _score_type(scores: Scores, doc: Json, event_type: str, response: Json, aliases: AliasTable) -> None:
    gold = [event for event in doc["events"] if event["type"] == event_type]
    predicted = _dicts(response.get(EVENT_TYPES[event_type]))
    p_spans = [evidence_intervals(event) for event in predicted]
    g_spans = [gold_intervals(doc["text"], event) for event in gold]

    pairs = pair_events(p_spans, g_spans)
    strict = scores.counts.strict
    strict.tallies[event_type].add(Tally(len(gold), len(predicted), len(pairs), len(pairs)))
    paired = set(pairs.values())
    _note_false_positives(scores.strict_issues, doc, event_type, p_spans, [i in paired for i in range(len(p_spans))])
    _compare_fields(strict, scores.strict_issues, doc, event_type, pairs, gold, predicted, aliases)

    hits, best = match_events(p_spans, g_spans)
    scores.counts.lenient.tallies[event_type].add(Tally(len(gold), len(predicted), len(best), sum(hits)))
    _note_false_positives(scores.issues, doc, event_type, p_spans, hits)
    _compare_fields(scores.counts.lenient, scores.issues, doc, event_type, best, gold, predicted, aliases)


def score_documents(gold: Sequence[Json], predictions: Mapping[object, Json],
                    aliases: AliasTable | None = None) -> Scores:
    """Score the responses in ``predictions`` (by document id) against the gold articles."""
    if aliases is None:
        aliases = load_aliases()
    scores = Scores()
    scores.counts.docs = len(gold)
    for doc in gold:
        response = predictions.get(doc["id"])
        if response is None:
            scores.counts.missing_docs += 1
            response = {}
        spans, ungrounded = count_spans([response.get(key) for key in EVENT_TYPES.values()], doc["text"])
        scores.counts.spans += spans
        scores.counts.ungrounded_spans += ungrounded
        for event_type in EVENT_TYPES:
            _score_type(scores, doc, event_type, response, aliases)
    return scores


def score_files(gold_path: Path | str, predictions_path: Path | str,
                aliases: AliasTable | None = None) -> Scores:
    """Score a predictions JSONL file against a gold JSONL file (the reference scorer's inputs)."""
    return score_documents(load_jsonl(gold_path), index_predictions(load_jsonl(predictions_path)), aliases)
