"""A repaired history from a damaged one: everything that can still be read.

The bundled ``sqlite3`` has no ``.recover`` (a feature of the sqlite3 shell), so the
rows are read here by id range from a scratch copy: a range that fails is halved until
the bad pages are fenced in, and every row outside them is kept. Then the sidecars
beside saved outputs bring back finished tasks the file no longer holds. The damaged
file is kept, renamed, beside the new one.
"""

from __future__ import annotations

import contextlib
import json
import logging
import shutil
import sqlite3
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from genstudio.api.request import GenerationRequest
from genstudio.tasks.record import SavedFile, TaskRecord
from genstudio.tasks.states import FileState, TaskState
from genstudio.tasks.store import HistoryStore, record_from_row
from genstudio.tasks.store_rows import ROW_COLUMNS

log = logging.getLogger(__name__)

_SIDECAR_LIMIT = 50_000  # sidecars read at most: a library folder can be a whole disk
_MIN_ROW_BYTES = 64  # no stored task takes less room than this
_MAX_FAILED_READS = 20_000  # past this many, the rest of a damaged file is given up
_SUFFIXES = ("", "-wal", "-shm")
# Columns added by later schemas, and what an older file stands for without them.
_DEFAULTS: dict[str, Any] = {"files_json": "[]", "price_usd": None}


@dataclass(frozen=True)
class RepairResult:
    kept_copy: Path | None  # the damaged file, renamed; None when there was no file
    from_history: int  # tasks read back from the damaged file
    from_sidecars: int  # finished tasks found again beside their saved outputs

    @property
    def recovered(self) -> int:
        return self.from_history + self.from_sidecars


def repair_history(
    path: Path, library_folders: Iterable[Path], clock: Callable[[], float] = time.time
) -> RepairResult:
    """Keep a copy of the damaged ``path`` and put a repaired history in its place.

    Raises ``OSError`` if the copy or the new file cannot be written (the damaged file
    is then left as it was).
    """
    stamp = time.strftime("%Y%m%d-%H%M%S", time.localtime(clock()))
    kept = path.with_name(f"{path.stem}.damaged-{stamp}{path.suffix}")
    scratch = path.with_name(path.name + ".reading")
    fresh = path.with_name(path.name + ".repaired")
    for leftover in (scratch, fresh):
        _remove_with_journal(leftover)
    had_file = path.exists()
    if had_file:
        _copy_with_journal(path, kept)
        _copy_with_journal(path, scratch)
    records = _read_rows(scratch) if had_file else []
    _remove_with_journal(scratch)
    known = {(r.profile, r.task_id) for r in records if r.task_id}
    found = [r for r in _from_sidecars(library_folders) if (r.profile, r.task_id) not in known]
    store = HistoryStore(fresh)
    try:
        if records:
            store.restore(records)
        for record in found:
            row = store.insert(record.profile, record.request, record.created_at, record.state)
            record.id = row.id
            store.update(record)
    finally:
        store.close()
    # The new file replaces the old one only once it is complete.
    for suffix in ("-wal", "-shm"):
        with contextlib.suppress(FileNotFoundError):
            Path(f"{path}{suffix}").unlink()
    fresh.replace(path)
    _remove_with_journal(fresh)
    log.warning(
        "history repaired: %d tasks from the file, %d from sidecars; damaged copy at %s",
        len(records),
        len(found),
        kept,
    )
    return RepairResult(kept if had_file else None, len(records), len(found))


def _copy_with_journal(source: Path, target: Path) -> None:
    # The write-ahead log holds the latest changes: it goes with the file.
    for suffix in _SUFFIXES[:2]:
        origin = Path(f"{source}{suffix}")
        if origin.exists():
            shutil.copyfile(origin, f"{target}{suffix}")


def _remove_with_journal(path: Path) -> None:
    for suffix in _SUFFIXES:
        with contextlib.suppress(FileNotFoundError):
            Path(f"{path}{suffix}").unlink()


# -- rows the damaged file still gives -----------------------------------------------------


def _read_rows(path: Path) -> list[TaskRecord]:
    try:
        db = sqlite3.connect(path, isolation_level=None)
        # Tolerate a schema whose other entries (indexes) point at lost pages.
        db.execute("PRAGMA writable_schema = ON")
    except sqlite3.DatabaseError as exc:
        log.warning("damaged history cannot be opened at all: %s", exc)
        return []
    try:
        columns = _columns(db)
        if columns is None:
            return []
        select = ", ".join(c if c in columns else "NULL" for c in ROW_COLUMNS)
        sql = f"SELECT {select} FROM tasks WHERE id BETWEEN ? AND ? ORDER BY id"
        records = []
        for row in _rows_between(db, sql, 1, _highest_id(db, path)):
            values = tuple(
                _DEFAULTS.get(name) if name not in columns else value
                for name, value in zip(ROW_COLUMNS, row, strict=True)
            )
            try:
                records.append(record_from_row(values))
            except (ValueError, TypeError, KeyError) as exc:
                log.warning("damaged history: row %s unreadable: %s", row[0], exc)
        return records
    finally:
        with contextlib.suppress(sqlite3.Error):
            db.close()


