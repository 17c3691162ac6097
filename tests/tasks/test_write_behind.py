"""New rows, providers' ids and status changes go to the history together, once per turn
of the loop; nothing is sent before its own row and earlier jobs' ids are in the file."""

from __future__ import annotations

import asyncio
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from genstudio.api.kinds import Scope
from genstudio.api.request import GenerationRequest
from genstudio.tasks.history_problem import HistoryError
from genstudio.tasks.query import HistoryQuery
from genstudio.tasks.shared_history import SharedHistory
from genstudio.tasks.states import TaskState
from genstudio.tasks.store import HistoryStore
from tests.conftest import until
from tests.tasks.conftest import Harness


def req(prompt: str = "a kite") -> GenerationRequest:
    return GenerationRequest(Scope.IMAGES, prompt, "m")


def on_disk(path: Path, local_id: int) -> tuple[str, float | None, str | None]:
    """What another process would read now."""
    db = sqlite3.connect(path)
    try:
        row = db.execute(
            "SELECT state, progress, task_id FROM tasks WHERE id = ?", (local_id,)
        ).fetchone()
    finally:
        db.close()
    return str(row[0]), row[1], row[2]


async def test_changes_of_one_turn_are_written_together(tmp_path: Path) -> None:
    store = HistoryStore(tmp_path / "h.sqlite3")
    store.defer_writes()
    records = [store.insert("p", req(f"job {i}")) for i in range(3)]
    commits: list[str] = []
    store._db.set_trace_callback(lambda sql: commits.append(sql) if sql == "COMMIT" else None)
    for record in records:
        record.state, record.progress = TaskState.RUNNING, 40.0
        store.update(record)
    assert on_disk(store.path, records[0].id)[0] == "submitting"  # not yet
    await asyncio.sleep(0)  # the loop's turn ends
    assert [on_disk(store.path, r.id)[:2] for r in records] == [("running", 40.0)] * 3
    assert commits == ["COMMIT"]  # one transaction for the three
    store.close()


async def test_a_write_that_cannot_wait_goes_at_once_after_what_waits(tmp_path: Path) -> None:
    store = HistoryStore(tmp_path / "h.sqlite3")
    store.defer_writes()
    first, second = store.insert("p", req()), store.insert("p", req())
    first.state = TaskState.RUNNING
    store.update(first)
    second.task_id, second.state = "T-2", TaskState.WAITING
    store.update(second, now=True)
    assert on_disk(store.path, second.id) == ("waiting", None, "T-2")
    assert on_disk(store.path, first.id)[0] == "running"  # the earlier change went first
    third = store.insert("p", req())  # a new row, likewise
    assert on_disk(store.path, third.id)[0] == "submitting"
    store.close()


async def test_reads_see_the_writes_still_waiting(tmp_path: Path) -> None:
    store = HistoryStore(tmp_path / "h.sqlite3")
    store.defer_writes()
    reader = store.reader()
    record = store.insert("p", req("a red kite"))
    record.state = TaskState.FAILED
    store.update(record)
    failed = HistoryQuery(states=frozenset({TaskState.FAILED}))
    assert list(reader.ids(failed)) == [record.id]  # the window's own connection
    record.state = TaskState.DONE
    store.update(record)
    future = reader.later(lambda h: h.ids(HistoryQuery(states=frozenset({TaskState.DONE}))))
    assert future is not None  # the search thread, over a connection of its own
    ids = await asyncio.wrap_future(future)
    assert list(ids) == [record.id]
    store.close()


async def test_a_deferred_write_that_fails_is_told_and_kept(tmp_path: Path) -> None:
    store = HistoryStore(tmp_path / "h.sqlite3")
    problems: list[HistoryError] = []
    store.on_problem = problems.append
    store.defer_writes()
    record = store.insert("p", req())
    store._db.execute("PRAGMA query_only = ON")  # the file refuses writes (a full disk)
    record.state = TaskState.RUNNING
    store.update(record)
    await asyncio.sleep(0)
    assert len(problems) == 1 and on_disk(store.path, record.id)[0] == "submitting"
    store._db.execute("PRAGMA query_only = OFF")  # space again
    store.flush()
    assert on_disk(store.path, record.id)[0] == "running"  # kept, not lost
    store.close()


async def test_closing_writes_what_waits(tmp_path: Path) -> None:
    store = HistoryStore(tmp_path / "h.sqlite3")
    store.defer_writes(lambda _flush: None)  # a turn that never comes
    record = store.insert("p", req())
    record.state = TaskState.FAILED
    store.update(record)
    store.close()
    assert on_disk(tmp_path / "h.sqlite3", record.id)[0] == "failed"


