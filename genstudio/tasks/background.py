"""Fire-and-forget coroutines with a strong reference and a logged exception."""

from __future__ import annotations

import logging
import sys
from collections.abc import Coroutine
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # made before the window paints, which is before asyncio loads
    import asyncio

log = logging.getLogger(__name__)


class BackgroundTasks:
    """Keeps every started task alive until done; unexpected errors go to the excepthook."""

    def __init__(self) -> None:
        self._tasks: set[asyncio.Task[Any]] = set()
        self._closed = False

    def start(self, coro: Coroutine[Any, Any, Any], name: str = "") -> asyncio.Task[Any]:
        import asyncio

        task = asyncio.ensure_future(coro)
        if name:
            task.set_name(name)
        if self._closed:  # the app is stopping: work asked now would outlive its clients
            task.cancel()
        self._tasks.add(task)
        task.add_done_callback(self._done)
        return task

    def _done(self, task: asyncio.Task[Any]) -> None:
        self._tasks.discard(task)
        if task.cancelled():
            return
        error = task.exception()
        if error is not None:
            log.error("background task %s failed", task.get_name(), exc_info=error)
            sys.excepthook(type(error), error, error.__traceback__)

    def __len__(self) -> int:
        return len(self._tasks)

    async def aclose(self) -> None:
        """Cancel every task, and any started meanwhile (by a cancelled task's cleanup
        or an event); none starts afterwards."""
        self._closed = True
        while self._tasks:
            tasks = list(self._tasks)
            for task in tasks:
                task.cancel()
            import asyncio

            await asyncio.gather(*tasks, return_exceptions=True)