def _columns(db: sqlite3.Connection) -> set[str] | None:
    try:
        names = {str(row[1]) for row in db.execute("PRAGMA table_info(tasks)")}
    except sqlite3.DatabaseError as exc:
        log.warning("damaged history: its table cannot be read: %s", exc)
        return None
    needed = {"id", "profile", "request_json", "created_at", "state"}
    return names if needed <= names else None


def _highest_id(db: sqlite3.Connection, path: Path) -> int:
    for sql in (
        "SELECT max(id) FROM tasks",
        "SELECT seq FROM sqlite_sequence WHERE name = 'tasks'",
    ):
        try:
            row = db.execute(sql).fetchone()
        except sqlite3.DatabaseError:
            continue
        if row and isinstance(row[0], int):
            return int(row[0])
    # The file no longer says: a row takes more than _MIN_ROW_BYTES, so no more ids
    # than that can be in it (ids of deleted rows aside).
    return max(1, path.stat().st_size // _MIN_ROW_BYTES)


def _rows_between(
    db: sqlite3.Connection, sql: str, low: int, high: int
) -> Iterator[tuple[Any, ...]]:
    """Rows with ids in [low, high]; a range that fails is halved, so one bad page loses
    only the rows it held."""
    pending = [(low, high)]
    failures = lost = 0
    while pending and failures < _MAX_FAILED_READS:
        lo, hi = pending.pop()
        try:
            rows = db.execute(sql, (lo, hi)).fetchall()
        except sqlite3.DatabaseError:
            failures += 1
            if lo < hi:
                middle = (lo + hi) // 2
                pending += [(middle + 1, hi), (lo, middle)]  # lower half first
            else:
                lost += 1
            continue
        yield from rows
    if lost or pending:
        log.warning("damaged history: %d ids unreadable, %d ranges not tried", lost, len(pending))


# -- finished tasks found again beside their saved outputs ---------------------------------


def _from_sidecars(folders: Iterable[Path]) -> list[TaskRecord]:
    tasks: dict[tuple[str, str], TaskRecord] = {}
    for sidecar in _sidecars(folders):
        found = _read_sidecar(sidecar)
        if found is None:
            continue
        key, record, saved = found
        known = tasks.setdefault(key, record)
        known.files = tuple(sorted((*known.files, saved), key=lambda f: f.path or ""))
        known.outputs = tuple(f.url for f in known.files)
    return list(tasks.values())


def _sidecars(folders: Iterable[Path]) -> Iterator[Path]:
    count = 0
    for folder in dict.fromkeys(folders):  # two kinds may share one folder
        try:
            for path in folder.rglob("*.json"):
                count += 1
                if count > _SIDECAR_LIMIT:
                    return
                yield path
        except OSError as exc:
            log.warning("library folder %s not searched: %s", folder, exc)


def _read_sidecar(path: Path) -> tuple[tuple[str, str], TaskRecord, SavedFile] | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or not str(data.get("generator", "")).startswith("GenStudio"):
        return None
    media = path.with_name(str(data.get("file", "")))
    request_data = data.get("request")
    if not media.is_file() or media == path or not isinstance(request_data, dict):
        return None
    try:
        request = GenerationRequest.from_json_dict(request_data)
    except (ValueError, TypeError):
        return None
    profile = str(data.get("provider_profile") or "")
    task_id = str(data["task_id"]) if data.get("task_id") else None
    created = _number(data.get("created_at")) or media.stat().st_mtime
    finish = _number(data.get("finish_time"))
    size = data.get("size")
    saved = SavedFile(
        url=str(data.get("source_url") or ""),
        state=FileState.SAVED,
        path=str(media),
        sha256=str(data["sha256"]) if data.get("sha256") else None,
        size=size if isinstance(size, int) else None,
    )
    record = TaskRecord(
        id=0,
        profile=profile,
        request=request,
        created_at=created,
        state=TaskState.DONE,
        task_id=task_id,
        progress=100.0,
        submit_time=_number(data.get("submit_time")),
        start_time=_number(data.get("start_time")),
        finish_time=finish,
        finished_at=finish or media.stat().st_mtime,
        price_usd=_number(data.get("price_usd")),
    )
    return (profile, task_id or str(path)), record, saved


def _number(value: object) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value)
