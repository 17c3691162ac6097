"""What can be wrong with the history file, and one sentence of advice per cause.

Every ``sqlite3.DatabaseError`` the store meets, at open or at any later read or write,
becomes a :class:`HistoryError` whose :class:`HistoryProblem` says which advice fits:
a read-only folder is not "damaged", a lock held by another program is not "read-only".
"""

from __future__ import annotations

import enum
import os
import sqlite3
from pathlib import Path

from genstudio.i18n import translate


class HistoryProblem(enum.StrEnum):
    READ_ONLY = "read_only"  # the file or its folder cannot be written
    LOCKED = "locked"  # another program holds a lock past the busy timeout
    DAMAGED = "damaged"  # not a database, or pages that cannot be read
    EMPTY = "empty"  # a 0-byte file: cut short, its tasks are gone from it
    FULL = "full"  # the disk is full
    NEWER = "newer"  # written by a newer GenStudio
    OTHER = "other"

    @property
    def repairable(self) -> bool:
        """A repaired history (keep a copy, recover what can be read) is the way out."""
        return self in (HistoryProblem.DAMAGED, HistoryProblem.EMPTY)

    @property
    def may_pass(self) -> bool:
        """Trying again can help once the user did what the advice says."""
        return self in (HistoryProblem.READ_ONLY, HistoryProblem.LOCKED, HistoryProblem.FULL)


class HistoryError(Exception):
    """The history file cannot be used; ``str()`` is the sentence for the user."""

    def __init__(self, message: str, problem: HistoryProblem = HistoryProblem.OTHER) -> None:
        super().__init__(message)
        self.problem = problem


_LOCKED = ("SQLITE_BUSY", "SQLITE_LOCKED")
_DAMAGED = ("SQLITE_CORRUPT", "SQLITE_NOTADB", "SQLITE_FORMAT")
_WRITE_DENIED = ("SQLITE_READONLY", "SQLITE_CANTOPEN", "SQLITE_PERM", "SQLITE_AUTH")


def problem_of(exc: sqlite3.DatabaseError, path: Path) -> HistoryProblem:
    """Which cause lies behind an error SQLite raised while using ``path``."""
    name = getattr(exc, "sqlite_errorname", "") or ""
    text = str(exc).lower()
    if name.startswith(_LOCKED) or "locked" in text:
        return HistoryProblem.LOCKED
    if name.startswith(_DAMAGED) or "malformed" in text or "not a database" in text:
        return HistoryProblem.DAMAGED
    if name.startswith("SQLITE_FULL") or "disk is full" in text:
        return HistoryProblem.FULL
    if name.startswith((*_WRITE_DENIED, "SQLITE_IOERR")) or "readonly" in text:
        if not writable(path):
            return HistoryProblem.READ_ONLY
        if name.startswith("SQLITE_READONLY"):
            return HistoryProblem.READ_ONLY
    return HistoryProblem.OTHER


def emptied(path: Path) -> bool:
    """A 0-byte history with no write-ahead log beside it: what held its tasks is gone."""
    try:
        if path.stat().st_size != 0:
            return False
    except OSError:
        return False  # missing: a new history
    wal = path.with_name(path.name + "-wal")
    try:
        return wal.stat().st_size == 0
    except OSError:
        return True


def writable(path: Path) -> bool:
    """Whether the file (if it exists) and its folder can be written: WAL mode creates
    two files beside the history, so a read-only folder is as bad as a read-only file."""
    folder_ok = os.access(path.parent, os.W_OK | os.X_OK)
    file_ok = not path.exists() or os.access(path, os.W_OK)
    return folder_ok and file_ok


def history_error(exc: sqlite3.DatabaseError, path: Path) -> HistoryError:
    problem = problem_of(exc, path)
    return HistoryError(advice(problem, path, str(exc)), problem)


def advice(problem: HistoryProblem, path: Path, detail: str = "") -> str:
    """What is wrong with the history at ``path`` and what to do, for ``problem``."""
    if problem is HistoryProblem.READ_ONLY:
        text = translate(
            "Messages",
            "GenStudio cannot write its task history at {path}: the file or its folder is "
            "read-only. Give your user account write permission to {folder}, then try again.",
        )
    elif problem is HistoryProblem.LOCKED:
        text = translate(
            "Messages",
            "The task history at {path} is locked by another program (another GenStudio, a "
            "genstudio-cli command or a database tool). Close it or wait for it to finish, "
            "then try again.",
        )
    elif problem is HistoryProblem.DAMAGED:
        text = translate(
            "Messages",
            "The task history at {path} is damaged and cannot be read completely. GenStudio "
            "can keep a copy of it and start a repaired history with every task that can "
            "still be read.",
        )
    elif problem is HistoryProblem.EMPTY:
        text = translate(
            "Messages",
            "The task history at {path} is empty (0 bytes): it was cut short, for example "
            "by a full disk or a crash. GenStudio can keep a copy of it and start a new "
            "history with the tasks whose results are saved in your library folders.",
        )
    elif problem is HistoryProblem.FULL:
        text = translate(
            "Messages",
            "The disk holding the task history at {path} is full. Free some space on it, "
            "then try again.",
        )
    else:
        text = translate(
            "Messages",
            "The task history at {path} cannot be used ({detail}). Check that the disk is "
            "connected and works, then try again.",
        )
    return text.format(path=path, folder=path.parent, detail=detail)


def cli_advice(error: HistoryError) -> str:
    """The CLI cannot repair: it says how to have the window do it."""
    if not error.problem.repairable:
        return str(error)
    return (
        str(error)
        + " "
        + translate(
            "Messages",
            "Start the GenStudio window to repair it; genstudio-cli does not change a "
            "damaged history.",
        )
    )
