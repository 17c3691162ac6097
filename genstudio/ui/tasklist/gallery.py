"""The gallery: a grid of finished outputs, toggled with the table.

One item per output of a Done task, newest first, with a thumbnail made off the GUI
thread once the output is saved. Its items come from the same query as the table's
(``tasks.history_query``: search words in SQL, and the kind), read when it is first
shown; what an item shows is read a page of tasks at a time, as the table does.
"""

from __future__ import annotations

import bisect
import logging
from array import array
from dataclasses import replace
from itertools import accumulate
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractListModel,
    QIdentityProxyModel,
    QModelIndex,
    QPersistentModelIndex,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QIcon, QPixmap
from PySide6.QtWidgets import QListView

from genstudio.tasks.query import HistoryQuery
from genstudio.tasks.state_words import prompt_words
from genstudio.tasks.states import FileState, TaskState
from genstudio.ui.icons import scope_icon
from genstudio.ui.tasklist.row_window import KEPT, RowWindow, announce
from genstudio.ui.tasklist.status_text import saving_words
from genstudio.ui.tasklist.thumbnail_icons import ThumbnailIcons

if TYPE_CHECKING:
    from concurrent.futures import Future

    from genstudio.api.kinds import Scope
    from genstudio.tasks.background import BackgroundTasks
    from genstudio.tasks.events import TaskEvent
    from genstudio.tasks.history_query import TaskHistory
    from genstudio.tasks.record import TaskRecord
    from genstudio.ui.tasklist.thumbnail_maker import ThumbnailMaker

log = logging.getLogger(__name__)
AnyIndex = QModelIndex | QPersistentModelIndex
RECORD_ROLE = Qt.ItemDataRole.UserRole + 1  # the task's full record (read on demand)
ID_ROLE = Qt.ItemDataRole.UserRole + 2
SCOPE_ROLE = Qt.ItemDataRole.UserRole + 3
_SETTLE_MS = 250  # status changes come many times a second: ask again at most this often


