"""What every export reads off a response: violent events with their casualties, dates and actors.

Only strikes and attacks are events of ACLED, UCDP GED and GeoJSON; PLOVER also takes statements
(see ``api.export.plover``). A casualty report linked to an event (``event``) gives its figures; when
several reports (sources) give figures for one event, the conservative one is kept: the lowest
lower bound is the best estimate, the highest figure the high one.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import IO

from schemas.contract import Attack, CasualtyReport, Count, DateValue, ExtractResponse, Mention, Place, Strike

CIVILIAN = {"media", "civil_society"}
_CIVILIANS = re.compile(r"\bcivilians?\b", re.I)


@dataclass(frozen=True, slots=True)
class Violent:
    """One strike or attack of one response, with what the exports need next to it."""

    response: ExtractResponse
    event: Strike | Attack
    casualties: tuple[CasualtyReport, ...]

    @property
    def actor(self) -> Mention | None:
        return self.event.actor if isinstance(self.event, Strike) else self.event.attacker

    @property
    def target(self) -> Mention | None:
        return self.event.target_actor

    @property
    def place(self) -> Place | None:
        return self.event.location or next((c.location for c in self.casualties if c.location), None)

    @property
    def date(self) -> str | None:
        """The event's date as YYYY-MM-DD (a month or year as its first day), else the publication date."""
        d: DateValue | None = self.event.date
        if d is not None and d.value:
            return {4: f"{d.value}-01-01", 7: f"{d.value}-01"}.get(len(d.value), d.value)
        return self.response.document.published_at

    @property
    def date_precision(self) -> str:
        """day | month | year from the event's own date; "published" when only the publication date is known."""
        d = self.event.date
        return d.precision if d is not None and d.value else "published" if self.response.document.published_at \
            else "unknown"

    def figure(self, field: str) -> tuple[int | None, int | None]:
        """(low, high) of ``killed`` or ``injured`` over the linked reports; (None, None) when none says.

        low is the lowest lower bound (the conservative figure); high the highest figure any report gives
        (its upper bound, or its lower bound when it has none: "at least six" is 6 as far as is known)."""
        counts: list[Count] = [c for r in self.casualties if (c := getattr(r, field)) is not None and c.min is not None]
        if not counts:
            return None, None
        low = min(c.min for c in counts if c.min is not None)
        return low, max(c.max if c.max is not None else (c.min or 0) for c in counts)

    @property
    def civilian_target(self) -> bool:
        """The target is civilian: an actor of a civilian kind (media, civil society), or no typed target and
        victims the linked casualty reports call civilians. A state named as target stands for its forces."""
        t = self.target
        if t is not None and t.actor_kind is not None:
            return t.actor_kind in CIVILIAN
        return any(c.victims is not None and _CIVILIANS.search(c.victims.text) for c in self.casualties)


def violent_events(responses: Iterable[ExtractResponse]) -> Iterator[Violent]:
    """Each strike and attack of each response, in order, with its linked casualty reports."""
    for r in responses:
        events: list[Strike | Attack] = [*r.strikes, *r.attacks]
        for ev in events:
            yield Violent(r, ev, tuple(c for c in r.casualty_reports if c.event == ev.id))


def notes(v: Violent) -> str:
    """The first evidence sentence of the event: what an analyst reads to check a row."""
    return v.event.evidence[0].text if v.event.evidence else ""


def write_csv(columns: Iterable[str], row: Callable[[Violent], dict[str, object]], responses: Iterable[ExtractResponse],
              out: IO[str]) -> int:
    """Write a CSV (header first) of one ``row`` per strike and attack; return the number of rows."""
    writer = csv.DictWriter(out, fieldnames=list(columns), lineterminator="\n")
    writer.writeheader()
    n = 0
    for v in violent_events(responses):
        writer.writerow(row(v))
        n += 1
    return n
