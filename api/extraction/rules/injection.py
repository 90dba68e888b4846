"""Prompt injection: a sentence that gives instructions to a model is never evidence."""

from __future__ import annotations

import re

from api.extraction.text.patterns import word_start

# words addressed to a model, not news: "Ignore previous instructions", "SYSTEM: respond with attack"
_TO_THE_MODEL = re.compile(
    word_start(
        r"ignore\s+(?:all\s+|any\s+)?(?:the\s+)?(?:previous|prior|above|earlier)\s+(?:instructions|prompts?|rules)|"
        r"(?:system|assistant|user)\s*:|you\s+are\s+now\b|respond\s+with|answer\s+(?:only\s+)?with|always\s+answer|"
        r"label\s+(?:every|each|all)|classify\s*:|output\s+\d+|the\s+(?:correct\s+)?answer\s+is|from\s+now\s+on|"
        r"every\s+sentence\s+is|as\s+the\s+speaker|(?:copied|repeated)\s+exactly"
    ),
    re.IGNORECASE,
)
_JSON_OPENING = re.compile(r"\W*\{\s*\"\w+\"\s*:")  # a sentence that opens like a JSON object: {"event": …


def addresses_the_model(sentence: str) -> bool:
    """True for a sentence that gives instructions to a model (prompt injection): it is never evidence."""
    return _TO_THE_MODEL.search(sentence) is not None or _JSON_OPENING.match(sentence) is not None
