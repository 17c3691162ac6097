"""The window's side of a history that ``genstudio-cli`` writes too.

Every second the window asks SQLite whether another process committed anything
(``PRAGMA data_version``, no read of the table when nothing changed). New rows are shown
and followed; rows another process changed are shown as they are now. A task is checked
or saved only under its lease (:class:`Leases`): a task ``genstudio-cli submit --wait``
is watching is left to it, and taken over when the CLI ends or dies (its lease expires).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from genstudio.tasks.history_problem import HistoryError
from genstudio.tasks.leases import RENEW_EVERY, Leases, new_owner
from genstudio.tasks.states import TaskState
from genstudio.tasks.store_rows import MUTABLE

if TYPE_CHECKING:
    from genstudio.tasks.record import TaskRecord
    from genstudio.tasks.service import TaskService

log = logging.getLogger(__name__)

_MARGIN = 2.0  # seconds re-read before the newest write seen: clocks are coarse
# What the service keeps in memory and another process may have changed in the file:
# the columns every status write sets, as the record's attribute names (outputs_json is
# the record's outputs, files_json its files).
_FIELDS = tuple(column.removesuffix("_json") for column in MUTABLE)


def needs_work(record: TaskRecord) -> bool:
    """Something this process would do for the task if it held its lease."""
    if record.state is TaskState.SUBMITTING or record.state.is_polled:
        return True
    return record.state is TaskState.DONE and (not record.files or record.saving)


class SharedHistory:
    def __init__(
        self,
        service: TaskService,
        *,
        owner: str | None = None,
        clock: Callable[[], float] = time.time,
        interval: float = 1.0,
    ) -> None:
        self.service = service
        self.leases = Leases(service.store, owner or new_owner("window"), clock=clock)
        self.interval = interval
        self._clock = clock
        self.waiting: set[int] = set()  # tasks another process holds, to take over
        self._version = service.store.data_version()
        self._since = clock()
        self._renewed = clock()
        service.claim = self.claim

    def claim(self, record: TaskRecord) -> bool:
        """The service's question before it checks or saves ``record``."""
        if self.leases.take(record.id):
            self.waiting.discard(record.id)
            return True
        self.waiting.add(record.id)
        return False

    def tick(self) -> None:
        store = self.service.store
        now = self._clock()
        if now - self._renewed >= RENEW_EVERY:
            self._renewed = now
            self.leases.renew()
        version = store.data_version()
        if version != self._version:
            self._version = version
            rows, newest = store.changed_since(self._since - _MARGIN)
            self._since = max(self._since, newest)
            self._take_in(rows)
        if self.waiting:
            self._take_over()

    def _take_in(self, rows: list[TaskRecord]) -> None:
        added, changed = [], []
        for fresh in rows:
            mine = self.service.records.get(fresh.id)
            if self.service.sender.is_sending(fresh.id):
                continue  # this process's own job, on its way: its copy is the truth
            if mine is None:
                added.append(fresh)
            elif fresh.id not in self.leases.held:  # held: this process's copy is the truth
                if _copy(fresh, mine):
                    changed.append(mine)
                if needs_work(mine) and not self.service.scheduler.is_planned(mine.id):
                    self.waiting.add(mine.id)
        if added:
            log.info("%d tasks added by another process", len(added))
        self.service.took_in(added, changed)

    def _take_over(self) -> None:
        """Tasks another process let go of (it ended, or its lease expired)."""
        busy = self.leases.held_by_others()
        ready, refreshed = [], []
        for local_id in sorted(self.waiting - busy):
            self.waiting.discard(local_id)
            record = self.service.records.get(local_id)
            if record is None or self.service.sender.is_sending(local_id):
                continue
            if not self.leases.take(local_id):
                continue
            # Its last write may have come after this tick read the changes.
            fresh = self.service.store.load_one(local_id)
            if fresh is not None and _copy(fresh, record):
                refreshed.append(record)
            if needs_work(record):
                ready.append(record)
        if ready:
            log.info("taking over %d tasks from another process", len(ready))
        self.service.took_in(ready, refreshed)

    async def run(self) -> None:
        while True:
            await asyncio.sleep(self.interval)
            # A history problem: the store told its listener, whose dialog says it.
            with contextlib.suppress(HistoryError):
                self.tick()

    def close(self) -> None:
        """Let go of every lease: a CLI may take over the moment the window is gone."""
        try:
            self.leases.release()
        except HistoryError as exc:
            log.warning("leases not released (they expire by themselves): %s", exc)


def _copy(source: TaskRecord, target: TaskRecord) -> bool:
    changed = False
    for name in _FIELDS:
        value = getattr(source, name)
        if getattr(target, name) != value:
            setattr(target, name, value)
            changed = True
    return changed
