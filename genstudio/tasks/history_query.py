"""The history as the window's list and gallery read it: in SQL order, a window at a time.

A query (search words, states, kind, sort) gives the ordered ids of the rows it matches:
eight bytes a row, read from an index, so 100,000 jobs cost well under a megabyte and a
few milliseconds. What a row shows is read only for the rows on screen
(:meth:`TaskHistory.rows`), from plain columns: the request's JSON is parsed only when a
task is opened (:meth:`TaskHistory.record`). Search is SQLite FTS5 with the trigram
tokenizer over prompt, model, task id, failure reason and provider, kept in sync by
triggers (``store_schema``): any part of a word matches, as the list's search always did.
"""

from __future__ import annotations

import contextlib
import json
import logging
import sqlite3
from array import array
from collections.abc import Callable, Iterable, Mapping
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import replace
from pathlib import Path
from typing import Any, TypeVar

from genstudio.api.kinds import Scope
from genstudio.api.request import GenerationRequest
from genstudio.tasks.query import HistoryQuery, SortKey
from genstudio.tasks.record import SavedFile, TaskRecord
from genstudio.tasks.states import TaskState

log = logging.getLogger(__name__)
_T = TypeVar("_T")


# What a row of the list shows, in summary_from_row's order. No request JSON.
_SUMMARY = (
    "id, profile, scope, model, prompt, created_at, price_usd, state, task_id, progress,"
    " fail_reason, outputs_json, submit_time, finish_time, finished_at, last_error, files_json"
)
_TRIGRAM = 3  # FTS5's trigram tokenizer finds nothing shorter: LIKE for those words
_BROAD = 5000  # matches from which the order is taken from the query without the words


def _fts_phrase(word: str) -> str:
    return '"' + word.replace('"', '""') + '"'


def _like(word: str) -> str:
    escaped = word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def where_clause(query: HistoryQuery, fts: bool) -> tuple[str, list[Any]]:
    """The query's filter as SQL (empty when it keeps every row) and its parameters."""
    terms: list[str] = []
    params: list[Any] = []
    if query.done_only:
        terms.append("state = 'done'")
    if query.states is not None:
        states = sorted(s.value for s in query.states)
        terms.append(f"state IN ({', '.join('?' * len(states))})")
        params.extend(states)
    if query.scope:
        terms.append("scope = ?")
        params.append(query.scope)
    words = query.search.split()
    long_words = [w for w in words if len(w) >= _TRIGRAM] if fts else []
    if long_words:
        terms.append("id IN (SELECT rowid FROM tasks_fts WHERE tasks_fts MATCH ?)")
        params.append(" AND ".join(_fts_phrase(w) for w in long_words))
    for word in words:
        if word in long_words:
            continue
        # A word of one or two letters: every row is read (still a few milliseconds).
        columns = ("prompt", "model", "task_id", "fail_reason", "profile")
        terms.append("(" + " OR ".join(f"{c} LIKE ? ESCAPE '\\'" for c in columns) + ")")
        params.extend([_like(word)] * len(columns))
    return (" WHERE " + " AND ".join(terms)) if terms else "", params


def order_clause(query: HistoryQuery) -> str:
    direction = "DESC" if query.descending else "ASC"
    # The id breaks ties in the same direction, so one index serves the whole order.
    return f" ORDER BY {query.sort.value} {direction}, id {direction}"


def record_from_row(row: tuple[Any, ...]) -> TaskRecord:
    (
        row_id,
        profile,
        request_json,
        created_at,
        price_usd,
        state,
        task_id,
        provider_status,
        progress,
        fail_reason,
        outputs_json,
        submit_time,
        start_time,
        finish_time,
        finished_at,
        last_error,
        error_details,
        deadline,
        files_json,
    ) = row
    return TaskRecord(
        id=int(row_id),
        profile=str(profile),
        request=GenerationRequest.from_json_dict(json.loads(request_json)),
        created_at=float(created_at),
        price_usd=float(price_usd) if isinstance(price_usd, int | float) else None,
        state=TaskState(state),
        task_id=task_id,
        provider_status=provider_status,
        progress=progress,
        fail_reason=fail_reason,
        outputs=_outputs(outputs_json),
        submit_time=submit_time,
        start_time=start_time,
        finish_time=finish_time,
        finished_at=finished_at,
        last_error=last_error,
        error_details=error_details,
        deadline=deadline,
        files=_files(files_json),
    )


