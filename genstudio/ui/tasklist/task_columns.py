"""What the task table shows: its columns, the roles its cells answer, the SQL sort key
of each column, and the progress bar's figure."""

from __future__ import annotations

import enum

from PySide6.QtCore import Qt

from genstudio.tasks.history_query import SortKey
from genstudio.tasks.record import TaskRecord, TaskState

__all__ = [
    "BAR_ROLE",
    "ID_ROLE",
    "PROGRESS_TEXT_ROLE",
    "RECORD_ROLE",
    "SECOND_LINE_ROLE",
    "SORT_KEYS",
    "Column",
    "bar_value",
]


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


RECORD_ROLE = Qt.ItemDataRole.UserRole + 1  # the task's full record (read on demand)
ID_ROLE = Qt.ItemDataRole.UserRole + 2  # the task's local id
BAR_ROLE = Qt.ItemDataRole.UserRole + 3  # the progress bar's percent, or None
SECOND_LINE_ROLE = Qt.ItemDataRole.UserRole + 4  # "model · time" under the prompt
PROGRESS_TEXT_ROLE = Qt.ItemDataRole.UserRole + 5  # "42%", "Saving 42%" or ""
SORT_KEYS = {
    Column.CREATED: SortKey.CREATED,
    Column.SCOPE: SortKey.SCOPE,
    Column.MODEL: SortKey.MODEL,
    Column.PROMPT: SortKey.PROMPT,
    Column.STATUS: SortKey.STATE,
    Column.PROGRESS: SortKey.PROGRESS,
    Column.ELAPSED: SortKey.ELAPSED,
    Column.TASK_ID: SortKey.TASK_ID,
    Column.PRICE: SortKey.PRICE,
}


def bar_value(record: TaskRecord) -> int | None:
    """The progress bar's percent: the download's while saving, else the task's, and
    no bar for tasks that ended without a result (a stuck "0%" says nothing)."""
    if record.state is TaskState.DONE and record.saving:
        return None if record.save_fraction is None else int(record.save_fraction * 100)
    if record.progress is None or not (record.state.is_polled or record.state is TaskState.DONE):
        return None
    return int(record.progress)
