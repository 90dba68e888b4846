"""One article under the service's limits (``max_chars``, an admission slot, ``request_deadline_s``), answered
from the response cache when it can: what ``POST /v1/extract`` and each article of a batch go through."""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
from typing import TYPE_CHECKING

from api.errors import DeadlineExceeded, InvalidRequest, ShuttingDown
from schemas.contract import ExtractRequest, ExtractResponse

if TYPE_CHECKING:
    from api.resources import Resources


def document_sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


async def extract_within_limits(
    res: Resources, data: ExtractRequest, *, text_sha256: str | None = None
) -> ExtractResponse:
    """One article under the service's limits: ``max_chars``, an admission slot, ``request_deadline_s``.

    A cache hit is answered without a slot. The batch endpoint sends each of its articles through
    here too. Raises ``AppError`` (422, 503, 504, or whatever the extractor raised).
    """
    settings = res.settings
    if len(data.text) > settings.max_chars:
        raise InvalidRequest(f"text is longer than {settings.max_chars} characters",
                             errors=[{"loc": "text", "msg": f"at most {settings.max_chars} characters"}])
    extractor = res.require_extractor()
    cache, key = res.cache, None
    if cache is not None:
        key = cache.key(data, text_sha256 or document_sha256(data.text),
                        model_identity=extractor.backend.model_identity, prompt_version=extractor.prompt_version)
    deadline = asyncio.timeout(settings.request_deadline_s)
    try:
        async with deadline:
            res.in_flight.add(deadline)
            if cache is not None and key is not None:
                # stored, or being extracted right now for an identical request (single flight)
                hit = await cache.get(key, data) or await cache.join(key, data)
                res.metrics.observe_cache(hit is not None)
                if hit is not None:
                    return hit
            flights = cache.leading(key) if cache is not None and key is not None else contextlib.nullcontext()
            async with flights as flight:
                async with res.admission.slot():
                    result = await extractor.extract(data)
                if flight is not None:
                    flight.set_result(result)
    except TimeoutError:
        if not deadline.expired():
            raise
        if res.cut_off:
            raise ShuttingDown("the service is shutting down; retry on another replica or after the restart",
                               retry_after=5) from None
        raise DeadlineExceeded(
            f"the extraction did not finish within {settings.request_deadline_s:g} s") from None
    finally:
        res.in_flight.discard(deadline)
    res.metrics.observe_extraction(result.meta)
    if cache is not None and key is not None:
        await cache.put(key, result)
    return result
