"""The task service against the simulator: every state a task can reach."""

from __future__ import annotations

import asyncio
import time

from genstudio.api.kinds import Scope
from genstudio.api.request import GenerationRequest
from genstudio.sim import DEMO_KEY, Fault
from genstudio.tasks.events import KeyProblem, Notice, TaskEvent
from genstudio.tasks.record import TaskRecord
from genstudio.tasks.states import TaskState
from tests.conftest import until
from tests.tasks.conftest import Harness


def req(prompt: str = "a kite", scope: Scope = Scope.IMAGES) -> GenerationRequest:
    return GenerationRequest(scope, prompt, "m")


async def test_submit_reaches_done_with_outputs(harness: Harness) -> None:
    service = harness.make()
    events: list[TaskEvent] = []
    service.subscribe(events.append)
    record = await service.submit("sim", req(scope=Scope.AUDIO))
    assert record.task_id and record.state is TaskState.WAITING
    await until(lambda: record.state is TaskState.DONE)
    assert len(record.outputs) == 2 and record.progress == 100.0
    assert record.finished_at is not None
    assert events[0].kind == "added"
    stored = service.store.load()[0]
    assert stored.state is TaskState.DONE and stored.outputs == record.outputs


async def test_ten_submits_all_finish(harness: Harness) -> None:
    service = harness.make()
    records = await asyncio.gather(*(service.submit("sim", req(f"p{i}")) for i in range(10)))
    await until(lambda: all(r.state is TaskState.DONE for r in records))
    assert len({r.task_id for r in records}) == 10


async def test_failure_keeps_the_reason(harness: Harness) -> None:
    service = harness.make()
    record = await service.submit("sim", req("x [[fail:zh]]"))
    await until(lambda: record.state is TaskState.FAILED)
    assert record.fail_reason and "生成失败" in record.fail_reason


async def test_rejected_submit_is_failed_with_server_message(harness: Harness) -> None:
    service = harness.make()
    notices: list[Notice] = []
    service.on_notice(notices.append)
    record = await service.submit("sim", req("[[reject]]"))
    assert record.state is TaskState.FAILED and record.task_id is None
    assert record.fail_reason and "safety system" in record.fail_reason
    assert [n.level for n in notices] == ["warning"] and "safety system" in notices[0].text


async def test_restart_resumes_unfinished_tasks(harness: Harness) -> None:
    first = harness.make()
    record = await first.submit("sim", req("[[seconds:1.0]] slow"))
    await first.aclose()
    assert record.state is not TaskState.DONE
    second = harness.make()
    loaded = {r.id: r for r in second.load()}
    resumed = loaded[record.id]
    await until(lambda: resumed.state is TaskState.DONE)


async def test_interrupted_submission_is_unknown_and_never_resent(harness: Harness) -> None:
    first = harness.make()
    ghost = first.store.insert("sim", req("ghost"))  # as if the app died while sending
    second = harness.make()
    loaded = {r.id: r for r in second.load()}
    assert loaded[ghost.id].state is TaskState.SUBMISSION_UNKNOWN
    await asyncio.sleep(0.3)
    assert harness.sim.stats()["submit"] == 0
    await second.resubmit(ghost.id)
    assert loaded[ghost.id].task_id is not None
    await until(lambda: loaded[ghost.id].state is TaskState.DONE)


async def test_dismiss(harness: Harness) -> None:
    service = harness.make()
    ghost = service.store.insert("sim", req("ghost"))
    service.load()
    service.dismiss([ghost.id])
    assert service.records[ghost.id].state is TaskState.STOPPED


