"""Row numbers over a query of the history, and what the rows on screen show.

The list holds the ordered ids of the rows its query matches (eight bytes a row) and
reads what a row shows a page at a time, when the view first paints it. Tasks the
service holds in memory are shown from its own records, so a running task's progress
is always the latest. Used by the table and the gallery models; no Qt here (the
signal ``announce`` emits is the caller's).
"""

from __future__ import annotations

import contextlib
from array import array
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from concurrent.futures import Future

    from genstudio.tasks.history_query import TaskHistory
    from genstudio.tasks.record import TaskRecord

PAGE = 100  # rows read at once: a screenful or two
KEPT = 4000  # summaries kept before the cache starts again (a few hundred kB)


class RowWindow:
    def __init__(self, history: TaskHistory | None) -> None:
        self.history = history
        self.ids: array[int] = array("q")
        self._rows: dict[int, TaskRecord] = {}  # summaries read (or sent by events), by id
        self.seen: dict[int, int] = {}  # id -> row, for rows shown since the last move

    def __len__(self) -> int:
        return len(self.ids)

    def shown(self, row: int) -> TaskRecord | None:
        """What row ``row`` shows; its page is read the first time."""
        if not 0 <= row < len(self.ids) or self.history is None:
            return None
        local_id = self.ids[row]
        self.seen[local_id] = row
        live = self.history.live.get(local_id)
        if live is not None:
            return live
        record = self._rows.get(local_id)
        if record is None:
            start = row - row % PAGE
            page = [i for i in self.ids[start : start + PAGE] if i not in self._rows]
            if len(self._rows) + len(page) > KEPT:
                self._rows.clear()
            self._rows.update(self.history.rows(page))
            record = self._rows.get(local_id)
        return record

    def note(self, records: Iterable[TaskRecord], removed: bool = False) -> None:
        """Records an event brought: shown as they are now (or forgotten)."""
        for record in records:
            if removed:
                self._rows.pop(record.id, None)
            elif record.id in self._rows or record.id in self.seen:
                self._rows[record.id] = record

    def row_of(self, local_id: int) -> int | None:
        row = self.seen.get(local_id)
        if row is not None and row < len(self.ids) and self.ids[row] == local_id:
            return row
        try:
            return self.ids.index(local_id)
        except ValueError:
            return None

    def painted_row(self, local_id: int) -> int | None:
        """The row of a task shown since the last move, else None (nothing to repaint:
        it is read afresh when scrolled to)."""
        row = self.seen.get(local_id)
        if row is not None and row < len(self.ids) and self.ids[row] == local_id:
            return row
        return None

    def replace(self, ids: array[int]) -> None:
        self.ids = ids
        self.seen.clear()

    def forget_rows(self) -> None:
        self._rows.clear()
        self.seen.clear()


def announce(signal: Any, generation: int, future: Future[Any]) -> None:
    """From the history's reading thread: the answer to the GUI thread (a queued signal).
    A future done before its callback was set calls this on the GUI thread itself; the
    receivers connect with QueuedConnection so that the answer still comes from the
    event loop, never inside the call that asked. The window may have closed meanwhile:
    then nobody is told."""
    with contextlib.suppress(RuntimeError):
        signal.emit(generation, future)


def positions(ids: array[int], wanted: Iterable[int]) -> dict[int, int]:
    """Where each wanted id is in ``ids`` (those present)."""
    wanted = set(wanted)
    if len(wanted) <= 16:  # a C scan each: faster than a dict of every row
        found = {}
        for local_id in wanted:
            with contextlib.suppress(ValueError):
                found[local_id] = ids.index(local_id)
        return found
    return {local_id: row for row, local_id in enumerate(ids) if local_id in wanted}


def ranges(rows: list[int]) -> list[tuple[int, int]]:
    """Sorted rows as (first, last) runs of consecutive rows."""
    runs: list[tuple[int, int]] = []
    for row in sorted(rows):
        if runs and runs[-1][1] == row - 1:
            runs[-1] = (runs[-1][0], row)
        else:
            runs.append((row, row))
    return runs
