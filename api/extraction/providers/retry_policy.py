"""Transport-level retry policy and circuit breaker for calls to a model backend.

Retried (with exponential backoff, or the upstream's Retry-After when short): timeouts, connection
errors, 429 and 5xx. Not retried: 400/401/403/404 and anything else. A 429 or 5xx asking for a longer
wait than ``retry_after_max_s`` becomes a 503 at once. After ``breaker_threshold`` consecutive failed
requests the breaker opens: calls fail fast with 503 until ``breaker_cooldown_s`` has passed, then
one probe is let through (other calls still fail fast while it runs); its success closes the
breaker, its failure opens it again.
"""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any

import openai
import structlog
from tenacity import AsyncRetrying, RetryCallState, retry_if_exception, stop_after_attempt

from api.errors import Busy, UpstreamError, UpstreamUnavailable

if TYPE_CHECKING:
    from api.extraction.providers.backend import CallStats

log = structlog.get_logger("extraction")
RETRYABLE = (openai.APITimeoutError, openai.APIConnectionError, openai.RateLimitError, openai.InternalServerError)


def retry_after_s(exc: BaseException) -> float | None:
    response = getattr(exc, "response", None)
    value = response.headers.get("retry-after") if response is not None else None
    try:
        return float(value) if value is not None else None
    except ValueError:
        return None


class TransportPolicy:
    def __init__(self, *, retries: int, retry_after_max_s: float, backoff_base_s: float = 0.5,
                 breaker_threshold: int = 5, breaker_cooldown_s: float = 30.0):
        self.retries = retries
        self.retry_after_max_s = retry_after_max_s
        self.backoff_base_s = backoff_base_s
        self.breaker_threshold = breaker_threshold
        self.breaker_cooldown_s = breaker_cooldown_s
        self._failures = 0
        self._opened_at: float | None = None
        self._probing = False

    @property
    def breaker_open(self) -> bool:
        return self._opened_at is not None and time.monotonic() - self._opened_at < self.breaker_cooldown_s

    def _too_long(self, exc: BaseException) -> bool:
        wait = retry_after_s(exc)
        return wait is not None and wait > self.retry_after_max_s

    def _retryable(self, exc: BaseException) -> bool:
        return isinstance(exc, RETRYABLE) and not self._too_long(exc)

    def _wait(self, state: RetryCallState) -> float:
        exc = state.outcome.exception() if state.outcome else None
        hinted = retry_after_s(exc) if exc else None
        return hinted if hinted is not None else self.backoff_base_s * 2 ** (state.attempt_number - 1)

    async def run(self, call: Callable[[], Awaitable[Any]], stats: CallStats | None) -> Any:
        if self.breaker_open or self._probing:
            remaining = self.breaker_cooldown_s - (time.monotonic() - (self._opened_at or 0))
            raise Busy("the model backend is failing; circuit open", retry_after=max(1, int(remaining) + 1))
        probe = self._opened_at is not None  # half-open: this call is the one probe
        self._probing = probe
        try:
            return await self._run(call, stats)
        finally:
            if probe:
                self._probing = False

    async def _run(self, call: Callable[[], Awaitable[Any]], stats: CallStats | None) -> Any:
        def before_sleep(state: RetryCallState) -> None:
            if stats is not None:
                stats.retries += 1
            exc = state.outcome.exception() if state.outcome else None
            log.warning("extraction.retry_scheduled", attempt=state.attempt_number, error=type(exc).__name__)

        retrying = AsyncRetrying(
            stop=stop_after_attempt(self.retries + 1), wait=self._wait,
            retry=retry_if_exception(self._retryable), before_sleep=before_sleep, reraise=True,
        )
        try:
            result: Any = await retrying(call)
        except openai.APIError as exc:
            self._record_failure()
            raise self._translate(exc) from None
        self._failures, self._opened_at = 0, None
        return result

    def _record_failure(self) -> None:
        self._failures += 1
        if self._failures >= self.breaker_threshold:
            self._opened_at = time.monotonic()
            log.error("extraction.circuit_opened", failures=self._failures)

    def _translate(self, exc: openai.APIError) -> Exception:
        if isinstance(exc, openai.RateLimitError):
            wait = retry_after_s(exc)
            return UpstreamUnavailable("the model upstream is rate limiting", retry_after=int(wait or 5) + 1)
        if self._too_long(exc):
            return UpstreamUnavailable("the model upstream is unavailable",
                                       retry_after=int(retry_after_s(exc) or 5) + 1)
        if isinstance(exc, openai.APIConnectionError) and not isinstance(exc, openai.APITimeoutError):
            return UpstreamUnavailable("the model upstream cannot be reached", retry_after=5)
        if isinstance(exc, openai.APITimeoutError):
            return UpstreamError("the model upstream timed out on every attempt")
        status = getattr(exc, "status_code", None)
        return UpstreamError(f"the model upstream answered an error (status {status})")
