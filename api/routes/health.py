"""Health probes: ``/healthz`` (the process answers) and ``/readyz`` (it can extract now).

Neither needs an API key, and neither waits on the model: ``/healthz`` keeps answering while an
extraction runs (generation happens in a worker thread or on a remote endpoint).
"""

from __future__ import annotations

from typing import Any

from litestar import Request, get
from litestar.openapi import ResponseSpec

from api.problems import PROBLEM_JSON
from api.resources import resources
from schemas.contract import Problem


@get("/healthz", operation_id="healthz", summary="Liveness", tags=["health"], sync_to_thread=False)
def healthz() -> dict[str, str]:
    """The process is alive and its event loop answers."""
    return {"status": "ok"}


_NOT_READY = ResponseSpec(
    data_container=Problem, media_type=PROBLEM_JSON, generate_examples=False,
    description="Not ready: the model is loading, failed to load, or its backend says it is not ready",
)


@get("/readyz", operation_id="readyz", summary="Readiness", tags=["health"], responses={503: _NOT_READY})
async def readyz(request: Request[Any, Any, Any]) -> dict[str, Any]:
    """The backend is built and ready: 200 with its identity; otherwise 503 with the reason."""
    res = resources(request.app)
    backend = await res.check_ready()
    return {
        "status": "ready",
        "provider": backend.provider,
        "model": backend.model_name,
        "running": res.admission.running,
        "waiting": res.admission.waiting,
    }
