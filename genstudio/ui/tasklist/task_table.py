"""The task table: a model over the service's records, a search/status filter, a progress bar.

Rows are appended as tasks arrive and updated in place: a status change emits
``dataChanged`` for its own row only, never a reset. The proxy sorts newest first.
"""

from __future__ import annotations

import bisect
import enum
import time
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QDateTime,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    QTimer,
)
from PySide6.QtGui import QIcon

from genstudio.printable import printable
from genstudio.settings.money import format_usd
from genstudio.tasks.actions import ACTIVE, saved_paths
from genstudio.tasks.events import TaskEvent
from genstudio.tasks.record import TaskRecord, TaskState
from genstudio.tasks.state_words import prompt_words
from genstudio.ui.icons import scope_icon
from genstudio.ui.tasklist.status_text import (
    elapsed_words,
    saving_words,
    scope_words,
    state_colour,
    state_words,
)
from genstudio.ui.tasklist.thumbnail_icons import ThumbnailIcons

AnyIndex = QModelIndex | QPersistentModelIndex


class Column(enum.IntEnum):
    CREATED = 0
    SCOPE = 1
    MODEL = 2
    PROMPT = 3
    STATUS = 4
    PROGRESS = 5
    ELAPSED = 6
    TASK_ID = 7
    PRICE = 8  # last: the saved column layout of earlier versions stays valid


RECORD_ROLE = Qt.ItemDataRole.UserRole + 1  # the TaskRecord itself
SORT_ROLE = Qt.ItemDataRole.UserRole + 2  # a value that sorts correctly
SECOND_LINE_ROLE = Qt.ItemDataRole.UserRole + 4  # "model · time" under the prompt
PROGRESS_TEXT_ROLE = Qt.ItemDataRole.UserRole + 5  # "42%", "Saving 42%" or ""


def _order(record: TaskRecord) -> tuple[float, int]:
    return (record.created_at, record.id)


