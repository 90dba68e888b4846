"""A state's own body named through the state: "Israel’s military", "Lebanon's army", "Iran's foreign ministry"."""

from __future__ import annotations

import re

from api.extraction.rules.gazetteer import Gazetteer

# a state's own body named through the state: "Israel’s military", "Lebanon's army", "Iran's health ministry"
_BODY_OF = re.compile(r"\s*['’]s\s+((?:defen[cs]e|foreign|health|interior|information|war)\s+ministry|military|army|"
                      r"armed\s+forces|air\s+force|navy|security\s+forces|forces|troops|government|presidency)\b", re.I)


def body_of_state(gaz: Gazetteer, state: str, after: str) -> tuple[str, int] | None:
    """The canonical name of the body a possessive names after a state ("Lebanon’s army" → the Lebanese army's
    entry), found through the state's own names and adjectives, and where its words end in ``after``; None when
    the words name no body or the gazetteer has none."""
    m = _BODY_OF.match(after)
    entry = gaz.actor(state)
    if m is None or entry is None:
        return None
    body = " ".join(m.group(1).split())
    for name in (entry.name, *gaz.names_of(entry.name)):
        found = gaz.actor(f"{name} {body}") or gaz.actor(f"{name}'s {body}")
        if found is not None and found.name != entry.name and found.kind != "state":
            return found.name, m.end()
    return None
