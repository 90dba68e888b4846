"""Stable event ``uid``: a hash of the document and the event's own evidence, not of its position."""

from __future__ import annotations

import asyncio
from typing import Any

from api.enrich.uid import assign_uids
from api.extraction.pipeline import Extractor
from api.extraction.prompting import load_prompts
from api.extraction.rules.gazetteer import Gazetteer
from schemas.contract import ExtractRequest, ExtractResponse
from tests.contract.support import ARTICLE
from tests.fakes import FakeBackend


def _run(text: str = ARTICLE, **fields: Any) -> ExtractResponse:
    extractor = Extractor(FakeBackend(), Gazetteer.load(), load_prompts())
    return asyncio.run(extractor.extract(ExtractRequest(text=text, **fields)))


def _uids(r: ExtractResponse) -> list[str | None]:
    return [e.uid for e in [*r.strikes, *r.attacks, *r.statements, *r.casualty_reports]]


def test_every_event_gets_a_unique_uid() -> None:
    """Each event of a response has a uid, prefixed by its type, and no two are equal."""
    uids = _uids(_run())
    assert len(uids) >= 4 and all(uids)
    assert len(set(uids)) == len(uids)
    assert all(u is not None and u.split("-")[0] in {"strike", "attack", "statement", "casualty"} for u in uids)


def test_uid_is_the_same_across_runs_and_request_fields() -> None:
    """Two runs of the same text give the same uids, whatever the request id, title or anchor date."""
    assert _uids(_run()) == _uids(_run(id="other", title="x", published_at="2024-03-05"))


def test_uid_does_not_depend_on_the_event_position() -> None:
    """Reordering the event lists and renumbering ids leaves each event's uid unchanged."""
    r = _run()
    before = {s.evidence[0].start: s.uid for s in r.statements}
    r.statements.reverse()
    for i, s in enumerate(r.statements, 1):
        s.id, s.uid = f"statement-{i}", None
    assign_uids(r)
    assert {s.evidence[0].start: s.uid for s in r.statements} == before


def test_uid_changes_with_the_document_text() -> None:
    """The same event in another text (one character added at the end) has another uid."""
    assert set(_uids(_run())).isdisjoint(_uids(_run(ARTICLE + " ")))


class _OpenAIFake(FakeBackend):
    """A fake standing in for the OpenAI-compatible backend: another provider and model, the same answers."""

    provider = "openai"


def test_uid_is_the_same_across_backends_that_find_the_same_events() -> None:
    """Two backends (embedded and OpenAI-compatible fakes, other model names) give the same uids."""
    def run(backend: FakeBackend) -> list[str | None]:
        r = asyncio.run(Extractor(backend, Gazetteer.load(), load_prompts()).extract(ExtractRequest(text=ARTICLE)))
        assert r.meta.provider == backend.provider
        return _uids(r)

    assert run(FakeBackend(model_name="qwen2.5-coder-1.5b")) == run(_OpenAIFake(model_name="gpt-x"))
