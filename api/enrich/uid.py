"""Stable event ids: the same event in the same text gets the same ``uid`` on every run, replica and backend.

An event's ``id`` ("strike-2") is its position in one response. The ``uid`` is a hash of what the event
is made of instead: the document's SHA-256, the event type, and the event's own evidence (offsets and
text of each span), plus the spans that tell apart two events of one sentence (a statement's speaker
and quotation, a casualty report's figures). Nothing model-specific goes in, so the embedded and an
OpenAI-compatible backend give the same uid when they find the same event; a cache hit returns the
stored uids. Two events made of identical parts get ``~2``, ``~3`` in document order.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterable

from schemas.contract import Attack, CasualtyReport, ExtractResponse, Span, Statement, Strike

Event = Strike | Attack | Statement | CasualtyReport
UID_HEX = 20  # 80 bits: no collision in practice across any dataset of articles


def _span(s: Span | None) -> str:
    return "-" if s is None else f"{s.start}:{s.end}:{s.text}"


def _parts(ev: Event) -> Iterable[str]:
    yield type(ev).__name__
    yield from (_span(s) for s in ev.evidence)
    if isinstance(ev, Statement):
        yield f"speaker={ev.speaker.normalized}|{_span(ev.speaker.span)}|quote={_span(ev.quote)}"
    elif isinstance(ev, CasualtyReport):
        killed, injured = (c.span if c else None for c in (ev.killed, ev.injured))
        yield f"killed={_span(killed)}|injured={_span(injured)}"


def event_uid(document_sha256: str, ev: Event) -> str:
    """The hash of the document and of the event's own parts, as ``prefix-hex``."""
    digest = hashlib.sha256("\x1f".join([document_sha256, *_parts(ev)]).encode("utf-8", "surrogatepass"))
    return f"{ev.id.split('-', 1)[0]}-{digest.hexdigest()[:UID_HEX]}"


def assign_uids(response: ExtractResponse) -> None:
    """Set ``uid`` on every event of the response (in place)."""
    seen: Counter[str] = Counter()
    events: list[Event] = [*response.strikes, *response.attacks, *response.statements, *response.casualty_reports]
    for ev in events:
        uid = event_uid(response.document.sha256, ev)
        seen[uid] += 1
        ev.uid = uid if seen[uid] == 1 else f"{uid}~{seen[uid]}"
