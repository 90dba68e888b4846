"""Build the one model backend the settings ask for.

``provider="local"``: the GGUF file is resolved (an explicit ``model_path``, or the packaged model
assembled into ``model_cache_dir``) and its SHA-256 verified before llama.cpp loads it.
``provider="openai"``: an OpenAI-compatible endpoint; the SDK's own retries are off, the
transport policy owns them. Building may block for seconds (hashing, loading weights): the app
runs it in a worker thread. Command-line tools (``api.batch``, ``api.evaluation``) that extract
in-process get the app's whole extractor from ``build_extractor``.
"""

from __future__ import annotations

import structlog

from api.extraction.backends import Backend, LocalBackend, OpenAIBackend
from api.extraction.gazetteer import Gazetteer
from api.extraction.http_client import http_client
from api.extraction.model_files import PACKAGED, resolve_model_path
from api.extraction.pipeline import Extractor
from api.extraction.prompting import Prompt, load_prompts
from api.extraction.transport import TransportPolicy
from api.settings import Settings

log = structlog.get_logger("app")


def transport_policy(settings: Settings) -> TransportPolicy:
    """Retry policy for model calls; ``testing`` turns the backoff waits off."""
    return TransportPolicy(
        retries=settings.transport_retries,
        retry_after_max_s=settings.retry_after_max_s,
        backoff_base_s=0.0 if settings.testing else 0.5,
    )


def build_local(settings: Settings) -> LocalBackend:
    if settings.model_path is not None:
        name = settings.model_path.stem
        expected = settings.model_sha256
    else:
        name = settings.local_model
        expected = PACKAGED[settings.local_model].sha256
    path = resolve_model_path(settings.local_model, settings.model_cache_dir, settings.model_path,
                              settings.model_sha256)
    log.info("backend.loading", provider="local", model=name, verified=expected is not None)
    return LocalBackend(
        model_path=str(path), model_name=name, model_sha256=expected or "unverified",
        n_ctx=settings.n_ctx, n_threads=settings.n_threads, reasks=settings.reasks,
        policy=transport_policy(settings), extra_bufts=settings.llama_repack,
        jump_forward=settings.jump_forward,
    )


def build_openai(settings: Settings) -> OpenAIBackend:
    log.info("backend.loading", provider="openai", model=settings.openai_model, mode=settings.instructor_mode)
    return OpenAIBackend(
        base_url=settings.openai_base_url, api_key=settings.openai_api_key.get_secret_value(),
        model=settings.openai_model, mode=settings.instructor_mode, timeout_s=settings.llm_timeout_s,
        reasks=settings.reasks, policy=transport_policy(settings),
        http_client=http_client(settings.openai_transport),
    )


def build_backend(settings: Settings) -> Backend:
    """The backend ``settings.provider`` names; raises ``ModelFileError`` for a missing or bad model file."""
    if settings.provider == "local":
        return build_local(settings)
    return build_openai(settings)


def extractor_for(backend: Backend, gazetteer: Gazetteer, prompts: dict[str, Prompt],
                  settings: Settings) -> Extractor:
    """The pipeline on ``backend`` with the settings' limits, as the app builds it."""
    return Extractor(backend, gazetteer, prompts, max_tokens=settings.max_tokens,
                     parallel_calls=settings.parallel_calls)


def build_extractor(settings: Settings) -> Extractor:
    """The app's extractor outside the app: backend, gazetteer and prompts; close ``.backend`` after use."""
    gazetteer, prompts = Gazetteer.load(), load_prompts()  # a broken data or prompt file fails first
    return extractor_for(build_backend(settings), gazetteer, prompts, settings)
