"""The SQLite history: schema version, migrations, round trips, damage."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from genstudio.api.kinds import Scope
from genstudio.api.request import GenerationRequest
from genstudio.tasks.query import HistoryQuery
from genstudio.tasks.states import TaskState
from genstudio.tasks.store import SCHEMA_VERSION, HistoryError, HistoryProblem, HistoryStore
from genstudio.tasks.store_schema import MIGRATIONS


def test_new_file_is_wal_with_schema_version(tmp_path: Path) -> None:
    store = HistoryStore(tmp_path / "h.sqlite3")
    assert store.schema_version == SCHEMA_VERSION
    mode = store._db.execute("PRAGMA journal_mode").fetchone()[0]
    assert mode == "wal"
    store.close()


def test_round_trip(tmp_path: Path) -> None:
    store = HistoryStore(tmp_path / "h.sqlite3")
    request = GenerationRequest(Scope.AUDIO, "lofi 中文", "suno-v4", duration=30, extra={"n": 2})
    record = store.insert("work", request, created_at=5.0)
    record.task_id = "cgt-1"
    record.state = TaskState.DONE
    record.outputs = ("https://a/1.mp3", "https://a/2.mp3")
    record.progress = 100.0
    store.update(record)
    store.close()
    again = HistoryStore(tmp_path / "h.sqlite3").load()
    assert len(again) == 1
    loaded = again[0]
    assert loaded.request == request and loaded.outputs == record.outputs
    assert loaded.state is TaskState.DONE and loaded.profile == "work"


def test_newer_schema_is_refused_with_a_sentence(tmp_path: Path) -> None:
    path = tmp_path / "h.sqlite3"
    HistoryStore(path).close()
    db = sqlite3.connect(path)
    db.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    db.close()
    with pytest.raises(HistoryError, match="newer GenStudio"):
        HistoryStore(path)


def test_damaged_file_is_refused_with_a_sentence(tmp_path: Path) -> None:
    path = tmp_path / "h.sqlite3"
    path.write_bytes(b"this is not a database" * 100)
    with pytest.raises(HistoryError, match="is damaged") as caught:
        HistoryStore(path)
    assert caught.value.problem is HistoryProblem.DAMAGED


def test_unreadable_row_is_skipped(tmp_path: Path) -> None:
    store = HistoryStore(tmp_path / "h.sqlite3")
    store.insert("p", GenerationRequest(Scope.IMAGES, "ok", "m"))
    store._db.execute("UPDATE tasks SET state = 'bogus'")
    store.insert("p", GenerationRequest(Scope.IMAGES, "fine", "m"))
    assert [r.request.prompt for r in store.load()] == ["fine"]


def test_many_rows_load_newest_first(tmp_path: Path) -> None:
    store = HistoryStore(tmp_path / "h.sqlite3")
    for i in range(500):
        store.insert("p", GenerationRequest(Scope.IMAGES, f"p{i}", "m"), created_at=float(i))
    records = store.load()
    assert len(records) == 500 and records[0].request.prompt == "p499"
    assert [r.request.prompt for r in store.load(limit=2)] == ["p499", "p498"]


def test_price_is_kept_and_listed_for_spending(tmp_path: Path) -> None:
    store = HistoryStore(tmp_path / "h.sqlite3")
    paid = store.insert(
        "work", GenerationRequest(Scope.VIDEOS, "v", "veo3"), created_at=100.0, price_usd=0.8
    )
    store.insert("work", GenerationRequest(Scope.IMAGES, "i", "flux"), created_at=200.0)
    store.insert("home", GenerationRequest(Scope.AUDIO, "a", "suno-v4"), 50.0, price_usd=0.1)
    assert paid.price_usd == 0.8
    store.close()
    store = HistoryStore(tmp_path / "h.sqlite3")
    assert [r.price_usd for r in store.load()] == [None, 0.8, 0.1]
    jobs = store.priced_jobs(since=60.0)
    assert [(j.profile, j.model, j.price_usd) for j in jobs] == [("work", "veo3", 0.8)]
    assert jobs[0].state is TaskState.SUBMITTING
    # Undo delete puts the price back with the row.
    record = store.load()[1]
    store.delete([record.id])
    store.restore([record])
    assert store.load()[1].price_usd == 0.8


def _old_file(path: Path, version: int) -> None:
    """A history as GenStudio left it at schema ``version``, with one task."""
    db = sqlite3.connect(path)
    for migrate in MIGRATIONS[:version]:
        migrate(db)
    db.execute(
        "INSERT INTO tasks (profile, scope, model, prompt, request_json, created_at, state,"
        " task_id, fail_reason, updated_at) VALUES ('p', 'images', 'm', 'old lighthouse',"
        " ?, 1.0, 'failed', 'task-77', 'quota exceeded', 1.0)",
        (json.dumps(GenerationRequest(Scope.IMAGES, "old lighthouse", "m").to_json_dict()),),
    )
    db.execute(f"PRAGMA user_version = {version}")
    db.commit()
    db.close()


def test_schema_2_file_gains_the_price_column(tmp_path: Path) -> None:
    path = tmp_path / "h.sqlite3"
    _old_file(path, 2)
    again = HistoryStore(path)
    assert again.schema_version == SCHEMA_VERSION
    assert [(r.request.prompt, r.price_usd) for r in again.load()] == [("old lighthouse", None)]


def test_schema_3_file_gains_search_over_its_old_rows(tmp_path: Path) -> None:
    path = tmp_path / "h.sqlite3"
    _old_file(path, 3)
    history = HistoryStore(path).reader()
    for words in ("lighthouse", "task-77", "quota", "OLD LIGHT"):
        assert len(history.ids(HistoryQuery(search=words))) == 1, words
    assert len(history.ids(HistoryQuery(search="harbour"))) == 0
