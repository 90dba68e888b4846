"""Where the event happened: the most specific place a locative word introduces."""

from __future__ import annotations

import re
from dataclasses import dataclass

from api.extraction.rules.gazetteer import Gazetteer, PlaceEntry
from api.extraction.rules.name_index import Found
from api.extraction.rules.unlisted_places import unlisted_place
from schemas.contract import Place


@dataclass(frozen=True, slots=True)
class Where:
    start: int
    end: int
    name: str
    country: str | None
    country_code: str | None


_LOCATIVE = re.compile(r"\b(?:in|near|at|on|across|into|outside|inside|around|from|over|off|of|between|"
                       # (a headline's present tense: "Israel strikes southern Lebanon", "drones pound Kharkiv")
                       r"targeting|targeted|targets|attacked|attacks|struck|strikes|hits?|bombed|bombs|pound(?:s|ed)|"
                       r"shell(?:s|ed))\s+(?:the\s+)?(?:(?:[\w’'-]+\s+){0,3}|"
                       # "on Yemen's capital, Sanaa": the place set off after its country's possessive
                       r"[\w’'-]+['’]s\s+[\w-]+(?:\s+[\w-]+)?,\s+)$", re.I)
# (not the place it was fired into: "fired from Lebanon into Israeli territory")
_ORIGIN = re.compile(r"\b(?:launched|fired|flown|took\s+off|coming|came|originat\w*)\s+from\s+(?:the\s+)?"
                     r"(?:(?!(?:into|at|on|towards?|against)\b)[\w’'-]+\s+){0,3}$", re.I)
# where the attackers are from or based is not where they struck: "a missile launched by Houthi militants in Yemen hit
# the airport"
_HOME = re.compile(r"\b(?:militants|rebels|fighters|militias?|insurgents|terrorists|gunmen|jihadists|groups?)\s+"
                   r"(?:based\s+)?(?:in|from)\s+(?:the\s+)?$", re.I)
_NOT_A_PLACE = re.compile(r"^(?:\s+(?:bases?|troops|forces|personnel|embassy|soldiers|officials|warships?|vessels?|"
                          r"ships?|drones?|jets|aircraft|positions|interests|citizens|diplomats|service\s*(?:members|men)|"
                          r"sailors|marines|nationals|consulate|contractors)\b|"
                          r"[-‐‑–]\s*(?:backed|linked|aligned|affiliated|sponsored|allied|led|based)|[’']s\s+"
                          r"(?:[A-Z]\w+\s+)*(?:Guard|Foreign|Ministry|army|military|forces|government|president|"
                          r"leader|proxies|allies))", re.I)


# a place named as the backdrop, not where the event happened: "since the conflict in Gaza, groups attacked …"
_BACKDROP = re.compile(r"\b(?:conflict|war|fighting|crisis|situation|tensions?|escalation)\s+in\s+(?:the\s+)?$", re.I)
_BACKDROP_AFTER = re.compile(r"^\s+(?:war|conflict|crisis|fighting)\b", re.I)  # "in the Gaza war"


_NOT_WHERE_BEFORE = re.compile(
    r"\b(?:a|an|(?:support|backing|help|aid|funding|weapons|orders|instructions)\s+from)\s+$", re.I)
_RANK = {"site": 0, "city": 1, "province": 2, "region": 3, "sea": 3, "country": 4}  # the most specific first


def specificity(gaz: Gazetteer, place: Place) -> int:
    """How coarse a place is, 0 for a site to 4 for a country; a town the gazetteer does not list is a town."""
    e = gaz.place(place.name)
    if e is None:
        return 4 if place.name == place.country else 1
    return _RANK.get(e.kind, 5)