async def test_wrong_key_pauses_profile_until_a_new_key(harness: Harness) -> None:
    service = harness.make()
    problems: list[KeyProblem] = []
    service.on_key_problem(problems.append)
    records = [await service.submit("sim", req(f"[[seconds:0.5]] {i}")) for i in range(3)]
    harness.sim.config.api_key = "rotated-key"
    await until(lambda: all(r.state is TaskState.KEY_REFUSED for r in records))
    assert problems and problems[0].profile == "sim" and not problems[0].missing
    assert len(problems) == 1  # asked once, not once per task
    fetches = harness.sim.stats()["fetch"]
    await asyncio.sleep(0.4)
    assert harness.sim.stats()["fetch"] == fetches  # no polling while the key is refused
    harness.vault.set("sim", "rotated-key")
    service.key_updated("sim")
    await until(lambda: all(r.state is TaskState.DONE for r in records))


async def test_bursts_and_outage_end_with_every_task_done(harness: Harness) -> None:
    service = harness.make()
    sim = harness.sim
    sim.inject(Fault("rate_limit", count=3, endpoint="submit", retry_after=0.05))
    records = [await service.submit("sim", req(f"[[seconds:0.8]] {i}")) for i in range(5)]
    sim.inject(Fault("rate_limit", count=4, endpoint="fetch", body="empty"))
    sim.inject(Fault("server_error", count=6, endpoint="fetch", status=502, body="html"))
    sim.inject(Fault.from_json({"kind": "drop", "endpoint": "fetch", "for_seconds": 0.6}))
    await until(lambda: all(r.state is TaskState.DONE for r in records), timeout=30)
    assert not any(r.state is TaskState.FAILED for r in records)


async def test_unreachable_then_recovers(harness: Harness) -> None:
    service = harness.make()
    record = await service.submit("sim", req("[[seconds:0.3]]"))
    seen: set[TaskState] = set()
    service.subscribe(lambda event: seen.update(r.state for r in event.records))
    harness.sim.inject(
        Fault.from_json({"kind": "server_error", "endpoint": "fetch", "for_seconds": 1.0})
    )
    await until(lambda: record.state is TaskState.UNREACHABLE)
    assert record.last_error and "Can't reach the provider" in record.last_error
    await until(lambda: record.state is TaskState.DONE)
    assert TaskState.UNREACHABLE in seen


async def test_deadline_then_check_now(harness: Harness) -> None:
    service = harness.make()
    record = await service.submit("sim", req("[[never]]"))
    assert record.deadline is not None
    record.deadline = time.time() + 0.3
    await until(lambda: record.state is TaskState.TIMED_OUT)
    assert record.last_error and "may still finish" in record.last_error
    planned = service.scheduler.is_planned(record.id)
    assert not planned
    service.check_now([record.id])
    assert record.state is TaskState.CHECKING
    await until(lambda: record.state is TaskState.RUNNING)


async def test_success_without_output_after_grace(harness: Harness) -> None:
    service = harness.make()
    record = await service.submit("sim", req("[[no-output]] [[seconds:0]]"))
    await until(lambda: record.state is TaskState.NO_OUTPUT)


async def test_unknown_task_is_given_up_after_a_few_answers(harness: Harness) -> None:
    service = harness.make()
    record = service.store.insert("sim", req("lost"))
    record.task_id = "no-such-task"
    record.state = TaskState.RUNNING
    service.store.update(record)
    loaded = {r.id: r for r in service.load()}
    await until(lambda: loaded[record.id].state is TaskState.FAILED)
    assert "does not know this task" in (loaded[record.id].fail_reason or "")


async def test_stop_watching_and_delete(harness: Harness) -> None:
    service = harness.make()
    record = await service.submit("sim", req("[[never]]"))
    service.stop_watching([record.id])
    assert record.state is TaskState.STOPPED
    assert not service.scheduler.is_planned(record.id)
    removed: list[TaskRecord] = []
    service.subscribe(lambda e: removed.extend(e.records if e.kind == "removed" else ()))
    service.delete([record.id])
    assert removed == [record] and service.store.count() == 0


async def test_retry_makes_a_new_task(harness: Harness) -> None:
    service = harness.make()
    record = await service.submit("sim", req("[[fail]]"))
    assert await service.retry([record.id]) == []  # still running: retrying would pay twice
    await until(lambda: record.state is TaskState.FAILED)
    (again,) = await service.retry([record.id])
    assert again.id != record.id and again.request == record.request


