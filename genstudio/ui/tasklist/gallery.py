"""The gallery: a grid of finished outputs, toggled with the table.

One item per output of a Done task, newest first, with a thumbnail made off the GUI
thread once the output is saved. It follows the same service events as the table.
"""

from __future__ import annotations

import bisect
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QPersistentModelIndex,
    QSize,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QIcon, QPixmap
from PySide6.QtWidgets import QListView

from genstudio.api.snapshot import Scope
from genstudio.tasks.background import BackgroundTasks
from genstudio.tasks.events import TaskEvent
from genstudio.tasks.record import FileState, TaskRecord, TaskState
from genstudio.tasks.state_words import prompt_words
from genstudio.ui.icons import scope_icon
from genstudio.ui.tasklist.thumbnail_icons import ThumbnailIcons
from genstudio.ui.tasklist.thumbnails import ThumbnailMaker, status_tile

AnyIndex = QModelIndex | QPersistentModelIndex
RECORD_ROLE = Qt.ItemDataRole.UserRole + 1
SCOPE_ROLE = Qt.ItemDataRole.UserRole + 3


def _key(record: TaskRecord) -> tuple[float, int]:
    """Newest first; the local id keeps tasks made in the same instant apart."""
    return (-record.created_at, -record.id)


class GalleryModel(QAbstractListModel):
    """Items are (record, output index), newest task first."""

    def __init__(
        self,
        thumbnails: ThumbnailMaker | None = None,
        background: BackgroundTasks | None = None,
        parent: Any = None,
        icons: ThumbnailIcons | None = None,
    ) -> None:
        super().__init__(parent)
        self._items: list[tuple[TaskRecord, int]] = []
        self._keys: list[tuple[float, int]] = []  # _key() of each item, kept sorted
        # path -> the key of the task it belongs to, once its thumbnail is asked for
        self._requested: dict[str, tuple[float, int]] = {}
        self._tiles: dict[tuple[Scope, str], QIcon] = {}  # tiles for outputs not shown yet
        self.icons = icons or ThumbnailIcons(thumbnails, background, self)
        self.icons.ready.connect(self._thumbnail_ready)

    @staticmethod
    def _entries(record: TaskRecord) -> list[tuple[TaskRecord, int]]:
        if record.state is not TaskState.DONE:
            return []
        return [(record, i) for i in range(len(record.outputs))]

    def set_records(self, records: list[TaskRecord]) -> None:
        self.beginResetModel()
        self._items = [entry for record in records for entry in self._entries(record)]
        self._items.sort(key=lambda item: _key(item[0]))
        self._keys = [_key(record) for record, _ in self._items]
        self.endResetModel()

    def apply(self, event: TaskEvent) -> None:
        # Events come many times a second (polling, download progress): find a task's
        # rows by binary search on (newest first, id), never by scanning every item.
        for record in event.records:
            key = _key(record)
            first = bisect.bisect_left(self._keys, key)
            last = bisect.bisect_right(self._keys, key)
            entries = [] if event.kind == "removed" else self._entries(record)
            if last - first == len(entries) and entries:
                self._items[first:last] = entries
                self.dataChanged.emit(self.index(first), self.index(last - 1))
                continue
            if last > first:
                self.beginRemoveRows(QModelIndex(), first, last - 1)
                del self._items[first:last]
                del self._keys[first:last]
                self.endRemoveRows()
            if entries:
                self.beginInsertRows(QModelIndex(), first, first + len(entries) - 1)
                self._items[first:first] = entries
                self._keys[first:first] = [key] * len(entries)
                self.endInsertRows()

    def _thumbnail_ready(self, path: str) -> None:
        key = self._requested.get(path)
        if key is None:
            return
        first = bisect.bisect_left(self._keys, key)
        last = bisect.bisect_right(self._keys, key)
        for row in range(first, last):
            record, index = self._items[row]
            if self._path_of(record, index) == path:
                self.dataChanged.emit(
                    self.index(row), self.index(row), [Qt.ItemDataRole.DecorationRole]
                )

    @staticmethod
    def _path_of(record: TaskRecord, index: int) -> str | None:
        if index < len(record.files):
            file = record.files[index]
            if file.state is FileState.SAVED:
                return file.path
        return None

    def _status_icon(self, record: TaskRecord, index: int) -> QIcon:
        # No entry at all: the task finished before saving existed, or long ago.
        state = record.files[index].state if index < len(record.files) else FileState.FAILED
        words = {
            FileState.PENDING: self.tr("Saving…"),
            FileState.SAVED: self.tr("Saved"),  # until its thumbnail is ready
            FileState.EXPIRED: self.tr("Link expired"),
            FileState.FAILED: self.tr("Not saved"),
            FileState.REFUSED: self.tr("Not saved"),
        }[state]
        key = (record.request.scope, words)
        icon = self._tiles.get(key)
        if icon is None:
            tile = status_tile(scope_icon(record.request.scope), words)
            icon = self._tiles[key] = QIcon(QPixmap.fromImage(tile))
        return icon

    def has_thumbnail(self, row: int) -> bool:
        record, index = self._items[row]
        path = self._path_of(record, index)
        return path is not None and self.icons.has(path)

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._items)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._items):
            return None
        record, output = self._items[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            words = " ".join(prompt_words(record).split()[:5])
            return words if len(record.outputs) == 1 else f"{words} ({output + 1})"
        if role == Qt.ItemDataRole.DecorationRole:
            path = self._path_of(record, output)
            if path is None:
                return self._status_icon(record, output)
            self._requested.setdefault(path, _key(record))
            icon = self.icons.icon(path, record.request.scope)
            return icon if icon is not None else self._status_icon(record, output)
        if role == Qt.ItemDataRole.ToolTipRole:
            return prompt_words(record)
        if role == RECORD_ROLE:
            return record
        if role == SCOPE_ROLE:
            return record.request.scope.value
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable


class GalleryFilter(QSortFilterProxyModel):
    """By kind, and by the same search text as the table."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._scope: str | None = None
        self._needle = ""

    def set_scope(self, scope: str | None) -> None:
        self.beginFilterChange()
        self._scope = scope
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def set_search(self, text: str) -> None:
        self.beginFilterChange()
        self._needle = text.strip().lower()
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: AnyIndex) -> bool:
        model = self.sourceModel()
        index = model.index(source_row, 0, source_parent)
        record = index.data(RECORD_ROLE)
        if not isinstance(record, TaskRecord):
            return True
        if self._scope and record.request.scope.value != self._scope:
            return False
        if self._needle:
            haystack = f"{record.request.prompt} {record.request.model} {record.task_id or ''}"
            return self._needle in haystack.lower()
        return True


class GalleryView(QListView):
    def __init__(self) -> None:
        super().__init__()
        self.setViewMode(QListView.ViewMode.IconMode)
        self.setIconSize(QSize(140, 140))
        self.setGridSize(QSize(158, 186))
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setMovement(QListView.Movement.Static)
        self.setUniformItemSizes(True)
        self.setWordWrap(True)
        self.setSelectionMode(QListView.SelectionMode.ExtendedSelection)
        self.setAccessibleName(self.tr("Gallery of finished outputs"))
