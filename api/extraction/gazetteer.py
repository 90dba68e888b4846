"""Curated gazetteer (data/actors.yaml, data/places.yaml): find mentions in text, canonicalise free-text names."""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Generic, TypeVar

import yaml
from rapidfuzz import fuzz, process

T = TypeVar("T")
ACTOR_KINDS = ("person", "armed_group", "state_force", "organization", "media", "state")  # most specific first
PLACE_KINDS = ("site", "city", "province", "region", "sea", "country")
DATA_DIR = Path(__file__).resolve().parents[2] / "data"
FUZZY_CUTOFF = 88.0
_Q, _D = "'’‘ʼ`´", "-‐‑‒–—"
_SEP, _HYP, _APOS, _POSS = rf"[\s{re.escape(_D)}]+", rf"[\s{re.escape(_D)}]*", f"[{_Q}]?", f"(?:[{_Q}]s)?"
_STOP = frozenset(
    [
        "the",
        "a",
        "an",
        "of",
        "in",
        "on",
        "at",
        "near",
        "by",
        "from",
        "for",
        "and",
        "col",
        "colonel",
        "gen",
        "general",
        "lt",
        "maj",
        "brig",
        "adm",
        "admiral",
        "capt",
        "cmdr",
        "sgt",
        "mr",
        "mrs",
        "ms",
        "dr",
        "sheikh",
        "sayyed",
        "sayyid",
        "president",
        "prime",
        "minister",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "secretary",
        "commander",
        "chief",
        "leader",
        "deputy",
        "senior",
        "official",
        "officials",
        "press",
        "head",
        "director",
        "military",
        "foreign",
        "defense",
        "defence",
        "affairs",
        "ministry",
        "media",
        "office",
        "town",
        "city",
        "village",
        "province",
        "governorate",
        "area",
        "district",
        "countryside",
        "outskirts",
        "eastern",
        "western",
        "northern",
        "southern",
        "central",
        "east",
        "west",
        "north",
        "south",
        "outside",
        "region",
    ]
)


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


@dataclass(frozen=True, slots=True)
class Found(Generic[T]):
    start: int
    end: int
    entry: T


class GazetteerError(ValueError):
    """A data file is malformed; the message names the file and the entry."""


_POSSESSIVE = re.compile(f"[{_Q}]s(?!\\w)")
_LEADING_THE = re.compile(r"^\W*the(?!\w)")
CACHE_SIZE = 4096  # per cache: sentences, parts of sentences and names seen recently


def _norm(s: str) -> str:
    s = "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c)).casefold()
    return _POSSESSIVE.sub("", s)


@functools.lru_cache(maxsize=CACHE_SIZE)
def _key(s: str) -> str:
    """Lookup key: case, accents, punctuation, separators, possessive 's and a leading 'the' do not count.
    Cached: the same names recur in every article."""
    return "".join(c for c in _LEADING_THE.sub("", _norm(s)) if c.isalnum())


def _units(alias: str, exact: bool) -> list[str]:
    """Regex pieces of one alias; short all-caps tokens (US, U.S., KH) and `exact` aliases keep their case."""
    out: list[str] = []
    alias = re.sub(r"\b(?:[A-Z]\.){2,}", lambda m: m.group().replace(".", ""), alias)
    for t in re.findall(rf"\w+|[{_Q}]s(?!\w)|.", alias):
        if t[0].isalnum() or t[0] == "_":
            mixed = any(c.isupper() for c in t[1:]) and any(c.islower() for c in t)  # LeT, DoD, JeM
            if exact or mixed or (t.isupper() and len(t) <= 3 and not t.isalpha()):
                out += [re.escape(c) for c in t]
            elif t.isupper() and len(t) <= 3:
                out.append(t if len(t) == 1 else f"(?:{t}|{'.'.join(t)}.)".replace(".", r"\."))
            else:
                out += [
                    f"[{c}{c.upper()}]" if c.upper() != c and len(c.upper()) == 1 else re.escape(c) for c in t.lower()
                ]
        elif t.isspace() or t in _D:
            piece = _SEP if t.isspace() else _HYP
            if out and out[-1] in (_SEP, _HYP):
                out[-1], piece = _SEP, ""
            out += [piece] if piece else []
        else:
            out.append(_POSS if len(t) == 2 else _APOS if t in _Q else re.escape(t))
    return out


