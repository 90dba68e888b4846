"""Build the one model backend the settings ask for.

``provider="local"``: the GGUF file is resolved (an explicit ``model_path``, or the packaged model
assembled into ``model_cache_dir``) and its SHA-256 verified before llama.cpp loads it.
``provider="openai"``: an OpenAI-compatible endpoint; the SDK's own retries are off, the
transport policy owns them. Building may block for seconds (hashing, loading weights): the app
runs it in a worker thread. The whole extractor on a backend is built in ``api.extraction.building``.
"""

from __future__ import annotations

import structlog

from api.extraction.providers.backend import Backend
from api.extraction.providers.connections import http_client
from api.extraction.providers.llama_backend import LocalBackend
from api.extraction.providers.model_files import PACKAGED, resolve_model_path
from api.extraction.providers.openai_backend import OpenAIBackend
from api.extraction.providers.retry_policy import TransportPolicy
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
