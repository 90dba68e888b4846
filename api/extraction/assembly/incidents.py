"""Which mentions are an incident of their own: a background campaign, or one that says it is another."""

from __future__ import annotations

import re

from schemas.contract import Attack, Strike

# a campaign or a run of events told as background, not one incident: "has carried out repeated attacks",
# "have been trading fire since October", "suffered 78 attacks in June", "for years, the US has helped …"
_BACKGROUND = re.compile(
    r"\b(?:has|have|had)\s+been\s+(?:\w+\s+)?(?:carrying\s+out|launching|targeting|attacking|conducting|waging|"
    r"fighting|battling|trading|exchanging|striking|shelling|bombing|hitting|wracked|hit|targeted|plagued)\b"
    r"|\b(?:repeated|frequent|routine(?:ly)?|persistent|regular|near-daily|almost\s+daily|daily|dozens\s+of|"
    r"hundreds\s+of|"
    r"scores\s+of|a\s+(?:series|wave|string|spate|surge)\s+of|surge\s+in|campaign)\s+(?:\w+\s+){0,3}?(?:attacks|strikes|"
    r"airstrikes|raids|operations|violence|shelling|bombings|exchanges)\b"
    r"|\b(?:for|over\s+the\s+(?:past|last))\s+(?:years|months|decades|weeks)\b|\bsince\s+(?:the\s+(?:start|beginning)|"
    r"\d{4}|last\s+year)\b|\b\d+\s+times\b|\bin\s+recent\s+(?:weeks|months|years)\b", re.I)
# a mention that says it is another incident: "Separately, …", "in another attack", "a second strike"
_ANOTHER = re.compile(r"\b(?:separately|in\s+(?:a\s+)?(?:separate|another)|a\s+(?:separate|second|third)\s+"
                      r"(?:attack|strike|raid|incident|drone|rocket)|"
                      r"another\s+(?:attack|strike|raid|incident|one))\b", re.I)


def stands_alone(e: Strike | Attack) -> bool:
    """A mention that is its own event: a background campaign, or one that says it is another incident."""
    first = e.evidence[0].text
    return _BACKGROUND.search(first) is not None or _ANOTHER.search(first) is not None
