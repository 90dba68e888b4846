"""Invented, news-like articles of a given length for the benchmark (no real event is described).

Sentences rotate through strikes, attacks, statements with quotes, casualty counts and filler;
places, actors, numbers, days and distances are drawn from a seeded generator, so every rule of
the pipeline has work to do and sentences practically never repeat (per-sentence caches of the
pipeline do not flatter a long article). The same ``start`` gives the same article.
"""

from __future__ import annotations

import itertools
import random
from collections.abc import Iterator

PLACES = ["Deir ez-Zor", "Nabatieh", "Erbil", "Hodeidah", "Tyre", "Mayadin", "Sanaa", "Kirkuk", "Homs", "Marib",
          "Idlib", "Aden", "Mosul", "Albu Kamal", "Sidon"]
STATES = ["Israeli", "US", "Iranian", "Turkish", "Saudi-led coalition", "Russian", "Iraqi", "Syrian"]
GROUPS = ["Hezbollah", "the Houthis", "Islamic State", "Kataib Hezbollah", "an Iran-backed militia", "Hamas"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
NUMBERS = ["three", "at least six", "more than 30", "dozens of", "two", "several", "11", "at least four"]

TEMPLATES = [
    "{state} warplanes struck a weapons depot {km} kilometres from {place} on {day}, military officials said.",
    "Residents said the air strikes hit a building used by {group} on the outskirts of {place} at {hour} a.m.",
    "{group} fired {k} rockets at an army post near {place} late on {day}, a spokesman said.",
    "The health ministry said {number} people were killed and {number2} wounded in the attack on {place}.",
    "“We will respond at a time and place of our choosing,” a {group} commander told {k} reporters in {place}.",
    "The {state} foreign ministry condemned the strike on {place}, its {k}th statement this year.",
    "A drone attack on a convoy near {place} on {day} wounded {number} soldiers, officials said.",
    "Gunmen opened fire on a checkpoint in {place}, killing {number} members of the security forces.",
    "Witnesses described a column of smoke rising {km} kilometres over {place} after the explosions.",
    "The {state} military said the operation on {day} targeted {k} command centres and ammunition stores.",
    "Local officials said power and water were cut across parts of {place} for {hour} hours.",
    "Aid agencies warned that the fighting had displaced {k}00 families around {place}.",
    "No group immediately claimed the roadside bomb that hit a bus {km} kilometres from {place}.",
    "The United Nations called on all sides in {place} to exercise restraint, its {k}th appeal.",
    "Analysts said the exchange on {day} was the most serious near {place} in {hour} months.",
    "A spokesman for {group} denied any involvement in the {place} blast and accused its rivals of lying.",
]


def sentences(start: int = 0) -> Iterator[str]:
    """An endless stream of sentences, from sentence number ``start``."""
    for i in itertools.count(start):
        pick = random.Random(i).choice  # noqa: S311 (test data, not security)
        yield TEMPLATES[i % len(TEMPLATES)].format(
            state=pick(STATES), place=pick(PLACES), day=pick(DAYS), group=pick(GROUPS), number=pick(NUMBERS),
            number2=pick(NUMBERS), k=pick(range(2, 400)), km=pick(range(2, 90)), hour=pick(range(2, 12)),
        )


def article(chars: int, start: int = 0) -> str:
    """An article of about ``chars`` characters (whole sentences, paragraphs of four), never longer."""
    parts: list[str] = []
    size = 0
    for n, sentence in enumerate(sentences(start)):
        sep = "" if n == 0 else ("\n\n" if n % 4 == 0 else " ")
        if size + len(sep) + len(sentence) > chars:
            break
        parts.append(sep + sentence)
        size += len(sep) + len(sentence)
    return "".join(parts)
