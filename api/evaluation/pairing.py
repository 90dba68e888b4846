"""One-to-one pairing of predicted and gold events, as /work/shared/eval/score.py's ``score_strict`` does.

Each gold event is paired with at most one prediction and each prediction with at most one gold event.
A pair is worth ``1 + share`` (its best :func:`best_span_match`), and the pairing with the largest
total is chosen. Since a share is between 0.5 and 1, more pairs nearly always win and the share decides
among pairings of equal size; but a pair is not worth a fixed amount more than any overlap, so a long
chain of events whose spans overlap in turn (gold 0 ~ prediction 0 ~ gold 1 ~ ...) can lose a pair
to more overlap, exactly as in the reference.

The assignment is the Hungarian algorithm in its shortest-augmenting-path form (gold rows added one at
a time, Dijkstra over the prediction columns with potentials), on the same square cost matrix and with
the same choice on ties (the lowest column index) as the reference, so that pairings of equal worth,
such as two identical predictions of one gold event, are resolved the same way.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from api.evaluation.spans import Interval, best_span_match

PAIR_WORTH = 1.0
"""What a pair is worth on top of its span share."""


def pair_weight(share: float) -> float:
    """The worth of pairing two events whose best span share is ``share`` (0.0 when they do not match)."""
    return PAIR_WORTH + share if share > 0 else 0.0


def max_weight_pairs(weights: Sequence[Sequence[float]]) -> dict[int, int]:  # noqa: C901 -- the textbook Hungarian algorithm, kept whole to read against the reference scorer
    """``{row: column}`` of a maximum-weight assignment of a rectangular matrix, pairs of weight 0 left out."""
    rows = len(weights)
    columns = len(weights[0]) if rows else 0
    if not rows or not columns:
        return {}
    size = max(rows, columns)
    heaviest = max(weight for row in weights for weight in row)
    cost = [[heaviest - (weights[r][c] if r < rows and c < columns else 0.0) for c in range(size)]
            for r in range(size)]
    start = size  # a virtual column that holds the row being added while its path is searched
    row_potential, column_potential = [0.0] * size, [0.0] * (size + 1)
    holder = [-1] * (size + 1)  # the row each column is assigned to (-1: free)
    reached_from = [start] * (size + 1)
    for row in range(size):
        holder[start] = row
        slack, done = [math.inf] * (size + 1), [False] * (size + 1)
        column = start
        while holder[column] >= 0:  # grow the shortest-path tree until it reaches a free column
            done[column] = True
            here, step, nearest = holder[column], math.inf, start
            for c in range(size):
                if done[c]:
                    continue
                reduced = cost[here][c] - row_potential[here] - column_potential[c]
                if reduced < slack[c]:
                    slack[c], reached_from[c] = reduced, column
                if slack[c] < step:
                    step, nearest = slack[c], c
            for c in range(size + 1):
                if done[c]:
                    row_potential[holder[c]] += step
                    column_potential[c] -= step
                else:
                    slack[c] -= step
            column = nearest
        while column != start:  # flip the assignments along the path back to the new row
            previous = reached_from[column]
            holder[column] = holder[previous]
            column = previous
    return {holder[c]: c for c in range(columns) if holder[c] < rows and weights[holder[c]][c] > 0}


def pair_events(predicted: Sequence[list[Interval]], gold: Sequence[list[Interval]]) -> dict[int, int]:
    """``{gold index: prediction index}`` of the one-to-one pairing of events given by their spans."""
    weights = [[pair_weight(best_span_match(p_spans, g_spans)) for p_spans in predicted] for g_spans in gold]
    return max_weight_pairs(weights)
