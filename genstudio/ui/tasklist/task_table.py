"""The task table: a model over the history in SQL order, read a page at a time.

The model holds the ordered ids of the rows its query matches (search words, states,
sort: ``tasks.history_query``) and reads what a row shows when the view first paints
it, so 100,000 jobs open as fast as ten. A status change repaints its own row
(``dataChanged``); new and deleted tasks are rows inserted and removed; a sort moves
rows (``layoutChanged``, so the selection follows); a new search or filter resets.
"""

from __future__ import annotations

import logging
import time
from array import array
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QIdentityProxyModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)

from genstudio.tasks.actions import ACTIVE
from genstudio.tasks.query import HistoryQuery, SortKey
from genstudio.ui.tasklist.row_window import RowWindow, announce, positions, ranges
from genstudio.ui.tasklist.task_cells import ROLES, TaskCells
from genstudio.ui.tasklist.task_columns import (
    CELL_ROLE,
    CELL_ROLES,
    ID_ROLE,
    RECORD_ROLE,
    SORT_KEYS,
    Column,
)

if TYPE_CHECKING:
    from concurrent.futures import Future

    from genstudio.tasks.events import TaskEvent
    from genstudio.tasks.history_query import TaskHistory
    from genstudio.tasks.record import TaskRecord
    from genstudio.tasks.states import TaskState
    from genstudio.ui.tasklist.thumbnail_icons import ThumbnailIcons

log = logging.getLogger(__name__)
AnyIndex = QModelIndex | QPersistentModelIndex


_RESET_OVER = 500  # rows come or go at once: a reset costs less than that many moves
_SETTLE_MS = 300
# New rows and changed rows reach the view together, at most this often while they keep
# coming: each repaint of the list costs the window's thread 4-20 ms (measured during a
# burst of submits, when it was a third of the thread's time at 40 a second).
_PAINT_MS = 100


