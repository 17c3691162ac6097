"""The one scheduler: when each task is checked next, and how many checks run at once.

Each task has at most one pending timer (``loop.call_later``) or one check in flight.
A cap bounds the checks in flight; tasks that come due beyond it wait in order. A
group (a provider profile) can be paused, e.g. after a 429: its tasks come due again
when the pause ends, with a little spread so they do not all fire together.
"""

from __future__ import annotations

import asyncio
import logging
import random
import time
from collections.abc import Awaitable, Callable

log = logging.getLogger(__name__)


class PollScheduler:
    def __init__(
        self,
        poll: Callable[[int], Awaitable[None]],
        group_of: Callable[[int], str],
        *,
        max_in_flight: int = 8,
        clock: Callable[[], float] = time.monotonic,
        rng: random.Random | None = None,
    ) -> None:
        self._poll = poll
        self._group_of = group_of
        self.max_in_flight = max_in_flight
        self._clock = clock
        self._rng = rng or random.Random()
        self._timers: dict[int, asyncio.TimerHandle] = {}
        self._ready: dict[int, None] = {}  # due, waiting for a free slot (ordered)
        self._in_flight: dict[int, asyncio.Task[None]] = {}
        self._paused_until: dict[str, float] = {}
        self._closed = False

    # -- what the service asks for ---------------------------------------------------------

    def schedule(self, key: int, delay: float) -> None:
        """Check ``key`` after ``delay`` seconds (replacing any earlier plan)."""
        if self._closed:
            return
        self._drop_plan(key)
        loop = asyncio.get_running_loop()
        self._timers[key] = loop.call_later(max(0.0, delay), self._fire, key)

    def cancel(self, key: int) -> None:
        """No more checks of ``key`` (one in flight finishes, but is not followed up)."""
        self._drop_plan(key)

    def pause_group(self, group: str, seconds: float) -> None:
        until = self._clock() + seconds
        self._paused_until[group] = max(self._paused_until.get(group, 0.0), until)

    def is_planned(self, key: int) -> bool:
        return key in self._timers or key in self._ready or key in self._in_flight

    @property
    def in_flight(self) -> int:
        return len(self._in_flight)

    async def aclose(self) -> None:
        self._closed = True
        for handle in self._timers.values():
            handle.cancel()
        self._timers.clear()
        self._ready.clear()
        tasks = list(self._in_flight.values())
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)

    # -- internals ---------------------------------------------------------------------------

    def _drop_plan(self, key: int) -> None:
        handle = self._timers.pop(key, None)
        if handle is not None:
            handle.cancel()
        self._ready.pop(key, None)

    def _fire(self, key: int) -> None:
        self._timers.pop(key, None)
        paused = self._paused_until.get(self._group_of(key), 0.0) - self._clock()
        if paused > 0:
            self.schedule(key, paused + self._rng.uniform(0.0, min(5.0, paused)))
            return
        if len(self._in_flight) >= self.max_in_flight or key in self._in_flight:
            # Wait for a free slot (or for the running check of this very task to end).
            self._ready[key] = None
            return
        self._start(key)

    def _start(self, key: int) -> None:
        task = asyncio.ensure_future(self._run(key))
        self._in_flight[key] = task

    async def _run(self, key: int) -> None:
        try:
            await self._poll(key)
        except asyncio.CancelledError:
            raise
        except Exception:
            log.exception("checking task %s failed unexpectedly", key)
        finally:
            self._in_flight.pop(key, None)
            self._start_ready()

    def _start_ready(self) -> None:
        """Start waiting checks, oldest first, while slots are free. Called after every
        check: no copy of the waiting list (thousands of tasks may wait), and a task
        whose own check still runs waits on at the back."""
        running_again: list[int] = []
        while self._ready and len(self._in_flight) < self.max_in_flight and not self._closed:
            key = next(iter(self._ready))
            del self._ready[key]
            if key in self._in_flight:
                running_again.append(key)
                continue
            self._fire(key)
        for key in running_again:
            self._ready[key] = None
