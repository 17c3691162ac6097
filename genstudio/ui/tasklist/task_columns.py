"""What the task table shows: its columns, the roles its cells answer, the SQL sort key
of each column, what each cell says, and the progress bar's figure."""

from __future__ import annotations

import enum
import time
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt

from genstudio.printable import printable
from genstudio.settings.money import format_usd
from genstudio.tasks.query import SortKey
from genstudio.tasks.state_words import prompt_words
from genstudio.tasks.states import TaskState
from genstudio.ui.tasklist.status_text import elapsed_words, saving_words, scope_words, state_words

if TYPE_CHECKING:
    from genstudio.tasks.record import TaskRecord

__all__ = [
    "BAR_ROLE",
    "CELL_ROLE",
    "CELL_ROLES",
    "ID_ROLE",
    "PROGRESS_TEXT_ROLE",
    "RECORD_ROLE",
    "SECOND_LINE_ROLE",
    "SORT_KEYS",
    "TEXT_COLUMNS",
    "Column",
    "bar_value",
    "column_text",
    "column_tooltip",
    "created_words",
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
CELL_ROLE = Qt.ItemDataRole.UserRole + 6  # the roles below, as a tuple, in one call
# What each drawn column's delegate needs (task_delegates.py).
CELL_ROLES: dict[int, tuple[int, ...]] = {
    Column.PROMPT: (Qt.ItemDataRole.DisplayRole, SECOND_LINE_ROLE, Qt.ItemDataRole.DecorationRole),
    Column.STATUS: (
        Qt.ItemDataRole.DisplayRole,
        PROGRESS_TEXT_ROLE,
        BAR_ROLE,
        Qt.ItemDataRole.ForegroundRole,
    ),
}
#: The columns of plain words, drawn by task_delegates.TextDelegate.
TEXT_COLUMNS = (Column.CREATED, Column.MODEL, Column.ELAPSED, Column.TASK_ID, Column.PRICE)
CELL_ROLES.update(
    (column, (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.TextAlignmentRole))
    for column in TEXT_COLUMNS
)
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


def column_text(record: TaskRecord, column: Column) -> str:
    """What a cell says (also what a screen reader reads)."""
    if column is Column.CREATED:
        return created_words(record.created_at)
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


def created_words(seconds: float, now: float | None = None) -> str:
    """When a task was made, in local time: the time alone for today's.

    Python's clock, not QDateTime: a burst shows 16 new rows every 100 ms, and each
    Qt date made there waited for the GIL while the network thread ran.
    """
    try:
        made = time.localtime(seconds)
        today = time.localtime(time.time() if now is None else now)
    except (OverflowError, OSError, ValueError):
        return ""
    if made[:3] == today[:3]:
        return time.strftime("%H:%M:%S", made)
    return time.strftime("%Y-%m-%d %H:%M", made)


def column_tooltip(record: TaskRecord, column: Column) -> str | None:
    if column is Column.PROMPT:
        return prompt_words(record)
    if column is Column.SCOPE:
        return scope_words(record.request.scope)
    if column is Column.STATUS:
        return printable(record.fail_reason or record.last_error or state_words(record.state))
    if column is Column.TASK_ID:
        return printable(record.task_id or "")
    return None
