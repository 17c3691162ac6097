"""Task states in words and colours, the way the table and the details pane show them."""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QColor

from genstudio.api.kinds import Scope
from genstudio.tasks.state_words import state_word
from genstudio.tasks.states import FileState, TaskState

if TYPE_CHECKING:
    from genstudio.tasks.record import TaskRecord


def state_words(state: TaskState) -> str:
    return state_word(state)


# Mid-tone colours that read on both light and dark backgrounds.
_COLOURS = {
    TaskState.DONE: "#2e9d4f",
    TaskState.FAILED: "#d64545",
    TaskState.SUBMISSION_UNKNOWN: "#d9822b",
    TaskState.UNREACHABLE: "#d9822b",
    TaskState.KEY_REFUSED: "#d9822b",
    TaskState.PROVIDER_REMOVED: "#d9822b",
    TaskState.SEND_LATER: "#7b68c8",
    TaskState.TIMED_OUT: "#d9822b",
    TaskState.NO_OUTPUT: "#d9822b",
    TaskState.RUNNING: "#3b82c4",
    TaskState.QUEUED: "#7b68c8",
    TaskState.WAITING: "#7b68c8",
    TaskState.CHECKING: "#3b82c4",
    TaskState.SUBMITTING: "#3b82c4",
    TaskState.STOPPED: "#8a8a8a",
}


@cache
def state_colour(state: TaskState) -> QColor:
    """The state's colour; shared, so not to be changed (made once: see task_delegates)."""
    return QColor(_COLOURS[state])


def scope_words(scope: Scope) -> str:
    return {
        Scope.IMAGES: QCoreApplication.translate("TaskStatus", "Image"),
        Scope.VIDEOS: QCoreApplication.translate("TaskStatus", "Video"),
        Scope.AUDIO: QCoreApplication.translate("TaskStatus", "Audio"),
    }[scope]


def elapsed_words(seconds: float) -> str:
    seconds = int(seconds)
    if seconds < 60:
        return QCoreApplication.translate("TaskStatus", "{s} s").format(s=seconds)
    if seconds < 3600:
        return QCoreApplication.translate("TaskStatus", "{m} min {s:02d} s").format(
            m=seconds // 60, s=seconds % 60
        )
    return QCoreApplication.translate("TaskStatus", "{h} h {m:02d} min").format(
        h=seconds // 3600, m=seconds % 3600 // 60
    )


def saving_words(record: TaskRecord) -> str:
    """A done task whose outputs are not all saved yet: how far, or that it waits (for
    room in the folder, or to try a failed download again; the details say which)."""
    if any(f.state is FileState.PENDING and f.error for f in record.files):
        return QCoreApplication.translate("TaskStatus", "Waiting to save")
    if record.save_fraction is None:
        return QCoreApplication.translate("TaskStatus", "Saving…")
    return QCoreApplication.translate("TaskStatus", "Saving {0}%").format(
        int(record.save_fraction * 100)
    )
