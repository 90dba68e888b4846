"""Whose positions a strike hit when its own words name no owner: the armed group the article names for that country.

"Israeli jets struck militant positions in southern Lebanon" says what was hit, not whose it was; an article that
names one armed group of Lebanon again and again ("Hezbollah said …", "the Hezbollah fighters …") tells the reader
whose. The group is set as the strike's target actor only when the strike's words name something a group holds
(positions, fighters, sites, depots …), its place lies in the group's country, and that group is named at least twice
and more often than any other group of the country. Its value points to where the article first names the group.
"""

from __future__ import annotations

import re
from collections import Counter

from api.extraction.rules.gazetteer import Gazetteer
from api.extraction.text.grounding import make_span
from schemas.contract import Mention, Strike

# what a group holds or is made of, hit with no owner named
_HELD = re.compile(r"\b(?:positions?|targets?|fighters|militants?|operatives?|members?|commanders?|sites?|"
                   r"infrastructure|depots?|launchers?|hideouts?|cells?|bases?|posts?|tunnels?|facilit(?:y|ies)|"
                   r"strongholds?)\b", re.I)
_TIMES = 2  # how often the article must name the group


def with_target_group(strikes: list[Strike], gaz: Gazetteer, text: str) -> list[Strike]:
    """The strikes, each with no target actor of its own taking the group the article names for its country."""
    groups = [f for f in gaz.find_actors(text) if f.entry.kind == "armed_group"]
    out = []
    for s in strikes:
        country = s.location.country if s.location is not None else None
        if s.target_actor is None and s.actor is not None and country is not None \
                and any(_HELD.search(e.text) for e in s.evidence):
            named = Counter(f.entry.name for f in groups if f.entry.country == country).most_common(2)
            if named and named[0][1] >= _TIMES and (len(named) == 1 or named[1][1] < named[0][1]):
                first = next(f for f in groups if f.entry.name == named[0][0])
                s = s.model_copy(update={"target_actor": Mention(text=text[first.start : first.end],
                                                                 normalized=first.entry.name,
                                                                 span=make_span(text, first.start, first.end))})
        out.append(s)
    return out