async def test_the_providers_id_is_in_the_file_at_the_end_of_the_turn(harness: Harness) -> None:
    service = harness.make()
    record = await service.submit("sim", req("[[seconds:0.2]] a short one"))
    await asyncio.sleep(0)  # the turn that brought the answer ends: its commit is made
    assert on_disk(harness.db_path, record.id) == ("waiting", None, record.task_id)
    await until(lambda: record.state is TaskState.DONE)
    await service.aclose()
    assert on_disk(harness.db_path, record.id)[0] == "done"


def rows_on_disk(path: Path) -> dict[str, tuple[int, str | None]]:
    """prompt -> (id, task id), as another process reads the file now."""
    db = sqlite3.connect(path)
    try:
        rows = db.execute("SELECT prompt, id, task_id FROM tasks").fetchall()
    finally:
        db.close()
    return {str(prompt): (int(i), t) for prompt, i, t in rows}


async def test_a_burst_of_submits_is_one_commit_and_each_row_is_in_the_file_before_it_is_sent(
    harness: Harness,
) -> None:
    service = harness.make()
    on_disk_when_sent: list[bool] = []

    def created(task: Any) -> None:  # on the simulator's thread, as the job is taken
        rows = rows_on_disk(harness.db_path)
        on_disk_when_sent.append(str(task.body["prompt"]) in rows)

    harness.sim.tasks._on_create = created
    statements: list[str] = []
    service.store._db.set_trace_callback(statements.append)
    prompts = [f"[[seconds:0.1]] job {i}" for i in range(12)]
    records = await asyncio.gather(*(service.submit("sim", req(p)) for p in prompts))
    assert on_disk_when_sent == [True] * 12
    first_commit = statements.index("COMMIT")
    assert statements[0] == "BEGIN IMMEDIATE"
    # (the trace names a statement again for each trigger it runs)
    assert len({s for s in statements[:first_commit] if s.startswith("INSERT INTO tasks (")}) == 12
    # Each record has the id its own row was written under.
    await asyncio.sleep(0)
    rows = rows_on_disk(harness.db_path)
    assert [rows[p] for p in prompts] == [(r.id, r.task_id) for r in records]
    assert len({r.id for r in records}) == 12


async def test_new_rows_never_take_the_id_of_a_deleted_task(harness: Harness) -> None:
    service = harness.make()
    gone = await service.submit("sim", req("[[seconds:0.1]] made, then deleted"))
    await until(lambda: gone.state is TaskState.DONE)
    service.delete([gone.id])
    again = await asyncio.gather(*(service.submit("sim", req(f"job {i}")) for i in range(2)))
    assert [r.id for r in again] == [gone.id + 1, gone.id + 2]  # Undo can put it back


async def test_when_new_rows_cannot_be_written_nothing_is_sent_and_each_submit_says_so(
    harness: Harness,
) -> None:
    service = harness.make()
    problems: list[HistoryError] = []
    service.store.on_problem = problems.append
    service.store._db.execute("PRAGMA query_only = ON")  # the file refuses writes (full disk)
    outcomes = await asyncio.gather(
        *(service.submit("sim", req(f"job {i}")) for i in range(3)), return_exceptions=True
    )
    assert all(isinstance(o, HistoryError) for o in outcomes)
    assert len(problems) == 1  # one write failed, once told; each submit raised it
    assert harness.sim.counts.get("submit", 0) == 0 and not service.records
    service.store._db.execute("PRAGMA query_only = OFF")  # space again
    record = await service.submit("sim", req("[[seconds:0.1]] once there is room"))
    await until(lambda: record.state is TaskState.DONE)


def test_without_a_loop_writes_go_at_once(tmp_path: Path) -> None:
    store = HistoryStore(tmp_path / "h.sqlite3")
    store.defer_writes()
    record = store.insert("p", req())
    record.state = TaskState.RUNNING
    store.update(record)
    assert on_disk(store.path, record.id)[0] == "running"
    store.close()


@pytest.mark.parametrize("now", [False, True])
def test_update_without_deferral_writes_at_once(tmp_path: Path, now: bool) -> None:
    store = HistoryStore(tmp_path / "h.sqlite3")
    record = store.insert("p", req())
    record.state = TaskState.RUNNING
    store.update(record, now=now)
    assert on_disk(store.path, record.id)[0] == "running"
    store.close()


