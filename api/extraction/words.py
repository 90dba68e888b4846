"""The word lists of the rules (``data/words.yaml``), read and checked once, when the rules are first imported.

A list is data: which words count as speech, as a kind of statement, as a casualty, as a title. The patterns
that put a list in context (word boundaries, what may come before or after) stay in the rule's code. A
broken file fails the start-up with a ``WordListError`` that names the file, the section and the entry.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal, get_args

import yaml

from api.extraction.text.patterns import alternatives
from schemas.contract import StatementKind

StrikeWeapon = Literal["airstrike", "drone", "missile", "artillery", "rocket", "ground_raid", "other"]
AttackWeapon = Literal["drone", "rocket", "missile", "ied", "gunfire", "other"]

WORDS_FILE = Path(__file__).resolve().parents[2] / "data" / "words.yaml"
# the calendar's names: fixed English, not a list to tune (capitalised words that are never a name or a place)
DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")
_STATEMENT_KINDS: tuple[str, ...] = get_args(StatementKind)
_WORD = re.compile(r"[^\W\d_][\w'’.-]*")  # one written word, for the lists compared word by word


class WordListError(ValueError):
    """A word list that cannot be used; the message names the file, the section and the entry."""


@dataclass(frozen=True, slots=True)
class Words:
    """Every list in the file's order (the order in which a rule tries its alternatives)."""

    speech_verbs: tuple[str, ...]
    statement_verbs: dict[StatementKind, tuple[str, ...]]  # the stem a verb of speech starts with, by kind
    statement_cues: dict[StatementKind, tuple[str, ...]]  # the words that mark each kind
    target_nouns: tuple[str, ...]  # what a weapon word names when one of them follows it ("drone storage sites")
    strike_weapons: dict[str, tuple[str, ...]]  # kind → alternatives, "{not_target}" where the guard goes
    attack_weapons: dict[str, tuple[str, ...]]
    alleged: tuple[str, ...]
    killed: tuple[str, ...]
    injured: tuple[str, ...]
    titles: tuple[str, ...]
    not_names: tuple[str, ...]
    not_places: tuple[str, ...]  # capitalised words after "in" that name no town
    stop_words: tuple[str, ...]
    diplomacy: tuple[str, ...]  # words of diplomacy, trade and politics
    conflict: tuple[str, ...]  # words of the armed conflict


def alternation(words: tuple[str, ...]) -> str:
    """The entries as one regex alternation, in their order."""
    return "|".join(words)


def _section(raw: Any, path: str, where: Path) -> Any:
    node = raw
    for key in path.split("."):
        if not isinstance(node, dict) or key not in node:
            raise WordListError(f"{where}: section {path!r} is missing")
        node = node[key]
    return node


def _entries(raw: Any, path: str, where: Path, *, words: bool = False) -> tuple[str, ...]:
    """A list of regex alternatives (or, with ``words``, of single words), each checked."""
    node = _section(raw, path, where)
    if not isinstance(node, list) or not node:
        raise WordListError(f"{where}: {path} must be a non-empty list")
    seen: set[str] = set()
    for i, entry in enumerate(node):
        at = f"{where}: {path}[{i}] {entry!r}"
        if not isinstance(entry, str) or not entry or entry != entry.strip():
            raise WordListError(f"{at}: an entry is a non-empty string without spaces around it")
        if entry in seen:
            raise WordListError(f"{at}: repeated")
        seen.add(entry)
        if words and not _WORD.fullmatch(entry):
            raise WordListError(f"{at}: one word expected")
        try:
            re.compile(entry)
            one = len(alternatives(entry)) == 1
        except (re.error, ValueError) as exc:
            raise WordListError(f"{at}: not a valid regular expression ({exc})") from None
        if not one:
            raise WordListError(f"{at}: one alternative per entry (no top-level '|')")
    return tuple(node)


def _by_kind(raw: Any, path: str, where: Path, kinds: tuple[str, ...], what: str) -> dict[Any, tuple[str, ...]]:
    """A mapping of ``kinds`` (a subset, in the file's order) to checked lists."""
    node = _section(raw, path, where)
    if not isinstance(node, dict) or not node:
        raise WordListError(f"{where}: {path} must map {what}s to lists")
    unknown = [k for k in node if k not in kinds]
    if unknown:
        raise WordListError(f"{where}: {path}: {unknown[0]!r} is not a {what} (one of {', '.join(kinds)})")
    return {k: _entries(raw, f"{path}.{k}", where) for k in node}


def load_words(path: Path = WORDS_FILE) -> Words:
    """Read and check the word lists; ``WordListError`` for a file that is missing, not YAML or incomplete."""
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise WordListError(f"{path}: cannot be read as YAML ({exc})") from None
    extra = sorted(set(raw) - set(_SECTIONS)) if isinstance(raw, dict) else []
    if extra:
        raise WordListError(f"{path}: unknown section {extra[0]!r}")
    return Words(
        speech_verbs=_entries(raw, "speech_verbs", path),
        statement_verbs=_by_kind(raw, "statement_kinds.verbs", path, _STATEMENT_KINDS, "statement kind"),
        statement_cues=_by_kind(raw, "statement_kinds.cues", path, _STATEMENT_KINDS, "statement kind"),
        target_nouns=_entries(raw, "weapons.target_nouns", path),
        strike_weapons=_by_kind(raw, "weapons.strike", path, get_args(StrikeWeapon), "weapon kind"),
        attack_weapons=_by_kind(raw, "weapons.attack", path, get_args(AttackWeapon), "weapon kind"),
        alleged=_entries(raw, "attribution.alleged", path),
        killed=_entries(raw, "casualties.killed", path),
        injured=_entries(raw, "casualties.injured", path),
        titles=_entries(raw, "titles", path),
        not_names=_entries(raw, "not_names", path, words=True),
        not_places=_entries(raw, "not_places", path, words=True),
        stop_words=_entries(raw, "stop_words", path, words=True),
        diplomacy=_entries(raw, "topics.diplomacy", path),
        conflict=_entries(raw, "topics.conflict", path),
    )


_SECTIONS = ("speech_verbs", "statement_kinds", "weapons", "attribution", "casualties", "titles", "not_names",
             "not_places", "stop_words", "topics")
WORDS = load_words()