class TaskTableModel(QAbstractTableModel):
    """Row 0 is the newest task until the user sorts. Without a history (``None``) the
    model is empty."""

    # (generation, future): a search's rows, read on the history's own thread
    _found = Signal(int, object)

    def __init__(
        self,
        history: TaskHistory | None = None,
        parent: Any = None,
        icons: ThumbnailIcons | None = None,
        *,
        background: bool = False,
    ) -> None:
        super().__init__(parent)
        self._background = background  # searches and filters read off the GUI thread
        self._generation = 0  # the latest question asked; older answers are dropped
        self._reading = False  # an answer is awaited from the history's thread
        self._in_flight = False  # a read runs there now
        self._missed = False  # ... and a task changed meanwhile: asked again after it
        # Queued: see row_window.announce.
        self._found.connect(self._arrived, Qt.ConnectionType.QueuedConnection)
        self.cells = TaskCells(icons)
        self._value = self.cells.value  # bound once: asked for every cell painted
        if icons is not None:
            icons.ready.connect(self._thumbnail_ready)
        self.window = RowWindow(history)
        self._query = HistoryQuery()  # what the rows show
        self._wanted = self._query  # what was asked last (its rows may still be read)
        self._headers = {
            Column.CREATED: self.tr("Created"),
            Column.SCOPE: self.tr("Kind"),
            Column.MODEL: self.tr("Model"),
            Column.PROMPT: self.tr("Prompt"),
            Column.STATUS: self.tr("Status"),
            Column.PROGRESS: self.tr("Progress"),
            Column.ELAPSED: self.tr("Time"),
            Column.TASK_ID: self.tr("Task ID"),
            Column.PRICE: self.tr("Price"),
        }
        # A status change that may move a row or take it out (a filter, a sort by state):
        # asked again at most this often, however many tasks are checked meanwhile.
        self._settle = QTimer(self)
        self._settle.setSingleShot(True)
        self._settle.setInterval(_SETTLE_MS)
        self._settle.timeout.connect(self.sync)
        # New tasks go in as one insert and changed rows are repainted, together: at the
        # next turn when the list was quiet, else gathered, so a burst of submits or
        # answers moves and repaints the list ten times a second, not once per task.
        self._arriving: dict[int, TaskRecord] = {}
        self._changed: set[int] = set()
        self._painted_at = 0.0  # when new or changed rows last went to the view
        self._repaint = QTimer(self)
        self._repaint.setSingleShot(True)
        self._repaint.timeout.connect(self._show_changes)
        # Running tasks' elapsed time ticks once a second: one signal for the column.
        self._ticker = QTimer(self)
        self._ticker.setInterval(1000)
        self._ticker.timeout.connect(self._tick)
        self._ticker.start()

    # -- the query ---------------------------------------------------------------------------

    @property
    def query(self) -> HistoryQuery:
        return self._query

    def set_history(self, history: TaskHistory) -> None:
        """The history, for a model made before it was open (the window paints first);
        read with the next ``refresh``."""
        self.window.history = history

    def refresh(self, ids: array[int] | None = None) -> None:
        """Read the rows again from the history (at start, and after a new filter)."""
        self.beginResetModel()
        self._arriving.clear()
        self.window.forget_rows()
        self.cells.text_of.clear()
        self.window.replace(self._ids_now() if ids is None else ids)
        self.endResetModel()

    def set_search(self, text: str) -> None:
        self._set_query(search=" ".join(text.split()))

    def set_states(self, states: frozenset[TaskState] | None) -> None:
        self._set_query(states=states)

    def show_all(self) -> None:
        """No search, no filter, at once (a task brought into view is looked up next)."""
        self._set_query(now=True, search="", states=None)

    def _set_query(self, now: bool = False, **changes: Any) -> None:
        query = replace(self._wanted, **changes)
        if query == self._wanted:
            if now and query != self._query:  # still being read: at once instead
                self._show(query, None)
            return
        self._ask(query, now)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """In SQL, on the column's index; -1: newest first. The rows move, the selection
        and the current row follow them."""
        key = SORT_KEYS.get(Column(column)) if 0 <= column < len(Column) else None
        descending = order == Qt.SortOrder.DescendingOrder if key else True
        query = replace(self._wanted, sort=key or SortKey.CREATED, descending=descending)
        if query != self._wanted:
            self._ask(query)

    def sync(self, now: bool = False) -> None:
        """Bring the rows in line with the history: new rows inserted where they belong,
        rows gone removed, moved rows moved. Nothing when nothing changed. ``now``: read
        here rather than on the history's thread (a row is looked for)."""
        self._settle.stop()
        self._arriving.clear()  # the history has them: they come in with the answer
        self._ask(self._wanted, now)

    def _ask(self, query: HistoryQuery, now: bool = False) -> None:
        """The rows of ``query``, read on the history's thread when the model reads in
        the background (at 100,000 jobs an answer takes 10-50 ms), else at once. The
        rows stay as they are until the answer; the latest question wins."""
        self._wanted = query
        self._generation += 1
        history = self.window.history
        future = None
        if self._background and not now and history is not None:
            if self._in_flight:  # one read at a time; the newest question follows it
                self._reading = True
                return
            future = history.later(lambda h: h.ids(query))
        if future is None:
            self._show(query, None)
            return
        self._reading = self._in_flight = True
        generation = self._generation
        future.add_done_callback(lambda done: announce(self._found, generation, done))

    def _arrived(self, generation: int, future: Future[array[int]]) -> None:
        self._in_flight = False
        if generation != self._generation:  # asked again meanwhile (typed on, a change)
            if self._reading:
                self._ask(self._wanted)
            return
        import sqlite3  # loaded with the history; the window paints without it

        try:
            ids = future.result()
        except sqlite3.Error as exc:
            log.info("reading the list on its own thread failed, asked here: %s", exc)
            ids = None
        self._show(self._wanted, ids)

    def _show(self, query: HistoryQuery, ids: array[int] | None) -> None:
        """``query``'s rows (``ids``, or read now): another filter resets the list,
        another order moves the rows, the same query inserts and removes what changed."""
        self._generation += 1
        old, self._query = self._query, query
        self._wanted = query
        self._reading = False
        if self._missed:  # a task came, went or changed while the answer was read
            self._missed = False
            self._settle.start()
        new = self._ids_now() if ids is None else ids
        if replace(query, sort=old.sort, descending=old.descending) != old:
            self.refresh(new)
        elif (query.sort, query.descending) != (old.sort, old.descending):
            self._move_to(new)
        else:
            self._change_to(new)

    def _ids_now(self) -> array[int]:
        history = self.window.history
        return history.ids(self._query) if history is not None else array("q")

    # -- feeding ---------------------------------------------------------------------------

    def apply(self, event: TaskEvent) -> None:
        removed = event.kind == "removed"
        self._missed = self._missed or self._reading
        for record in event.records:
            self.cells.text_of.pop(record.id, None)
        self.window.note(event.records, removed)
        if removed:
            for record in event.records:
                self._arriving.pop(record.id, None)
            self._remove(record.id for record in event.records)
        elif event.kind == "added":
            self._arriving.update((record.id, record) for record in event.records)
        elif self._query.follows_changes and not self._settle.isActive():
            self._settle.start()
        if event.kind == "changed":
            self._changed.update(record.id for record in event.records)
        if not removed and not self._repaint.isActive():
            self._repaint.start(self._wait_ms())

    def _wait_ms(self) -> int:
        """0 when the list last changed a while ago (a single change shows at the next
        turn), else what is left of the interval (a burst is gathered)."""
        since = (time.monotonic() - self._painted_at) * 1000
        return max(0, int(_PAINT_MS - since))

    def _show_changes(self) -> None:
        self._painted_at = time.monotonic()
        self._take_arrivals()
        rows = [self.window.painted_row(local_id) for local_id in self._changed]
        self._changed.clear()
        last = len(Column) - 1
        for first, end in ranges([row for row in rows if row is not None]):
            self.dataChanged.emit(self.index(first, 0), self.index(end, last))

    def _take_arrivals(self, now: bool = False) -> None:
        records = sorted(self._arriving.values(), key=_newest_first)
        self._arriving.clear()
        if records and not self._on_top(records):
            self.sync(now)

    def _on_top(self, records: list[TaskRecord]) -> bool:
        """New tasks (newest first) in the default order go on top without asking the
        history (a burst of submits costs no query)."""
        if self._query != HistoryQuery():
            return False
        top = self.window.shown(0) if len(self.window) else None
        if top is not None and _newest_first(top) <= _newest_first(records[-1]):
            return False
        self.beginInsertRows(QModelIndex(), 0, len(records) - 1)
        self.window.ids[0:0] = array("q", (record.id for record in records))
        self.window.seen.clear()
        self.endInsertRows()
        return True

    def _change_to(self, new: array[int]) -> None:
        """The rows become ``new``: inserted, removed and moved rather than reset, so the
        selection and the scroll position stay."""
        old = self.window.ids
        if new == old:
            return
        if len(new) > len(old) and new[len(new) - len(old) :] == old:
            self._insert_runs(new, [(0, len(new) - len(old) - 1)])  # new tasks on top
            return
        old_set, new_set = set(old), set(new)
        gone = [row for row, local_id in enumerate(old) if local_id not in new_set]
        came = [row for row, local_id in enumerate(new) if local_id not in old_set]
        if len(gone) + len(came) > _RESET_OVER:
            self.beginResetModel()
            self.window.replace(new)
            self.endResetModel()
            return
        for first, last in reversed(ranges(gone)):
            self.beginRemoveRows(QModelIndex(), first, last)
            del self.window.ids[first : last + 1]
            self.window.seen.clear()
            self.endRemoveRows()
        self._insert_runs(new, ranges(came))
        if self.window.ids != new:
            self._move_to(new)

    def _insert_runs(self, new: array[int], runs: list[tuple[int, int]]) -> None:
        for first, last in runs:  # ascending: each lands where the new order has it
            self.beginInsertRows(QModelIndex(), first, last)
            self.window.ids[first:first] = new[first : last + 1]
            self.window.seen.clear()
            self.endInsertRows()

    def _remove(self, ids: Any) -> None:
        found = positions(self.window.ids, ids)
        runs = ranges(list(found.values()))
        if len(runs) > _RESET_OVER:
            self.sync()
            return
        for first, last in reversed(runs):
            self.beginRemoveRows(QModelIndex(), first, last)
            del self.window.ids[first : last + 1]
            self.window.seen.clear()
            self.endRemoveRows()

    def _move_to(self, new: array[int]) -> None:
        """Rows reordered (as many before as after): persistent indexes (the selection,
        the current row) are moved with their tasks."""
        if len(new) != len(self.window.ids):
            self.beginResetModel()
            self.window.replace(new)
            self.endResetModel()
            return
        self.layoutAboutToBeChanged.emit()
        old = self.window.ids
        persistent = self.persistentIndexList()
        kept = [old[i.row()] if 0 <= i.row() < len(old) else -1 for i in persistent]
        found = positions(new, (k for k in kept if k >= 0))
        self.changePersistentIndexList(
            persistent,
            [
                self.index(found[k], i.column()) if k in found else QModelIndex()
                for k, i in zip(kept, persistent, strict=True)
            ],
        )
        self.window.replace(new)
        self.layoutChanged.emit()

    def record_at(self, row: int) -> TaskRecord | None:
        """The full record of the task in ``row`` (read on demand)."""
        history = self.window.history
        if history is None or not 0 <= row < len(self.window):
            return None
        return history.record(self.window.ids[row])

    def id_at(self, row: int) -> int:
        return self.window.ids[row]

    def row_of(self, local_id: int) -> int | None:
        if local_id in self._arriving:  # asked for before its insert's turn came
            self._take_arrivals(now=True)
        return self.window.row_of(local_id)

    def _tick(self) -> None:
        history = self.window.history
        if history is None:
            return
        rows = [
            self.window.painted_row(r.id) for r in list(history.live.values()) if r.state in ACTIVE
        ]
        present = [row for row in rows if row is not None]
        if present:
            self.dataChanged.emit(
                self.index(min(present), Column.ELAPSED),
                self.index(max(present), Column.ELAPSED),
                [Qt.ItemDataRole.DisplayRole],
            )

    # -- the model interface -----------------------------------------------------------------

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.window)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else _COLUMNS

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(Column)
        ):
            return self._headers[Column(section)]
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        # The view asks for many roles per cell while painting: leave early for the rest.
        if role not in ROLES or not index.isValid():
            return None
        row = index.row()
        if role == ID_ROLE:
            return self.window.ids[row] if 0 <= row < len(self.window) else None
        if role == RECORD_ROLE:
            return self.record_at(row)
        record = self.window.shown(row)
        if record is None:
            return None
        column = index.column()
        if role == CELL_ROLE:  # a drawn cell's roles in one call: painting asks less
            return tuple(self._value(record, column, r) for r in CELL_ROLES.get(column, ()))
        return self._value(record, column, role)

    def _thumbnail_ready(self, path: str) -> None:
        local_id = self.cells.thumb_of.get(path)
        row = None if local_id is None else self.window.painted_row(local_id)
        if row is not None:
            index = self.index(row, Column.PROMPT)
            self.dataChanged.emit(index, index, [Qt.ItemDataRole.DecorationRole])


def _newest_first(record: TaskRecord) -> tuple[float, int]:
    return (-record.created_at, -record.id)


_COLUMNS = len(Column)


class TaskFilterProxy(QIdentityProxyModel):
    """The view's model: search text and the states to show go to the table model,
    which asks SQL; a header click's sort goes there too (QAbstractProxyModel.sort)."""

    def _source(self) -> TaskTableModel | None:
        model = self.sourceModel()
        return model if isinstance(model, TaskTableModel) else None

    def set_search(self, text: str) -> None:
        if (model := self._source()) is not None:
            model.set_search(text)

    def set_states(self, states: frozenset[TaskState] | None) -> None:
        if (model := self._source()) is not None:
            model.set_states(states)