def _json_list(text: str | None) -> list[Any]:
    return json.loads(text) if text and text != "[]" else []


def _outputs(outputs_json: str | None) -> tuple[str, ...]:
    return tuple(str(u) for u in _json_list(outputs_json))


def _files(files_json: str | None) -> tuple[SavedFile, ...]:
    return tuple(SavedFile.from_json(f) for f in _json_list(files_json) if isinstance(f, dict))


def summary_from_row(row: tuple[Any, ...]) -> TaskRecord:
    """A record for showing a row, built from plain columns: its request holds the
    kind, prompt and model only. Never for acting on a task (see TaskHistory.record)."""
    (
        row_id,
        profile,
        scope,
        model,
        prompt,
        created_at,
        price_usd,
        state,
        task_id,
        progress,
        fail_reason,
        outputs_json,
        submit_time,
        finish_time,
        finished_at,
        last_error,
        files_json,
    ) = row
    return TaskRecord(
        id=int(row_id),
        profile=str(profile),
        request=GenerationRequest(Scope(scope), str(prompt), str(model)),
        created_at=float(created_at),
        price_usd=float(price_usd) if isinstance(price_usd, int | float) else None,
        state=TaskState(state),
        task_id=task_id,
        progress=progress,
        fail_reason=fail_reason,
        outputs=_outputs(outputs_json),
        submit_time=submit_time,
        finish_time=finish_time,
        finished_at=finished_at,
        last_error=last_error,
        files=_files(files_json),
    )


