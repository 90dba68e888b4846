"""Which answers the embedded model may read where the label starts (``closed_choice``)."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel

from api.extraction.providers.instructor_backend import answer_model, llama_response_format
from api.extraction.providers.llama_shortcuts import closed_choice
from schemas.llm import EventAnswer, SpeakerAnswer


def _kwargs(model: type[BaseModel], temperature: float = 0.0) -> dict[str, Any]:
    schema = answer_model(model).model_json_schema()
    return llama_response_format({"temperature": temperature, "response_format": {
        "type": "json_schema", "json_schema": {"name": model.__name__, "schema": schema}}})


class _Two(BaseModel):
    event: Literal["strike", "attack"]
    sure: bool


class _One(BaseModel):
    only: Literal["yes"]


def test_the_event_question_is_a_closed_choice() -> None:
    assert closed_choice(_kwargs(EventAnswer)) == ("event", ("strike", "attack", "none"))


def test_free_text_several_fields_a_single_label_or_sampling_are_decoded() -> None:
    assert closed_choice(_kwargs(SpeakerAnswer)) is None  # a name, not a label
    assert closed_choice(_kwargs(_Two)) is None  # a second field follows the label
    assert closed_choice(_kwargs(_One)) is None  # nothing to choose
    assert closed_choice(_kwargs(EventAnswer, temperature=0.7)) is None  # sampling, not the greedy choice
    assert closed_choice({"temperature": 0.0}) is None  # no grammar at all
    assert closed_choice({"temperature": 0.0, "response_format": {"type": "json_object"}}) is None
