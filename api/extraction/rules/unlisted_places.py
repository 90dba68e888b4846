"""A town the gazetteer does not list, where the sentence says what kind of place it is: "the village of
Kafr Sous", "in Bannu district". Its name is kept as written; its country is the one the sentence names."""

from __future__ import annotations

import re

from api.extraction.rules.gazetteer import Gazetteer
from api.extraction.words import DAYS, MONTHS, WORDS

_KIND = (r"(?:town|city|village|hamlet|district|area|province|region|port\s+city|port|suburb|neighbou?rhood|camp|"
         r"outskirts)")
_NAME = r"(?-i:(?:al-|el-)?[A-Z][\w’'-]+(?:[ -](?:al-|el-)?[A-Z][\w’'-]+){0,2})"
# "the northern town of X", "in the village of X", "on the outskirts of X"
_OF_FORM = re.compile(rf"\b(?:the\s+)?(?:[\w-]+\s+)?{_KIND}\s+of\s+(?P<n>{_NAME})", re.I)
# "in X district", "near X town"
# (or right after the act: "militants attacked X town", "jets struck X village")
_BEFORE_KIND = re.compile(rf"\b(?:in|near|at|outside|around|inside|attacked|struck|stormed|raided|shelled|bombed|"
                          r"targeted|hit)\s+(?:the\s+)?"
                          r"(?:(?-i:[A-Z][\w-]+)(?:\s+(?:province|governorate|district))?['’]s\s+)?"
                          rf"(?P<n>{_NAME})\s+"
                          r"(?:district|province|town|village|hamlet|city|governorate|county|tehsil|area|neighbou?rhood|"
                          r"quarter|suburb)\b", re.I)
# a bare name after a locative that ends its phrase: "an operation was carried out in Mir Ali, where …", "struck a
# house in Taftanaz on Monday" (the name is read only where a known place says no more, see ``places.location``)
_BARE = re.compile(rf"\b(?:in|near|outside)\s+(?P<n>{_NAME})(?=\s*[,.;:]|\s+(?:on|in|at|near|where|after|when|early|"
                   r"late|overnight|this|last|during|while|as|and|killing|wounding)\b)")
_NOT_NAMES = {*DAYS, *MONTHS, "The", "This", "That", *WORDS.not_places}  # data/words.yaml


def unlisted_place(sentence: str, gaz: Gazetteer) -> tuple[int, int, str] | None:
    """(start, end, name) of the first town the sentence names by its kind that the gazetteer does not know."""
    for rx in (_OF_FORM, _BEFORE_KIND, _BARE):
        for m in rx.finditer(sentence):
            name = m.group("n")
            # (a known place written inside the name is the place itself; a name only like a known one - "Al-Bara"
            # and Basra - is another town)
            if name.split()[0] in _NOT_NAMES or gaz.find_places(name) or gaz.actor(name) is not None \
                    or (rx is _BARE and _named_part(name, gaz)):
                continue
            return m.start("n"), m.end("n"), name
    return None


def _named_part(name: str, gaz: Gazetteer) -> bool:
    """Whether a bare name holds a known actor or place ("Israeli Defense", "Gaza City Council"): not an unknown
    town, but something the gazetteer reads otherwise."""
    return bool(gaz.find_actors(name) or gaz.find_places(name))
