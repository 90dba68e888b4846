"""Event confidence: the signal class of each event, and its calibrated value from the table."""

from __future__ import annotations

import asyncio

from api.enrich.confidence import confidence_of, signal_class, table
from api.extraction.pipeline import Extractor
from api.extraction.prompting import load_prompts
from api.extraction.rules.gazetteer import Gazetteer
from api.extraction.rules.sentence_facts import read_sentences
from api.extraction.text.sentences import split_sentences
from schemas.contract import ExtractRequest, Strike
from tests.contract.support import ARTICLE
from tests.fakes import FakeBackend

MODEL = {"strike": {"prior": 0.8, "classes": {"agree|one": 0.9, "disagree|one": 0.4}}}


def _facts():  # type: ignore[no-untyped-def]
    return read_sentences(split_sentences(ARTICLE), Gazetteer.load())


def _strike() -> Strike:
    r = asyncio.run(Extractor(FakeBackend(), Gazetteer.load(), load_prompts()).extract(ExtractRequest(text=ARTICLE)))
    return r.strikes[0]


def test_strike_class_follows_the_model_label_of_its_sentence() -> None:
    """A strike whose sentence the model labelled "strike" agrees; labelled "attack" it disagrees."""
    strike, facts = _strike(), _facts()
    first = next(f.sentence.index for f in facts if f.sentence.start <= strike.evidence[0].start < f.sentence.end)
    assert signal_class(strike, facts, {first: "strike"}, {}) == ("strike", f"agree|{_many(strike)}")
    assert signal_class(strike, facts, {first: "attack"}, {}) == ("strike", f"disagree|{_many(strike)}")


def _many(ev: Strike) -> str:
    return "several" if len(ev.evidence) > 1 else "one"


def test_confidence_is_the_class_value_else_the_type_prior() -> None:
    """A known class gets its own value, an unknown class its type's prior, an unknown type None."""
    assert confidence_of("strike", "agree|one", MODEL) == 0.9
    assert confidence_of("strike", "agree|several", MODEL) == 0.8
    assert confidence_of("attack", "agree|one", MODEL) is None


def test_every_event_gets_a_confidence_in_the_unit_interval() -> None:
    """With the shipped table, every event of an extraction has a confidence between 0 and 1."""
    assert table(), "data/confidence.yaml is shipped"
    r = asyncio.run(Extractor(FakeBackend(), Gazetteer.load(), load_prompts()).extract(ExtractRequest(text=ARTICLE)))
    events = [*r.strikes, *r.attacks, *r.statements, *r.casualty_reports]
    assert events and all(e.confidence is not None and 0 <= e.confidence <= 1 for e in events)
