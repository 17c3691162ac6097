"""Writes gathered: one transaction, one commit, per turn of the event loop.

A burst of answers (a thousand jobs submitted at once, ten thousand polling) would
otherwise cost one SQLite commit each on the GUI thread, and each commit lets go of the
GIL, then waits for it behind the network thread. What waits here: new rows (their
submit awaits the commit: nothing is sent before its row is in the file), the provider's
id for a job just accepted (the sender writes what waits before it sends another job),
and status changes the next check would bring back. Every other write goes to the file
at once, after what waits (the store flushes first, so the file never holds a newer
write under an older one).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from genstudio.tasks.history_problem import HistoryError

if TYPE_CHECKING:
    from genstudio.tasks.record import TaskRecord
    from genstudio.tasks.store_rows import NewTask

log = logging.getLogger(__name__)

Schedule = Callable[[Callable[[], None]], None]


def soon(callback: Callable[[], None]) -> None:
    """On the running loop's next turn; at once outside a loop (a script, a test)."""
    try:
        loop = asyncio.get_running_loop()
    except RuntimeError:
        callback()
        return
    loop.call_soon(callback)


class PendingWrites:
    """The records changed this turn, by id (the newest state of each wins), the new
    rows asked for, and the one call that writes them all."""

    def __init__(
        self,
        write: Callable[[list[NewTask], list[TaskRecord]], list[int]],
        schedule: Schedule,
    ) -> None:
        self._write = write
        self._schedule = schedule
        self._scheduled = False
        self._records: dict[int, TaskRecord] = {}
        self._new: list[tuple[NewTask, asyncio.Future[None], Callable[[int], None]]] = []

    def __len__(self) -> int:
        return len(self._records) + len(self._new)

    def add(self, record: TaskRecord) -> None:
        self._records[record.id] = record
        self._flush_soon()

    def add_new(self, task: NewTask, written: Callable[[int], None]) -> asyncio.Future[None]:
        """Done once the row is in the file: ``written`` has its id by then, called in
        the same step as the commit (before anything else can read the row). Raises the
        write's error (a full disk). A future cancelled before the flush drops its row."""
        done: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self._new.append((task, done, written))
        self._flush_soon()
        return done

    def discard(self, ids: set[int]) -> None:
        for local_id in ids:
            self._records.pop(local_id, None)

    def flush(self) -> None:
        """Write what waits, in one transaction. Raises what the write raised (a full
        disk): changed records then wait for the next flush, which the next change asks
        for; new rows are not written, and those waiting for them hear why."""
        self._new = [entry for entry in self._new if not entry[1].cancelled()]
        if not self:
            return
        records = list(self._records.values())
        new, self._new = self._new, []
        self._records.clear()
        try:
            ids = self._write([task for task, _, _ in new], records)
        except BaseException as exc:
            for record in records:
                self._records.setdefault(record.id, record)
            for _, done, _ in new:
                if not done.done():
                    done.set_exception(exc)
            raise
        for (_, done, written), local_id in zip(new, ids, strict=True):
            written(local_id)
            done.set_result(None)  # none is cancelled: those were dropped above

    def _flush_soon(self) -> None:
        if not self._scheduled:
            self._scheduled = True
            self._schedule(self._flush_later)

    def _flush_later(self) -> None:
        self._scheduled = False
        try:
            self.flush()
        except HistoryError as exc:  # the store has told its listener (the window)
            log.info("deferred history write failed: %s", exc)
