"""The one scheduler: the cap on checks in flight, and the order of those that wait."""

from __future__ import annotations

import asyncio
from collections.abc import Callable

from genstudio.tasks.scheduler import PollScheduler
from tests.conftest import until


def holding(release: dict[int, asyncio.Event], key: int) -> Callable[[], bool]:
    return lambda: key in release


def holding_count(started: list[int], count: int) -> Callable[[], bool]:
    return lambda: len(started) == count


async def test_checks_beyond_the_cap_wait_and_start_oldest_first() -> None:
    started: list[int] = []
    release: dict[int, asyncio.Event] = {}

    async def poll(key: int) -> None:
        started.append(key)
        release[key] = asyncio.Event()
        await release[key].wait()

    scheduler = PollScheduler(poll, lambda _key: "p", max_in_flight=2)
    for key in range(6):
        scheduler.schedule(key, 0.0)
    await until(lambda: len(started) == 2)
    assert started == [0, 1] and scheduler.in_flight == 2
    for key in (0, 1, 2, 3):
        await until(holding(release, key))
        release[key].set()
        await until(holding_count(started, key + 3))  # its slot went to the next in line
        assert scheduler.in_flight <= 2
    await until(lambda: started == [0, 1, 2, 3, 4, 5])
    for event in release.values():
        event.set()
    await scheduler.aclose()


async def test_a_task_due_while_its_own_check_runs_starts_after_it() -> None:
    started: list[int] = []
    gate = asyncio.Event()

    async def poll(key: int) -> None:
        started.append(key)
        if len(started) == 1:
            await gate.wait()

    scheduler = PollScheduler(poll, lambda _key: "p", max_in_flight=2)
    scheduler.schedule(7, 0.0)
    await until(lambda: started == [7])
    scheduler.schedule(7, 0.0)  # due again while its check is still running
    scheduler.schedule(8, 0.0)
    await until(lambda: started == [7, 8])
    await asyncio.sleep(0.05)
    assert started == [7, 8]  # never two checks of one task at once
    gate.set()
    await until(lambda: started == [7, 8, 7])
    await scheduler.aclose()
