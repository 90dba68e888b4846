"""``GET /metrics``: the app's Prometheus metrics in the text exposition format (see ``api.metrics``).

No API key and no rate limit, like the health probes; it carries counts and timings only, never
article text or keys. It is left out of the OpenAPI document: it is for the scraper, not clients.
"""

from __future__ import annotations

from typing import Any

from litestar import Request, Response, get

from api.metrics import metrics_of
from api.resources import Resources

MEDIA_TYPE = "text/plain; version=0.0.4"  # Litestar adds "; charset=utf-8"


@get("/metrics", operation_id="metrics", include_in_schema=False, sync_to_thread=False)
def metrics(request: Request[Any, Any, Any]) -> Response[bytes]:
    """Every metric of this process, the admission gauges read now."""
    res = request.app.state.get("resources")
    admission = res.admission if isinstance(res, Resources) else None
    return Response(metrics_of(request.app).render(admission), media_type=MEDIA_TYPE)