class GalleryModel(QAbstractListModel):
    """Items are (task, output index), newest task first. Empty until :meth:`set_active`
    (the gallery is shown): a history of 100,000 jobs costs nothing while it is hidden."""

    # (generation, future): a search's items, read on the history's own thread
    _found = Signal(int, object)

    def __init__(
        self,
        history: TaskHistory | None = None,
        thumbnails: ThumbnailMaker | None = None,
        background: BackgroundTasks | None = None,
        parent: Any = None,
        icons: ThumbnailIcons | None = None,
        *,
        read_later: bool = False,
    ) -> None:
        super().__init__(parent)
        self._read_later = read_later  # searches read off the GUI thread
        self._generation = 0
        # Queued: see row_window.announce.
        self._found.connect(self._arrived, Qt.ConnectionType.QueuedConnection)
        self.window = RowWindow(history)  # one row per task
        self._ends: array[int] = array("q")  # items up to and including each task
        self._items = 0
        self._query = HistoryQuery(done_only=True)
        self._active = False
        self._stale = True
        self._requested: dict[str, int] = {}  # path -> local id, once its icon is asked
        self._tiles: dict[tuple[Scope, str], QIcon] = {}  # tiles for outputs not shown yet
        self.icons = icons or ThumbnailIcons(thumbnails, background, self)
        self.icons.ready.connect(self._thumbnail_ready)
        self._pending = QTimer(self)
        self._pending.setSingleShot(True)
        self._pending.setInterval(_SETTLE_MS)
        self._pending.timeout.connect(self._again)

    # -- the query ---------------------------------------------------------------------------

    def set_active(self, active: bool) -> None:
        self._active = active
        if active and self._stale:
            self.refresh()

    def set_search(self, text: str) -> None:
        self._set_query(search=" ".join(text.split()))

    def set_scope(self, scope: str | None) -> None:
        self._set_query(scope=scope)

    def _set_query(self, **changes: Any) -> None:
        query = replace(self._query, **changes)
        if query == self._query:
            return
        self._query = query
        self._stale = True
        self._generation += 1
        history = self.window.history
        future = None
        if self._active and self._read_later and history is not None:
            future = history.later(lambda h: h.outputs(query))
        if future is not None:
            generation = self._generation
            future.add_done_callback(lambda done: announce(self._found, generation, done))
        elif self._active:
            self.refresh()

    def _arrived(self, generation: int, future: Future[tuple[array[int], array[int]]]) -> None:
        if generation != self._generation or not self._active:
            return
        import sqlite3  # loaded with the history; the window paints without it

        try:
            ids, counts = future.result()
        except sqlite3.Error as exc:
            log.info("gallery search on the reading thread failed, asked here: %s", exc)
            self.refresh()
            return
        self._show(ids, counts)

    def set_history(self, history: TaskHistory) -> None:
        """The history, for a model made before it was open (the window paints first);
        read with the next ``refresh``."""
        self.window.history = history

    def refresh(self, only_if_changed: bool = False) -> None:
        history = self.window.history
        ids, counts = history.outputs(self._query) if history else (array("q"), array("q"))
        self._show(ids, counts, only_if_changed)

    def _show(self, ids: array[int], counts: array[int], only_if_changed: bool = False) -> None:
        self._generation += 1
        ends = array("q", accumulate(counts))
        self._stale = False
        if only_if_changed and ids == self.window.ids and ends == self._ends:
            return
        self.beginResetModel()
        self.window.forget_rows()
        self.window.replace(ids)
        self._ends = ends
        self._items = ends[-1] if ends else 0
        self.endResetModel()

    def _again(self) -> None:
        if self._active:
            self.refresh(only_if_changed=True)
        else:
            self._stale = True

    def apply(self, event: TaskEvent) -> None:
        removed = event.kind == "removed"
        self.window.note(event.records, removed)
        if event.kind != "changed":  # finished tasks deleted or back (Undo): at once
            if any(r.state is TaskState.DONE for r in event.records):
                self._again()
            return
        for record in event.records:
            if record.state is not TaskState.DONE:
                # Only a task the gallery shows matters (checked again, say).
                if self.window.painted_row(record.id) is not None:
                    self._pending.start()
                continue
            task = self.window.row_of(record.id)
            if task is not None and self._count(task) == len(record.outputs):
                first = self._ends[task - 1] if task else 0
                self.dataChanged.emit(self.index(first), self.index(self._ends[task] - 1))
            else:
                self._pending.start()  # newly done: placed once changes settle

    def first_item_of(self, local_id: int) -> int | None:
        task = self.window.row_of(local_id)
        if task is None:
            return None
        return self._ends[task - 1] if task else 0

    def _count(self, task: int) -> int:
        return self._ends[task] - (self._ends[task - 1] if task else 0)

    # -- items -------------------------------------------------------------------------------

    def _item(self, row: int) -> tuple[int, int]:
        """(task position, output index) of item ``row``."""
        task = bisect.bisect_right(self._ends, row)
        return task, row - (self._ends[task - 1] if task else 0)

    def _thumbnail_ready(self, path: str) -> None:
        local_id = self._requested.get(path)
        task = None if local_id is None else self.window.painted_row(local_id)
        if task is None:
            return
        record = self.window.shown(task)
        first = self._ends[task - 1] if task else 0
        for output in range(self._count(task)):
            if record is not None and self._path_of(record, output) == path:
                index = self.index(first + output)
                self.dataChanged.emit(index, index, [Qt.ItemDataRole.DecorationRole])

    @staticmethod
    def _path_of(record: TaskRecord, index: int) -> str | None:
        if index < len(record.files):
            file = record.files[index]
            if file.state is FileState.SAVED:
                return file.path
        return None

    def tile_words(self, record: TaskRecord, index: int) -> str:
        """Where an output without a thumbnail stands, on its tile."""
        # No entry at all: the task finished before saving existed, or long ago.
        file = record.files[index] if index < len(record.files) else None
        state = file.state if file is not None else FileState.FAILED
        if file is not None and state is FileState.PENDING and file.error:
            return saving_words(record)  # paused for room, or a download to try again
        return {
            FileState.PENDING: self.tr("Saving…"),
            FileState.SAVED: self.tr("Saved"),  # until its thumbnail is ready
            FileState.EXPIRED: self.tr("Link expired"),
            FileState.FAILED: self.tr("Not saved"),
            FileState.REFUSED: self.tr("Not saved"),
        }[state]

    def _status_icon(self, record: TaskRecord, index: int) -> QIcon:
        words = self.tile_words(record, index)
        key = (record.request.scope, words)
        icon = self._tiles.get(key)
        if icon is None:
            from genstudio.ui.tasklist.thumbnails import status_tile  # with the first tile

            tile = status_tile(scope_icon(record.request.scope), words)
            icon = self._tiles[key] = QIcon(QPixmap.fromImage(tile))
        return icon

    def has_thumbnail(self, row: int) -> bool:
        task, output = self._item(row)
        record = self.window.shown(task)
        path = None if record is None else self._path_of(record, output)
        return path is not None and self.icons.has(path)

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        # Asked a few times per item while Qt places them: kept as short as it gets.
        return 0 if parent.isValid() else self._items

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < self.rowCount():
            return None
        task, output = self._item(index.row())
        if role == ID_ROLE:
            return self.window.ids[task]
        if role == RECORD_ROLE:
            history = self.window.history
            return history.record(self.window.ids[task]) if history is not None else None
        record = self.window.shown(task)
        if record is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            words = " ".join(prompt_words(record).split()[:5])
            return words if len(record.outputs) <= 1 else f"{words} ({output + 1})"
        if role == Qt.ItemDataRole.DecorationRole:
            path = self._path_of(record, output)
            if path is None:
                return self._status_icon(record, output)
            if len(self._requested) > KEPT:  # a long scroll: only what is on screen matters
                self._requested.clear()
            self._requested.setdefault(path, record.id)
            icon = self.icons.icon(path, record.request.scope)
            return icon if icon is not None else self._status_icon(record, output)
        if role == Qt.ItemDataRole.ToolTipRole:
            return prompt_words(record)
        if role == SCOPE_ROLE:
            return record.request.scope.value
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable


class GalleryFilter(QIdentityProxyModel):
    """The view's model: the kind and the search text go to the gallery's query."""

    def _source(self) -> GalleryModel | None:
        model = self.sourceModel()
        return model if isinstance(model, GalleryModel) else None

    def set_scope(self, scope: str | None) -> None:
        if (model := self._source()) is not None:
            model.set_scope(scope)

    def set_search(self, text: str) -> None:
        if (model := self._source()) is not None:
            model.set_search(text)


class GalleryView(QListView):
    def __init__(self) -> None:
        super().__init__()
        self.setViewMode(QListView.ViewMode.IconMode)
        self.setIconSize(QSize(140, 140))
        self.setGridSize(QSize(158, 186))
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setMovement(QListView.Movement.Static)
        self.setUniformItemSizes(True)
        # Tens of thousands of items are placed a batch at a time between events: the
        # first screenful shows at once and the window never waits for the rest.
        self.setLayoutMode(QListView.LayoutMode.Batched)
        self.setBatchSize(500)
        self.setWordWrap(True)
        self.setSelectionMode(QListView.SelectionMode.ExtendedSelection)
        self.setAccessibleName(self.tr("Gallery of finished outputs"))
