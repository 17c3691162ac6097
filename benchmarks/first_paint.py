"""The moment a window is first on the screen with its rows, the same way on both sides.

Qt paints every widget that needs it in one pass, then hands the frame to the screen; a
zero-timer posted when the pass begins runs once that pass is over. The watch notes the
process's age then, for the first pass in which the table has rows (when it should have
any). Work a window leaves for after its first paint is not in the figure, as it is not
in the user's wait; work before the paint is, whoever does it.
"""

from __future__ import annotations

from typing import Any

from benchmarks.figures import since_launch


class FirstPaint:
    """Seconds from launch to the end of the first pass (``painted``), and to the end of
    what the loop had queued by then (``ready``): work a window leaves for just after its
    first paint, which a first click would wait for. None until then."""

    def __init__(self) -> None:
        self.painted: float | None = None
        self.ready: float | None = None


def watch_first_paint(window: Any, table: Any, rows_wanted: bool) -> FirstPaint:
    """Watch ``window`` and ``table`` (a QAbstractItemView) from now on."""
    from PySide6.QtCore import QEvent, QObject, QTimer

    seen = FirstPaint()

    def ready() -> None:
        seen.ready = since_launch()

    def passed() -> None:
        if seen.painted is None:
            seen.painted = since_launch()
            window.removeEventFilter(watch)
            table.viewport().removeEventFilter(watch)
            QTimer.singleShot(0, ready)  # behind what was queued during the paint

    class Watch(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
            painting = seen.painted is None and event.type() == QEvent.Type.Paint
            if painting and (not rows_wanted or table.model().rowCount() > 0):
                QTimer.singleShot(0, passed)
            return False

    watch = Watch(window)  # the window owns it: it lives as long as the window
    window.installEventFilter(watch)
    table.viewport().installEventFilter(watch)
    return seen