async def test_a_new_row_is_this_processs_own_from_the_step_it_is_written(
    harness: Harness,
) -> None:
    service = harness.make()
    shared = SharedHistory(service)
    events: list[tuple[str, int, TaskState]] = []
    service.subscribe(lambda e: events.extend((e.kind, r.id, r.state) for r in e.records))
    other = HistoryStore(harness.db_path)  # genstudio-cli, writing meanwhile
    other.insert("sim", req("from the command line"))
    submitting = asyncio.ensure_future(service.submit("sim", req("[[seconds:0.1]] mine")))
    await asyncio.sleep(0)  # the row waits for the end of the turn
    shared.tick()  # its look at the file writes what waits first, then reads what changed
    record = await submitting
    ours = [(kind, state) for kind, local_id, state in events if local_id == record.id]
    assert ours[0] == ("added", TaskState.SUBMITTING)
    assert [kind for kind, _ in ours].count("added") == 1
    assert TaskState.SUBMISSION_UNKNOWN not in {state for _, state in ours}
    other.close()


async def test_a_submit_counts_as_sending_from_the_click(harness: Harness) -> None:
    service = harness.make()
    submitting = asyncio.ensure_future(service.submit("sim", req("[[seconds:0.1]] just now")))
    await asyncio.sleep(0)  # its row is not written yet
    assert service.sending == 1  # quitting now waits for it (the window asks)
    assert await service.wait_for_sends(5.0)
    assert submitting.done() and harness.sim.counts.get("submit", 0) == 1


@pytest.mark.parametrize("written", [False, True])
async def test_a_submit_cancelled_before_it_went_out(harness: Harness, written: bool) -> None:
    service = harness.make()
    submitting = asyncio.ensure_future(service.submit("sim", req("never sent")))
    await asyncio.sleep(0)
    if written:
        service.store.flush()  # the row reached the file; the submit has not resumed
    submitting.cancel()
    with pytest.raises(asyncio.CancelledError):
        await submitting
    service.store.flush()
    assert harness.sim.counts.get("submit", 0) == 0 and service.sending == 0
    rows = rows_on_disk(harness.db_path)
    if not written:
        assert rows == {}  # dropped before it was written: no row that was never a job
        return
    [record] = service.records.values()
    assert record.state is TaskState.FAILED  # not "Submission unknown": nothing went out
    assert record.fail_reason is not None and "use Retry" in record.fail_reason
    assert on_disk(harness.db_path, record.id)[0] == "failed"


async def test_after_a_failed_write_a_new_submit_still_goes_out(harness: Harness) -> None:
    service = harness.make()
    service.store.on_problem = lambda _error: None
    first = await service.submit("sim", req("[[seconds:0.1]] first"))
    service.store._db.execute("PRAGMA query_only = ON")  # a moment of full disk
    first.last_error = "changed"
    service.store.update(first)
    await asyncio.sleep(0)  # that write fails and is kept
    service.store._db.execute("PRAGMA query_only = OFF")
    second = await asyncio.wait_for(service.submit("sim", req("[[seconds:0.1]] second")), 5)
    assert second.task_id is not None and harness.sim.counts.get("submit", 0) == 2


async def test_an_earlier_jobs_id_is_in_the_file_before_a_later_job_goes_out(
    harness: Harness,
) -> None:
    service = harness.make()
    answer_a: asyncio.Future[str] = asyncio.get_running_loop().create_future()
    seen: dict[str, object] = {}

    class Client:
        async def submit(self, request: GenerationRequest) -> str:
            if request.prompt == "A":
                return await answer_a
            a = next(r for r in service.records.values() if r.request.prompt == "A")
            seen["A's id in the file as B goes out"] = on_disk(harness.db_path, a.id)[2]
            return "T-B"

    class Pool:
        def get(self, _profile: str) -> Client:
            return Client()

    service.sender._clients = Pool()  # type: ignore[assignment]
    a = asyncio.ensure_future(service.submit("sim", req("A")))
    await until(lambda: service.sending == 1 and bool(service.records))
    b = asyncio.ensure_future(service.submit("sim", req("B")))
    asyncio.get_running_loop().call_soon(answer_a.set_result, "T-A")  # in B's turn
    await asyncio.gather(a, b)
    assert seen == {"A's id in the file as B goes out": "T-A"}


async def test_when_what_waits_cannot_be_written_the_next_job_is_not_sent(
    harness: Harness,
) -> None:
    service = harness.make()

    def full_disk() -> None:  # an earlier job's id, say, cannot reach the file
        raise HistoryError("The disk holding the task history is full.")

    service.sender._flush = full_disk
    record = await service.submit("sim", req("[[seconds:0.1]] after a full disk"))
    assert harness.sim.counts.get("submit", 0) == 0  # its id could not have been kept
    assert record.state is TaskState.FAILED and record.task_id is None
    assert record.fail_reason == "Not sent: The disk holding the task history is full."
    assert service.sending == 0
