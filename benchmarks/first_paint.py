"""The moment a window is first on the screen with its rows, the same way on both sides.

Qt paints every widget that needs it in one pass, then hands the frame to the screen; a
zero-timer posted when the pass begins runs once that pass is over. The watch notes the
process's age then, for the first pass in which the table has rows (when it should have
any). Work a window leaves for after its first paint is not in the figure, as it is not
in the user's wait; work before the paint is, whoever does it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from benchmarks.figures import since_launch


def watch_first_paint(window: Any, table: Any, rows_wanted: bool) -> Callable[[], float | None]:
    """Watch ``window`` and ``table`` (a QAbstractItemView) from now on; the returned
    function gives the seconds from launch to that first pass's end, or None before it."""
    from PySide6.QtCore import QEvent, QObject, QTimer

    seen: list[float] = []

    def passed() -> None:
        if not seen:
            seen.append(since_launch())

    class Watch(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
            painting = not seen and event.type() == QEvent.Type.Paint
            if painting and (not rows_wanted or table.model().rowCount() > 0):
                QTimer.singleShot(0, passed)
            return False

    watch = Watch(window)  # the window owns it: it lives as long as the window
    window.installEventFilter(watch)
    table.viewport().installEventFilter(watch)
    return lambda: seen[0] if seen else None
