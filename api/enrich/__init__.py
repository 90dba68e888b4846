"""Analyst-facing fields added to a finished extraction: document facts, language, stable event ids,
places on the map, typed actors, confidence.

``enrich`` runs once per extraction, after the events are assembled, and only adds optional fields of
contract v1; it never changes what the pipeline extracted.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from api.enrich.actors import enrich_actors
from api.enrich.confidence import assign_confidence
from api.enrich.places import enrich_places
from api.enrich.uid import assign_uids
from schemas.contract import ExtractRequest, ExtractResponse

if TYPE_CHECKING:
    from api.extraction.rules.sentence_facts import SentenceFacts


@dataclass(frozen=True, slots=True)
class Signals:
    """What the pipeline knew while extracting: the language, each sentence's facts and the model's answers."""

    language: str | None
    facts: Sequence[SentenceFacts] = ()
    labels: Mapping[int, str | None] = field(default_factory=dict)
    speakers: Mapping[int, str | None] = field(default_factory=dict)


def enrich(response: ExtractResponse, req: ExtractRequest, signals: Signals) -> ExtractResponse:
    """The response with document source, url, title and language; each event's uid and confidence; places
    with coordinates and precision codes; typed actors."""
    response.document = response.document.model_copy(
        update={"source": req.source, "url": req.url, "title": req.title, "language": signals.language})
    assign_uids(response)
    enrich_places(req.text, response)
    enrich_actors(response)
    assign_confidence(response, signals)
    return response


__all__ = ["Signals", "enrich"]
