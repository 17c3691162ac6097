"""What the task service tells its listeners: task changes, notices, key problems."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from genstudio.tasks.record import TaskRecord


@dataclass(frozen=True)
class TaskEvent:
    kind: Literal["added", "changed", "removed"]
    records: tuple[TaskRecord, ...]


@dataclass(frozen=True)
class Notice:
    """A sentence for the status bar; ``details`` sit one click away."""

    text: str
    details: str = ""
    level: Literal["info", "warning", "error"] = "info"


@dataclass(frozen=True)
class KeyProblem:
    """A profile's key is missing (``missing``) or was refused; its tasks wait for one."""

    profile: str
    message: str
    missing: bool


class Listeners:
    """The service's subscribers, by kind; called in the order they subscribed."""

    def __init__(self) -> None:
        self.tasks: list[Callable[[TaskEvent], None]] = []
        self.notices: list[Callable[[Notice], None]] = []
        self.keys: list[Callable[[KeyProblem], None]] = []

    def task_event(
        self, kind: Literal["added", "changed", "removed"], *records: TaskRecord
    ) -> None:
        if records:
            event = TaskEvent(kind, records)
            for listener in self.tasks:
                listener(event)

    def notice(self, notice: Notice) -> None:
        for listener in self.notices:
            listener(notice)

    def key_problem(self, problem: KeyProblem) -> None:
        for listener in self.keys:
            listener(problem)