class TaskTableModel(QAbstractTableModel):
    """Row 0 is the newest task, so the table needs no sorting to open newest first
    (sorting 10,000 rows through Python costs over a second)."""

    def __init__(self, parent: Any = None, icons: ThumbnailIcons | None = None) -> None:
        super().__init__(parent)
        self._icons = icons
        self._thumb_of: dict[str, int] = {}  # saved path -> local id, once its icon is asked
        if icons is not None:
            icons.ready.connect(self._thumbnail_ready)
        self._items: list[TaskRecord] = []  # oldest first: new tasks are appended
        self._index_of: dict[int, int] = {}  # local id -> position in _items
        self._text: dict[int, tuple[str, ...]] = {}  # local id -> cached display texts
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
        # Running tasks' elapsed time ticks once a second: one signal for the column.
        self._ticker = QTimer(self)
        self._ticker.setInterval(1000)
        self._ticker.timeout.connect(self._tick)
        self._ticker.start()

    # -- feeding ---------------------------------------------------------------------------

    def set_records(self, records: list[TaskRecord]) -> None:
        """The initial load, newest first (the only reset)."""
        self.beginResetModel()
        self._items = list(reversed(records))
        self._text.clear()
        self._reindex()
        self.endResetModel()

    def apply(self, event: TaskEvent) -> None:
        if event.kind == "added":
            for record in event.records:
                if record.id not in self._index_of:
                    self._insert(record)
        elif event.kind == "changed":
            last = len(Column) - 1
            for record in event.records:
                row = self.row_of(record.id)
                if row is not None:
                    self._items[self._index_of[record.id]] = record
                    self._text.pop(record.id, None)
                    self.dataChanged.emit(self.index(row, 0), self.index(row, last))
        else:
            for record in event.records:
                row = self.row_of(record.id)
                if row is None:
                    continue
                self.beginRemoveRows(QModelIndex(), row, row)
                del self._items[self._index_of[record.id]]
                self._text.pop(record.id, None)
                self._reindex()
                self.endRemoveRows()

    def _insert(self, record: TaskRecord) -> None:
        """In creation order: a new task on top, a task brought back by Undo where it was."""
        position = bisect.bisect(self._items, _order(record), key=_order)
        row = len(self._items) - position
        self.beginInsertRows(QModelIndex(), row, row)
        self._items.insert(position, record)
        if position == len(self._items) - 1:
            self._index_of[record.id] = position
        else:
            self._reindex()
        self.endInsertRows()

    def _reindex(self) -> None:
        self._index_of = {record.id: i for i, record in enumerate(self._items)}

    def record_at(self, row: int) -> TaskRecord:
        return self._items[len(self._items) - 1 - row]

    def row_of(self, local_id: int) -> int | None:
        position = self._index_of.get(local_id)
        return None if position is None else len(self._items) - 1 - position

    def _tick(self) -> None:
        rows = [self.row_of(r.id) for r in self._items if r.state in ACTIVE]
        present = [row for row in rows if row is not None]
        if present:
            self.dataChanged.emit(
                self.index(min(present), Column.ELAPSED),
                self.index(max(present), Column.ELAPSED),
                [Qt.ItemDataRole.DisplayRole, SORT_ROLE],
            )

    # -- the model interface -----------------------------------------------------------------

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._items)

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

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        # The view asks for many roles per cell while painting: leave early for the rest.
        if role not in _ROLES or not index.isValid():
            return None
        row = index.row()
        if not 0 <= row < len(self._items):
            return None
        record = self._items[len(self._items) - 1 - row]
        column = index.column()
        if role == _DISPLAY:
            if column == Column.ELAPSED:
                return elapsed_words(record.elapsed(time.time()))
            if column == Column.SCOPE:
                return None  # the icon says it; the words are in the tooltip
            return self._texts(record)[column]
        if role == _ACCESSIBLE:
            return self._texts(record)[column]
        if role == RECORD_ROLE:
            return record
        if role == SORT_ROLE:
            return self._sort_value(record, Column(column))
        if role == _DECORATION:
            if column == Column.PROMPT:
                return self._thumbnail(record)
            return scope_icon(record.request.scope) if column == Column.SCOPE else None
        if role == SECOND_LINE_ROLE:
            texts = self._texts(record)
            return f"{texts[Column.MODEL]} · {texts[Column.CREATED]}"
        if role == PROGRESS_TEXT_ROLE:  # beside the state: only while it still moves
            moving = record.state.is_polled or record.saving
            return self._texts(record)[Column.PROGRESS] if moving else ""
        if role == _FOREGROUND:
            return state_colour(record.state) if column == Column.STATUS else None
        if role == _TOOLTIP:
            return self._tooltip(record, Column(column))
        if column in (Column.PROGRESS, Column.ELAPSED, Column.PRICE):  # alignment
            return _RIGHT
        return None

    def _thumbnail(self, record: TaskRecord) -> QIcon:
        """The first saved output's thumbnail; the kind's icon until there is one."""
        paths = saved_paths(record)
        if paths and self._icons is not None:
            self._thumb_of[paths[0]] = record.id
            icon = self._icons.icon(paths[0], record.request.scope)
            if icon is not None:
                return icon
        return scope_icon(record.request.scope)

    def _thumbnail_ready(self, path: str) -> None:
        local_id = self._thumb_of.get(path)
        row = None if local_id is None else self.row_of(local_id)
        if row is not None:
            index = self.index(row, Column.PROMPT)
            self.dataChanged.emit(index, index, [_DECORATION])

    def _texts(self, record: TaskRecord) -> tuple[str, ...]:
        texts = self._text.get(record.id)
        if texts is None:
            texts = tuple(self._display(record, column) for column in Column)
            self._text[record.id] = texts
        return texts

    def _display(self, record: TaskRecord, column: Column) -> str:
        if column is Column.CREATED:
            created = QDateTime.fromSecsSinceEpoch(int(record.created_at))
            if created.date() == QDateTime.currentDateTime().date():
                return created.toString("HH:mm:ss")
            return created.toString("yyyy-MM-dd HH:mm")
        if column is Column.SCOPE:
            return scope_words(record.request.scope)
        if column is Column.MODEL:
            return record.request.model
        if column is Column.PROMPT:
            return " ".join(prompt_words(record).split())
        if column is Column.STATUS:
            return state_words(record.state)
        if column is Column.PROGRESS:
            if record.state is TaskState.DONE and record.saving:
                return saving_words(record)
            value = bar_value(record)
            return "" if value is None else f"{value}%"
        if column is Column.ELAPSED:
            return elapsed_words(record.elapsed(time.time()))
        if column is Column.PRICE:
            return "" if record.price_usd is None else "≈ " + format_usd(record.price_usd)
        return printable(record.task_id or "")

    def _sort_value(self, record: TaskRecord, column: Column) -> Any:
        if column is Column.CREATED:
            return record.created_at
        if column is Column.PROGRESS:
            return record.progress if record.progress is not None else -1.0
        if column is Column.ELAPSED:
            return record.elapsed(time.time())
        if column is Column.PRICE:
            return record.price_usd if record.price_usd is not None else -1.0
        return self._display(record, column).lower()

    def _tooltip(self, record: TaskRecord, column: Column) -> str | None:
        if column is Column.PROMPT:
            return prompt_words(record)
        if column is Column.SCOPE:
            return scope_words(record.request.scope)
        if column is Column.STATUS:
            return printable(record.fail_reason or record.last_error or state_words(record.state))
        if column is Column.TASK_ID:
            return printable(record.task_id or "")
        return None