class TaskHistory:
    """The reading side of the history for the window's models.

    ``live``: the records the service holds in memory (tasks it works on, tasks the user
    opened); a row shows those rather than what the file said when it was read.
    ``load``: the full record of one task, for acting on it (the service's ``record``).
    """

    def __init__(
        self,
        db: Callable[[], sqlite3.Connection],
        live: Mapping[int, TaskRecord] | None = None,
        load: Callable[[int], TaskRecord | None] | None = None,
        guard: Callable[[Callable[[], Any]], Any] | None = None,
        path: Path | None = None,
    ) -> None:
        self._db = db
        self.live: Mapping[int, TaskRecord] = live if live is not None else {}
        self._load = load
        self._guard = guard or (lambda call: call())
        self._fts: bool | None = None
        self.rows_read = 0  # rows whose summary was read: tests count them
        # Searches run on a thread of their own, over a connection of their own (WAL
        # lets it read while the GUI thread writes), so typing never waits for them.
        self._path = path
        self._worker: ThreadPoolExecutor | None = None
        self._worker_history: TaskHistory | None = None

    def later(self, read: Callable[[TaskHistory], _T]) -> Future[_T] | None:
        """``read`` run on the reading thread; None when there is none (no file): the
        caller reads now. The future raises what SQLite raised."""
        if self._path is None:
            return None
        self._guard(lambda: None)  # writes still waiting go to the file the thread reads
        if self._worker is None:
            self._worker = ThreadPoolExecutor(1, thread_name_prefix="history-search")
        return self._worker.submit(self._read_later, read)

    def _read_later(self, read: Callable[[TaskHistory], _T]) -> _T:
        if self._worker_history is None:
            assert self._path is not None
            db = sqlite3.connect(self._path, timeout=5.0)  # made and used on this thread
            self._worker_history = TaskHistory(lambda: db)
        return read(self._worker_history)

    def close(self) -> None:
        if self._worker is not None:
            self._worker.submit(self._close_later)
            self._worker.shutdown(wait=True, cancel_futures=False)
            self._worker = None

    def _close_later(self) -> None:
        if self._worker_history is not None:
            with contextlib.suppress(sqlite3.Error):
                self._worker_history._db().close()
            self._worker_history = None

    def _has_fts(self) -> bool:
        if self._fts is None:
            row = self._db().execute(
                "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'tasks_fts'"
            )
            self._fts = row.fetchone() is not None
        return self._fts

    def ids(self, query: HistoryQuery) -> array[int]:
        """The ids of the rows ``query`` matches, in its order."""

        def run() -> array[int]:
            broad = self._broad_match(query)
            if broad is not None:
                # Most rows match: ordering them through SQL's IN costs several times
                # more than keeping, in the order without the words, those that match.
                matched, rest = broad
                return array("q", (i for i in self._ordered(rest) if i in matched))
            return self._ordered(query)

        result: array[int] = self._guard(run)
        return result

    def _ordered(self, query: HistoryQuery) -> array[int]:
        where, params = where_clause(query, self._has_fts())
        # One JSON text of every id: a tenth of the cost of a Python row per id.
        sql = f"SELECT json_group_array(id) FROM (SELECT id FROM tasks{where}{order_clause(query)})"
        return array("q", json.loads(self._db().execute(sql, params).fetchone()[0]))

    def _broad_match(self, query: HistoryQuery) -> tuple[set[int], HistoryQuery] | None:
        """The rows the full-text words match when they are many (and the query for the
        rest), else None."""
        long_words = [w for w in query.search.split() if len(w) >= _TRIGRAM]
        if not long_words or not self._has_fts():
            return None
        match = " AND ".join(_fts_phrase(w) for w in long_words)
        sql = "SELECT json_group_array(rowid) FROM tasks_fts WHERE tasks_fts MATCH ?"
        matched = json.loads(self._db().execute(sql, (match,)).fetchone()[0])
        if len(matched) < _BROAD:
            return None
        short = " ".join(w for w in query.search.split() if len(w) < _TRIGRAM)
        return set(matched), replace(query, search=short)

    def outputs(self, query: HistoryQuery) -> tuple[array[int], array[int]]:
        """The gallery's: the ids of done tasks newest first, and how many outputs each
        has (from the index made for it: no row is read)."""
        query = replace(query, done_only=True, sort=SortKey.CREATED, descending=True)

        def run() -> tuple[array[int], array[int]]:
            where, params = where_clause(query, self._has_fts())
            sql = (
                "SELECT json_group_array(id), json_group_array(n) FROM"
                " (SELECT id, json_array_length(outputs_json) AS n"
                f" FROM tasks INDEXED BY tasks_outputs{where}{order_clause(query)})"
            )
            ids, counts = self._db().execute(sql, params).fetchone()
            return array("q", json.loads(ids)), array("q", json.loads(counts))

        result: tuple[array[int], array[int]] = self._guard(run)
        return result

    def rows(self, ids: Iterable[int]) -> dict[int, TaskRecord]:
        """What the given rows show: the service's own record when it holds one."""
        wanted = [i for i in ids if i not in self.live]
        found = {i: self.live[i] for i in ids if i in self.live}
        if not wanted:
            return found

        def run() -> None:
            marks = ", ".join("?" * len(wanted))
            sql = f"SELECT {_SUMMARY} FROM tasks WHERE id IN ({marks})"
            for row in self._db().execute(sql, wanted):
                try:
                    found[int(row[0])] = summary_from_row(row)
                except (ValueError, TypeError, KeyError) as exc:
                    log.warning("skipping unreadable history row %s: %s", row[0], exc)
            self.rows_read += len(wanted)

        self._guard(run)
        return found

    def record(self, local_id: int) -> TaskRecord | None:
        """The full record of one task, to act on or to show in detail."""
        if local_id in self.live:
            return self.live[local_id]
        return self._load(local_id) if self._load is not None else None


def _first(_cursor: sqlite3.Cursor, row: tuple[Any, ...]) -> Any:
    return row[0]
