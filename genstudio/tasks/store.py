"""The durable history: every task in SQLite, written before anything is sent.

WAL mode, ``synchronous=NORMAL``: a status change costs well under a millisecond and
survives a crash of the app. ``PRAGMA user_version`` carries the schema version; the
migrations below bring an older file up to date. The API key is never stored here.
"""

from __future__ import annotations

import contextlib
import functools
import json
import logging
import sqlite3
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, ParamSpec, TypeVar

from genstudio.i18n import translate
from genstudio.tasks.checkpoints import BACKSTOP_PAGES, WAL_KEPT_BYTES, Checkpoints
from genstudio.tasks.history_problem import (
    HistoryError,
    HistoryProblem,
    advice,
    emptied,
    history_error,
)
from genstudio.tasks.history_query import TaskHistory, record_from_row
from genstudio.tasks.record import PricedJob, TaskRecord
from genstudio.tasks.states import TaskState
from genstudio.tasks.store_rows import (
    INSERT,
    ROW_COLUMNS,
    UPDATE,
    NewTask,
    insert_all,
    mutable_values,
)
from genstudio.tasks.store_schema import LEASES_TABLE, MIGRATIONS, SCHEMA_VERSION
from genstudio.tasks.write_behind import PendingWrites, Schedule, soon

if TYPE_CHECKING:
    from genstudio.api.request import GenerationRequest

__all__ = [
    "SCHEMA_VERSION",
    "HistoryError",
    "HistoryProblem",
    "HistoryStore",
    "PricedJob",
    "record_from_row",
]

log = logging.getLogger(__name__)


_P = ParamSpec("_P")
_T = TypeVar("_T")


def _guarded(method: Callable[_P, _T]) -> Callable[_P, _T]:
    """Any SQLite error becomes a :class:`HistoryError` with the advice for its cause,
    and the store's ``on_problem`` listener hears of it (the window offers a repair)."""

    @functools.wraps(method)
    def wrapper(*args: _P.args, **kwargs: _P.kwargs) -> _T:
        store = args[0]
        assert isinstance(store, HistoryStore)
        try:
            if store._pending:  # whatever comes next sees (and follows) the deferred writes
                store._pending.flush()
            changes = store._db.total_changes
            result = method(*args, **kwargs)
            if store._db.total_changes != changes:
                store._checkpoints.wrote()
            return result
        except sqlite3.DatabaseError as exc:
            error = history_error(exc, store.path)
            # Info, not a warning: it is raised, and whoever catches it says it (the
            # CLI's sentence would otherwise follow a log line saying the same).
            log.info("history %s: %s (%s)", method.__name__, exc, error.problem)
            store.report(error)
            raise error from exc

    return wrapper


