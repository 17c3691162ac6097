"""Status changes written together: one transaction per turn of the event loop.

A burst of answers (a thousand jobs submitted at once, ten thousand polling) would
otherwise cost one SQLite commit each on the GUI thread, and each statement lets go of
the GIL, then waits for it behind the network thread. Deferred writes are only ever
status changes the next check would bring back; a new row, a task's id from the
provider and every other write go to the file at once (the store flushes what waits
before them, so the file never holds a newer write under an older one).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable

from genstudio.tasks.history_problem import HistoryError
from genstudio.tasks.record import TaskRecord

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
    """The records changed this turn, by id (the newest state of each wins), and the one
    call that writes them all."""

    def __init__(self, write: Callable[[list[TaskRecord]], None], schedule: Schedule) -> None:
        self._write = write
        self._schedule = schedule
        self._records: dict[int, TaskRecord] = {}

    def __len__(self) -> int:
        return len(self._records)

    def add(self, record: TaskRecord) -> None:
        first = not self._records
        self._records[record.id] = record
        if first:
            self._schedule(self._flush_later)

    def discard(self, ids: set[int]) -> None:
        for local_id in ids:
            self._records.pop(local_id, None)

    def flush(self) -> None:
        """Write what waits, in one transaction. Raises what the write raised (a full
        disk); the records then wait for the next flush, which the next change asks."""
        if not self._records:
            return
        records = list(self._records.values())
        self._records.clear()
        try:
            self._write(records)
        except BaseException:
            for record in records:
                self._records.setdefault(record.id, record)
            raise

    def _flush_later(self) -> None:
        try:
            self.flush()
        except HistoryError as exc:  # the store has told its listener (the window)
            log.info("deferred history write failed: %s", exc)