async def test_in_flight_checks_are_capped(harness: Harness) -> None:
    service = harness.make()
    service.scheduler.max_in_flight = 2
    harness.sim.config.latency = 0.05
    peak = 0

    async def watch() -> None:
        nonlocal peak
        while True:
            peak = max(peak, service.scheduler.in_flight)
            await asyncio.sleep(0.005)

    watcher = asyncio.ensure_future(watch())
    records = await asyncio.gather(*(service.submit("sim", req(f"{i}")) for i in range(8)))
    await until(lambda: all(r.state is TaskState.DONE for r in records))
    watcher.cancel()
    assert 1 <= peak <= 2


async def test_key_never_lands_in_the_database(harness: Harness) -> None:
    service = harness.make()
    record = await service.submit("sim", req())
    await until(lambda: record.state is TaskState.DONE)
    service.store.close()
    for path in harness.db_path.parent.glob("history.sqlite3*"):
        assert DEMO_KEY.encode() not in path.read_bytes()
    service.store = type(service.store)(harness.db_path)


def test_policy_keeps_a_90_second_task_cheap() -> None:
    from genstudio.tasks.policy import PollPolicy

    policy = PollPolicy(jitter=0.0)
    t, checks, attempt = 0.0, [], 0
    t += policy.interval(0, 0.0)
    while True:
        checks.append(t)
        if t >= 90:
            break
        attempt += 1
        t += policy.interval(attempt, t)
    assert len(checks) <= 12
    assert checks[-1] - 90 <= 9  # the result shows within 10 % of the run time


async def test_undo_of_delete_brings_a_running_task_back_and_watches_it(
    harness: Harness,
) -> None:
    service = harness.make(save=True)
    record = await service.submit("sim", req("a fox"))
    events: list[str] = []
    service.subscribe(lambda e: events.append(e.kind))
    (removed,) = service.delete([record.id])
    assert service.store.count() == 0
    service.restore([removed])
    assert events[:2] == ["removed", "added"]
    assert [r.id for r in service.store.load()] == [record.id]  # the same row, same id
    await until(lambda: record.state is TaskState.DONE and not record.saving)
    assert service.store.load()[0].state is TaskState.DONE


async def test_start_reads_only_unfinished_tasks_and_acts_on_the_rest_on_demand(
    harness: Harness,
) -> None:
    first = harness.make()
    done = await first.submit("sim", req("an old kite"))
    await until(lambda: done.state is TaskState.DONE)
    await first.aclose()
    for i in range(50):  # finished long ago: not worked on any more
        old = first.store.insert("sim", req(f"old {i}"), created_at=1000.0 + i)
        old.state, old.finished_at, old.task_id = TaskState.FAILED, 2000.0, f"gone-{i}"
        first.store.update(old)
    waiting = first.store.insert("sim", req("[[seconds:0.2]] waiting"), state=TaskState.SEND_LATER)
    second = harness.make()
    loaded = second.load()
    # The unfinished one, and the one finished lately (its saved copies are rechecked).
    assert {r.id for r in loaded} == {waiting.id, done.id} == set(second.records)
    assert second.has_history()
    # Acting on a task read on demand: Retry sends its request again (a new task) ...
    before = second.store.count()
    (again,) = await second.retry([done.id + 1])
    assert again.request.prompt == "old 0" and second.store.count() == before + 1
    # ... an import by a known id finds its row without reading the whole history ...
    found, new = second.import_task("sim", Scope.IMAGES, "gone-3")
    assert not new and found.request.prompt == "old 3"
    # ... and Delete, then Undo, put it back as it was.
    removed = second.delete([found.id])
    assert [r.id for r in removed] == [found.id] and second.store.load_one(found.id) is None
    second.restore(removed)
    restored = second.store.load_one(found.id)
    assert restored is not None and restored.task_id == "gone-3"
    await until(lambda: again.state is TaskState.DONE)
