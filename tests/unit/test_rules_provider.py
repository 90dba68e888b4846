"""The rules alone as a provider: no model, no network, the same pipeline and contract."""

from __future__ import annotations

import asyncio

from api.extraction.building import backend_for, build_extractor
from api.extraction.rules.gazetteer import Gazetteer
from api.extraction.rules_only import RulesBackend, vocabulary_label
from api.settings import Settings
from schemas.contract import ExtractRequest

GAZ = Gazetteer.load()
TEXT = ("Gunmen attacked a police checkpoint in Kirkuk on Monday, killing two Iraqi soldiers, the Iraqi military "
        "said. Israeli jets struck a weapons depot near Tyre on Tuesday.")


def test_the_settings_choose_the_rules_provider() -> None:
    """CONFLICT_PROVIDER=rules builds the rules backend: no model file is resolved or loaded."""
    backend = backend_for(Settings(provider="rules"), GAZ)
    assert isinstance(backend, RulesBackend) and backend.provider == "rules"


def test_labels_follow_who_acts_and_the_words() -> None:
    """A group's act is an attack, a state force's a strike, a sentence of neither is none."""
    assert vocabulary_label("Gunmen attacked a police checkpoint in Kirkuk.", GAZ) == "attack"
    assert vocabulary_label("Israeli jets struck a weapons depot near Tyre.", GAZ) == "strike"
    assert vocabulary_label("The road to the border was closed on Monday.", GAZ) == "none"


def test_an_article_is_extracted_without_a_model() -> None:
    """The whole pipeline runs on the rules: events with grounded spans, provider "rules", no model call."""
    extractor = build_extractor(Settings(provider="rules"))
    response = asyncio.run(extractor.extract(ExtractRequest(text=TEXT, published_at="2025-04-02")))
    assert response.meta.provider == "rules" and response.meta.llm_calls == 0
    assert [a.location.name for a in response.attacks if a.location] == ["Kirkuk"]
    assert [s.actor.normalized for s in response.strikes if s.actor] == ["Israel"]
    assert [(c.killed.min, c.killed.max) for c in response.casualty_reports if c.killed] == [(2, 2)]
    for event in [*response.attacks, *response.strikes, *response.casualty_reports]:
        assert all(TEXT[e.start : e.end] == e.text for e in event.evidence)
