"""Groups that became a state's government: from the day they took power, their forces' acts are the state's
strikes, not a group's attacks (the guidelines' "a state's forces → strike"). The Taliban took Kabul on
15 August 2021; an article about their forces after that day reports Afghanistan's acts."""

from __future__ import annotations

import datetime as dt

# group (its canonical name in data/actors.yaml) → (the state it governs, the day it took power)
IN_POWER: dict[str, tuple[str, dt.date]] = {"Taliban": ("Afghanistan", dt.date(2021, 8, 15))}


def state_of(group: str, when: dt.date | None) -> str | None:
    """The state whose forces ``group``'s are on the day ``when``, if it governed one then; else None."""
    found = IN_POWER.get(group)
    return found[0] if found is not None and when is not None and when >= found[1] else None
