"""Where a task stands (:class:`TaskState`) and where saving each of its files stands
(:class:`FileState`). Apart from the record, so that the window, which colours and words
every state, is built without the task records' classes (the first paint waits on it)."""

from __future__ import annotations

import enum


class TaskState(enum.StrEnum):
    """GenStudio's own view of a task; each final state has its own name."""

    SUBMITTING = "submitting"  # written before the request is sent
    SUBMISSION_UNKNOWN = "submission_unknown"  # may or may not exist at the provider
    SEND_LATER = "send_later"  # refused with 429 (or not reached): nothing created, resent
    WAITING = "waiting"  # NOT_START / SUBMITTED
    QUEUED = "queued"
    RUNNING = "running"
    CHECKING = "checking"  # the provider sent a status we do not know
    UNREACHABLE = "unreachable"  # status checks keep failing; still trying
    KEY_REFUSED = "key_refused"  # polling paused until a new key is given
    PROVIDER_REMOVED = "provider_removed"  # its profile is gone: waits until added again
    TIMED_OUT = "timed_out"  # our deadline passed; may still finish
    DONE = "done"
    FAILED = "failed"
    NO_OUTPUT = "no_output"  # SUCCESS without an output URL, after a grace period
    STOPPED = "stopped"  # the user stopped watching (or dismissed it)

    @property
    def is_polled(self) -> bool:
        """States the scheduler keeps checking."""
        return self in _POLLED

    @property
    def is_final(self) -> bool:
        return self in _FINAL


_POLLED = frozenset(
    {
        TaskState.WAITING,
        TaskState.QUEUED,
        TaskState.RUNNING,
        TaskState.CHECKING,
        TaskState.UNREACHABLE,
    }
)
_FINAL = frozenset({TaskState.DONE, TaskState.FAILED, TaskState.NO_OUTPUT, TaskState.STOPPED})


class FileState(enum.StrEnum):
    """Where saving one output stands."""

    PENDING = "pending"  # not tried yet, or waiting for the next try
    SAVED = "saved"
    EXPIRED = "expired"  # the output host answered 403/404/410
    FAILED = "failed"  # gave up after several tries, or too large (Save again may help)
    REFUSED = "refused"  # not a web link or a forbidden address: nothing can help
