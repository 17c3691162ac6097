"""The selected tasks, from the list or the gallery, whichever is shown.

Both views drive the previewer, the details and the actions the same way: a click
selects and previews; a double click opens full size.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from genstudio.tasks.record import TaskRecord
from genstudio.ui.tasklist.gallery import RECORD_ROLE as GALLERY_RECORD_ROLE
from genstudio.ui.tasklist.task_table import RECORD_ROLE, TaskTableModel
from genstudio.ui.window.workspace import Workspace


class TaskSelection(QObject):
    changed = Signal()

    def __init__(self, workspace: Workspace, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._workspace = workspace
        workspace.table.selectionModel().selectionChanged.connect(self._table_changed)
        workspace.gallery.selectionModel().selectionChanged.connect(self._gallery_changed)
        workspace.views.currentChanged.connect(lambda _i: self.changed.emit())

    def records(self) -> list[TaskRecord]:
        """Selected tasks in view order; a task with several outputs in the gallery once."""
        if self._workspace.gallery_shown:
            view = self._workspace.gallery
            indexes = sorted(view.selectionModel().selectedIndexes(), key=lambda i: i.row())
            role = GALLERY_RECORD_ROLE
        else:
            indexes = self._workspace.table.selectionModel().selectedRows()
            indexes = sorted(indexes, key=lambda i: i.row())
            role = RECORD_ROLE
        records: dict[int, TaskRecord] = {}
        for index in indexes:
            record = index.data(role)
            if isinstance(record, TaskRecord):
                records.setdefault(record.id, record)
        return list(records.values())

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
        ws.search.clear()
        ws.status_filter.setCurrentIndex(0)
        model = ws.proxy.sourceModel()
        row = model.row_of(local_id) if isinstance(model, TaskTableModel) else None
        if row is not None:
            index = ws.proxy.mapFromSource(model.index(row, 0))
            ws.table.selectRow(index.row())
            ws.table.scrollTo(index)

    def _table_changed(self) -> None:
        if not self._workspace.gallery_shown:
            self.changed.emit()

    def _gallery_changed(self) -> None:
        if self._workspace.gallery_shown:
            self.changed.emit()
