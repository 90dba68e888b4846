"""Sources nobody could name ("…, two security sources said"): no speaker to find, none to ask the model for."""

from __future__ import annotations

import functools
import re

from api.extraction.rules.gazetteer import Gazetteer

_ANONYMOUS = re.compile(
    r"(?:^|[,“”\"]\s*)(?:(?:two|three|several|some|other|the|a|an|local|senior|security|military|government|medical|"
    r"hospital|police|intelligence|western|regional|informed|diplomatic|[A-Z][\w.]*)\s+){0,3}(?:sources?|officials?|"
    r"witnesses|residents|medics|doctors|people\s+familiar\s+with\s+[\w\s]+?)\s+(?:said|say|says|told\s+\w+)\b[^,;]*$")


def anonymous_source(sentence: str, gaz: Gazetteer) -> bool:
    """True when the sentence ends on a source nobody could name ("…, two security sources said"); "US officials
    said" names whose officials they are."""
    source = _anonymous_ending(sentence)
    return source is not None and not gaz.find_actors(source)


@functools.lru_cache(maxsize=4096)
def _anonymous_ending(sentence: str) -> str | None:
    """The words from the unnamed source to the end ("two security sources said"), if the sentence ends so.
    Cached: the speaker rules and the sentence facts both ask."""
    m = _ANONYMOUS.search(sentence.rstrip(" ."))
    return m.group(0) if m is not None else None
