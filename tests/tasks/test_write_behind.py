"""Status changes go to the history once per turn of the loop; ids and new rows at once."""

from __future__ import annotations

import asyncio
import sqlite3
from pathlib import Path

import pytest

from genstudio.api.request import GenerationRequest
from genstudio.api.snapshot import Scope
from genstudio.tasks.history_problem import HistoryError
from genstudio.tasks.history_query import HistoryQuery
from genstudio.tasks.record import TaskState
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


async def test_the_providers_id_is_in_the_file_when_submit_returns(harness: Harness) -> None:
    service = harness.make()
    record = await service.submit("sim", req("[[seconds:0.2]] a short one"))
    # No turn of the loop in between: a kill now could not lose the paid job's id.
    assert on_disk(harness.db_path, record.id) == ("waiting", None, record.task_id)
    await until(lambda: record.state is TaskState.DONE)
    await service.aclose()
    assert on_disk(harness.db_path, record.id)[0] == "done"


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
