"""An asyncio loop on a thread of its own, for the window's HTTP.

A status check costs about 0.8 ms of CPU, nearly all of it in httpx; with a thousand
jobs polling, that is most of the window's thread. A client given a ``NetworkThread``
runs its requests on this loop instead: the window's thread only hands the call over
and takes the answer back (about 0.1 ms a check, measured against the simulator).
The CLI has no window to keep responsive and does not use one.
"""

from __future__ import annotations

import asyncio
import contextlib
import threading
from collections.abc import Coroutine
from typing import Any, TypeVar

_T = TypeVar("_T")


class NetworkThread:
    """Started on first use; :meth:`stop` ends it (a daemon thread, so a forgotten one
    never keeps the process alive)."""

    def __init__(self, name: str = "genstudio-network") -> None:
        self._name = name
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self._lock = threading.Lock()

    def _ensure(self) -> asyncio.AbstractEventLoop:
        with self._lock:
            if self._loop is None:
                loop = asyncio.new_event_loop()
                thread = threading.Thread(target=loop.run_forever, name=self._name, daemon=True)
                thread.start()
                self._loop, self._thread = loop, thread
            return self._loop

    def is_current(self) -> bool:
        """Whether the caller already runs on this thread's loop."""
        try:
            return asyncio.get_running_loop() is self._loop
        except RuntimeError:
            return False

    async def run(self, coro: Coroutine[Any, Any, _T]) -> _T:
        """``coro`` run on the network loop, awaited from the caller's loop; cancelling
        the caller cancels it there too."""
        future = asyncio.run_coroutine_threadsafe(coro, self._ensure())
        return await asyncio.wrap_future(future)

    def stop(self) -> None:
        with self._lock:
            loop, thread = self._loop, self._thread
            self._loop = self._thread = None
        if loop is None or thread is None:
            return
        # A request still running would leave its caller waiting for ever: cancelled,
        # its caller hears CancelledError.
        with contextlib.suppress(Exception):
            asyncio.run_coroutine_threadsafe(_cancel_all(), loop).result(timeout=5)
        loop.call_soon_threadsafe(loop.stop)
        thread.join(timeout=5)
        if not thread.is_alive():
            loop.close()


async def _cancel_all() -> None:
    current = asyncio.current_task()
    tasks = [task for task in asyncio.all_tasks() if task is not current]
    for task in tasks:
        task.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)
