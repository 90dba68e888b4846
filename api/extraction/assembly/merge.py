"""Merge: mentions of one strike (or attack) across sentences become one event with several evidence spans
when nothing they state conflicts (actor, date); one casualty report per figure and source.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any, TypeVar

from api.extraction.assembly import anaphora
from api.extraction.assembly.anaphora import inherit
from api.extraction.assembly.drafts import Drafts, Events
from api.extraction.assembly.incidents import background, part_of_another, stands_alone
from api.extraction.assembly.restatements import fold_headlines
from schemas.contract import Attack, CasualtyReport, DateValue, Mention, Place, Strike

E = TypeVar("E", Strike, Attack)
# whether a mention that names neither actor nor date reports the same incident as an event's richest mention (a
# judgement of meaning: the pipeline may put it to the model); without one, such a mention joins the main event
SameIncident = Callable[[Strike | Attack, Strike | Attack], bool]


def _key(e: Strike | Attack) -> tuple[str | None, str | None]:
    who = e.actor if isinstance(e, Strike) else e.attacker
    return (who.normalized if who else None, e.date.value if e.date else None)


def _compatible(a: Strike | Attack, b: Strike | Attack, side: Callable[[str], str]) -> bool:
    """No conflict on actor or date, and a shared one when both name something: a US strike with no date is not
    folded into an undated-actor strike of another day only because nothing contradicts it."""
    (wa, da), (wb, db) = _key(a), _key(b)
    if not ((wa is None or wb is None or side(wa) == side(wb)) and (da is None or db is None or _same_day(da, db))):
        return False
    # (nor, when mention ``b`` names its agent, on the country: Israel's strikes in Gaza and its strikes in Lebanon
    # are two events; but a mention that names both countries, "sites in Syria and one in Iraq", may be either's)
    ca, cb = (e.location.country if e.location else None for e in (a, b))
    if wb is not None and ca is not None and cb is not None and ca != cb \
            and not _names(a, cb) and not _names(b, ca):
        return False
    shared = (wa is not None and wb is not None) or (da is not None and db is not None)
    return shared or not any(_key(a)) or not any(_key(b))


def _same_day(a: str, b: str) -> bool:
    """Two dates that can name the same day: equal, or one a coarser precision of the other ("this year" and
    2024-03-05)."""
    return a.startswith(b) or b.startswith(a)


def _names(e: Strike | Attack, country: str) -> bool:
    """Whether any sentence of the mention names the country."""
    named = re.compile(rf"\b{re.escape(country)}\b", re.I)  # (not "Israeli" for Israel)
    return any(named.search(span.text) for span in e.evidence)


_FIELDS = ("actor", "attacker", "target_actor", "weapon", "location", "date", "attribution", "target")


def _richness(e: Strike | Attack) -> int:
    """How much a mention says: named fields (a free-text target is in nearly every mention, so not counted)."""
    return sum(getattr(e, k, None) not in (None, "unknown") for k in _FIELDS if k != "target")


def _ranked(mentions: list[E], richness: list[int]) -> list[E]:
    """The mentions, the one that says the most first (the earliest of equals)."""
    order = sorted(range(len(mentions)), key=lambda i: -richness[i])
    return [mentions[i] for i in order]


def _combine(mentions: list[E], richness: list[int], precise: Callable[[Place], int]) -> E:
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
    if places:  # a city or province says more than the country; a town named anywhere more than its region
        values["location"] = min(places, key=precise)
    evidence = [span for m in mentions for span in m.evidence]
    return ranked[0].model_copy(update={**values, "evidence": evidence})


def merge(events: list[E], side: Callable[[str], str], same: SameIncident | None,
          reported_on: dict[int, DateValue] | None, precise: Callable[[Place], int],
          listed: dict[int, int] | None = None, old: set[int] | None = None) -> list[E]:
    """Group the mentions of one event and combine each group.

    A mention that names the actor or date joins the first event that agrees (``side`` maps an actor to
    whose side it acts for: a state's command and the state agree); one that names neither ("the strikes
    hit when …") joins the article's main event, the one mentioned most, as a reader would read it, unless
    ``same`` says it reports another incident; then it starts an event of its own. Of a sentence's list of acts
    (``listed``: the sentence of each item, by the start of its evidence) only the first item joins an event told
    before, and no two items join one event."""
    groups: list[list[E]] = []
    rich: list[list[int]] = []  # each mention's richness, computed once
    keys: list[E] = []  # per group, a stand-in with the actor and date the group goes by (its combined key)
    main: list[int] = []  # the main one: the event with the most mentions, the earliest of equals
    alone: list[bool] = []  # per group, whether its stand-in is an incident of its own (read once per stand-in)
    lists: list[set[int]] = []  # per group, the sentences whose list of acts gave one of its mentions
    listed = listed or {}
    firsts = _first_items(listed)
    for ev in events:
        item = listed.get(ev.evidence[0].start)
        # the groups a list item may not join: those with an item of its list; all, for a later item of a list
        # ("…, five others dead in B" is an act of its own: it joins no event before it)
        closed = set() if item is None else set(range(len(groups))) if firsts[item] != ev.evidence[0].start \
            else {i for i, sentences in enumerate(lists) if item in sentences}
        # a background campaign or "another" incident joins no incident, and no incident joins it; a campaign told
        # again by the same agent ("Israel has struck Syria hundreds of times … Netanyahu said the army had struck
        # Iranian targets there thousands of times") is that campaign
        own = stands_alone(ev)
        if own:
            home = next((i for i in range(len(groups))
                         if i not in closed and alone[i] and _same_campaign(keys[i], ev, side)), None)
        else:
            pool = range(len(groups)) if any(_key(ev)) else main
            said = (reported_on or {}).get(ev.evidence[0].start) if ev.date is None else None
            # (an act dated months before publication does not join an undated, fresh incident)
            earlier = ev.evidence[0].start in (old or set())
            home = next((i for i in pool if i not in closed and not alone[i] and _compatible(keys[i], ev, side)
                         and not _reported_before(said, keys[i].date) and not (earlier and keys[i].date is None)),
                        None)
        if home is not None and same is not None and not any(_key(ev)) and not same(keys[home], ev):
            home = None
        if home is not None and part_of_another(keys[home], ev):
            # one more act of the same raid or series: its own event, with the agent and day the event gives
            ev, home = inherit(ev, keys[home]), None
        if home is None and _claim_only(ev):
            # "X claimed responsibility for the attack": the latest attack nobody was named for
            home = next((i for i in reversed(range(len(groups))) if i not in closed and _key(keys[i])[0] is None
                         and (ev.date is None or _key(keys[i])[1] in (None, ev.date.value))), None)
        if home is None:
            groups.append([ev])
            rich.append([_richness(ev)])
            keys.append(ev)
            alone.append(own)  # (the same evidence after ``inherit``)
            lists.append(set() if item is None else {item})
            main = main or [0]
        else:
            groups[home].append(ev)
            if item is not None:
                lists[home].add(item)
            rich[home].append(_richness(ev))
            keys[home] = _keyed(groups[home], rich[home])
            alone[home] = stands_alone(keys[home])
            if (len(groups[home]), -home) > (len(groups[main[0]]), -main[0]):
                main = [home]
    return [_combine(g, r, precise) if len(g) > 1 else g[0] for g, r in zip(groups, rich, strict=True)]


def _reported_before(said: DateValue | None, when: DateValue | None) -> bool:
    """A report made before the event's day cannot be of that event ("X reported in April that it had carried out
    four strikes" is not the strike of May)."""
    if said is None or when is None or said.value is None or when.value is None:
        return False
    n = min(len(said.value), len(when.value))  # compared at the coarser precision of the two
    return said.value[:n] < when.value[:n]


def _same_campaign(a: Strike | Attack, b: Strike | Attack, side: Callable[[str], str]) -> bool:
    """Two campaigns told over a period by the same named agent, in the same country (or one naming none)."""
    (wa, _), (wb, _) = _key(a), _key(b)
    if wa is None or wb is None or side(wa) != side(wb) or not (background(a.evidence[0].text)
                                                                and background(b.evidence[0].text)):
        return False
    ca, cb = (e.location.country if e.location else None for e in (a, b))
    # (two periods that start differently are two runs: "since Sunday" and "since the Oct 7 attack")
    sa, sb = (_SINCE.search(e.evidence[0].text) for e in (a, b))
    if sa is not None and sb is not None and sa.group(1).lower() != sb.group(1).lower():
        return False
    return ca is None or cb is None or ca == cb


_SINCE = re.compile(r"\bsince\s+(\S+(?:\s+\S+)?)", re.I)


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


def _first_items(listed: dict[int, int]) -> dict[int, int]:
    """Sentence → the start of the first item of its list of acts (``listed``: item start → sentence)."""
    first: dict[int, int] = {}
    for start, sentence in listed.items():
        first[sentence] = min(start, first.get(sentence, start))
    return first


def _fill_listed(events: list[E], listed: dict[int, int]) -> list[E]:
    """An item of a sentence's list of acts ("…, five others dead in B") takes what it leaves out (agent, link, day,
    weapon) from the event its list's first item joined: the list's agent and day are the first item's."""
    first = _first_items(listed)
    holder = {span.start: i for i, e in enumerate(events) for span in e.evidence}
    out = list(events)
    for i, e in enumerate(events):
        own = [listed[span.start] for span in e.evidence if span.start in listed]
        if not own or first[own[0]] in {span.start for span in e.evidence}:
            continue
        head = holder.get(first[own[0]])
        if head is not None:
            out[i] = inherit(e, events[head])
    return out


def date_reported(events: list[E], reported_on: dict[int, DateValue]) -> list[E]:
    """An event no mention dates takes the day a source reported it, from its first mention that has one."""
    out = []
    for e in events:
        day = None if e.date is not None else next(
            (reported_on[span.start] for span in e.evidence if span.start in reported_on), None)
        out.append(e.model_copy(update={"date": day}) if day is not None else e)
    return out


def _target_state(a: Attack, side: Callable[[str], str]) -> Attack:
    """An attack whose words name no target actor hit the state where it took place ("a drone launched by the
    rebels hit Tel Aviv": Israel), unless that is the attacker's own side; the value points to the place's words."""
    place = a.location
    if a.target_actor is not None or place is None or place.country is None or place.span is None:
        return a
    if a.attacker is not None and side(a.attacker.normalized) == place.country:
        return a
    return a.model_copy(update={"target_actor": Mention(text=place.text, normalized=place.country, span=place.span)})


def _figures(c: CasualtyReport) -> tuple[tuple[int | None, int | None] | None, ...]:
    return tuple((n.min, n.max) if n else None for n in (c.killed, c.injured))


def merge_casualties(reports: list[CasualtyReport], side: Callable[[str], str],
                     precise: Callable[[Place], int]) -> list[CasualtyReport]:
    """One report per figure and source: a headline's "three soldiers killed" and the body's "three service
    members were killed, officials said" are one report (the body's source and victims fill the headline's gaps).
    Figures agree when every figure both give is equal; sources agree when one is missing or both are the same."""
    out: list[CasualtyReport] = []
    figures: list[tuple[tuple[int | None, int | None] | None, ...]] = []  # each kept report's, read once
    for c in reports:
        mine = _figures(c)
        at = next((i for i, o in enumerate(out) if _same_report(o, c, figures[i], mine, side, precise)
                   or _bound_given_later(o, c, figures[i], mine)), None)
        if at is None:
            out.append(c)
            figures.append(mine)
            continue
        home = out[at]
        fill = {k: v for k, v in c if v is not None and getattr(home, k) is None and k not in ("id", "evidence")}
        # (a headline's round "killing 25" and the body's "at least 25": the body's bound says more)
        fill |= {k: n for k in ("killed", "injured") if (n := getattr(c, k)) is not None and (h := getattr(home, k))
                 is not None and h.min == h.max and (n.min, n.max) != (h.min, h.max)}
        out[at] = home.model_copy(update={**fill, "evidence": home.evidence + c.evidence})
        figures[at] = _figures(out[at])
    return out


_NUMERAL = re.compile(r"(?:\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\w+teen|\w+ty|"
                      r"hundred|thousand))$", re.I)


def _bound_given_later(a: CasualtyReport, b: CasualtyReport, fa: tuple[tuple[int | None, int | None] | None, ...],
                       fb: tuple[tuple[int | None, int | None] | None, ...]) -> bool:
    """A bare figure nobody is named for and the same number with its bound: "Strike kills 25" and "killing at
    least 25, officials said" are one report."""
    if a.reported_by is not None:
        return False
    both = [(x, y) for x, y in zip(fa, fb, strict=True) if x is not None and y is not None]
    bound = [x[0] == x[1] and x[0] is not None and None in y and x[0] in y for x, y in both]
    # (the other figure may be the same: "killing 1 and wounding 15" and "killing at least one, wounding 15")
    if not any(bound) or not all(b or x == y for b, (x, y) in zip(bound, both, strict=True)):
        return False
    # (the same number written with its bound, in digits or in words: not "a number of", which counts two by
    # convention)
    written = all(_NUMERAL.search(n.text) and _NUMERAL.search(m.text) for n, m in
                  ((a.killed, b.killed), (a.injured, b.injured)) if n is not None and m is not None)
    return written and _same_victims(a, b, lambda p: 0)


def _same_report(a: CasualtyReport, b: CasualtyReport, fa: tuple[tuple[int | None, int | None] | None, ...],
                 fb: tuple[tuple[int | None, int | None] | None, ...], side: Callable[[str], str],
                 precise: Callable[[Place], int]) -> bool:
    both = [(x, y) for x, y in zip(fa, fb, strict=True) if x is not None and y is not None]
    if not both or any(x != y for x, y in both):
        return False
    if {(e.start, e.end) for e in a.evidence} & {(e.start, e.end) for e in b.evidence}:
        return False  # two figures of one sentence ("three soldiers and three civilians") are two reports
    # (a state and its own bodies give one figure: "Iran said two soldiers were killed" and "the army of Iran lost
    # two of its fighters")
    # (not "no injuries" twice: a side reports nobody hurt in several incidents)
    ra, rb = (r.normalized if r else None for r in (a.reported_by, b.reported_by))
    nonzero = any(x != (0, 0) for x, _ in both)
    return (ra is None or rb is None or ra == rb or (nonzero and side(ra) == side(rb))) and _same_victims(a, b, precise)


# who the victims are, by the word that names them: a report of soldiers and one of civilians count other people
# ("soldiers" and "service members" the same ones)
_SIDES = {w: side for side, words in {
    "forces": "soldier troop force servicem service officer personnel marine guard policem police sailor trooper",
    "civilians": "civilian child children women woman resident villager worker journalist farmer student teen boy girl "
                 "baby infant toddler "
                 "passerby passer-by",
    "fighters": "militant gunm militiam insurgent rebel terrorist jihadist",  # ("fighters", "commanders": either side)
}.items() for w in words.split()}


def _victims_side(v: Mention | None) -> str | None:
    words = v.text.lower().split() if v else []
    return next((side for w in reversed(words) for stem, side in _SIDES.items() if w.startswith(stem)), None)


def _same_victims(a: CasualtyReport, b: CasualtyReport, precise: Callable[[Place], int]) -> bool:
    """Whether two reports of the same figures can count the same people: "a soldier was killed" and, in a
    separate incident, "a civilian was killed" cannot; nor can one in Tal Afar and one in another named town."""
    sa, sb = _victims_side(a.victims), _victims_side(b.victims)
    if sa and sb and sa != sb:
        return False
    # (two towns; a region and a town in it can be the same place: "northern Iraq" and "the Haftanin region")
    pa, pb = (p.name if p and p.name != p.country and precise(p) <= 1 else None
              for p in (a.location, b.location))
    return pa is None or pb is None or pa == pb


def merge_events(drafts: Drafts, side: Callable[[str], str], text: str, same: SameIncident | None,
                 precise: Callable[[Place], int]) -> Events:
    """The article's events, each mentioned once: strikes and attacks merged (``side`` tells whose an actor is,
    ``same`` whether a mention that names neither actor nor date is the main event's, ``precise`` how coarse a place
    is, 0 for a site to 4 for a country), casualty reports merged, a headline's restatement folded into the body's
    statement."""
    strikes, attacks = anaphora.resolve(drafts.strikes, drafts.attacks)
    strikes = merge(strikes, side, same, drafts.reported_on, precise, drafts.listed, drafts.old)
    attacks = merge(attacks, side, same, drafts.reported_on, precise, drafts.listed, drafts.old)
    strikes, attacks = date_reported(strikes, drafts.reported_on), date_reported(attacks, drafts.reported_on)
    strikes, attacks = _fill_listed(strikes, drafts.listed), _fill_listed(attacks, drafts.listed)
    attacks = [_target_state(a, side) for a in attacks]
    return strikes, attacks, fold_headlines(text, drafts.statements), merge_casualties(drafts.casualties, side, precise)
