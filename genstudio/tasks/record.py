"""One task as GenStudio tracks it, from the moment the user presses Generate."""

from __future__ import annotations

import enum
import time
from dataclasses import dataclass, field

from genstudio.api.request import GenerationRequest


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


@dataclass(frozen=True)
class SavedFile:
    """One output of a task and its local copy."""

    url: str
    state: FileState = FileState.PENDING
    path: str | None = None
    sha256: str | None = None
    size: int | None = None
    error: str | None = None
    attempts: int = 0

    def to_json(self) -> dict[str, object]:
        return {
            "url": self.url,
            "state": self.state.value,
            "path": self.path,
            "sha256": self.sha256,
            "size": self.size,
            "error": self.error,
            "attempts": self.attempts,
        }

    @classmethod
    def from_json(cls, data: dict[str, object]) -> SavedFile:
        size = data.get("size")
        attempts = data.get("attempts")
        return cls(
            url=str(data.get("url", "")),
            state=FileState(str(data.get("state", "pending"))),
            path=str(data["path"]) if data.get("path") else None,
            sha256=str(data["sha256"]) if data.get("sha256") else None,
            size=size if isinstance(size, int) else None,
            error=str(data["error"]) if data.get("error") else None,
            attempts=attempts if isinstance(attempts, int) else 0,
        )


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
    files: tuple[SavedFile, ...] = ()  # local copies of the outputs, in output order
    # What the job was expected to cost when sent (USD, an estimate); None when unknown.
    price_usd: float | None = None
    # How much of the outputs is downloaded (0..1) while saving, if known. Not stored.
    save_fraction: float | None = field(default=None, compare=False)

    @property
    def saving(self) -> bool:
        """Outputs still waiting to be saved."""
        return any(f.state is FileState.PENDING for f in self.files)

    @property
    def imported(self) -> bool:
        """Followed by its id alone (Import task ID): its prompt is not known, and it
        was sent before GenStudio heard of it."""
        return not self.request.prompt.strip()

    @property
    def sent_at(self) -> float:
        """When the job was sent: the provider's word for an imported task."""
        if self.imported and self.submit_time:
            return self.submit_time
        return self.created_at

    def elapsed(self, now: float | None = None) -> float:
        end = self.finished_at if self.finished_at is not None else (now or time.time())
        if self.imported and self.submit_time:
            # Both ends on the provider's clock when it gave them.
            end = self.finish_time or end
        return max(0.0, end - self.sent_at)


@dataclass(frozen=True)
class PricedJob:
    """One job's price as the history recorded it when the job was sent."""

    created_at: float
    profile: str
    scope: str
    model: str
    state: TaskState
    price_usd: float
    task_id: str | None  # None: the provider never accepted it, so nothing was charged
