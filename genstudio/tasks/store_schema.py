"""The history's schema: each migration brings the file from one version to the next.

``PRAGMA user_version`` carries the version; :class:`~genstudio.tasks.store.HistoryStore`
runs what is missing, each step in its own transaction.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

SCHEMA_VERSION = 3


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


# Index i migrates from version i to i + 1.
MIGRATIONS: list[Callable[[sqlite3.Connection], None]] = [_v1, _v2, _v3]


# Not a migration: kept outside the versioned schema so that an older GenStudio still
# opens the file (it ignores the table). Who checks or saves a task now (issue 12).
LEASES_TABLE = """
    CREATE TABLE IF NOT EXISTS leases (
        task INTEGER PRIMARY KEY,
        owner TEXT NOT NULL,
        until REAL NOT NULL
    )
"""
