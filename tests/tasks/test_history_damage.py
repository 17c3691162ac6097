"""A damaged history is never a traceback: each cause is a sentence, and a repair keeps
everything that can still be read (issue 12, point 6)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from genstudio.api.kinds import Scope
from genstudio.api.request import GenerationRequest
from genstudio.tasks.history_repair import repair_history
from genstudio.tasks.states import FileState, TaskState
from genstudio.tasks.store import HistoryError, HistoryProblem, HistoryStore
from tests.tasks.history_files import filled_history, overwrite_pages, saved_output, truncate


def problem_at_open_or_load(path: Path) -> HistoryError:
    with pytest.raises(HistoryError) as caught:
        store = HistoryStore(path)
        try:
            store.load()
        finally:
            store.close()
    return caught.value


def test_pages_of_garbage_are_damage_and_the_repair_keeps_the_rest(tmp_path: Path) -> None:
    path = filled_history(tmp_path / "history.sqlite3")
    overwrite_pages(path, 30, 34)  # pages of the table (schema 4)
    original = path.read_bytes()
    error = problem_at_open_or_load(path)
    assert error.problem is HistoryProblem.DAMAGED
    assert "damaged" in str(error) and "Traceback" not in str(error)

    result = repair_history(path, [])
    assert result.kept_copy is not None and result.kept_copy.read_bytes() == original
    # Five pages of ~7 rows each are lost; every other row is back.
    assert 250 <= result.from_history < 300 and result.recovered == result.from_history
    store = HistoryStore(path)
    records = store.load()
    assert len(records) == result.from_history
    assert store._db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    kept = {r.task_id: r for r in records}
    assert kept["task-0"].state is TaskState.DONE and kept["task-299"].outputs
    # New tasks get new ids: none is taken from a lost row.
    added = store.insert("work", GenerationRequest(Scope.IMAGES, "after", "flux"))
    assert added.id > 300
    store.close()


def test_a_truncated_file_is_damage_and_the_repair_keeps_its_first_pages(
    tmp_path: Path,
) -> None:
    path = filled_history(tmp_path / "history.sqlite3")
    truncate(path, 40)
    assert problem_at_open_or_load(path).problem is HistoryProblem.DAMAGED
    result = repair_history(path, [])
    assert 0 < result.from_history < 300
    assert len(HistoryStore(path).load()) == result.from_history


def test_garbage_over_the_header_recovers_finished_tasks_from_sidecars(
    tmp_path: Path,
) -> None:
    path = filled_history(tmp_path / "history.sqlite3", count=5)
    overwrite_pages(path, 1, 1)
    library = tmp_path / "library"
    saved_output(library / "images", "task-a", "a red fox", 1)
    saved_output(library / "images", "task-a", "a red fox", 2)
    saved_output(library / "audio", "task-b", "rain")
    (library / "images" / "notes.json").write_text('{"not": "a sidecar"}')
    assert problem_at_open_or_load(path).problem is HistoryProblem.DAMAGED

    result = repair_history(path, [library / "images", library / "audio"])
    assert (result.from_history, result.from_sidecars) == (0, 2)
    records = {r.task_id: r for r in HistoryStore(path).load()}
    fox = records["task-a"]
    assert fox.request.prompt == "a red fox" and fox.state is TaskState.DONE
    assert [f.state for f in fox.files] == [FileState.SAVED, FileState.SAVED]
    assert fox.outputs == ("https://cdn.test/task-a/1.png", "https://cdn.test/task-a/2.png")
    assert fox.files[0].path and Path(fox.files[0].path).is_file()


def test_sidecars_do_not_duplicate_tasks_the_file_still_holds(tmp_path: Path) -> None:
    path = filled_history(tmp_path / "history.sqlite3", count=50)
    overwrite_pages(path, 6, 6)
    saved_output(tmp_path / "lib", "task-1", "prompt 1")
    result = repair_history(path, [tmp_path / "lib"])
    task_ids = [r.task_id for r in HistoryStore(path).load()]
    assert len(task_ids) == len(set(task_ids)) == result.recovered
    assert "task-1" in task_ids


def test_an_empty_file_is_not_silently_a_new_history(tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite3"
    path.write_bytes(b"")
    error = problem_at_open_or_load(path)
    assert error.problem is HistoryProblem.EMPTY and "0 bytes" in str(error)
    saved_output(tmp_path / "lib", "task-z", "a lighthouse")
    result = repair_history(path, [tmp_path / "lib"])
    assert result.kept_copy is not None and result.kept_copy.stat().st_size == 0
    assert result.recovered == 1
    assert [r.task_id for r in HistoryStore(path).load()] == ["task-z"]


def test_a_lock_held_by_another_connection_is_said_as_a_lock(tmp_path: Path) -> None:
    path = filled_history(tmp_path / "history.sqlite3", count=2)
    store = HistoryStore(path, busy_timeout=0.1)
    heard: list[HistoryError] = []
    store.on_problem = heard.append
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")
    with pytest.raises(HistoryError) as caught:
        store.insert("work", GenerationRequest(Scope.IMAGES, "blocked", "flux"))
    assert caught.value.problem is HistoryProblem.LOCKED and "locked" in str(caught.value)
    assert heard == [caught.value]
    other.execute("ROLLBACK")
    other.close()
    store.insert("work", GenerationRequest(Scope.IMAGES, "now", "flux"))
    assert store.count() == 3
    store.close()


def test_damage_met_after_opening_is_a_history_error(tmp_path: Path) -> None:
    path = filled_history(tmp_path / "history.sqlite3")
    store = HistoryStore(path)
    heard: list[HistoryError] = []
    store.on_problem = heard.append
    overwrite_pages(path, 3, 40)
    with pytest.raises(HistoryError):
        store.load()
    assert [e.problem for e in heard] == [HistoryProblem.DAMAGED]
    store.close()


def test_a_full_disk_has_its_own_advice(tmp_path: Path) -> None:
    path = filled_history(tmp_path / "history.sqlite3", count=2)
    store = HistoryStore(path)
    # SQLite's own page limit gives the same SQLITE_FULL a full disk does.
    pages = store._db.execute("PRAGMA page_count").fetchone()[0]
    store._db.execute(f"PRAGMA max_page_count = {pages}")
    with pytest.raises(HistoryError) as caught:
        for i in range(200):
            store.insert("work", GenerationRequest(Scope.IMAGES, "x" * 2000 + str(i), "flux"))
    assert caught.value.problem is HistoryProblem.FULL and "Free some space" in str(caught.value)
    store.close()
