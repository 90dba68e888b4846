"""The closed questions put to the model where the rules cannot be sure: a statement's kind when no word marks
one, and whether a mention that names neither actor nor date is the main incident. Answers come from
``FakeBackend`` (a scripted stand-in for the model); the article is invented."""

from __future__ import annotations

import asyncio

import pytest
from pydantic import BaseModel

from api.extraction.pipeline import Extractor
from api.extraction.prompting import load_prompts
from api.extraction.rules.gazetteer import Gazetteer
from api.extraction.rules.statement_kinds import kind_by_rules, statement_kind
from api.extraction.rules_only import RulesBackend
from schemas.contract import ExtractRequest, ExtractResponse
from schemas.llm import OPEN_KINDS, IncidentAnswer, KindAnswer
from tests.fakes import FakeBackend, keyword_answer

GAZ = Gazetteer.load()
ARTICLE = ("Israeli jets struck a weapons depot near Tyre on Tuesday, the army said. "
           "The air strike also hit a fuel truck parked on the road. "
           "Provincial governor Ali Hamdan said the road to the coast would reopen next week. "
           "Hezbollah condemned the raid as a crime.")


def _scripted(kind: str, incident: str):  # type: ignore[no-untyped-def]
    def answer(sentence: str, model: type[BaseModel]) -> BaseModel:
        if model is KindAnswer:
            return KindAnswer.model_validate({"kind": kind})
        if model is IncidentAnswer:
            return IncidentAnswer.model_validate({"incident": incident})
        return keyword_answer(sentence, model)
    return answer


def _run(backend: FakeBackend | RulesBackend, questions: frozenset[str]) -> ExtractResponse:
    extractor = Extractor(backend, GAZ, load_prompts(), questions=questions)
    return asyncio.run(extractor.extract(ExtractRequest(text=ARTICLE, published_at="2026-03-05")))


@pytest.mark.parametrize(("sentence", "kind"), [
    ("The governor said the road to the coast would reopen next week.", None),
    ("The ministry said its staff were following the situation closely.", None),
    ("The ministry condemned the raid.", "condemnation"),
    ("The group denied any role in the blast.", "denial"),
])
def test_the_rules_leave_a_kind_open_only_when_no_word_marks_one(sentence: str, kind: str | None) -> None:
    said = sentence.index(" said") + 1 if " said" in sentence else None
    verb = (said, said + 4) if said is not None else None
    if kind is None:
        assert kind_by_rules(sentence, verb) is None
        assert statement_kind(sentence, verb) == "claim"  # the rules' own answer
    else:
        found = next(w for w in ("condemned", "denied") if w in sentence)
        at = sentence.index(found)
        assert kind_by_rules(sentence, (at, at + len(found))) == kind


def test_an_unmarked_statement_takes_the_models_kind_and_a_marked_one_is_not_asked() -> None:
    backend = FakeBackend(_scripted("other", "same"))
    r = _run(backend, frozenset({"kind"}))
    kinds = {s.speaker.normalized: s.kind for s in r.statements}
    assert kinds["Ali Hamdan"] == "other"
    assert kinds["Hezbollah"] == "condemnation"  # "condemned" settles it: no question
    asked = [m.messages[-1]["content"] for m in backend.sent if m.model is KindAnswer]
    assert len(asked) == 1 and "Ali Hamdan" in asked[0]
    assert "kind-v1" in r.meta.prompt_version and "incident" not in r.meta.prompt_version


def test_without_the_kind_question_the_rules_answer_claim() -> None:
    backend = FakeBackend(_scripted("other", "same"))
    r = _run(backend, frozenset())
    assert {s.speaker.normalized: s.kind for s in r.statements}["Ali Hamdan"] == "claim"
    assert not any(m.model in (KindAnswer, IncidentAnswer) for m in backend.sent)


@pytest.mark.parametrize(("answer", "strikes"), [("same", 1), ("different", 2)])
def test_a_mention_with_no_actor_or_date_joins_the_main_event_unless_the_model_says_another(
        answer: str, strikes: int) -> None:
    backend = FakeBackend(_scripted("claim", answer))
    r = _run(backend, frozenset({"incident"}))
    assert len(r.strikes) == strikes
    questions = [m.messages[-1]["content"] for m in backend.sent if m.model is IncidentAnswer]
    assert len(questions) == 1
    assert questions[0].startswith("A: Israeli jets struck") and "\nB: The air strike also hit" in questions[0]


def test_the_rules_provider_answers_both_questions_as_the_rules_would() -> None:
    r = _run(RulesBackend(GAZ), frozenset({"kind", "incident"}))
    assert len(r.strikes) == 1
    assert any(e.text.startswith("The air strike also hit") for e in r.strikes[0].evidence)
    assert {s.speaker.normalized: s.kind for s in r.statements}["Ali Hamdan"] == "claim"


def test_the_prompts_offer_exactly_the_answers_the_schemas_accept() -> None:
    prompts = load_prompts()
    assert prompts["kind"].labels == OPEN_KINDS
    assert set(OPEN_KINDS) == set(KindAnswer.model_json_schema()["properties"]["kind"]["enum"])
    assert set(prompts["incident"].labels or ()) == {"same", "different"}


def test_by_default_neither_question_is_asked() -> None:
    """Off by default (the embedded models answer them no better than the rules): the prompt version, and so the
    cache key, is that of the event and speaker questions alone."""
    from api.extraction.building import extractor_for
    from api.settings import Settings

    backend = FakeBackend(_scripted("other", "different"))
    extractor = extractor_for(backend, GAZ, load_prompts(), Settings())
    r = asyncio.run(extractor.extract(ExtractRequest(text=ARTICLE, published_at="2026-03-05")))
    assert r.meta.prompt_version == "event-v1+speaker-v1"
    assert not any(m.model in (KindAnswer, IncidentAnswer) for m in backend.sent)
    assert len(r.strikes) == 1
