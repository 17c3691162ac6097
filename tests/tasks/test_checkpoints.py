"""WAL checkpoints run on a thread of their own, never inside a write on the GUI thread."""

from __future__ import annotations

import logging
import sqlite3
from pathlib import Path

import pytest

from genstudio.api.kinds import Scope
from genstudio.api.request import GenerationRequest
from genstudio.tasks import checkpoints
from genstudio.tasks.checkpoints import BACKSTOP_PAGES, Checkpoints
from genstudio.tasks.store import HistoryStore

# Enough writes (two statements each) to pass SQLite's own threshold (1,000 pages) a few
# times over, and far from the store's backstop.
WRITES = 150


def write(store: HistoryStore, count: int, *, in_step: bool = False) -> None:
    for i in range(count):
        record = store.insert("p", GenerationRequest(Scope.IMAGES, f"job {i} " * 20, "m"))
        record.task_id = f"t-{i}"
        store.update(record, now=True)
        if in_step:  # a loaded machine may not skip one: the count is then exact
            store._checkpoints.wait()


def wal_pages(path: Path) -> int:
    return (path.with_name(path.name + "-wal").stat().st_size - 32) // (4096 + 24)


def test_the_stores_own_connection_checkpoints_only_as_a_backstop(tmp_path: Path) -> None:
    store = HistoryStore(tmp_path / "h.sqlite3")
    store._checkpoints = Checkpoints(store.path, every=10**9)  # the thread never asked
    size = store.path.stat().st_size
    write(store, WRITES)
    # SQLite's default would have checkpointed inside a write by 1,000 pages (copying
    # them to the file) and then started the WAL again from its beginning.
    assert 1000 < wal_pages(store.path) < BACKSTOP_PAGES
    assert store.path.stat().st_size == size
    assert store._db.execute("PRAGMA wal_autocheckpoint").fetchone()[0] == BACKSTOP_PAGES
    store.close()


def test_the_thread_checkpoints_as_writes_go_on(tmp_path: Path) -> None:
    store = HistoryStore(tmp_path / "h.sqlite3")
    size = store.path.stat().st_size
    version = store.data_version()
    write(store, WRITES, in_step=True)
    assert store._checkpoints.done == WRITES * 2 // checkpoints.EVERY
    assert store.path.stat().st_size > size  # the writes reached the file itself
    assert store.data_version() == version  # not taken for another process's change
    assert len(store.load()) == WRITES
    store.close()


def test_closing_ends_the_thread_and_leaves_no_wal(tmp_path: Path) -> None:
    store = HistoryStore(tmp_path / "h.sqlite3")
    write(store, 60)
    store._checkpoints.wait()  # the thread's checkpoint may still be under way
    assert store._checkpoints.done >= 1
    store.close()
    assert not store.path.with_name("h.sqlite3-wal").exists()  # the last connection closed
    reopened = HistoryStore(store.path)
    assert len(reopened.load()) == 60
    reopened.close()


def test_a_checkpoint_that_fails_is_logged_and_writes_go_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    def refuse(*_args: object, **_kwargs: object) -> sqlite3.Connection:
        raise sqlite3.OperationalError("unable to open database file")

    store = HistoryStore(tmp_path / "h.sqlite3")
    monkeypatch.setattr("genstudio.tasks.checkpoints.sqlite3.connect", refuse)
    with caplog.at_level(logging.INFO, logger="genstudio.tasks.checkpoints"):
        write(store, 100)
        store._checkpoints.wait()
    assert "history checkpoint failed: unable to open database file" in caplog.text
    assert store._checkpoints.done == 0
    assert len(store.load()) == 100
    monkeypatch.undo()
    store.close()
