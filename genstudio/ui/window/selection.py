"""The selected tasks, from the list or the gallery, whichever is shown.

Both views drive the previewer, the details and the actions the same way: a click
selects and previews; a double click opens full size.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QAbstractItemModel, QItemSelection, QItemSelectionModel, QObject, Signal

from genstudio.ui.tasklist.gallery import ID_ROLE as GALLERY_ID_ROLE
from genstudio.ui.tasklist.gallery import GalleryModel
from genstudio.ui.tasklist.task_columns import ID_ROLE
from genstudio.ui.tasklist.task_table import TaskTableModel

if TYPE_CHECKING:
    from PySide6.QtWidgets import QAbstractItemView

    from genstudio.tasks.record import TaskRecord
    from genstudio.ui.window.workspace import Workspace

_KEPT = 1000  # selected tasks kept through a new search or filter (a select-all is not)


class TaskSelection(QObject):
    changed = Signal()

    def __init__(
        self,
        workspace: Workspace,
        resolve: Callable[[int], TaskRecord | None],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._workspace = workspace
        self._resolve = resolve  # a task's full record, read from the history if need be
        workspace.table.selectionModel().selectionChanged.connect(self._table_changed)
        workspace.gallery.selectionModel().selectionChanged.connect(self._gallery_changed)
        workspace.views.currentChanged.connect(lambda _i: self.changed.emit())
        # A new search or filter resets the rows: the tasks selected stay selected.
        self._kept: dict[QAbstractItemView, tuple[list[int], int | None]] = {}
        for view in (workspace.table, workspace.gallery):
            model = view.model()
            model.modelAboutToBeReset.connect(lambda v=view: self._keep(v))
            model.modelReset.connect(lambda v=view: self._restore(v))

    def ids(self) -> list[int]:
        """Selected tasks' ids in view order; a task with several outputs once."""
        if self._workspace.gallery_shown:
            view = self._workspace.gallery
            indexes = sorted(view.selectionModel().selectedIndexes(), key=lambda i: i.row())
            role = GALLERY_ID_ROLE
        else:
            indexes = self._workspace.table.selectionModel().selectedRows()
            indexes = sorted(indexes, key=lambda i: i.row())
            role = ID_ROLE
        ids: dict[int, None] = {}
        for index in indexes:
            local_id = index.data(role)
            if isinstance(local_id, int):
                ids.setdefault(local_id)
        return list(ids)

    def records(self) -> list[TaskRecord]:
        """Selected tasks in view order, read whole (the user acts on them)."""
        return [r for i in self.ids() if (r := self._resolve(i)) is not None]

    def step(self, step: int) -> None:
        """Next or previous task in the list, from anywhere in the window."""
        table, proxy = self._workspace.table, self._workspace.proxy
        rows = proxy.rowCount()
        if not rows:
            return
        current = table.currentIndex()
        row = current.row() + step if current.isValid() else (0 if step > 0 else rows - 1)
        row = max(0, min(rows - 1, row))
        table.selectRow(row)
        table.scrollTo(proxy.index(row, 0))

    def select_task(self, local_id: int) -> None:
        """Show the list, unfiltered, with this task selected (from a notification)."""
        ws = self._workspace
        ws.show_gallery(False)
        model = ws.proxy.sourceModel()
        if isinstance(model, TaskTableModel):
            model.show_all()  # at once: the row is looked up below
        ws.search.clear()
        ws.status_filter.setCurrentIndex(0)
        row = _row_of(ws.proxy, local_id)
        if row is not None:
            ws.table.selectRow(row)
            ws.table.scrollTo(ws.proxy.index(row, 0))

    def _keep(self, view: QAbstractItemView) -> None:
        role = ID_ROLE if view is self._workspace.table else GALLERY_ID_ROLE
        rows = sorted(view.selectionModel().selectedIndexes(), key=lambda i: i.row())
        ids = list(dict.fromkeys(i.data(role) for i in rows[: _KEPT * 10]))[:_KEPT]
        current = view.currentIndex().data(role) if view.currentIndex().isValid() else None
        self._kept[view] = ([i for i in ids if isinstance(i, int)], current)

    def _restore(self, view: QAbstractItemView) -> None:
        ids, current = self._kept.pop(view, ([], None))
        proxy = view.model()
        rows = [r for i in ids if (r := _row_of(proxy, i)) is not None]
        if not rows:
            return
        selection = QItemSelection()
        last = proxy.columnCount() - 1
        for row in rows:
            selection.select(proxy.index(row, 0), proxy.index(row, last))
        flags = QItemSelectionModel.SelectionFlag.ClearAndSelect
        view.selectionModel().select(selection, flags)
        current_row = _row_of(proxy, current) if current is not None else None
        if current_row is not None:
            index = proxy.index(current_row, 0)
            view.selectionModel().setCurrentIndex(index, QItemSelectionModel.SelectionFlag.NoUpdate)
            view.scrollTo(index)

    def _table_changed(self) -> None:
        if not self._workspace.gallery_shown:
            self.changed.emit()

    def _gallery_changed(self) -> None:
        if self._workspace.gallery_shown:
            self.changed.emit()


def _row_of(proxy: QAbstractItemModel, local_id: int) -> int | None:
    """The view's row of a task (its first output in the gallery), found in SQL order."""
    model = proxy.sourceModel() if hasattr(proxy, "sourceModel") else proxy
    if isinstance(model, TaskTableModel):
        return model.row_of(local_id)
    if isinstance(model, GalleryModel):
        return model.first_item_of(local_id)
    return None
