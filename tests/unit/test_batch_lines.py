"""The pieces of a batch: NDJSON line numbering, the in-order window, and cancelling runs nobody waits for."""

from __future__ import annotations

import asyncio

from api.service.batch_lines import Line, in_order, split_lines


def test_lines_are_numbered_as_in_the_body_and_blank_ones_skipped() -> None:
    """Blank lines are skipped but counted, so a line number points at the client's own line."""
    lines = split_lines(b'{"a": 1}\r\n\n   \n{"b": 2}\n')
    assert [(line.number, line.raw.strip()) for line in lines] == [(1, b'{"a": 1}'), (4, b'{"b": 2}')]


def test_in_order_yields_in_input_order_with_at_most_window_running() -> None:
    """Results come back in input order however the runs finish, never more than `window` at once."""
    running, peak = 0, 0

    async def run(delay: float) -> bytes:
        nonlocal running, peak
        running += 1
        peak = max(peak, running)
        await asyncio.sleep(delay)
        running -= 1
        return str(delay).encode()

    async def collect() -> list[bytes]:
        return [out async for out in in_order([0.05, 0.0, 0.03, 0.0, 0.01], run, 2)]

    assert asyncio.run(collect()) == [b"0.05", b"0.0", b"0.03", b"0.0", b"0.01"]
    assert peak == 2


def test_runs_in_flight_are_cancelled_when_the_consumer_stops() -> None:
    """When the stream is closed early (the client went away), the runs it started are cancelled."""
    cancelled: list[int] = []

    async def run(line: Line) -> bytes:
        try:
            await asyncio.sleep(0 if line.number == 1 else 10)
        except asyncio.CancelledError:
            cancelled.append(line.number)
            raise
        return b"done"

    async def first_then_stop() -> None:
        stream = in_order([Line(n, b"{}") for n in (1, 2, 3)], run, 3)
        assert await anext(stream) == b"done"
        await stream.aclose()
        await asyncio.sleep(0.01)

    asyncio.run(first_then_stop())
    assert sorted(cancelled) == [2, 3]
