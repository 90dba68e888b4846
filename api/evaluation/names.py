"""Name comparison for the evaluation: normalisation, alias groups and token overlap.

Two names match when, once normalised, they are equal, belong to the same alias group
(``data/eval_aliases.yaml``), or the predicted name covers at least 60% of the gold name's tokens.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

ALIASES_PATH = Path(__file__).resolve().parents[2] / "data" / "eval_aliases.yaml"
TOKEN_SHARE = 0.6
"""Share of the gold name's tokens a predicted name must contain to match."""

_DROPPED = re.compile(r"[\"“”()\[\],.]")
_LEADING_ARTICLE = re.compile(r"^(the|a|an) ")
_SPACES = re.compile(r"\s+")
_TOKEN = re.compile(r"[a-z0-9']+")
_STOP_TOKENS = frozenset({"the", "of", "and", "in", "s", "'s"})


def normalize_name(value: object) -> str:
    """Lower-case, NFKC, straight apostrophes, no quotes/brackets/commas/full stops, no leading article."""
    if value is None:
        return ""
    name = unicodedata.normalize("NFKC", str(value)).lower()
    name = name.replace("’", "'").replace("‘", "'")
    name = _LEADING_ARTICLE.sub("", _DROPPED.sub(" ", name).strip())
    return _SPACES.sub(" ", name).strip()


def name_tokens(value: object) -> frozenset[str]:
    """Content tokens of a name (normalised again, as the reference scorer does)."""
    return frozenset(t for t in _TOKEN.findall(normalize_name(value)) if t not in _STOP_TOKENS)


@dataclass(frozen=True)
class AliasTable:
    """Normalised alias -> group number; a name listed in two groups belongs to the later one."""

    group_of_name: Mapping[str, int]

    @classmethod
    def from_groups(cls, groups: Sequence[Sequence[str]]) -> AliasTable:
        table = {normalize_name(alias): number for number, group in enumerate(groups) for alias in group}
        return cls(table)

    def same_group(self, first: str, second: str) -> bool:
        """Whether two normalised names are aliases of each other."""
        group = self.group_of_name.get(first)
        return group is not None and group == self.group_of_name.get(second)


def _read_groups(path: Path) -> list[list[str]]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    groups = data.get("groups") if isinstance(data, dict) else None
    if not isinstance(groups, list) or not all(
        isinstance(group, list) and all(isinstance(alias, str) for alias in group) for group in groups
    ):
        raise ValueError(f"{path}: expected 'groups:' as a list of lists of names")
    return [[str(alias) for alias in group] for group in groups]


@lru_cache(maxsize=4)
def load_aliases(path: Path = ALIASES_PATH) -> AliasTable:
    """The alias table from ``data/eval_aliases.yaml`` (or another file of the same shape)."""
    return AliasTable.from_groups(_read_groups(path))


def _tokens_cover(gold: str, predicted: str) -> bool:
    gold_tokens, predicted_tokens = name_tokens(gold), name_tokens(predicted)
    if not gold_tokens or not predicted_tokens:
        return False
    return len(gold_tokens & predicted_tokens) / len(gold_tokens) >= TOKEN_SHARE


def _same_name(predicted: str, gold: str, aliases: AliasTable) -> bool:
    return predicted == gold or aliases.same_group(predicted, gold) or _tokens_cover(gold, predicted)


def names_match(candidates: Iterable[object], gold: object, aliases: AliasTable) -> bool:
    """Whether any candidate (normalized form, name, text…) names the gold value."""
    gold_name = normalize_name(gold)
    if not gold_name:
        return False
    predicted = (normalize_name(candidate) for candidate in candidates)
    return any(_same_name(name, gold_name, aliases) for name in predicted if name)
