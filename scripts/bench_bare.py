"""The benchmark's baseline: a bare Litestar ``POST /v1/extract`` that parses the JSON body and
answers a canned JSON response of ``BENCH_BARE_BYTES`` bytes (the service's response size).

Served like the service: ``uvicorn bench_bare:create_app --factory --app-dir scripts``, uvloop,
httptools. The difference between the two is what the service adds on top of the framework.
"""

from __future__ import annotations

import json
import os
from typing import Any

from litestar import Litestar, Response, get, post


def canned(size: int) -> bytes:
    """A JSON object of exactly ``size`` bytes (at least 12)."""
    shell = json.dumps({"pad": ""}).encode()
    return json.dumps({"pad": "x" * max(0, size - len(shell))}).encode()


def create_app() -> Litestar:
    payload = canned(int(os.environ.get("BENCH_BARE_BYTES", "15000")))

    @post("/v1/extract", status_code=200, sync_to_thread=False)
    def extract(data: dict[str, Any]) -> Response[bytes]:
        return Response(payload, media_type="application/json")

    @get("/readyz", sync_to_thread=False)
    def readyz() -> dict[str, str]:
        return {"status": "ready"}

    return Litestar(route_handlers=[extract, readyz], logging_config=None, openapi_config=None)
