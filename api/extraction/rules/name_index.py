"""Finding known names in text: each alias written as a regex that forgives case, accents, separators and
possessives, all aliases folded into one trie, and a lookup key under which spellings of one name agree."""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from rapidfuzz import fuzz, process

from api.extraction.words import WORDS

T = TypeVar("T")
FUZZY_CUTOFF = 88.0
_Q, _D = "'’‘ʼ`´", "-‐‑‒–—"
_SEP, _HYP, _APOS, _POSS = rf"[\s{re.escape(_D)}]+", rf"[\s{re.escape(_D)}]*", f"[{_Q}]?", f"(?:[{_Q}]s)?"
_STOP = frozenset(WORDS.stop_words)  # data/words.yaml


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
def key(s: str) -> str:
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


class NameIndex(Generic[T]):
    """The aliases of one kind of entry (actors or places): found in text, or resolved from a free-text name."""

    def __init__(self, entries: list[tuple[T, str, list[str], set[str]]], rank: Callable[[T], int]) -> None:
        self.keys: dict[str, T] = {}
        owner: dict[str, str] = {}
        for entry, name, aliases, _exact in entries:
            for alias in [name, *aliases]:
                k = key(alias)
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
        hits = ((m, self.keys.get(key(m.group()))) for m in self.pattern.finditer(text))
        return tuple(Found(m.start(), m.end(), e) for m, e in hits if e is not None)

    def find(self, text: str) -> list[Found[T]]:
        """Every mention in the text, in order (a new list: the cached answer is a tuple)."""
        return list(self._found(text))

    def resolve(self, name: str) -> T | None:
        """Exact alias, else the most specific mention inside, competing with a fuzzy match of the rest."""
        return self._resolved(name)

    def _resolve(self, name: str) -> T | None:
        if (hit := self.keys.get(key(name))) is not None:
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