def location(sentence: str, gaz: Gazetteer) -> Where | None:
    """The most specific place the sentence puts the event in (site or city over province over country).

    Only places introduced by a locative word count ("in Syria's Deir ez-Zor province", "near Tyre"):
    "Iran-backed groups" or "Iran's Revolutionary Guards" name an actor, not where anything happened.
    """
    actors = [(a.start, a.end) for a in gaz.find_actors(sentence) if a.entry.kind != "state"]
    found = [f for f in gaz.find_places(sentence)
             if not any(s < f.end and f.start < e and (s, e) != (f.start, f.end) for s, e in actors)
             and _LOCATIVE.search(sentence[max(0, f.start - 40) : f.start])
             and not _BACKDROP.search(sentence[max(0, f.start - 40) : f.start])
             and not _BACKDROP_AFTER.match(sentence[f.end : f.end + 12])
             and not _NOT_A_PLACE.match(sentence[f.end : f.end + 40])
             # ("missiles at a US destroyer": a country after "a" is an adjective of the thing, not where it was; "with
             # support from Iran" names a patron)
             and not (f.entry.kind == "country" and _NOT_WHERE_BEFORE.search(sentence, max(0, f.start - 30), f.start))]
    if not found:
        return _unlisted(sentence, gaz, None)
    # where a weapon came from is not where it struck ("a drone launched from Iraq hit a base in Jordan"): the
    # origin only when the sentence names no other place
    best: Found[PlaceEntry] = min(found, key=lambda f: (_ORIGIN.search(sentence, max(0, f.start - 40), f.start)
                                                        is not None or _HOME.search(sentence, max(0, f.start - 40),
                                                                                    f.start) is not None,
                                                        _RANK.get(f.entry.kind, 5), f.start))
    # at sea, a coast named only to say where on the sea: "in the Red Sea off Hodeidah", "hit 50 nautical miles west of
    # Aden in the Gulf of Aden" (the sea is the place, with no country)
    sea = next((f for f in found if f.entry.kind == "sea"), None)
    if sea is not None and best is not sea and _OFF_COAST.search(sentence, max(0, best.start - 40), best.start):
        best = sea
    e = best.entry
    country = e.country if e.kind != "country" else e.name
    where = Where(best.start, best.end, e.name, country, e.country_code)
    if e.kind in ("country", "region", "province"):  # a town the gazetteer does not list says more
        return _unlisted(sentence, gaz, where) or where
    # a town or village named by its kind before the known place ("near the town of X in the province of Y"), or
    # any unlisted town before a known place that only says how far or near it is ("in X, some 60 km west of Y",
    # "in X near Y")
    own = _unlisted(sentence, gaz, where) if e.kind != "site" else None
    if own is not None and own.end <= best.start and (
            _KIND_BEFORE.search(sentence, max(0, own.start - 30), own.start)
            or _KIND_AFTER.match(sentence, own.end) or _MEASURED_FROM.search(sentence, own.end, best.start)
            or _NEAR_TO.fullmatch(sentence, own.end, best.start)):
        return own
    # a village written as inside the city's name, which is also its province's: "Dibis town in Kirkuk"
    if own is not None and e.kind == "city" and _INSIDE.fullmatch(sentence, own.end, best.start):
        return own
    return where


_OFF_COAST = re.compile(r"\b(?:off|nautical\s+miles\s+(?:\(\S+\s+\S+\)\s+)?(?:\w+\s+)?(?:of|from))\s+(?:the\s+)?"
                        r"(?:(?:coast|port|city)\s+(?:of\s+)?)?(?:(?-i:[A-Z])\w+[’']s\s+)?(?:\w+\s+)?$", re.I)
_KIND_BEFORE = re.compile(r"\b(?:town|village|hamlet)\s+of\s+$", re.I)
_KIND_AFTER = re.compile(r"\s+(?:town|village|hamlet)\b", re.I)
# how far from a known place: "some 60 kilometers (37 miles) north of", "west of the city of"
_MEASURED_FROM = re.compile(r"\b(?:\d+|some|about|around)\s+(?:[\w()]+\s+){0,4}?(?:north|south|east|west)\w*\s+of\s+"
                            r"(?:the\s+)?(?:(?:city|town|capital|provincial\s+capital)\s+(?:of\s+)?)?$", re.I)
_NEAR_TO = re.compile(r"\s*,?\s+near\s+(?:the\s+(?:city|town)\s+of\s+)?", re.I)  # "in X near Y": in X
# (or a part of the city: "in the Bara neighbourhood of Peshawar", "the Hodan district of Mogadishu")
_INSIDE = re.compile(r"\s+(?:town|village|hamlet|neighbou?rhood|district|quarter|suburb)\s*,?\s+(?:in|of|near)\s+"
                     r"(?:the\s+)?(?:city\s+of\s+)?", re.I)


def _unlisted(sentence: str, gaz: Gazetteer, coarse: Where | None) -> Where | None:
    """A town the gazetteer does not list, in the country of the coarser place the sentence names, if any."""
    found = unlisted_place(sentence, gaz)
    if found is None:
        return None
    start, end, name = found
    return Where(start, end, name, coarse.country if coarse else None, coarse.country_code if coarse else None)