_DISPLAY = Qt.ItemDataRole.DisplayRole
_DECORATION = Qt.ItemDataRole.DecorationRole
_FOREGROUND = Qt.ItemDataRole.ForegroundRole
_TOOLTIP = Qt.ItemDataRole.ToolTipRole
_ACCESSIBLE = Qt.ItemDataRole.AccessibleTextRole
_ROLES = frozenset(
    {
        _ACCESSIBLE,
        _DISPLAY,
        _DECORATION,
        _FOREGROUND,
        _TOOLTIP,
        RECORD_ROLE,
        SORT_ROLE,
        SECOND_LINE_ROLE,
        PROGRESS_TEXT_ROLE,
        Qt.ItemDataRole.TextAlignmentRole,
    }
)
_COLUMNS = len(Column)
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


class TaskFilterProxy(QSortFilterProxyModel):
    """Search text (prompt, model, id, reason) and a set of states to show.

    Unsorted, it keeps the model's newest-first order; a header click sorts.
    """

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._needle = ""
        self._states: frozenset[TaskState] | None = None
        self.setSortRole(SORT_ROLE)
        self.setDynamicSortFilter(True)

    def set_search(self, text: str) -> None:
        self.beginFilterChange()
        self._needle = text.strip().lower()
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def set_states(self, states: frozenset[TaskState] | None) -> None:
        self.beginFilterChange()
        self._states = states
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: AnyIndex) -> bool:
        model = self.sourceModel()
        if not isinstance(model, TaskTableModel):
            return True
        record = model.record_at(source_row)
        if self._states is not None and record.state not in self._states:
            return False
        if not self._needle:
            return True
        haystack = " ".join(
            filter(
                None,
                (
                    record.request.prompt,
                    record.request.model,
                    record.task_id,
                    record.fail_reason,
                    record.profile,
                ),
            )
        )
        return self._needle in haystack.lower()


def bar_value(record: TaskRecord) -> int | None:
    """The progress bar's percent: the download's while saving, else the task's, and
    no bar for tasks that ended without a result (a stuck "0%" says nothing)."""
    if record.state is TaskState.DONE and record.saving:
        return None if record.save_fraction is None else int(record.save_fraction * 100)
    if record.progress is None or not (record.state.is_polled or record.state is TaskState.DONE):
        return None
    return int(record.progress)
