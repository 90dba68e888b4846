"""The rules alone as a provider (``CONFLICT_PROVIDER=rules``): triage of many articles with no model.

It answers the pipeline's questions without a model: a sentence's event label from who acts and the words
of striking and attacking (``rules.strike_or_attack``), no speaker beyond those the rules name, "claim" for
a statement whose words mark no kind, and "same incident" for a mention that names neither actor nor date. Everything
else (fields, grounding, merging, links) is the same pipeline. Fast and free, and less accurate: its figures
stand beside the models' in docs/quality.md.
"""

from __future__ import annotations

from typing import Literal, TypeVar

from pydantic import BaseModel

from api.extraction.rules.acts import ATTACK_NOUNS, STRIKE_NOUNS, main_clause
from api.extraction.rules.gazetteer import Gazetteer
from api.extraction.rules.strike_or_attack import reconcile
from schemas.llm import EventAnswer, IncidentAnswer, KindAnswer, SpeakerAnswer

T = TypeVar("T", bound=BaseModel)
RULES_VERSION = "rules-1"


def vocabulary_label(sentence: str, gaz: Gazetteer) -> str:
    """Strike, attack or none for a sentence the rules picked: by its words, then by who acts in it."""
    sentence = main_clause(sentence)
    label = "attack" if ATTACK_NOUNS.search(sentence) else "strike" if STRIKE_NOUNS.search(sentence) else "none"
    return reconcile(label, sentence, gaz) if label != "none" else label


class RulesBackend:
    """A ``Backend`` whose answers come from the rules (no model, no network, no call counted)."""

    provider: Literal["local", "openai", "rules"] = "rules"
    model_name = "rules"
    model_identity = f"rules:{RULES_VERSION}"

    def __init__(self, gazetteer: Gazetteer) -> None:
        self._gaz = gazetteer

    async def structured(self, messages: list[dict[str, str]], model: type[T], max_tokens: int) -> T:
        question = messages[-1]["content"]
        sentence = question.rsplit("Sentence: ", 1)[-1]
        if model is EventAnswer:
            return model.model_validate({"event": vocabulary_label(sentence, self._gaz)})
        if model is SpeakerAnswer:
            return model.model_validate({"speaker": "none"})
        if model is KindAnswer:  # no mark of a kind in the words: the rules report an assertion of fact
            return model.model_validate({"kind": "claim"})
        if model is IncidentAnswer:  # a mention that names neither actor nor date: the article's main event
            return model.model_validate({"incident": "same"})
        raise TypeError(f"the rules answer no {model.__name__} question")

    async def ready(self) -> bool:
        return True

    async def aclose(self) -> None:
        return None
