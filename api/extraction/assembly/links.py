"""Number the events, then link them: links come only from what the article states in the same sentence (a
casualty report's event, a statement's ``about``, a strike's ``in_response_to`` an attack it says it answers).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence

from schemas.contract import Attack, CasualtyReport, Statement, Strike

_RESPONSE = re.compile(r"\b(?:(?:in|as|a|the)\s+(?:direct\s+)?response\s+to|retaliat\w+|in\s+revenge\s+for|"
                       r"after\s+an?\s+attack)\b", re.I)



def number(strikes: list[Strike], attacks: list[Attack], statements: list[Statement],
           casualties: list[CasualtyReport]) -> None:
    _renumber("strike", strikes)
    _renumber("attack", attacks)
    _renumber("statement", statements)
    _renumber("casualty", casualties)


def _renumber(prefix: str, items: Sequence[Strike | Attack | Statement | CasualtyReport]) -> None:
    for i, ev in enumerate(items, 1):
        ev.id = f"{prefix}-{i}"


def _at(ev: Strike | Attack | Statement | CasualtyReport, start: int, end: int) -> bool:
    return any(s.start < end and start < s.end for s in ev.evidence)


def _distance(e: Strike | Attack, at: int, lo: int, hi: int) -> int:
    """How far the event's own field spans inside [lo, hi) are from ``at`` (large when it has none there)."""
    spans = [v.span for v in (getattr(e, k, None) for k in ("actor", "attacker", "target", "target_actor", "location",
                                                           "date")) if v is not None and v.span is not None]
    near = [abs(s.start - at) for s in spans if lo <= s.start < hi]
    return min(near) if near else hi - lo


class _Spans:
    """The evidence spans of the article's events, sorted, for the questions ``link`` asks of every casualty
    report and statement: which events have evidence overlapping a span, and which was mentioned last
    before a point. Each is a bisection plus a short walk, not a pass over every event (the article may have
    hundreds)."""

    def __init__(self, events: Sequence[Strike | Attack]) -> None:
        self.events = events
        self.spans = sorted((s.start, s.end, i) for i, e in enumerate(events) for s in e.evidence)
        self.starts = [start for start, _, _ in self.spans]
        self.longest = max((end - start for start, end, _ in self.spans), default=0)

    def overlapping(self, start: int, end: int) -> list[Strike | Attack]:
        """The events with evidence overlapping [start, end), in their order."""
        hits: set[int] = set()
        i = bisect.bisect_left(self.starts, end) - 1
        while i >= 0 and self.spans[i][0] > start - self.longest:
            if self.spans[i][1] > start:
                hits.add(self.spans[i][2])
            i -= 1
        return [self.events[i] for i in sorted(hits)]

    def last_before(self, at: int) -> Strike | Attack | None:
        """Of the events first mentioned before ``at``, the one with the latest mention before it; of several
        mentioned in that sentence, the one with the most evidence, then the first."""
        i = bisect.bisect_left(self.starts, at) - 1
        best: tuple[int, int, int] | None = None
        while i >= 0:
            start, _, k = self.spans[i]
            if best is not None and start < best[0]:
                break
            e = self.events[k]
            if e.evidence[0].start < at:
                key = (start, len(e.evidence), -k)
                best = key if best is None or key > best else best
            i -= 1
        return self.events[-best[2]] if best is not None else None


def link(text: str, strikes: list[Strike], attacks: list[Attack], statements: list[Statement],
         casualties: list[CasualtyReport]) -> None:
    """Set links the article states within one sentence (evidence spans are sentences)."""
    events: list[Strike | Attack] = [*strikes, *attacks]
    spans = _Spans(events)
    for c in casualties:
        first = c.evidence[0]
        figure = (c.killed or c.injured)
        at = figure.span.start if figure is not None and figure.span is not None else first.start
        # several events in the sentence ("strikes in response to a drone attack that wounded three"): the one
        # whose own words are nearest the figure
        same = sorted(spans.overlapping(first.start, first.end), key=lambda e: _distance(e, at, first.start, first.end))
        # else the event mentioned last before it; of two mentioned in the same sentence, the one mentioned most
        pick = same[0] if same else spans.last_before(first.start)
        c.event = pick.id if pick else None
    for st in statements:
        first = st.evidence[0]
        st.about = [e.id for e in spans.overlapping(first.start, first.end)]
    for sk in strikes:
        for span in sk.evidence:
            if _RESPONSE.search(span.text):
                sk.in_response_to = [a.id for a in attacks if _at(a, span.start, span.end) or a.date] [:1]
                break