class HistoryStore:
    """All tasks, newest first when loaded. Used from the GUI thread only.

    ``busy_timeout``: how long a write waits for another process's (seconds) before it
    is a "locked" :class:`HistoryError`.
    """

    def __init__(self, path: Path, *, busy_timeout: float = 5.0) -> None:
        self.path = path
        self.on_problem: Callable[[HistoryError], None] | None = None
        self._readers: list[TaskHistory] = []
        self._pending: PendingWrites | None = None
        self._checkpoints = Checkpoints(path)
        if emptied(path):
            # SQLite would take a 0-byte file for a new database and the tasks it held
            # would be forgotten without a word.
            raise HistoryError(advice(HistoryProblem.EMPTY, path), HistoryProblem.EMPTY)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise HistoryError(
                advice(HistoryProblem.READ_ONLY, path, str(exc)), HistoryProblem.READ_ONLY
            ) from exc
        try:
            self._db = sqlite3.connect(path, isolation_level=None, timeout=busy_timeout)
        except sqlite3.DatabaseError as exc:
            raise history_error(exc, path) from exc
        try:
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=NORMAL")
            self._db.execute("PRAGMA foreign_keys=ON")
            self._db.execute(f"PRAGMA wal_autocheckpoint={BACKSTOP_PAGES}")
            self._db.execute(f"PRAGMA journal_size_limit={WAL_KEPT_BYTES}")
            self._migrate()
        except sqlite3.DatabaseError as exc:
            self._db.close()
            raise history_error(exc, path) from exc
        except HistoryError:
            self._db.close()
            raise

    def report(self, error: HistoryError) -> None:
        """Tell the listener (the window) about a problem met after opening."""
        if self.on_problem is not None:
            self.on_problem(error)

    def close(self) -> None:
        with contextlib.suppress(HistoryError):
            self.flush()
        for reader in self._readers:
            reader.close()
        self._checkpoints.close()
        with contextlib.suppress(sqlite3.Error):
            self._db.close()

    @_guarded
    def find_task(self, profile: str, task_id: str) -> int | None:
        """The local id of the task the provider knows as ``task_id``, if recorded."""
        row = self._db.execute(
            "SELECT id FROM tasks WHERE profile = ? AND task_id = ? LIMIT 1", (profile, task_id)
        ).fetchone()
        return int(row[0]) if row else None

    def _migrate(self) -> None:
        version = int(self._db.execute("PRAGMA user_version").fetchone()[0])
        if version > SCHEMA_VERSION:
            raise HistoryError(
                translate(
                    "Messages",
                    "The task history at {path} was written by a newer GenStudio "
                    "(schema {version}); update GenStudio to open it.",
                ).format(path=self.path, version=version),
                HistoryProblem.NEWER,
            )
        for target in range(version, SCHEMA_VERSION):
            with self._transaction():
                MIGRATIONS[target](self._db)
                self._db.execute(f"PRAGMA user_version = {target + 1}")
            log.info("history migrated to schema %d", target + 1)
        self._db.execute(LEASES_TABLE)

    @contextlib.contextmanager
    def _transaction(self, kind: str = "") -> Iterator[None]:
        self._db.execute(f"BEGIN {kind}")
        try:
            yield
        except BaseException:
            self._db.execute("ROLLBACK")
            raise
        self._db.execute("COMMIT")

    @property
    @_guarded
    def schema_version(self) -> int:
        return int(self._db.execute("PRAGMA user_version").fetchone()[0])

    # -- writing ---------------------------------------------------------------------------

    @_guarded
    def insert(
        self,
        profile: str,
        request: GenerationRequest,
        created_at: float | None = None,
        state: TaskState = TaskState.SUBMITTING,
        price_usd: float | None = None,
        lease: tuple[str, float] | None = None,
    ) -> TaskRecord:
        """``lease``: (owner, until) held on the new row from the moment it exists, so no
        other process takes it for a job interrupted while being sent."""
        now = time.time()
        created = created_at if created_at is not None else now
        task = NewTask.of(profile, request, created, state, price_usd)
        with self._transaction() if lease else contextlib.nullcontext():
            row_id = self._db.execute(INSERT, task.values(now)).lastrowid
            assert row_id is not None
            if lease:
                self._db.execute("INSERT INTO leases VALUES (?, ?, ?)", (row_id, *lease))
        return task.record(row_id)

    async def insert_soon(
        self,
        profile: str,
        request: GenerationRequest,
        created_at: float,
        price_usd: float | None,
        written: Callable[[TaskRecord], None] = lambda _record: None,
    ) -> TaskRecord:
        """:meth:`insert`, written with the other writes of this turn of the loop in one
        commit once writes are deferred: a burst of submits costs one commit a turn, not
        one a task. ``written`` has the record in the same step as the commit (the
        service knows its row before anyone can read it). Raises :class:`HistoryError`
        as insert does."""
        if self._pending is None:
            record = self.insert(profile, request, created_at, price_usd=price_usd)
            written(record)
            return record
        task = NewTask.of(profile, request, created_at, TaskState.SUBMITTING, price_usd)
        made: list[TaskRecord] = []

        def done(local_id: int) -> None:
            made.append(task.record(local_id))
            written(made[0])

        await self._pending.add_new(task, done)
        return made[0]

    @_guarded
    def restore(self, records: list[TaskRecord]) -> None:
        """Put deleted records back with their own ids (AUTOINCREMENT never reuses one)."""
        rows = [
            (
                r.id,
                r.profile,
                r.request.scope.value,
                r.request.model,
                r.request.prompt,
                json.dumps(r.request.to_json_dict(), ensure_ascii=False),
                r.created_at,
                r.price_usd,
            )
            for r in records
        ]
        with self._transaction():
            self._db.executemany(
                "INSERT OR IGNORE INTO tasks (id, profile, scope, model, prompt, request_json,"
                " created_at, price_usd, state, updated_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'submitting', 0)",
                rows,
            )
        self.update_many(records)

    def defer_writes(self, schedule: Schedule = soon) -> None:
        """From now on status changes and :meth:`insert_soon` are written together, once
        per turn of the loop (write_behind.py); :meth:`update` with ``now=True`` still
        writes at once."""
        self._pending = PendingWrites(self._write_turn, schedule)

    def flush(self) -> None:
        """Write the deferred status changes now (when work stops)."""
        if self._pending:
            self._pending.flush()

    def update(self, record: TaskRecord, *, now: bool = False) -> None:
        if self._pending is not None and not now:
            self._pending.add(record)
        else:
            self._update_now(record)

    @_guarded
    def _update_now(self, record: TaskRecord) -> None:
        self._db.execute(UPDATE, (*mutable_values(record), time.time(), record.id))

    def update_many(self, records: Iterable[TaskRecord]) -> None:
        self._write_turn([], list(records))

    @_guarded
    def _write_turn(self, tasks: list[NewTask], records: list[TaskRecord]) -> list[int]:
        """New rows (their ids, in order) and status changes, in one transaction."""
        now = time.time()
        with self._transaction("IMMEDIATE" if tasks else ""):
            ids = insert_all(self._db, tasks, now) if tasks else []
            self._db.executemany(UPDATE, [(*mutable_values(r), now, r.id) for r in records])
        return ids

    @_guarded
    def delete(self, ids: Iterable[int]) -> None:
        with self._transaction():
            self._db.executemany("DELETE FROM tasks WHERE id = ?", [(i,) for i in ids])

    # -- reading ---------------------------------------------------------------------------

    @_guarded
    def load(self, limit: int | None = None) -> list[TaskRecord]:
        """Tasks newest first; rows that cannot be read are skipped and logged."""
        sql = f"SELECT {', '.join(ROW_COLUMNS)} FROM tasks ORDER BY created_at DESC, id DESC"
        params: tuple[Any, ...] = ()
        if limit is not None:
            sql += " LIMIT ?"
            params = (limit,)
        return _records(self._db.execute(sql, params))

    @_guarded
    def changed_since(self, since: float) -> tuple[list[TaskRecord], float]:
        """Rows written at or after ``since`` (unix time), and the newest write seen: how
        a window notices what genstudio-cli wrote."""
        rows = self._db.execute(
            f"SELECT {', '.join(ROW_COLUMNS)}, updated_at FROM tasks WHERE updated_at >= ?"
            " ORDER BY id",
            (since,),
        ).fetchall()
        records = _records(row[:-1] for row in rows)
        newest = max((float(row[-1]) for row in rows), default=since)
        return records, newest

    @_guarded
    def load_one(self, local_id: int) -> TaskRecord | None:
        row = self._db.execute(
            f"SELECT {', '.join(ROW_COLUMNS)} FROM tasks WHERE id = ?", (local_id,)
        ).fetchone()
        try:
            return record_from_row(row) if row else None
        except (ValueError, TypeError, KeyError) as exc:
            log.warning("unreadable history row %s: %s", local_id, exc)
            return None

    @_guarded
    def load_working(self, fresh_since: float) -> list[TaskRecord]:
        """What the service works on at start: every unfinished task, and finished ones
        still saving or finished since ``fresh_since`` (their copies are rechecked). The
        rest of the history stays in the file until shown (:meth:`reader`)."""
        unfinished = ", ".join(f"'{s.value}'" for s in TaskState if not s.is_final)
        # Each part reads an index: a history of 100,000 jobs costs no scan at start.
        sql = (
            f"SELECT {', '.join(ROW_COLUMNS)} FROM tasks WHERE id IN ("
            f" SELECT id FROM tasks WHERE state IN ({unfinished})"
            " UNION ALL SELECT id FROM tasks WHERE instr(files_json, '\"pending\"') > 0"
            " UNION ALL SELECT id FROM tasks INDEXED BY tasks_finished"
            "  WHERE state = 'done' AND finished_at >= :since"
            " UNION ALL SELECT id FROM tasks INDEXED BY tasks_finished"
            "  WHERE state = 'done' AND finished_at IS NULL"
            "  AND created_at >= :since)"
            " ORDER BY created_at DESC, id DESC"
        )
        return _records(self._db.execute(sql, {"since": fresh_since}))

    def reader(
        self,
        live: Mapping[int, TaskRecord] | None = None,
        load: Callable[[int], TaskRecord | None] | None = None,
    ) -> TaskHistory:
        """The history in windows, for the window's list and gallery."""
        reader = TaskHistory(lambda: self._db, live, load or self.load_one, self._read, self.path)
        self._readers.append(reader)
        return reader

    @_guarded
    def _read(self, call: Callable[[], _T]) -> _T:
        return call()

    @_guarded
    def has_tasks(self) -> bool:
        return self._db.execute("SELECT 1 FROM tasks LIMIT 1").fetchone() is not None

    @_guarded
    def data_version(self) -> int:
        """Changes whenever another connection (another process) commits a change."""
        return int(self._db.execute("PRAGMA data_version").fetchone()[0])

    # -- leases: who checks or saves a task now (one process at a time) ------------------

    @_guarded
    def lease_take(self, task: int, owner: str, until: float, now: float) -> bool:
        """Take or renew the lease on ``task``: only if free, ours, or expired. One
        statement, so two processes asking at once cannot both win."""
        cursor = self._db.execute(
            "INSERT INTO leases (task, owner, until) VALUES (?, ?, ?)"
            " ON CONFLICT (task) DO UPDATE SET owner = excluded.owner, until = excluded.until"
            " WHERE leases.owner = excluded.owner OR leases.until < ?",
            (task, owner, until, now),
        )
        return cursor.rowcount == 1

    @_guarded
    def lease_renew(self, owner: str, until: float, now: float) -> set[int]:
        """Renew every lease ``owner`` still holds; the tasks it holds."""
        self._db.execute(
            "UPDATE leases SET until = ? WHERE owner = ? AND until >= ?", (until, owner, now)
        )
        rows = self._db.execute("SELECT task FROM leases WHERE owner = ?", (owner,))
        return {int(row[0]) for row in rows}

    @_guarded
    def lease_release(self, owner: str, tasks: Iterable[int] | None = None) -> None:
        if tasks is None:
            self._db.execute("DELETE FROM leases WHERE owner = ?", (owner,))
        else:
            self._db.executemany(
                "DELETE FROM leases WHERE owner = ? AND task = ?", [(owner, t) for t in tasks]
            )

    @_guarded
    def leased_by_others(self, owner: str, now: float) -> set[int]:
        rows = self._db.execute(
            "SELECT task FROM leases WHERE owner != ? AND until >= ?", (owner, now)
        )
        return {int(row[0]) for row in rows}

    @_guarded
    def count(self) -> int:
        return int(self._db.execute("SELECT COUNT(*) FROM tasks").fetchone()[0])

    @_guarded
    def priced_jobs(self, since: float) -> list[PricedJob]:
        """Jobs created since ``since`` (unix time) with a known price, oldest first."""
        rows = self._db.execute(
            "SELECT created_at, profile, scope, model, state, price_usd, task_id FROM tasks"
            " WHERE created_at >= ? AND price_usd IS NOT NULL ORDER BY created_at",
            (since,),
        )
        jobs = []
        for created, profile, scope, model, state, price, task_id in rows:
            try:
                jobs.append(
                    PricedJob(
                        float(created),
                        str(profile),
                        str(scope),
                        str(model),
                        TaskState(state),
                        float(price),
                        str(task_id) if task_id else None,
                    )
                )
            except (ValueError, TypeError) as exc:
                log.warning("skipping unreadable priced row: %s", exc)
        return jobs


def _records(rows: Iterable[Any]) -> list[TaskRecord]:
    """Rows that cannot be read are skipped and logged."""
    records = []
    for row in rows:
        try:
            records.append(record_from_row(row))
        except (ValueError, TypeError, KeyError) as exc:
            log.warning("skipping unreadable history row %s: %s", row[0], exc)
    return records
