"""What a task is as a row of the history: its columns, and the statements that write them.

The store (store.py) decides when to write; this module only knows the shape, so a new
row written at once and new rows written together with a turn's other writes
(write_behind.py) go through the same lines.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from genstudio.tasks.record import TaskRecord

if TYPE_CHECKING:
    from genstudio.api.request import GenerationRequest
    from genstudio.tasks.states import TaskState

MUTABLE = (
    "state",
    "task_id",
    "provider_status",
    "progress",
    "fail_reason",
    "outputs_json",
    "submit_time",
    "start_time",
    "finish_time",
    "finished_at",
    "last_error",
    "error_details",
    "deadline",
    "files_json",
)
# The columns record_from_row reads, in its order.
ROW_COLUMNS = ("id", "profile", "request_json", "created_at", "price_usd", *MUTABLE)

_SET = ", ".join(f"{name} = ?" for name in MUTABLE)
UPDATE = f"UPDATE tasks SET {_SET}, updated_at = ? WHERE id = ?"
_NEW = "profile, scope, model, prompt, request_json, created_at, state, updated_at, price_usd"
INSERT = f"INSERT INTO tasks ({_NEW}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
_INSERT_WITH_ID = f"INSERT INTO tasks (id, {_NEW}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
# AUTOINCREMENT: never an id a deleted task had (Undo puts it back under its own).
_NEXT_ID = (
    "SELECT max(coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'tasks'), 0),"
    " coalesce((SELECT max(id) FROM tasks), 0)) + 1"
)


@dataclass(frozen=True)
class NewTask:
    """A task about to be written for the first time, its request already in JSON (a
    request that cannot be written fails on its own, not in a batch with others)."""

    profile: str
    request: GenerationRequest
    request_json: str
    created_at: float
    state: TaskState
    price_usd: float | None

    @classmethod
    def of(
        cls,
        profile: str,
        request: GenerationRequest,
        created_at: float,
        state: TaskState,
        price_usd: float | None,
    ) -> NewTask:
        data = json.dumps(request.to_json_dict(), ensure_ascii=False)
        return cls(profile, request, data, created_at, state, price_usd)

    def values(self, now: float) -> tuple[Any, ...]:
        """For :data:`INSERT`."""
        request = self.request
        return (
            self.profile,
            request.scope.value,
            request.model,
            request.prompt,
            self.request_json,
            self.created_at,
            self.state.value,
            now,
            self.price_usd,
        )

    def record(self, local_id: int) -> TaskRecord:
        return TaskRecord(
            id=local_id,
            profile=self.profile,
            request=self.request,
            created_at=self.created_at,
            state=self.state,
            price_usd=self.price_usd,
        )


def insert_all(db: sqlite3.Connection, tasks: list[NewTask], now: float) -> list[int]:
    """Their ids, in order. Inside a transaction that holds the write lock (BEGIN
    IMMEDIATE), so no other process takes an id between the read and the insert."""
    first = int(db.execute(_NEXT_ID).fetchone()[0])
    ids = list(range(first, first + len(tasks)))
    db.executemany(_INSERT_WITH_ID, [(i, *t.values(now)) for i, t in zip(ids, tasks, strict=True)])
    return ids


def mutable_values(record: TaskRecord) -> tuple[Any, ...]:
    return (
        record.state.value,
        record.task_id,
        record.provider_status,
        record.progress,
        record.fail_reason,
        json.dumps(list(record.outputs)),
        record.submit_time,
        record.start_time,
        record.finish_time,
        record.finished_at,
        record.last_error,
        record.error_details,
        record.deadline,
        json.dumps([f.to_json() for f in record.files]) if record.files else "[]",
    )
