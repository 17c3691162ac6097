"""Opening the task history for the window, and what happens when it cannot be used.

At start, a history that cannot be opened or read is a dialog with the advice for its
cause (read-only, locked, damaged, empty, disk full) and the way out that fits: try
again, or keep a copy and start a repaired history. While the window runs, a problem
met by a read or a write is said the same way; a repair then restarts the window.
"""

from __future__ import annotations

import asyncio
import errno
import logging
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from genstudio.tasks.history_problem import HistoryError, HistoryProblem, advice
from genstudio.tasks.store import HistoryStore

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

# The repair and its dialogs are loaded when a problem is met: not with every start.

log = logging.getLogger(__name__)


async def open_history(
    path: Path,
    library_folders: Callable[[], list[Path]],
    *,
    pending: HistoryError | None = None,
    repair_now: bool = False,
    before_asking: Callable[[], object] = lambda: None,
    parent: QWidget | None = None,
) -> HistoryStore | None:
    """The opened history, or None when the user chose to quit.

    ``pending``: a problem met already (reading the history at start), asked about
    first. ``repair_now``: the user already chose a repair (while the window ran).
    ``before_asking`` runs before a dialog or a repair keeps the window waiting.
    ``parent``: a window painted already, which the dialogs block while they ask.
    """
    while True:
        if not repair_now:
            if pending is None:
                try:
                    return HistoryStore(path)
                except HistoryError as exc:
                    log.warning("history not opened: %s", exc.problem)
                    pending = exc
            from genstudio.ui.dialogs.history_problem import Choice, ask_about_history

            before_asking()

            choice = await ask_about_history(pending, parent=parent)
            pending = None
            if choice is Choice.RETRY:
                continue
            if choice is not Choice.REPAIR:
                return None
        from genstudio.tasks.history_repair import repair_history
        from genstudio.ui.dialogs.history_problem import tell_repaired

        before_asking()
        repair_now = False
        try:
            result = repair_history(path, library_folders())
        except (OSError, sqlite3.DatabaseError, HistoryError) as exc:
            log.warning("history not repaired: %s", exc)
            pending = _repair_failed(path, exc)
            continue
        await tell_repaired(result, parent)


def _repair_failed(path: Path, exc: Exception) -> HistoryError:
    if isinstance(exc, HistoryError):
        return exc
    code = getattr(exc, "errno", None)
    if code == errno.ENOSPC:
        problem = HistoryProblem.FULL
    elif code in (errno.EACCES, errno.EPERM, errno.EROFS):
        problem = HistoryProblem.READ_ONLY
    else:
        problem = HistoryProblem.OTHER
    return HistoryError(advice(problem, path, str(exc)), problem)


class HistoryWatch:
    """Says a problem the store meets while the window runs, one dialog at a time.

    ``repair_requested`` is set when the user chose to repair: the window is closed so
    that the history is repaired with nothing using it, then the window starts again.
    """

    def __init__(self, window: QWidget) -> None:
        self._window = window
        self._asking: asyncio.Task[None] | None = None
        self.repair_requested = False

    def report(self, error: HistoryError) -> None:
        if self._asking is not None or self.repair_requested:
            return  # one dialog says it; the writes that fail meanwhile say the same
        self._asking = asyncio.ensure_future(self._ask(error))

    async def _ask(self, error: HistoryError) -> None:
        from genstudio.ui.dialogs.history_problem import Choice, ask_about_history

        try:
            choice = await ask_about_history(error, running=True, parent=self._window)
        finally:
            self._asking = None
        if choice is Choice.REPAIR:
            self.repair_requested = True
            self._window.close()

    async def aclose(self) -> None:
        if self._asking is not None:
            self._asking.cancel()
            await asyncio.gather(self._asking, return_exceptions=True)
