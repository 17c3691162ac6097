"""One word (or short phrase) per task state, the same in the list, the gallery, the
details, the notifications and the command line.

Functions, not constants: the words are looked up when said, after the app has
installed its translator.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from genstudio.api.kinds import TaskStatus
from genstudio.i18n import translate
from genstudio.tasks.states import TaskState

if TYPE_CHECKING:
    from genstudio.tasks.record import TaskRecord


def state_word(state: TaskState) -> str:
    match state:
        case TaskState.SUBMITTING:
            return translate("TaskStatus", "Sending…")
        case TaskState.SUBMISSION_UNKNOWN:
            return translate("TaskStatus", "Submission unknown")
        case TaskState.SEND_LATER:
            return translate("TaskStatus", "Waiting to send")
        case TaskState.PROVIDER_REMOVED:
            return translate("TaskStatus", "Provider removed — add it again to keep watching")
        # Not started yet, whatever the provider calls it: one word for the creator.
        case TaskState.WAITING | TaskState.QUEUED:
            return translate("TaskStatus", "Queued")
        case TaskState.RUNNING:
            return translate("TaskStatus", "Running")
        case TaskState.CHECKING:
            return translate("TaskStatus", "Checking…")
        case TaskState.UNREACHABLE:
            return translate("TaskStatus", "Can't reach provider — retrying")
        case TaskState.KEY_REFUSED:
            return translate("TaskStatus", "Waiting for API key")
        case TaskState.TIMED_OUT:
            return translate("TaskStatus", "Timed out — may still finish")
        case TaskState.DONE:
            return translate("TaskStatus", "Done")
        case TaskState.FAILED:
            return translate("TaskStatus", "Failed")
        case TaskState.NO_OUTPUT:
            return translate("TaskStatus", "Finished without output")
        case TaskState.STOPPED:
            return translate("TaskStatus", "Stopped watching")


# The provider's statuses in the task states' words (the CLI's ``status`` and ``wait``).
_STATE_OF_STATUS = {
    TaskStatus.NOT_START: TaskState.WAITING,
    TaskStatus.SUBMITTED: TaskState.WAITING,
    TaskStatus.QUEUED: TaskState.QUEUED,
    TaskStatus.IN_PROGRESS: TaskState.RUNNING,
    TaskStatus.SUCCESS: TaskState.DONE,
    TaskStatus.FAILURE: TaskState.FAILED,
    TaskStatus.UNKNOWN: TaskState.CHECKING,
}


def state_of_status(status: TaskStatus) -> TaskState:
    return _STATE_OF_STATUS.get(status, TaskState.CHECKING)


def status_word(status: TaskStatus) -> str:
    return state_word(state_of_status(status))


def prompt_words(record: TaskRecord) -> str:
    """The prompt, or what stands for it on a task imported by its id (unknown)."""
    if not record.imported:
        return record.request.prompt
    return translate("TaskStatus", "Imported task {task_id} (prompt not known)").format(
        task_id=record.task_id or ""
    )
