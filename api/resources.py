"""What one app instance holds for its lifetime, created in the lifespan and kept on ``app.state``.

Gazetteer and prompts load before the app accepts requests, so a broken data or prompt file fails
start-up. The model backend, unless one was injected, is built in a worker thread in the
background: ``/healthz`` answers at once, ``/readyz`` and ``/v1/extract`` say 503 until it is up
(or for good, with the reason, if building it failed).
"""

from __future__ import annotations

import asyncio
import contextlib
import signal
from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from dataclasses import dataclass, field
from types import FrameType

import structlog
from litestar import Litestar

from api.admission import Admission
from api.cache import ResponseCache, build_cache
from api.errors import AppError, Busy, ModelFileError
from api.extraction.building import backend_for, extractor_for
from api.extraction.pipeline import Extractor
from api.extraction.prompting import Prompt, load_prompts
from api.extraction.providers.backend import Backend
from api.extraction.rules.gazetteer import Gazetteer
from api.metrics import Metrics, metrics_of
from api.settings import Settings

log = structlog.get_logger("app")
LOADING_RETRY_AFTER_S = 10
DRAIN_MARGIN_S = 2.0


def _chain_sigterm(on_term: Callable[[], None]) -> None:
    """Run ``on_term`` on the event loop when SIGTERM arrives, then the handler that was there (uvicorn's).

    Only possible in the main thread (uvicorn's case); elsewhere (test clients) nothing is installed."""
    loop = asyncio.get_running_loop()
    previous = signal.getsignal(signal.SIGTERM)

    def handler(signum: int, frame: FrameType | None) -> None:
        loop.call_soon_threadsafe(on_term)
        if callable(previous):
            previous(signum, frame)

    with contextlib.suppress(ValueError):  # not the main thread
        signal.signal(signal.SIGTERM, handler)


@dataclass
class Resources:
    settings: Settings
    gazetteer: Gazetteer
    prompts: dict[str, Prompt]
    admission: Admission
    metrics: Metrics = field(default_factory=Metrics)
    cache: ResponseCache | None = None
    backend: Backend | None = None
    extractor: Extractor | None = None
    backend_error: AppError | None = None
    owns_backend: bool = False
    _build: asyncio.Task[None] | None = field(default=None, repr=False)
    in_flight: set[asyncio.Timeout] = field(default_factory=set, repr=False)
    cut_off: bool = False

    def start_draining(self) -> None:
        """SIGTERM: the server stops accepting and waits ``shutdown_grace_s`` for requests in flight; any
        extraction still running 2 s before that ends stops (its deadline moved to now), so its client gets a
        503 problem document with Retry-After rather than the server's plain-text 500."""
        loop = asyncio.get_running_loop()
        log.info("app.draining", in_flight=len(self.in_flight), grace_s=self.settings.shutdown_grace_s)
        loop.call_later(max(0.0, self.settings.shutdown_grace_s - DRAIN_MARGIN_S), self._cut_off)

    def _cut_off(self) -> None:
        self.cut_off = True
        now = asyncio.get_running_loop().time()
        for deadline in list(self.in_flight):
            deadline.reschedule(now)

    def attach(self, backend: Backend) -> None:
        self.backend = backend
        self.extractor = extractor_for(backend, self.gazetteer, self.prompts, self.settings)

    def start_build(self) -> None:
        self.owns_backend = True
        self._build = asyncio.create_task(self._build_backend(), name="build-backend")

    async def _build_backend(self) -> None:
        try:
            backend = await asyncio.to_thread(backend_for, self.settings, self.gazetteer)
        except AppError as exc:
            self.backend_error = exc
            log.error("backend.failed", error=type(exc).__name__, detail=exc.detail)
            return
        except Exception as exc:
            self.backend_error = ModelFileError("the model backend could not be started")
            log.error("backend.failed", error=type(exc).__name__)
            return
        self.attach(backend)
        log.info("backend.ready", provider=backend.provider, model=backend.model_name)

    def require_extractor(self) -> Extractor:
        """The extractor, or the 503 that says why there is none yet."""
        if self.extractor is not None:
            return self.extractor
        if self.backend_error is not None:
            raise self.backend_error
        raise Busy("the model is still loading", retry_after=LOADING_RETRY_AFTER_S)

    async def check_ready(self) -> Backend:
        """The backend if it is built and says it is ready; otherwise raise a 503 error."""
        self.require_extractor()
        assert self.backend is not None
        try:
            ready = await self.backend.ready()
        except AppError:
            raise
        except Exception:
            ready = False
        if not ready:
            raise Busy("the model backend is not ready", retry_after=LOADING_RETRY_AFTER_S)
        return self.backend

    async def close(self) -> None:
        if self._build is not None and not self._build.done():
            self._build.cancel()
        if self.owns_backend and self.backend is not None:
            await self.backend.aclose()
        if self.cache is not None:
            await self.cache.aclose()


def resources(app: Litestar) -> Resources:
    res = app.state.get("resources")
    if not isinstance(res, Resources):
        raise Busy("the service is starting", retry_after=1)
    return res


Lifespan = Callable[[Litestar], AbstractAsyncContextManager[None]]


def lifespan(settings: Settings, backend: Backend | None) -> Lifespan:
    """The app's lifespan: load data, start (or attach) the backend, close what it built on the way out."""

    @asynccontextmanager
    async def run(app: Litestar) -> AsyncIterator[None]:
        gazetteer = await asyncio.to_thread(Gazetteer.load)
        prompts = load_prompts()
        res = Resources(settings, gazetteer, prompts, Admission(settings.max_concurrency, settings.max_queue),
                        metrics=metrics_of(app), cache=build_cache(settings))
        if backend is not None:
            res.attach(backend)
        else:
            res.start_build()
        app.state.resources = res
        _chain_sigterm(res.start_draining)
        log.info("app.started", provider=settings.provider, max_concurrency=settings.max_concurrency,
                 max_queue=settings.max_queue, auth=bool(settings.api_keys_sha256))
        try:
            yield
        finally:
            await res.close()
            log.info("app.stopped")

    return run
