"""Task states in words and colours, the way the table and the details pane show them."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QColor

from genstudio.api.snapshot import Scope
from genstudio.tasks.record import TaskState


def _tr(text: str) -> str:
    return QCoreApplication.translate("TaskStatus", text)


def state_words(state: TaskState) -> str:
    return {
        TaskState.SUBMITTING: _tr("Sending…"),
        TaskState.SUBMISSION_UNKNOWN: _tr("Submission unknown"),
        TaskState.WAITING: _tr("Waiting"),
        TaskState.QUEUED: _tr("Queued"),
        TaskState.RUNNING: _tr("Running"),
        TaskState.CHECKING: _tr("Checking…"),
        TaskState.UNREACHABLE: _tr("Can't reach provider — retrying"),
        TaskState.KEY_REFUSED: _tr("Paused — key refused"),
        TaskState.TIMED_OUT: _tr("Timed out — may still finish"),
        TaskState.DONE: _tr("Done"),
        TaskState.FAILED: _tr("Failed"),
        TaskState.NO_OUTPUT: _tr("Finished without output"),
        TaskState.STOPPED: _tr("Stopped watching"),
    }[state]


# Mid-tone colours that read on both light and dark backgrounds.
_COLOURS = {
    TaskState.DONE: "#2e9d4f",
    TaskState.FAILED: "#d64545",
    TaskState.SUBMISSION_UNKNOWN: "#d9822b",
    TaskState.UNREACHABLE: "#d9822b",
    TaskState.KEY_REFUSED: "#d9822b",
    TaskState.TIMED_OUT: "#d9822b",
    TaskState.NO_OUTPUT: "#d9822b",
    TaskState.RUNNING: "#3b82c4",
    TaskState.QUEUED: "#7b68c8",
    TaskState.WAITING: "#7b68c8",
    TaskState.CHECKING: "#3b82c4",
    TaskState.SUBMITTING: "#3b82c4",
    TaskState.STOPPED: "#8a8a8a",
}


def state_colour(state: TaskState) -> QColor:
    return QColor(_COLOURS[state])


def scope_words(scope: Scope) -> str:
    return {Scope.IMAGES: _tr("Image"), Scope.VIDEOS: _tr("Video"), Scope.AUDIO: _tr("Audio")}[
        scope
    ]


def elapsed_words(seconds: float) -> str:
    seconds = int(seconds)
    if seconds < 60:
        return f"{seconds} s"
    if seconds < 3600:
        return f"{seconds // 60} min {seconds % 60:02d} s"
    return f"{seconds // 3600} h {seconds % 3600 // 60:02d} min"
