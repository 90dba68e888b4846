"""The events the pipeline would return for a text, with the model's answers given by hand (no backend): the
rules' sentence facts, drafts built from the given labels, then the pipeline's own assembly step."""

from __future__ import annotations

import datetime as dt

from api.extraction.assembly.assemble import assemble
from api.extraction.assembly.drafts import Events, build_drafts
from api.extraction.rules.gazetteer import Gazetteer
from api.extraction.rules.sentence_facts import read_sentences
from api.extraction.text.sentences import rejoin, split_sentences

PUB = dt.date(2023, 3, 9)  # a Thursday
TYPES = {"strike", "attack", "statement", "casualty_report"}


def events_of(text: str, labels: dict[int, str], gaz: Gazetteer, published: dt.date = PUB) -> Events:
    """The article's events as the pipeline assembles them, ``labels`` standing for the model's answer per
    sentence index: drafts, merged, numbered, linked."""
    names = lambda snippet: [(f.start, f.end) for f in gaz.find_actors(snippet)]  # noqa: E731
    facts = read_sentences(rejoin(split_sentences(text), text, names), gaz, text)
    drafts = build_drafts(text, published, gaz, TYPES, facts, dict(labels), {})
    return assemble(drafts, gaz, text)
