"""One task as GenStudio tracks it, from the moment the user presses Generate."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from genstudio.tasks.states import FileState, TaskState

if TYPE_CHECKING:
    from genstudio.api.request import GenerationRequest


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
