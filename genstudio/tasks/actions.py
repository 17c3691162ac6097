"""Which action applies to a task in which state: the one home of these rules.

The service's guards, the window's toolbar and menus, the details pane's buttons and
the list's filters all ask here, so they cannot disagree.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from typing import TYPE_CHECKING

from genstudio.api.kinds import Scope
from genstudio.tasks.states import FileState, TaskState

if TYPE_CHECKING:
    from genstudio.tasks.record import SavedFile, TaskRecord


class Action(enum.Enum):
    CHECK = "check"  # ask the provider now
    STOP = "stop"  # stop watching (the provider may still finish it)
    RETRY = "retry"  # the same request again (its own row when it was never sent)
    RESUBMIT = "resubmit"  # "Submit again" after an unknown submission: may pay twice
    DISMISS = "dismiss"  # keep an unknown submission in the history, stop asking
    ATTACH_ID = "attach_id"  # an unknown submission found at the provider: watch it by id
    SAVE_AGAIN = "save_again"  # outputs that were not saved
    DELETE = "delete"
    OPEN = "open"  # the saved file, else the output link
    REUSE = "reuse"  # the request into the form
    USE_AS_REFERENCE = "use_as_reference"  # a saved image into the form's references
    COPY_LINK = "copy_link"
    COPY_ID = "copy_id"
    SAVE_AS = "save_as"
    SAVE_ALL = "save_all"
    SHOW_IN_FOLDER = "show_in_folder"
    COPY_IMAGE = "copy_image"


# Groups of states, named once (the filters and the rules below use them).
ACTIVE = frozenset(
    {
        TaskState.SUBMITTING,
        TaskState.SEND_LATER,
        TaskState.WAITING,
        TaskState.QUEUED,
        TaskState.RUNNING,
        TaskState.CHECKING,
        TaskState.UNREACHABLE,
        TaskState.KEY_REFUSED,
    }
)
NEEDS_ATTENTION = frozenset(
    {
        TaskState.SUBMISSION_UNKNOWN,
        TaskState.TIMED_OUT,
        TaskState.KEY_REFUSED,
        TaskState.PROVIDER_REMOVED,
        TaskState.UNREACHABLE,
    }
)
FINISHED = frozenset({TaskState.DONE})
FAILED = frozenset({TaskState.FAILED, TaskState.NO_OUTPUT})

# Actions that make sense for one task at a time.
SINGLE = frozenset(
    {Action.REUSE, Action.SAVE_AS, Action.COPY_IMAGE, Action.USE_AS_REFERENCE, Action.ATTACH_ID}
)

_CHECKABLE = frozenset(
    {
        TaskState.WAITING,
        TaskState.QUEUED,
        TaskState.RUNNING,
        TaskState.CHECKING,
        TaskState.UNREACHABLE,
        TaskState.TIMED_OUT,
        TaskState.STOPPED,
        TaskState.NO_OUTPUT,
    }
)
_STOPPABLE = frozenset(
    {
        TaskState.WAITING,
        TaskState.QUEUED,
        TaskState.RUNNING,
        TaskState.CHECKING,
        TaskState.UNREACHABLE,
        TaskState.TIMED_OUT,
        TaskState.KEY_REFUSED,
        TaskState.PROVIDER_REMOVED,
    }
)
# Retrying one of these is safe: the provider made nothing (or nothing usable) that is
# still coming. Not offered while a task may still finish: that would pay twice.
_RETRYABLE = frozenset({TaskState.FAILED, TaskState.NO_OUTPUT, TaskState.STOPPED})


# Outputs that another try may save (after a setting changed, or the link works again).
# Not REFUSED: a link that is not a web link or leads to a forbidden address stays so.
SAVE_AGAIN_HELPS = frozenset({FileState.FAILED, FileState.EXPIRED})


def save_again_helps(file: SavedFile) -> bool:
    return file.state in SAVE_AGAIN_HELPS


def saved_paths(record: TaskRecord) -> list[str]:
    return [f.path for f in record.files if f.state is FileState.SAVED and f.path]


def never_sent(record: TaskRecord) -> bool:
    """Nothing was created at the provider: sending it is its first send."""
    return record.task_id is None and record.state in (TaskState.FAILED, TaskState.KEY_REFUSED)


def applies(action: Action, record: TaskRecord) -> bool:
    """Whether ``action`` applies to ``record`` in its current state."""
    state = record.state
    match action:
        case Action.CHECK:
            return record.task_id is not None and state in _CHECKABLE
        case Action.STOP:
            return state in _STOPPABLE
        case Action.RETRY:
            return state in _RETRYABLE or never_sent(record)
        case Action.RESUBMIT | Action.DISMISS | Action.ATTACH_ID:
            return state is TaskState.SUBMISSION_UNKNOWN
        case Action.SAVE_AGAIN:
            return state is TaskState.DONE and any(map(save_again_helps, record.files))
        case Action.DELETE:
            # While it is being sent the answer (and what it costs) is not known yet.
            return state is not TaskState.SUBMITTING
        case Action.OPEN:
            return bool(record.outputs) or bool(saved_paths(record))
        case Action.COPY_LINK:
            return bool(record.outputs)
        case Action.REUSE:
            return True
        case Action.COPY_ID:
            return record.task_id is not None
        case Action.SAVE_AS | Action.SAVE_ALL | Action.SHOW_IN_FOLDER:
            return bool(saved_paths(record))
        case Action.COPY_IMAGE | Action.USE_AS_REFERENCE:
            return record.request.scope is Scope.IMAGES and bool(saved_paths(record))


# States where asking the provider is the next step (for running tasks it happens anyway).
_CHECK_SUGGESTED = frozenset(
    {TaskState.TIMED_OUT, TaskState.UNREACHABLE, TaskState.STOPPED, TaskState.NO_OUTPUT}
)


def suggested(action: Action, record: TaskRecord) -> bool:
    """Whether ``action`` is the next step to offer beside the task (the details pane's
    buttons): a subset of :func:`applies`, without what happens by itself."""
    if not applies(action, record):
        return False
    match action:
        case Action.CHECK:
            return record.state in _CHECK_SUGGESTED
        case Action.RETRY | Action.ATTACH_ID | Action.RESUBMIT | Action.DISMISS | Action.SAVE_AGAIN:
            return True
        case _:
            return False


def applicable(action: Action, records: Iterable[TaskRecord]) -> list[TaskRecord]:
    """The records ``action`` applies to."""
    return [r for r in records if applies(action, r)]


def enabled(action: Action, records: list[TaskRecord]) -> bool:
    """Whether a control for ``action`` is live for this selection."""
    if action in SINGLE and len(records) != 1:
        return False
    return any(applies(action, r) for r in records)
