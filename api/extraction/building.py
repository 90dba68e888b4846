"""The one place an ``Extractor`` is built: the app, the command-line tools and the benchmark all come here.

Command-line tools (``api.batch``, ``api.evaluation``) that extract in-process get the app's whole
extractor from ``build_extractor``; the app attaches its backend with ``extractor_for``.
"""

from __future__ import annotations

from api.extraction.pipeline import Extractor
from api.extraction.prompting import Prompt, load_prompts
from api.extraction.providers.backend import Backend
from api.extraction.providers.factory import build_backend
from api.extraction.rules.gazetteer import Gazetteer
from api.extraction.rules_only import RulesBackend
from api.settings import Settings


def backend_for(settings: Settings, gazetteer: Gazetteer) -> Backend:
    """The backend the settings name: a model (``local``, ``openai``) or the rules alone (``rules``)."""
    return RulesBackend(gazetteer) if settings.provider == "rules" else build_backend(settings)


def extractor_for(backend: Backend, gazetteer: Gazetteer, prompts: dict[str, Prompt],
                  settings: Settings) -> Extractor:
    """The pipeline on ``backend`` with the settings' limits, as the app builds it."""
    return Extractor(backend, gazetteer, prompts, max_tokens=settings.max_tokens,
                     parallel_calls=settings.parallel_calls, questions=frozenset(settings.model_questions))


def build_extractor(settings: Settings) -> Extractor:
    """The app's extractor outside the app: backend, gazetteer and prompts; close ``.backend`` after use."""
    gazetteer, prompts = Gazetteer.load(), load_prompts()  # a broken data or prompt file fails first
    return extractor_for(backend_for(settings, gazetteer), gazetteer, prompts, settings)