def _trie(alternatives: list[list[str]]) -> str:
    root: dict[str, Any] = {}
    for units in alternatives:
        node = root
        for u in units:
            node = node.setdefault(u, {})
        node[""] = {}

    def emit(node: dict[str, Any]) -> str:
        alts, end = [u + emit(child) for u, child in node.items() if u], "" in node
        if not alts:
            return ""
        return f"(?:{'|'.join(alts)})?" if end else alts[0] if len(alts) == 1 else f"(?:{'|'.join(alts)})"

    return emit(root)


class _Index(Generic[T]):
    def __init__(self, entries: list[tuple[T, str, list[str], set[str]]], rank: Callable[[T], int]) -> None:
        self.keys: dict[str, T] = {}
        owner: dict[str, str] = {}
        for entry, name, aliases, _exact in entries:
            for alias in [name, *aliases]:
                k = _key(alias)
                if owner.setdefault(k, name) != name:
                    raise GazetteerError(f"alias {alias!r} of entry {name!r} is also an alias of {owner[k]!r}")
                self.keys[k] = entry
        # longest aliases first, in a stable order: at each branch of the trie the regex tries the
        # longer name before a shorter one that shares its start ("al-Qaida in the Arabian Peninsula")
        pairs = [(a, exact) for _, n, al, exact in entries for a in dict.fromkeys([n, *al])]
        pairs.sort(key=lambda pair: (-len(pair[0]), pair[0]))
        units = [_units(a, a in exact) for a, exact in pairs]
        self.pattern = re.compile(rf"(?<!\w)(?:{_trie(units)})(?!\w)")
        self.key_list, self.rank = list(self.keys), rank
        # the rules look up the same sentence (and the same names) several times: answers are remembered
        self._found = functools.lru_cache(maxsize=CACHE_SIZE)(self._scan)
        self._resolved = functools.lru_cache(maxsize=CACHE_SIZE)(self._resolve)

    def _scan(self, text: str) -> tuple[Found[T], ...]:
        hits = ((m, self.keys.get(_key(m.group()))) for m in self.pattern.finditer(text))
        return tuple(Found(m.start(), m.end(), e) for m, e in hits if e is not None)

    def find(self, text: str) -> list[Found[T]]:
        """Every mention in the text, in order (a new list: the cached answer is a tuple)."""
        return list(self._found(text))

    def resolve(self, name: str) -> T | None:
        """Exact alias, else the most specific mention inside, competing with a fuzzy match of the rest."""
        return self._resolved(name)

    def _resolve(self, name: str) -> T | None:
        if (hit := self.keys.get(_key(name))) is not None:
            return hit
        found, rest = self.find(name), name
        cands = [(f.entry, f.start) for f in found]
        for f in found:
            rest = rest[: f.start] + " " * (f.end - f.start) + rest[f.end :]
        query = "".join(w for w in re.findall(r"[^\W_]+", _norm(rest)) if w not in _STOP)
        if len(query) >= 5 and (
            m := process.extractOne(query, self.key_list, scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF)
        ):
            cands.append((self.keys[m[0]], len(name)))
        return min(cands, key=lambda c: (self.rank(c[0]), c[1]))[0] if cands else None


def _problems(e: dict[str, Any], kinds: tuple[str, ...], fields: set[str]) -> list[str]:
    al, ex = e.get("aliases"), e.get("exact_case", [])
    checks = {
        f"unknown keys {sorted(set(e) - fields)}": bool(set(e) - fields),
        "name must be a non-empty string": not (isinstance(e.get("name"), str) and _key(e["name"])),
        f"kind {e.get('kind')!r} is not one of {', '.join(kinds)}": e.get("kind") not in kinds,
        "aliases must be a non-empty list of strings with letters or digits": not (
            isinstance(al, list) and al and all(isinstance(a, str) and _key(a) for a in al)
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


class Gazetteer:
    """Actors and places of the Middle East conflict domain; build once with `load` and share."""

    def __init__(self, actors: _Index[Actor], places: _Index[PlaceEntry], codes: set[str]) -> None:
        self._actors, self._places, self._codes = actors, places, codes

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
            _Index(
                [
                    (Actor(n, e["kind"], e.get("country"), e.get("org")), n, e["aliases"], set(e.get("exact_case", [])))
                    for n, e in actors
                ],
                lambda a: a_rank[a.kind] + 10 * (a.name in generic),
            ),
            _Index(
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
        return self._actors.find(text)

    def find_places(self, text: str) -> list[Found[PlaceEntry]]:
        return self._places.find(text)

    def actor(self, name: str) -> Actor | None:
        return self._actors.resolve(name)

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
