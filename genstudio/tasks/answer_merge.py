"""What a status answer makes of a task: its state, progress, times and outputs.

Kept apart from the service so that the rule reads in one place; the service decides
what follows (save, download, next check)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from genstudio.api.kinds import TaskStatus
from genstudio.tasks import sentences
from genstudio.tasks.state_words import state_of_status
from genstudio.tasks.states import TaskState

if TYPE_CHECKING:
    from genstudio.api.snapshot import TaskSnapshot
    from genstudio.tasks.record import TaskRecord


def merge_answer(
    record: TaskRecord,
    snapshot: TaskSnapshot,
    now: float,
    empty_since: dict[int, float],
    no_output_grace: float,
) -> bool:
    """Merge one answer into the record; True when anything shown or stored changed.

    ``empty_since`` remembers when a task first said "done" without a link: providers
    often add the link a moment later, so that is not a failure until the grace ends."""
    before = _fingerprint(record)
    record.provider_status = snapshot.status.value
    record.progress = snapshot.progress if snapshot.progress is not None else record.progress
    record.submit_time = snapshot.submit_time or record.submit_time
    record.start_time = snapshot.start_time or record.start_time
    record.finish_time = snapshot.finish_time or record.finish_time
    record.outputs = snapshot.outputs or record.outputs
    record.last_error = record.error_details = None
    if snapshot.has_result:
        record.state = TaskState.DONE
        record.progress = 100.0
    elif snapshot.status is TaskStatus.FAILURE:
        record.state = TaskState.FAILED
        record.fail_reason = snapshot.fail_reason or sentences.no_reason_given()
    elif snapshot.succeeded_without_output:
        since = empty_since.setdefault(record.id, now)
        if now - since >= no_output_grace:
            record.state = TaskState.NO_OUTPUT
            record.last_error = sentences.no_output()
        else:
            record.state = TaskState.CHECKING
            record.last_error = "Finished; waiting for the provider to send the output."
    else:
        record.state = state_of_status(snapshot.status)
    if record.state.is_final:
        record.finished_at = now
    return _fingerprint(record) != before


def _fingerprint(record: TaskRecord) -> tuple[object, ...]:
    return (
        record.state,
        record.provider_status,
        record.progress,
        record.fail_reason,
        record.outputs,
        record.submit_time,
        record.start_time,
        record.finish_time,
        record.last_error,
    )
