"""WAL checkpoints on a thread of their own, not in the middle of a write on the GUI thread.

SQLite's automatic checkpoint runs inside whichever commit crosses its threshold: with a
history's indexes and search table that was every 60-70 writes, and that write then took
5-7 ms instead of 0.15 (copying the WAL into the file and syncing it), measured. A burst
of submits met about 30 of them. Here the store's own connection only checkpoints as a
backstop (a WAL grown several times past the usual size, should this thread fall behind
or fail), and a connection on a worker thread runs a passive checkpoint every
:data:`EVERY` writes, which never blocks a writer and lets go of the GIL while it works.
During a burst the WAL grows past SQLite's usual 4 MB (it starts again from its beginning
only once a checkpoint has caught up with every write); the backstop bounds it.
"""

from __future__ import annotations

import contextlib
import logging
import sqlite3
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

log = logging.getLogger(__name__)

EVERY = 48  # writes between checkpoints: each wrote 15 pages or so, SQLite's own is 1,000
BACKSTOP_PAGES = 8000  # the store's connection checkpoints itself past this (about 32 MB)
WAL_KEPT_BYTES = 4 << 20  # a WAL started again is cut to this, SQLite's usual size


class Checkpoints:
    """Counts the store's writes and checkpoints after every :data:`EVERY` of them,
    one at a time, on its thread. Used from the GUI thread."""

    def __init__(self, path: Path, every: int = EVERY) -> None:
        self._path = path
        self._every = every
        self._writes = 0
        self._worker: ThreadPoolExecutor | None = None
        self._running: Future[None] | None = None
        self._db: sqlite3.Connection | None = None  # the worker's own
        self.done = 0  # checkpoints run: tests count them

    def wrote(self) -> None:
        self._writes += 1
        if self._writes < self._every or (self._running and not self._running.done()):
            return
        self._writes = 0
        if self._worker is None:
            self._worker = ThreadPoolExecutor(1, thread_name_prefix="history-checkpoint")
        self._running = self._worker.submit(self._checkpoint)

    def wait(self) -> None:
        """Until the checkpoint under way, if any, has ended."""
        if self._running is not None:
            self._running.result()

    def close(self) -> None:
        """Wait for a checkpoint under way and end the thread (closing the store's own
        connection then checkpoints what is left)."""
        if self._worker is not None:
            self._worker.submit(self._close_db)
            self._worker.shutdown(wait=True)
            self._worker = None

    def _checkpoint(self) -> None:
        try:
            if self._db is None:
                self._db = sqlite3.connect(self._path, timeout=5.0)  # made and used here
            self._db.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchone()
            self.done += 1
        except sqlite3.Error as exc:  # the backstop still bounds the WAL
            log.info("history checkpoint failed: %s", exc)

    def _close_db(self) -> None:
        if self._db is not None:
            with contextlib.suppress(sqlite3.Error):
                self._db.close()
            self._db = None
