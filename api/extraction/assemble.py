"""From sentence-level decisions to contract events: build, merge mentions of one event, link, number.

Mentions of one strike (or attack) across sentences merge into one event with several evidence
spans when nothing they state conflicts (actor, date). Links come only from what the article states
in the same sentence: a casualty report's event, a statement's ``about``, a strike's
``in_response_to`` an attack it says it answers.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TypeVar

from schemas.contract import Attack, CasualtyReport, Statement, Strike

E = TypeVar("E", Strike, Attack)
_RESPONSE = re.compile(r"\b(?:in\s+(?:direct\s+)?response\s+to|retaliat\w+|in\s+revenge\s+for|after\s+an?\s+attack)\b",
                       re.I)


def _key(e: Strike | Attack) -> tuple[str | None, str | None]:
    who = e.actor if isinstance(e, Strike) else e.attacker
    return (who.normalized if who else None, e.date.value if e.date else None)


def _compatible(a: Strike | Attack, b: Strike | Attack) -> bool:
    (wa, da), (wb, db) = _key(a), _key(b)
    return (wa is None or wb is None or wa == wb) and (da is None or db is None or da == db)


def merge(events: list[E]) -> list[E]:
    """Fold later mentions into the first compatible event, filling its empty fields."""
    out: list[E] = []
    for ev in events:
        # a mention that names the actor or date joins the first event that agrees; one that names
        # neither ("the strikes hit when …") joins the most recent event, as a reader would read it
        pool = out if any(_key(ev)) else out[-1:]
        home = next((o for o in pool if _compatible(o, ev)), None)
        if home is None:
            out.append(ev)
            continue
        updates = {k: v for k, v in ev if v is not None and getattr(home, k) in (None, "unknown")
                   and v != "unknown" and k not in ("id", "evidence")}
        if home.location is not None and ev.location is not None and home.location.name == home.location.country \
                and ev.location.name != ev.location.country:
            updates["location"] = ev.location  # a city or province says more than the country
        merged = home.model_copy(update={**updates, "evidence": home.evidence + ev.evidence})
        out[out.index(home)] = merged
    return out


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


def link(text: str, strikes: list[Strike], attacks: list[Attack], statements: list[Statement],
         casualties: list[CasualtyReport]) -> None:
    """Set links the article states within one sentence (evidence spans are sentences)."""
    events: list[Strike | Attack] = [*strikes, *attacks]
    for c in casualties:
        first = c.evidence[0]
        same = [e for e in events if _at(e, first.start, first.end)]
        before = [e for e in events if e.evidence[0].start < first.start]
        pick = same[0] if same else (max(before, key=lambda e: e.evidence[0].start) if before else None)
        c.event = pick.id if pick else None
    for st in statements:
        first = st.evidence[0]
        st.about = [e.id for e in events if _at(e, first.start, first.end)]
    for sk in strikes:
        for span in sk.evidence:
            if _RESPONSE.search(span.text):
                sk.in_response_to = [a.id for a in attacks if _at(a, span.start, span.end) or a.date] [:1]
                break
