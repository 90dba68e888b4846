"""Armed groups written as one subject: "attacks by al-Shabaab and the Islamic State", "jihadist groups such as
Boko Haram and its rival offshoot, ISWAP". Two groups are two attackers, so two attacks (a state's joint operation
with another, "US and UK forces struck", stays one strike with its first state)."""

from __future__ import annotations

import re

from api.extraction.rules.acts import GROUP_KINDS, Name
from api.extraction.rules.gazetteer import Gazetteer

# between two joined names: "and", "or", "as well as" ("Israel and Hamas, the Houthis …": not a comma alone); "its
# rival offshoot," or "the" before the second
_JOINED = re.compile(r"(?:\s+group)?,?\s+(?:and|or|as\s+well\s+as)\s+(?:(?:the|its|their)\s+)?"
                     r"(?:(?:rival|allied|sister|former)\s+)?(?:(?:offshoot|affiliate|ally|splinter\s+group|"
                     r"branch|faction)\s*,?\s+)?(?:the\s+)?", re.I)


def joined_groups(sentence: str, first: Name, gaz: Gazetteer) -> list[Name]:
    """The armed groups joined to ``first`` (a group named in ``sentence``) as one subject, in order; none when
    ``first`` stands alone."""
    out: list[Name] = []
    names = {first.canonical}
    end = first.end
    for f in gaz.find_actors(sentence):
        if f.start < end:
            continue
        if f.entry.kind not in GROUP_KINDS or not _JOINED.fullmatch(sentence, end, f.start):
            break
        if f.entry.name not in names:
            out.append(Name(f.start, f.end, f.entry.name))
            names.add(f.entry.name)
        end = f.end
    return out
