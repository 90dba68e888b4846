"""Admission control: a bounded number of extractions run, a bounded number wait, the rest get 503 at once.

``max_concurrency`` extractions hold a slot; up to ``max_queue`` more wait for one. A request
beyond that is refused immediately with ``Busy`` and a ``Retry-After`` estimated from recent
extraction times, so a burst never turns into an unbounded queue (or into timeouts for all).
A request whose deadline expires while it waits leaves the queue and frees its place.
"""

from __future__ import annotations

import asyncio
import math
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from api.errors import Busy


class Admission:
    """Concurrency slots plus a bounded waiting room, for one event loop."""

    def __init__(self, max_concurrency: int, max_queue: int, *, initial_estimate_s: float = 5.0):
        if max_concurrency < 1 or max_queue < 0:
            raise ValueError("max_concurrency must be >= 1 and max_queue >= 0")
        self.max_concurrency = max_concurrency
        self.max_queue = max_queue
        self._slots = asyncio.Semaphore(max_concurrency)
        self._admitted = 0  # running + waiting
        self._avg_s = initial_estimate_s

    @property
    def admitted(self) -> int:
        """Extractions running or waiting right now."""
        return self._admitted

    @property
    def running(self) -> int:
        return min(self._admitted, self.max_concurrency)

    @property
    def waiting(self) -> int:
        return max(0, self._admitted - self.max_concurrency)

    def retry_after_s(self) -> int:
        """Seconds until a slot is likely free: the queue ahead, drained at the recent pace."""
        rounds = (self.waiting + 1) / self.max_concurrency
        return max(1, math.ceil(rounds * self._avg_s))

    def _record(self, duration_s: float) -> None:
        self._avg_s = 0.8 * self._avg_s + 0.2 * duration_s

    @asynccontextmanager
    async def slot(self) -> AsyncIterator[None]:
        """Hold a slot for the body of the ``async with``; raise ``Busy`` at once if the queue is full."""
        if self._admitted >= self.max_concurrency + self.max_queue:
            raise Busy(
                "the service is at capacity; retry later",
                retry_after=self.retry_after_s(),
            )
        self._admitted += 1
        try:
            async with self._slots:
                started = time.monotonic()
                try:
                    yield
                finally:
                    self._record(time.monotonic() - started)
        finally:
            self._admitted -= 1
