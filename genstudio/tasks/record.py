"""One task as GenStudio tracks it, from the moment the user presses Generate."""

from __future__ import annotations

import enum
import time
from dataclasses import dataclass

from genstudio.api.request import GenerationRequest


class TaskState(enum.StrEnum):
    """GenStudio's own view of a task; each final state has its own name."""

    SUBMITTING = "submitting"  # written before the request is sent
    SUBMISSION_UNKNOWN = "submission_unknown"  # may or may not exist at the provider
    WAITING = "waiting"  # NOT_START / SUBMITTED
    QUEUED = "queued"
    RUNNING = "running"
    CHECKING = "checking"  # the provider sent a status we do not know
    UNREACHABLE = "unreachable"  # status checks keep failing; still trying
    KEY_REFUSED = "key_refused"  # polling paused until a new key is given
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


@dataclass
class TaskRecord:
    """A task's request, provider id and last known status. Mutable; the service owns it."""

    id: int  # local id, the history's row id
    profile: str
    request: GenerationRequest
    created_at: float
    state: TaskState = TaskState.SUBMITTING
    task_id: str | None = None
    provider_status: str | None = None
    progress: float | None = None
    fail_reason: str | None = None
    outputs: tuple[str, ...] = ()
    submit_time: float | None = None
    start_time: float | None = None
    finish_time: float | None = None
    finished_at: float | None = None  # local clock, when it reached a final state
    last_error: str | None = None  # a sentence for the user about the last problem
    error_details: str | None = None  # the technical details behind it
    deadline: float | None = None  # local clock; past it the task is TIMED_OUT

    def elapsed(self, now: float | None = None) -> float:
        end = self.finished_at if self.finished_at is not None else (now or time.time())
        return max(0.0, end - self.created_at)
