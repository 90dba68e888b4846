"""The app factory: ``create_app()`` wires settings, logging, routes, errors and docs; nothing runs at import.

Run it with ``uvicorn api.app:create_app --factory``. Tests pass their own ``Settings`` and a fake
``backend``; without one, the backend the settings name is built in the background at start-up.
"""

from __future__ import annotations

from litestar import Litestar
from litestar.config.cors import CORSConfig
from litestar.datastructures import State
from litestar.middleware import DefineMiddleware
from litestar.middleware.rate_limit import RateLimitConfig

from api.extraction.providers.backend import Backend
from api.logging_setup import configure_logging
from api.metrics import Metrics, MetricsMiddleware
from api.openapi_docs import openapi_config, openapi_json, refine
from api.problems import problem_response
from api.rate_limits import rate_limit_config
from api.resources import lifespan
from api.routes.batch import extract_batch
from api.routes.export import export
from api.routes.extract import extract
from api.routes.health import healthz, readyz
from api.routes.metrics import metrics as metrics_route
from api.routes.viewer import viewer, viewer_page
from api.settings import Settings


def cors_config(settings: Settings) -> CORSConfig | None:
    """CORS only for the origins the settings list; none by default."""
    if not settings.cors_origins:
        return None
    return CORSConfig(
        allow_origins=settings.cors_origins,
        allow_methods=["GET", "POST", "OPTIONS"],
        allow_headers=["Content-Type", "Authorization", "X-API-Key"],
        expose_headers=["X-Request-ID", "Retry-After"],
        max_age=600,
    )


def create_app(settings: Settings | None = None, *, backend: Backend | None = None) -> Litestar:
    """A new app for ``settings`` (read from ``CONFLICT_*`` variables when omitted)."""
    settings = settings or Settings()
    configure_logging(settings)
    limiter: RateLimitConfig | None = rate_limit_config(settings)
    metrics = Metrics()
    app = Litestar(
        route_handlers=[extract, export, extract_batch, healthz, readyz, openapi_json, metrics_route, viewer],
        lifespan=[lifespan(settings, backend)],
        exception_handlers={Exception: problem_response},
        openapi_config=openapi_config(),
        cors_config=cors_config(settings),
        # metrics outermost, so a 429 of the rate limiter is counted too
        middleware=[DefineMiddleware(MetricsMiddleware, metrics=metrics), *([limiter.middleware] if limiter else [])],
        state=State({"metrics": metrics}),
        request_max_body_size=settings.max_body_bytes,
        logging_config=None,  # logging is configured above, stdlib records included
        debug=False,
    )
    refine(app.openapi_schema, max_chars=settings.max_chars)
    viewer_page()  # a viewer page missing from the package (or malformed) fails start-up, not the first visit
    return app
