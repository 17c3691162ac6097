"""A missing or refused key never fails a job: it waits, then goes out by itself."""

from __future__ import annotations

import asyncio

from genstudio.api.kinds import Scope
from genstudio.api.request import GenerationRequest
from genstudio.sim import DEMO_KEY
from genstudio.tasks.events import KeyProblem, Notice
from genstudio.tasks.states import TaskState
from tests.conftest import until
from tests.tasks.conftest import Harness


def req(prompt: str = "a kite") -> GenerationRequest:
    return GenerationRequest(Scope.IMAGES, prompt, "m")


async def test_submit_without_a_key_waits_then_goes_out_once_the_key_arrives(
    harness: Harness,
) -> None:
    harness.vault.delete("sim")
    service = harness.make()
    problems: list[KeyProblem] = []
    notices: list[Notice] = []
    service.on_key_problem(problems.append)
    service.on_notice(notices.append)
    record = await service.submit("sim", req("[[seconds:0.3]] waits for its key"))
    assert record.state is TaskState.KEY_REFUSED and record.task_id is None
    assert record.fail_reason is None and record.finished_at is None  # not Failed
    assert record.last_error and record.last_error.startswith("Not sent yet")
    assert [(p.profile, p.missing) for p in problems] == [("sim", True)]
    assert all(n.level != "error" for n in notices)  # nothing turns red
    assert harness.sim.stats()["submit"] == 0
    harness.vault.set("sim", DEMO_KEY)
    service.key_updated("sim")
    await until(lambda: record.state is TaskState.DONE)
    assert harness.sim.stats()["submit"] == 1  # sent exactly once
    assert service.store.load()[0].state is TaskState.DONE


async def test_a_submit_refused_with_401_waits_and_resumes_after_a_restart(
    harness: Harness,
) -> None:
    harness.sim.config.api_key = "the-new-key"
    first = harness.make()
    record = await first.submit("sim", req("[[seconds:0.3]] refused at first"))
    assert record.state is TaskState.KEY_REFUSED and record.task_id is None
    await first.aclose()
    # Restarted with a working key: the waiting job goes out by itself, in its own row.
    harness.vault.set("sim", "the-new-key")
    second = harness.make()
    (loaded,) = second.load()
    await until(lambda: loaded.state is TaskState.DONE)
    assert loaded.id == record.id
    assert harness.sim.stats()["submit"] == 1  # accepted once (the 401 created nothing)


async def test_waiting_for_a_submission_in_flight(harness: Harness) -> None:
    harness.sim.config.latency = 0.4
    service = harness.make()
    sending = asyncio.ensure_future(service.submit("sim", req("slow answer")))
    await until(lambda: service.sending == 1)
    assert await service.wait_for_sends(5.0)
    record = await sending
    assert record.task_id and service.sending == 0
    assert await service.wait_for_sends(0.01)  # nothing in flight: at once


async def test_waiting_for_sends_gives_up_after_its_time(harness: Harness) -> None:
    harness.sim.config.latency = 2.0
    service = harness.make()
    sending = asyncio.ensure_future(service.submit("sim", req("very slow")))
    await until(lambda: service.sending == 1)
    assert not await service.wait_for_sends(0.1)
    sending.cancel()
