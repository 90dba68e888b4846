"""From sentence-level decisions to contract events: build, merge mentions of one event, link, number.

Mentions of one strike (or attack) across sentences merge into one event with several evidence
spans when nothing they state conflicts (actor, date). Links come only from what the article states
in the same sentence: a casualty report's event, a statement's ``about``, a strike's
``in_response_to`` an attack it says it answers.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from schemas.contract import Attack, CasualtyReport, Statement, Strike

E = TypeVar("E", Strike, Attack)
_RESPONSE = re.compile(r"\b(?:(?:in|as|a|the)\s+(?:direct\s+)?response\s+to|retaliat\w+|in\s+revenge\s+for|"
                       r"after\s+an?\s+attack)\b", re.I)


def _key(e: Strike | Attack) -> tuple[str | None, str | None]:
    who = e.actor if isinstance(e, Strike) else e.attacker
    return (who.normalized if who else None, e.date.value if e.date else None)


# a campaign or a run of events told as background, not one incident: "has carried out repeated attacks",
# "have been trading fire since October", "suffered 78 attacks in June", "for years, the US has helped …"
_BACKGROUND = re.compile(
    r"\b(?:has|have|had)\s+been\s+(?:\w+\s+)?(?:carrying\s+out|launching|targeting|attacking|conducting|waging|"
    r"fighting|battling|trading|exchanging|striking|shelling|bombing|hitting|wracked|hit|targeted|plagued)\b"
    r"|\b(?:repeated|frequent|routine(?:ly)?|persistent|regular|near-daily|almost\s+daily|daily|dozens\s+of|hundreds\s+of|"
    r"scores\s+of|a\s+(?:series|wave|string|spate|surge)\s+of|surge\s+in|campaign)\s+(?:\w+\s+){0,3}?(?:attacks|strikes|"
    r"airstrikes|raids|operations|violence|shelling|bombings|exchanges)\b"
    r"|\b(?:for|over\s+the\s+(?:past|last))\s+(?:years|months|decades|weeks)\b|\bsince\s+(?:the\s+(?:start|beginning)|"
    r"\d{4}|last\s+year)\b|\b\d+\s+times\b|\bin\s+recent\s+(?:weeks|months|years)\b", re.I)
# a mention that says it is another incident: "Separately, …", "in another attack", "a second strike"
_ANOTHER = re.compile(r"\b(?:separately|in\s+(?:a\s+)?(?:separate|another)|a\s+(?:separate|second|third)\s+"
                      r"(?:attack|strike|raid|incident|drone|rocket)|another\s+(?:attack|strike|raid|incident|one))\b", re.I)


def _stands_alone(e: Strike | Attack) -> bool:
    """A mention that is its own event: a background campaign, or one that says it is another incident."""
    first = e.evidence[0].text
    return _BACKGROUND.search(first) is not None or _ANOTHER.search(first) is not None


def _compatible(a: Strike | Attack, b: Strike | Attack, side: Callable[[str], str]) -> bool:
    """No conflict on actor or date, and a shared one when both name something: a US strike with no date is not
    folded into an undated-actor strike of another day only because nothing contradicts it. A background campaign
    or "another" incident joins nothing and nothing joins it."""
    if _stands_alone(a) or _stands_alone(b):
        return False
    (wa, da), (wb, db) = _key(a), _key(b)
    if not ((wa is None or wb is None or side(wa) == side(wb)) and (da is None or db is None or da == db)):
        return False
    shared = (wa is not None and wb is not None) or (da is not None and db is not None)
    return shared or not any(_key(a)) or not any(_key(b))


_FIELDS = ("actor", "attacker", "target_actor", "weapon", "location", "date", "attribution", "target")


def _richness(e: Strike | Attack) -> int:
    """How much a mention says: named fields (a free-text target is in nearly every mention, so not counted)."""
    return sum(getattr(e, k, None) not in (None, "unknown") for k in _FIELDS if k != "target")


def _ranked(mentions: list[E], richness: list[int]) -> list[E]:
    """The mentions, the one that says the most first (the earliest of equals)."""
    order = sorted(range(len(mentions)), key=lambda i: -richness[i])
    return [mentions[i] for i in order]


def _combine(mentions: list[E], richness: list[int]) -> E:
    """One event from its mentions: each field from the mention that says the most (the report itself rather
    than a headline or a passing reference), the others filling what it leaves out; the most specific place."""
    ranked = _ranked(mentions, richness)
    values: dict[str, Any] = {}
    for k in _FIELDS:
        if not hasattr(ranked[0], k):
            continue
        values[k] = next((getattr(m, k) for m in ranked if getattr(m, k) not in (None, "unknown")),
                         getattr(ranked[0], k))
    # a group's own claim (or denial) in any mention is how the article links it
    said = [a for m in ranked if (a := getattr(m, "attribution", None)) in ("claimed", "denied")]
    if said:
        values["attribution"] = said[0]
    places = [m.location for m in ranked if m.location is not None]
    if places:  # a city or province says more than the country
        values["location"] = next((p for p in places if p.name != p.country), places[0])
    evidence = [span for m in mentions for span in m.evidence]
    return ranked[0].model_copy(update={**values, "evidence": evidence})


def merge(events: list[E], side: Callable[[str], str] = str) -> list[E]:
    """Group the mentions of one event and combine each group.

    A mention that names the actor or date joins the first event that agrees (``side`` maps an actor to
    whose side it acts for: a state's command and the state agree); one that names neither ("the strikes
    hit when …") joins the article's main event, the one mentioned most, as a reader would read it."""
    groups: list[list[E]] = []
    rich: list[list[int]] = []  # each mention's richness, computed once
    keys: list[E] = []  # per group, a stand-in with the actor and date the group goes by (its combined key)
    main: list[int] = []  # the main one: the event with the most mentions, the earliest of equals
    for ev in events:
        pool = range(len(groups)) if any(_key(ev)) else main
        home = next((i for i in pool if _compatible(keys[i], ev, side)), None)
        if home is None and _claim_only(ev):
            # "X claimed responsibility for the attack": the latest attack nobody was named for
            home = next((i for i in reversed(range(len(groups))) if _key(keys[i])[0] is None
                         and (ev.date is None or _key(keys[i])[1] in (None, ev.date.value))), None)
        if home is None:
            groups.append([ev])
            rich.append([_richness(ev)])
            keys.append(ev)
            main = main or [0]
        else:
            groups[home].append(ev)
            rich[home].append(_richness(ev))
            keys[home] = _keyed(groups[home], rich[home])
            if (len(groups[home]), -home) > (len(groups[main[0]]), -main[0]):
                main = [home]
    return [_combine(g, r) if len(g) > 1 else g[0] for g, r in zip(groups, rich, strict=True)]


def _claim_only(ev: Strike | Attack) -> bool:
    """An attack a group claims that names no place: the claim of an attack reported elsewhere in the article."""
    return isinstance(ev, Attack) and ev.attribution == "claimed" and ev.attacker is not None and ev.location is None


def _keyed(mentions: list[E], richness: list[int]) -> E:
    """A stand-in carrying the actor and date ``_combine`` would give the group (cheaper than combining)."""
    ranked = _ranked(mentions, richness)
    agent = "actor" if isinstance(ranked[0], Strike) else "attacker"
    who = next((getattr(m, agent) for m in ranked if getattr(m, agent) is not None), None)
    when = next((m.date for m in ranked if m.date is not None), None)
    return ranked[0].model_copy(update={agent: who, "date": when})


def _figures(c: CasualtyReport) -> tuple[tuple[int | None, int | None] | None, ...]:
    return tuple((n.min, n.max) if n else None for n in (c.killed, c.injured))


def merge_casualties(reports: list[CasualtyReport]) -> list[CasualtyReport]:
    """One report per figure and source: a headline's "three soldiers killed" and the body's "three service
    members were killed, officials said" are one report (the body's source and victims fill the headline's gaps).
    Figures agree when every figure both give is equal; sources agree when one is missing or both are the same."""
    out: list[CasualtyReport] = []
    figures: list[tuple[tuple[int | None, int | None] | None, ...]] = []  # each kept report's, read once
    for c in reports:
        mine = _figures(c)
        at = next((i for i, o in enumerate(out) if _same_report(o, c, figures[i], mine)), None)
        if at is None:
            out.append(c)
            figures.append(mine)
            continue
        home = out[at]
        fill = {k: v for k, v in c if v is not None and getattr(home, k) is None and k not in ("id", "evidence")}
        out[at] = home.model_copy(update={**fill, "evidence": home.evidence + c.evidence})
        figures[at] = _figures(out[at])
    return out


def _same_report(a: CasualtyReport, b: CasualtyReport, fa: tuple[tuple[int | None, int | None] | None, ...],
                 fb: tuple[tuple[int | None, int | None] | None, ...]) -> bool:
    both = [(x, y) for x, y in zip(fa, fb, strict=True) if x is not None and y is not None]
    if not both or any(x != y for x, y in both):
        return False
    if {(e.start, e.end) for e in a.evidence} & {(e.start, e.end) for e in b.evidence}:
        return False  # two figures of one sentence ("three soldiers and three civilians") are two reports
    ra, rb = (r.normalized if r else None for r in (a.reported_by, b.reported_by))
    return ra is None or rb is None or ra == rb


def _headline(text: str, span_end: int, span_text: str) -> bool:
    """A line of its own without a closing stop: a headline, a subheading or a caption title."""
    return not span_text.rstrip().endswith((".", "!", "?", "\"", "”", "’", "'", "…")) and \
        (span_end == len(text) or text[span_end : span_end + 1] == "\n")


def fold_headlines(text: str, statements: list[Statement]) -> list[Statement]:
    """A headline that restates what a speaker says in the body ("Entitled to defend itself, says X") is one
    statement with the body's: the body sentence first, the headline in its evidence after it."""
    out = list(statements)
    for st in statements:
        first = st.evidence[0]
        if not _headline(text, first.end, first.text):
            continue
        body = next((o for o in out if o is not st and o.speaker.normalized == st.speaker.normalized
                     and not _headline(text, o.evidence[0].end, o.evidence[0].text)), None)
        if body is not None:
            at = out.index(body)
            out[at] = body.model_copy(update={"evidence": [*body.evidence, *st.evidence]})
            out.remove(st)
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
