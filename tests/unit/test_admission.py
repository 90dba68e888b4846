"""Admission control: bounded running and waiting extractions, immediate refusal beyond them."""

from __future__ import annotations

import asyncio

import pytest

from api.admission import Admission
from api.errors import Busy

pytestmark = pytest.mark.anyio


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


async def hold(admission: Admission, entered: asyncio.Event, release: asyncio.Event) -> None:
    async with admission.slot():
        entered.set()
        await release.wait()


async def test_beyond_slots_and_queue_is_refused_at_once() -> None:
    """With max_concurrency running and max_queue waiting, the next caller gets Busy with Retry-After."""
    admission = Admission(max_concurrency=1, max_queue=1)
    release = asyncio.Event()
    first, second = asyncio.Event(), asyncio.Event()
    tasks = [asyncio.create_task(hold(admission, first, release)),
             asyncio.create_task(hold(admission, second, release))]
    await first.wait()
    await asyncio.sleep(0)
    assert (admission.running, admission.waiting) == (1, 1)
    with pytest.raises(Busy) as refused:
        async with asyncio.timeout(1), admission.slot():
            pytest.fail("admitted beyond capacity")
    assert refused.value.retry_after is not None and refused.value.retry_after >= 1
    release.set()
    await asyncio.gather(*tasks)
    assert second.is_set()
    assert admission.admitted == 0


async def test_a_cancelled_waiter_frees_its_place() -> None:
    """A request cancelled while queued (its deadline passed) leaves the queue."""
    admission = Admission(max_concurrency=1, max_queue=1)
    release, entered, never = asyncio.Event(), asyncio.Event(), asyncio.Event()
    runner = asyncio.create_task(hold(admission, entered, release))
    await entered.wait()
    waiter = asyncio.create_task(hold(admission, never, release))
    await asyncio.sleep(0)
    assert admission.waiting == 1
    waiter.cancel()
    with pytest.raises(asyncio.CancelledError):
        await waiter
    assert admission.admitted == 1
    release.set()
    await runner
    assert admission.admitted == 0 and not never.is_set()


async def test_a_failing_extraction_releases_its_slot() -> None:
    """An exception inside the slot frees it for the next request."""
    admission = Admission(max_concurrency=1, max_queue=0)
    with pytest.raises(RuntimeError):
        async with admission.slot():
            raise RuntimeError("extraction failed")
    async with admission.slot():
        assert admission.running == 1
    assert admission.admitted == 0


async def test_retry_after_grows_with_the_queue() -> None:
    """The Retry-After estimate is longer when more requests wait ahead."""
    admission = Admission(max_concurrency=1, max_queue=5, initial_estimate_s=4.0)
    empty = admission.retry_after_s()
    release, entered = asyncio.Event(), asyncio.Event()
    tasks = [asyncio.create_task(hold(admission, entered, release)) for _ in range(4)]
    await entered.wait()
    await asyncio.sleep(0)
    assert admission.retry_after_s() > empty
    release.set()
    await asyncio.gather(*tasks)


def test_rejects_nonsense_limits() -> None:
    """max_concurrency below 1 or a negative queue is a configuration error."""
    with pytest.raises(ValueError, match="max_concurrency"):
        Admission(max_concurrency=0, max_queue=1)
