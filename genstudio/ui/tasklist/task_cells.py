"""What a task table cell shows for each role the view asks: the words (cached per
task while its row is in view), the icon or thumbnail, colour, tooltip and alignment."""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt

from genstudio.tasks.actions import saved_paths
from genstudio.ui.icons import scope_icon
from genstudio.ui.tasklist.row_window import KEPT
from genstudio.ui.tasklist.status_text import elapsed_words, state_colour
from genstudio.ui.tasklist.task_columns import (
    BAR_ROLE,
    CELL_ROLE,
    ID_ROLE,
    PROGRESS_TEXT_ROLE,
    RECORD_ROLE,
    SECOND_LINE_ROLE,
    Column,
    bar_value,
    column_text,
    column_tooltip,
)

if TYPE_CHECKING:
    from PySide6.QtGui import QIcon

    from genstudio.tasks.record import TaskRecord
    from genstudio.ui.tasklist.thumbnail_icons import ThumbnailIcons

_DISPLAY = Qt.ItemDataRole.DisplayRole
_DECORATION = Qt.ItemDataRole.DecorationRole
_FOREGROUND = Qt.ItemDataRole.ForegroundRole
_TOOLTIP = Qt.ItemDataRole.ToolTipRole
_ACCESSIBLE = Qt.ItemDataRole.AccessibleTextRole
#: The roles a cell answers; the view asks for many more while painting.
ROLES = frozenset(
    {
        _ACCESSIBLE,
        _DISPLAY,
        _DECORATION,
        _FOREGROUND,
        _TOOLTIP,
        RECORD_ROLE,
        ID_ROLE,
        CELL_ROLE,
        BAR_ROLE,
        SECOND_LINE_ROLE,
        PROGRESS_TEXT_ROLE,
        Qt.ItemDataRole.TextAlignmentRole,
    }
)
_COLUMNS = tuple(Column)
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


class TaskCells:
    """The cells' values, asked by the table model for rows it has read."""

    def __init__(self, icons: ThumbnailIcons | None) -> None:
        self.icons = icons
        self.thumb_of: dict[str, int] = {}  # saved path -> local id, once its icon is asked
        # local id -> its cells' words, each made when first asked (a drawn row needs
        # five of the nine; a burst of submits shows 16 new rows every 100 ms)
        self.text_of: dict[int, list[str | None]] = {}

    def value(self, record: TaskRecord, column: int, role: int) -> Any:
        """What ``role`` of ``record``'s cell in ``column`` shows."""
        if role == _DISPLAY:
            if column == Column.ELAPSED:
                return elapsed_words(record.elapsed(time.time()))
            if column == Column.SCOPE:
                return None  # the icon says it; the words are in the tooltip
            return self.text(record, column)
        if role == _ACCESSIBLE:
            return self.text(record, column)
        if role == BAR_ROLE:
            return bar_value(record)
        if role == _DECORATION:
            if column == Column.PROMPT:
                return self.thumbnail(record)
            return scope_icon(record.request.scope) if column == Column.SCOPE else None
        if role == SECOND_LINE_ROLE:
            return f"{self.text(record, Column.MODEL)} · {self.text(record, Column.CREATED)}"
        if role == PROGRESS_TEXT_ROLE:  # beside the state: only while it still moves
            moving = record.state.is_polled or record.saving
            return self.text(record, Column.PROGRESS) if moving else ""
        if role == _FOREGROUND:
            return state_colour(record.state) if column == Column.STATUS else None
        if role == _TOOLTIP:
            return column_tooltip(record, Column(column))
        if column in (Column.PROGRESS, Column.ELAPSED, Column.PRICE):  # alignment
            return _RIGHT
        return None

    def thumbnail(self, record: TaskRecord) -> QIcon:
        """The first saved output's thumbnail; the kind's icon until there is one."""
        paths = saved_paths(record)
        if paths and self.icons is not None:
            if len(self.thumb_of) > KEPT:  # a long scroll: only what is on screen matters
                self.thumb_of.clear()
            self.thumb_of[paths[0]] = record.id
            icon = self.icons.icon(paths[0], record.request.scope)
            if icon is not None:
                return icon
        return scope_icon(record.request.scope)

    def text(self, record: TaskRecord, column: int) -> str:
        """What ``record``'s cell in ``column`` says, made once while its row is read."""
        texts = self.text_of.get(record.id)
        if texts is None:
            if len(self.text_of) > KEPT:  # bounded like the rows read: a scroll through all
                self.text_of.clear()
            texts = self.text_of[record.id] = [None] * len(_COLUMNS)
        text = texts[column]
        if text is None:
            text = texts[column] = column_text(record, _COLUMNS[column])
        return text
