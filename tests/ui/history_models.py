"""The list's and the gallery's models over a real history file holding given records."""

from __future__ import annotations

from pathlib import Path

from genstudio.tasks.record import TaskRecord
from genstudio.tasks.store import HistoryStore
from genstudio.ui.tasklist.gallery import GalleryModel
from genstudio.ui.tasklist.task_table import TaskTableModel


def history_of(folder: Path, records: list[TaskRecord]) -> HistoryStore:
    """A history holding ``records`` with their own ids (as Undo puts rows back)."""
    store = HistoryStore(folder / "history.sqlite3")
    store.restore(records)
    return store


def table_over(
    folder: Path, records: list[TaskRecord], *, background: bool = False
) -> tuple[TaskTableModel, HistoryStore]:
    store = history_of(folder, records)
    model = TaskTableModel(store.reader(), background=background)
    model.refresh()
    return model, store


def gallery_over(folder: Path, records: list[TaskRecord]) -> tuple[GalleryModel, HistoryStore]:
    store = history_of(folder, records)
    model = GalleryModel(store.reader())
    model.set_active(True)
    return model, store
