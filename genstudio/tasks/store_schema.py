"""The history's schema: each migration brings the file from one version to the next.

``PRAGMA user_version`` carries the version; :class:`~genstudio.tasks.store.HistoryStore`
runs what is missing, each step in its own transaction.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable

log = logging.getLogger(__name__)

SCHEMA_VERSION = 4


def _v1(db: sqlite3.Connection) -> None:
    _run_script(
        db,
        """
        CREATE TABLE tasks (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            profile TEXT NOT NULL,
            scope TEXT NOT NULL,
            model TEXT NOT NULL,
            prompt TEXT NOT NULL,
            request_json TEXT NOT NULL,
            created_at REAL NOT NULL,
            state TEXT NOT NULL,
            task_id TEXT,
            provider_status TEXT,
            progress REAL,
            fail_reason TEXT,
            outputs_json TEXT NOT NULL DEFAULT '[]',
            submit_time REAL,
            start_time REAL,
            finish_time REAL,
            finished_at REAL,
            last_error TEXT,
            error_details TEXT,
            deadline REAL,
            updated_at REAL NOT NULL
        );
        CREATE INDEX tasks_created ON tasks (created_at);
        CREATE INDEX tasks_state ON tasks (state);
        """,
    )


def _run_script(db: sqlite3.Connection, script: str) -> None:
    # Not executescript(): it commits first, which would break the migration's transaction.
    for statement in script.split(";"):
        if statement.strip():
            db.execute(statement)


def _v2(db: sqlite3.Connection) -> None:
    # Local copies of the outputs (issue 4): a JSON list of SavedFile, in output order.
    db.execute("ALTER TABLE tasks ADD COLUMN files_json TEXT NOT NULL DEFAULT '[]'")


def _v3(db: sqlite3.Connection) -> None:
    # What a job was expected to cost when it was sent (issue 11), USD; NULL when unknown.
    db.execute("ALTER TABLE tasks ADD COLUMN price_usd REAL")


def _v4(db: sqlite3.Connection) -> None:
    # A large history read lazily (issue 13): an index for each column the list sorts
    # by (each holds the row id, the tiebreak), two for what the service loads at start
    # (outputs still saving, tasks finished lately), one that gives the gallery its
    # items without reading a row, and a full-text index for search.
    _run_script(
        db,
        """
        CREATE INDEX tasks_scope ON tasks (scope);
        CREATE INDEX tasks_model ON tasks (model COLLATE NOCASE);
        CREATE INDEX tasks_prompt ON tasks (prompt COLLATE NOCASE);
        CREATE INDEX tasks_progress ON tasks (progress);
        CREATE INDEX tasks_elapsed ON tasks ((finished_at - created_at));
        CREATE INDEX tasks_task_id ON tasks (task_id);
        CREATE INDEX tasks_price ON tasks (price_usd);
        CREATE INDEX tasks_saving ON tasks (id) WHERE instr(files_json, '"pending"') > 0;
        CREATE INDEX tasks_finished ON tasks (finished_at) WHERE state = 'done';
        CREATE INDEX tasks_outputs ON tasks (created_at, json_array_length(outputs_json))
            WHERE state = 'done'
        """,
    )
    try:
        db.execute(
            "CREATE VIRTUAL TABLE tasks_fts USING fts5(prompt, model, task_id, fail_reason,"
            " profile, content='tasks', content_rowid='id', tokenize='trigram')"
        )
    except sqlite3.OperationalError as exc:
        # An SQLite built without FTS5 (or older than 3.34): search reads every row.
        log.warning("history search without a full-text index: %s", exc)
        return
    for trigger in _FTS_TRIGGERS:
        db.execute(trigger)
    db.execute("INSERT INTO tasks_fts (tasks_fts) VALUES ('rebuild')")


_FTS_COLUMNS = "prompt, model, task_id, fail_reason, profile"
# Triggers keep the index true whoever writes the row (the window, genstudio-cli, a
# repair); an update reindexes only when a searched column really changed.
_FTS_TRIGGERS = (
    f"""CREATE TRIGGER tasks_fts_insert AFTER INSERT ON tasks BEGIN
        INSERT INTO tasks_fts (rowid, {_FTS_COLUMNS})
        VALUES (new.id, new.prompt, new.model, new.task_id, new.fail_reason, new.profile);
    END""",
    f"""CREATE TRIGGER tasks_fts_delete AFTER DELETE ON tasks BEGIN
        INSERT INTO tasks_fts (tasks_fts, rowid, {_FTS_COLUMNS})
        VALUES ('delete', old.id, old.prompt, old.model, old.task_id, old.fail_reason,
                old.profile);
    END""",
    f"""CREATE TRIGGER tasks_fts_update AFTER UPDATE ON tasks
    WHEN old.prompt IS NOT new.prompt OR old.model IS NOT new.model
        OR old.task_id IS NOT new.task_id OR old.fail_reason IS NOT new.fail_reason
        OR old.profile IS NOT new.profile BEGIN
        INSERT INTO tasks_fts (tasks_fts, rowid, {_FTS_COLUMNS})
        VALUES ('delete', old.id, old.prompt, old.model, old.task_id, old.fail_reason,
                old.profile);
        INSERT INTO tasks_fts (rowid, {_FTS_COLUMNS})
        VALUES (new.id, new.prompt, new.model, new.task_id, new.fail_reason, new.profile);
    END""",
)


# Index i migrates from version i to i + 1.
MIGRATIONS: list[Callable[[sqlite3.Connection], None]] = [_v1, _v2, _v3, _v4]


# Not a migration: kept outside the versioned schema so that an older GenStudio still
# opens the file (it ignores the table). Who checks or saves a task now (issue 12).
LEASES_TABLE = """
    CREATE TABLE IF NOT EXISTS leases (
        task INTEGER PRIMARY KEY,
        owner TEXT NOT NULL,
        until REAL NOT NULL
    )
"""
