"""Finding a paid task again by its id: imported as a new row, or pasted onto the row
whose submission is unknown; never sent again."""

from __future__ import annotations

import httpx
import pytest

from genstudio.api.kinds import Scope
from genstudio.api.request import GenerationRequest, InvalidRequestError
from genstudio.sim import DEMO_KEY, Simulator
from genstudio.sim.faults import Fault
from genstudio.tasks.actions import Action, applies, suggested
from genstudio.tasks.record import TaskRecord
from genstudio.tasks.state_words import prompt_words
from genstudio.tasks.states import FileState, TaskState
from tests.conftest import until
from tests.tasks.conftest import Harness


def started_elsewhere(sim: Simulator, prompt: str) -> str:
    """A job made on the provider's site (or whose answer was lost): only its id is known."""
    answer = httpx.post(
        f"{sim.base_url}/v2/images/generations",
        json={"model": "flux-schnell", "prompt": prompt},
        headers={"Authorization": f"Bearer {DEMO_KEY}"},
    )
    task_id = answer.json()["task_id"]
    assert isinstance(task_id, str)
    return task_id


async def test_an_imported_id_is_followed_and_saved(harness: Harness) -> None:
    service = harness.make(save=True)
    task_id = started_elsewhere(harness.sim, "[[seconds:0.2]] from the website")
    record, new = service.import_task("sim", Scope.IMAGES, f"  {task_id}\n", "flux-schnell")
    assert new and record.task_id == task_id and record.state is TaskState.CHECKING
    assert prompt_words(record) == f"Imported task {task_id} (prompt not known)"
    await until(lambda: record.state is TaskState.DONE)
    await until(lambda: bool(record.files) and record.files[0].state is FileState.SAVED)
    again, new = service.import_task("sim", Scope.IMAGES, task_id)
    assert again is record and not new
    assert harness.sim.stats()["submit"] == 1  # only the website's
    # It is in the history: a new start follows it like any other.
    await service.aclose()
    (loaded,) = harness.make().load()
    assert loaded.task_id == task_id and loaded.request.prompt == ""


@pytest.mark.parametrize("typed", ["", "   ", "two words", "a\x1b[2Jb", "x" * 201])
async def test_what_is_not_an_id_is_a_sentence(harness: Harness, typed: str) -> None:
    service = harness.make()
    with pytest.raises(InvalidRequestError, match="task ID"):
        service.import_task("sim", Scope.IMAGES, typed)
    assert service.records == {} and service.store.count() == 0


async def test_an_unknown_submission_found_at_the_provider_keeps_its_row(
    harness: Harness,
) -> None:
    service = harness.make()
    harness.sim.inject(Fault("drop", endpoint="submit"))
    request = GenerationRequest(Scope.IMAGES, "[[seconds:0.2]] answer lost", "flux-schnell")
    record = await service.submit("sim", request, 0.05)
    assert record.state is TaskState.SUBMISSION_UNKNOWN and not record.task_id
    assert suggested(Action.ATTACH_ID, record) and suggested(Action.RESUBMIT, record)
    # The user finds the job on the provider's site and pastes its id.
    task_id = started_elsewhere(harness.sim, "[[seconds:0.2]] answer lost")
    service.attach_id(record.id, task_id)
    assert record.task_id == task_id and not applies(Action.ATTACH_ID, record)
    await until(lambda: record.state is TaskState.DONE)
    assert record.request.prompt.endswith("answer lost") and record.price_usd == 0.05
    assert len(service.records) == 1 and harness.sim.stats()["submit"] == 1


def test_an_imported_task_is_timed_by_the_provider() -> None:
    """Imported long after it was sent: the list and details give the provider's times,
    not 'sent just now, took 0 s'."""
    imported = TaskRecord(1, "sim", GenerationRequest(Scope.IMAGES, "", ""), created_at=1000.0)
    imported.submit_time, imported.finish_time, imported.finished_at = 900.0, 960.0, 1001.0
    assert imported.imported and imported.sent_at == 900.0 and imported.elapsed() == 60.0
    imported.finish_time = None  # still running at the provider
    imported.finished_at = None
    assert imported.elapsed(now=1030.0) == 130.0
    ours = TaskRecord(2, "sim", GenerationRequest(Scope.IMAGES, "a kite", "m"), created_at=1000.0)
    ours.submit_time, ours.finish_time, ours.finished_at = 900.0, 960.0, 1004.0
    assert not ours.imported and ours.sent_at == 1000.0 and ours.elapsed() == 4.0
