"""The kind of a statement, read from its verbs and key phrases (a closed lexicon, first match wins)."""

from __future__ import annotations

import re

from schemas.contract import StatementKind

_RULES: list[tuple[StatementKind, re.Pattern[str]]] = [
    ("denial", re.compile(r"\b(?:den(?:y|ied|ies|ying)|rejected\s+(?:claims|allegations|accusations)|"
                          r"no\s+(?:links?|connection|involvement)|had\s+nothing\s+to\s+do|not\s+involved)\b", re.I)),
    ("condemnation", re.compile(r"\b(?:condemn\w*|denounc\w*|slam\w*|decr(?:y|ied)|criticiz\w*|criticis\w*|"
                                r"violation|aggression|crime|unacceptable|blatant\w*|outrage\w*)\b", re.I)),
    ("demand", re.compile(r"\b(?:call(?:ed|s|ing)?\s+(?:on|for|upon)|urg\w+|demand\w*|must\s+(?:leave|stop|end|"
                          r"withdraw)|appeal\w*)\b", re.I)),
    ("threat", re.compile(r"\b(?:warn\w*|threat\w*|vow\w*|will\s+(?:respond|retaliate|pay|not\s+hesitate)|"
                          r"reciprocal\s+response|consequences|will\s+be\s+met|take\s+necessary\s+measures)\b", re.I)),
    ("justification", re.compile(r"\b(?:aimed\s+at|necessary|in\s+(?:direct\s+)?response|to\s+protect|defen[cs]e|"
                                 r"defend|deter\w*|proportionate|(?:a|the)\s+response\s+to|self-defen[cs]e|justif\w*|retaliat\w*|"
                                 r"to\s+ensure|in\s+order\s+to|at\s+the\s+invitation)\b", re.I)),
]


def statement_kind(sentence: str) -> StatementKind:
    return next((kind for kind, rx in _RULES if rx.search(sentence)), "claim")
