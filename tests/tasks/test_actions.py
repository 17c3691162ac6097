"""Every state × every action: the rules in tasks/actions.py and the service agree."""

from __future__ import annotations

import itertools
from typing import Any

import pytest

from genstudio.api.kinds import Scope
from genstudio.api.request import GenerationRequest
from genstudio.tasks import actions
from genstudio.tasks.actions import Action, applies, enabled
from genstudio.tasks.record import SavedFile, TaskRecord
from genstudio.tasks.service import TaskService
from genstudio.tasks.states import FileState, TaskState
from tests.tasks.conftest import Harness

# The variants a state can come in: sent or not, files saved or not.
VARIANTS: list[dict[str, Any]] = [
    {"task_id": "t-1", "files": (SavedFile("http://x/a.png", FileState.SAVED, "/a.png"),)},
    {"task_id": "t-1", "files": (SavedFile("http://x/a.png", FileState.FAILED),)},
    {"task_id": None, "files": ()},
]
CASES = list(itertools.product(TaskState, range(len(VARIANTS))))


def make_record(service: TaskService, state: TaskState, variant: int) -> TaskRecord:
    record = service.store.insert("sim", GenerationRequest(Scope.IMAGES, "a cat", "m"))
    record.state = state
    record.task_id = VARIANTS[variant]["task_id"]
    record.files = VARIANTS[variant]["files"]
    record.outputs = tuple(f.url for f in record.files)
    service.store.update(record)
    service.records[record.id] = record
    return record


class Spy:
    """Stands in for what would reach the network or the scheduler."""

    def __init__(self, service: TaskService, monkeypatch: pytest.MonkeyPatch) -> None:
        self.calls: list[str] = []

        async def resend(record: TaskRecord) -> None:
            self.calls.append("resend")

        async def submit(*_: Any) -> TaskRecord:
            self.calls.append("submit")
            return make_record(service, TaskState.WAITING, 0)

        monkeypatch.setattr(service, "_resend", resend)
        monkeypatch.setattr(service, "submit", submit)
        monkeypatch.setattr(
            service.scheduler, "schedule", lambda *_a, **_k: self.calls.append("schedule")
        )
        monkeypatch.setattr(service.saver, "save_again", lambda _r: self.calls.append("save"))


@pytest.mark.parametrize(("state", "variant"), CASES)
async def test_the_service_does_what_the_rules_say(
    harness: Harness, monkeypatch: pytest.MonkeyPatch, state: TaskState, variant: int
) -> None:
    service = harness.make(save=True)
    spy = Spy(service, monkeypatch)
    for action in (Action.CHECK, Action.STOP, Action.RETRY, Action.RESUBMIT, Action.DISMISS):
        record = make_record(service, state, variant)
        before, spy.calls[:] = record.state, []
        expected = applies(action, record)
        if action is Action.CHECK:
            service.check_now([record.id])
        elif action is Action.STOP:
            service.stop_watching([record.id])
        elif action is Action.RETRY:
            await service.retry([record.id])
        elif action is Action.RESUBMIT:
            await service.resubmit(record.id)
        else:
            service.dismiss([record.id])
        acted = bool(spy.calls) or record.state is not before
        assert acted == expected, (action, state, variant)
    record = make_record(service, state, variant)
    spy.calls[:] = []
    expected = applies(Action.SAVE_AGAIN, record)
    service.save_again([record.id])
    assert bool(spy.calls) == expected
    record = make_record(service, state, variant)
    expected = applies(Action.DELETE, record)
    assert bool(service.delete([record.id])) == expected, state
    assert (record.id in service.records) != expected


def test_the_groups_name_every_unfinished_state() -> None:
    unfinished = {s for s in TaskState if not s.is_final} - {TaskState.SUBMISSION_UNKNOWN}
    # Waiting on the user, not on the provider: these need attention instead.
    idle = {TaskState.TIMED_OUT, TaskState.PROVIDER_REMOVED}
    assert unfinished - idle <= actions.ACTIVE
    assert idle <= actions.NEEDS_ATTENTION
    assert actions.ACTIVE.isdisjoint(actions.FINISHED | actions.FAILED)
    assert TaskState.SUBMISSION_UNKNOWN in actions.NEEDS_ATTENTION


def test_nothing_selected_enables_nothing() -> None:
    assert not any(enabled(action, []) for action in Action)


def test_one_at_a_time_actions_need_exactly_one() -> None:
    done = TaskRecord(
        1,
        "p",
        GenerationRequest(Scope.IMAGES, "x", "m"),
        0.0,
        TaskState.DONE,
        files=(SavedFile("u", FileState.SAVED, "/a.png"),),
        outputs=("u",),
    )
    assert enabled(Action.SAVE_AS, [done]) and not enabled(Action.SAVE_AS, [done, done])
    assert enabled(Action.USE_AS_REFERENCE, [done])
    assert enabled(Action.DELETE, [done, done])


def test_a_dismissed_unknown_submission_cannot_be_checked() -> None:
    dismissed = TaskRecord(1, "p", GenerationRequest(Scope.VIDEOS, "x", "m"), 0.0)
    dismissed.state = TaskState.STOPPED  # what dismiss leaves: no task id to ask about
    assert not applies(Action.CHECK, dismissed)


def test_suggested_steps_are_a_subset_of_what_applies() -> None:
    for state, variant in CASES:
        record = TaskRecord(1, "p", GenerationRequest(Scope.IMAGES, "x", "m"), 0.0, state)
        record.task_id = VARIANTS[variant]["task_id"]
        record.files = VARIANTS[variant]["files"]
        for action in Action:
            assert not actions.suggested(action, record) or applies(action, record)
        # A running task is checked anyway: no button for it beside the task.
        if state is TaskState.RUNNING:
            assert not actions.suggested(Action.CHECK, record)
        if state is TaskState.TIMED_OUT and record.task_id:
            assert actions.suggested(Action.CHECK, record)
