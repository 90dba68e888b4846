"""Curated gazetteer (data/actors.yaml, data/places.yaml): find mentions in text, canonicalise free-text names."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from api.extraction.rules.name_index import Found, GazetteerError, NameIndex, key

ACTOR_KINDS = ("person", "armed_group", "state_force", "organization", "media", "state")  # most specific first
PLACE_KINDS = ("site", "city", "province", "region", "sea", "country")
DATA_DIR = Path(__file__).resolve().parents[3] / "data"


@dataclass(frozen=True, slots=True)
class Actor:
    name: str
    kind: str
    country: str | None
    org: str | None


@dataclass(frozen=True, slots=True)
class PlaceEntry:
    name: str
    kind: str
    country: str | None
    country_code: str | None


def _problems(e: dict[str, Any], kinds: tuple[str, ...], fields: set[str]) -> list[str]:
    al, ex = e.get("aliases"), e.get("exact_case", [])
    checks = {
        f"unknown keys {sorted(set(e) - fields)}": bool(set(e) - fields),
        "name must be a non-empty string": not (isinstance(e.get("name"), str) and key(e["name"])),
        f"kind {e.get('kind')!r} is not one of {', '.join(kinds)}": e.get("kind") not in kinds,
        "aliases must be a non-empty list of strings with letters or digits": not (
            isinstance(al, list) and al and all(isinstance(a, str) and key(a) for a in al)
        ),
        "country, country_code and org must be strings or null": any(
            not (e.get(f) is None or isinstance(e[f], str)) for f in ("country", "country_code", "org")
        ),
        f"country_code {e.get('country_code')!r} is not two upper-case letters": e.get("country_code") is not None
        and not re.fullmatch(r"[A-Z]{2}", str(e["country_code"])),
        "generic must be true or false": not isinstance(e.get("generic", False), bool),
        "exact_case must list some of the aliases": not (
            isinstance(ex, list) and isinstance(al, list) and set(ex) <= set(al)
        ),
    }
    return [msg for msg, bad in checks.items() if bad]


def _read(path: Path, kinds: tuple[str, ...], optional: set[str]) -> list[tuple[str, dict[str, Any]]]:
    """Entries of one data file as (name, mapping), validated; any fault raises naming the entry."""
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise GazetteerError(f"{path}: cannot load: {exc}") from exc
    if not isinstance(raw, list) or not raw:
        raise GazetteerError(f"{path}: expected a non-empty list of entries")
    out: list[tuple[str, dict[str, Any]]] = []
    fields = {"name", "kind", "aliases", "country", "exact_case", *optional}
    for i, e in enumerate(raw, 1):
        if not isinstance(e, dict):
            raise GazetteerError(f"{path.name} entry #{i}: not a mapping")
        bad = _problems(e, kinds, fields) + ["duplicate name"] * (e.get("name") in dict(out))
        if bad:
            raise GazetteerError(f"{path.name} entry #{i} {e.get('name')!r}: {'; '.join(bad)}")
        out.append((e["name"], e))
    return out


_LEADERS_FORCES = re.compile(r"[’']s\s+(?:forces|troops|army|military|soldiers|warplanes|jets)\b")


# a name that is the first word of a broadcaster's or an agency's ("SNA Radio", "Kurdistan TV") names the outlet
_OUTLETS_NAME = re.compile(r"\s+(?:Radio|TV|Television|News\s+Agency|Channel)\b")
# a body's common noun qualified as another one's: "the regional security council" is not the UN's
_ANOTHER_BODY = re.compile(r"\b(?:regional|provincial|local|national|state|district|city|municipal)\s+$")


class Gazetteer:
    """Actors and places of the Middle East conflict domain; build once with `load` and share."""

    def __init__(self, actors: NameIndex[Actor], places: NameIndex[PlaceEntry], codes: set[str]) -> None:
        self._actors, self._places, self._codes = actors, places, codes
        # (per gazetteer: a module-level cache would keep every gazetteer ever loaded alive)
        self._actors_in = functools.lru_cache(maxsize=8192)(self._find_actors)

    @classmethod
    def load(cls, data_dir: Path | None = None) -> Gazetteer:
        d = data_dir or DATA_DIR
        places = _read(d / "places.yaml", PLACE_KINDS, {"country_code", "geo"})  # geo: api/enrich/places.py
        codes = {n: e["country_code"] for n, e in places if e["kind"] == "country"}
        for n, e in places:
            if e.get("country") is not None and codes.get(e["country"], "?") != e.get("country_code"):
                raise GazetteerError(f"places.yaml entry {n!r}: country/country_code do not match a country entry")
            if e["kind"] == "country" and (e.get("country") != n or not e.get("country_code")):
                raise GazetteerError(f"places.yaml entry {n!r}: a country must name itself and have a code")
        actors = _read(d / "actors.yaml", ACTOR_KINDS, {"org", "generic", "profile"})  # profile: api/enrich/actors.py
        for n, e in actors:
            if e.get("country") is not None and e["country"] not in codes:
                raise GazetteerError(f"actors.yaml entry {n!r}: country {e['country']!r} is not in places.yaml")
            if e.get("org") is not None and e["org"] not in {m for m, _ in actors}:
                raise GazetteerError(f"actors.yaml entry {n!r}: org {e['org']!r} is not an actor")
        generic = {n for n, e in actors if e.get("generic")}
        a_rank = {k: i for i, k in enumerate(ACTOR_KINDS)}
        p_rank = {k: i for i, k in enumerate(PLACE_KINDS)}
        return cls(
            NameIndex(
                [
                    (Actor(n, e["kind"], e.get("country"), e.get("org")), n, e["aliases"], set(e.get("exact_case", [])))
                    for n, e in actors
                ],
                lambda a: a_rank[a.kind] + 10 * (a.name in generic),
            ),
            NameIndex(
                [
                    (
                        PlaceEntry(n, e["kind"], e.get("country"), e.get("country_code")),
                        n,
                        e["aliases"],
                        set(e.get("exact_case", [])),
                    )
                    for n, e in places
                ],
                lambda p: p_rank[p.kind],
            ),
            set(codes.values()),
        )

    def find_actors(self, text: str) -> list[Found[Actor]]:
        """The actors named in ``text``; a leader's forces ("Putin's forces", "Assad's army") are his state's army.
        A name inside a longer place's name ("Port Sudan", "Lake Chad") is the place, not the actor. Cached per text:
        the rules ask it of a sentence many times."""
        return list(self._actors_in(text))

    def _find_actors(self, text: str) -> tuple[Found[Actor], ...]:
        found = self._actors.find(text)
        # (only a state's name is written inside places' names; most texts name none, and skip the place scan)
        places = self._places.find(text) if any(f.entry.kind == "state" for f in found) else []
        return tuple(self._leaders_forces(text, f) or _abbreviated(text, found, f) for f in found
                     if not any(p.start <= f.start and f.end <= p.end and p.end - p.start > f.end - f.start
                                for p in places) and not self._another_body(text, f)
                     and not _OUTLETS_NAME.match(text, f.end))

    @staticmethod
    def _another_body(text: str, f: Found[Actor]) -> bool:
        """A body's common noun written in lower case after a qualifier of another one ("the regional security
        council"); a name after it is still the name ("a local Hezbollah commander")."""
        return text[f.start].islower() and _ANOTHER_BODY.search(text, max(0, f.start - 30), f.start) is not None

    def _leaders_forces(self, text: str, f: Found[Actor]) -> Found[Actor] | None:
        if f.entry.kind != "person" or f.entry.country is None:
            return None
        m = _LEADERS_FORCES.match(text, f.end)
        army = self.army_of(f.entry.country) if m else None
        return Found(f.start, m.end(), army) if m and army else None

    def find_places(self, text: str) -> list[Found[PlaceEntry]]:
        return self._places.find(text)

    def actor(self, name: str) -> Actor | None:
        return self._actors.resolve(name)

    def names_of(self, name: str) -> list[str]:
        """Every name (normalised) the actors' index knows for the actor ``name``."""
        return [k for k, e in self._actors.keys.items() if e.name == name]

    def army_of(self, country: str) -> Actor | None:
        """The state's own armed forces ("Syrian Arab Army", "Israel Defense Forces"), if the gazetteer lists them."""
        forces = sorted({e.name: e for e in self._actors.keys.values()
                         if e.kind == "state_force" and e.country == country}.items())
        return next((e for n, e in forces if re.search(r"\b(?:Army|Armed Forces|Defen[cs]e Forces)\b", n)), None)

    def place(self, name: str) -> PlaceEntry | None:
        return self._places.resolve(name)

    def country_code(self, country: str) -> str | None:
        """ISO 3166-1 alpha-2 code of a country named any way (or of the country of a place or actor)."""
        if country.strip() in self._codes:
            return country.strip()
        p = self.place(country)
        if p is None and (a := self.actor(country)) is not None and a.country is not None:
            p = self.place(a.country)
        return p.country_code if p else None


def _abbreviated(text: str, found: list[Found[Actor]], f: Found[Actor]) -> Found[Actor]:
    """An abbreviation in brackets right after a name is that name's: "the Somali National Army (SNA)" is the
    Somali army, though "SNA" alone is another force's."""
    before = next((b for b in found if b.end < f.start and text[b.end : f.start].strip() == "("
                   and text[f.end : f.end + 1] == ")"), None)
    return Found(f.start, f.end, before.entry) if before is not None else f
