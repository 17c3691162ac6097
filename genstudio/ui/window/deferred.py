"""Work the window's first paint does not need, run just after that paint.

Reading the API key from the keyring (backend discovery, D-Bus) and asking the provider
for its models, prices and balance (which loads httpx and builds a TLS context) take
longer than building the window itself. They wait for the window's first paint, then
run from the event loop's next turn, in the order they were asked for; one that fails is
reported like any slot's error and the others still run. A window that is
never painted (started minimized, or hidden) runs them when it is shown and the loop is
idle for ``FALLBACK_MS``; one hidden or closed before either runs none of them. A
window painted before the app's event loop runs (app.py paints first) is ``hold``-ed:
its jobs wait for ``release``.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QTimer

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

FALLBACK_MS = 500


class AfterFirstPaint(QObject):
    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self._jobs: list[Callable[[], object]] = []
        self.painted = False
        self._held = False
        self._due = False  # painted while held: the jobs run at release
        self._window = window
        self._fallback = QTimer(self)
        self._fallback.setSingleShot(True)
        self._fallback.setInterval(FALLBACK_MS)
        self._fallback.timeout.connect(self._run)
        window.installEventFilter(self)

    def later(self, job: Callable[[], object]) -> None:
        """Run ``job`` after the first paint; at the loop's next turn once painted."""
        if self.painted and not self._held and not self._jobs:
            QTimer.singleShot(0, self, job)
        else:
            self._jobs.append(job)

    def hold(self) -> None:
        """Keep the jobs until ``release``, painted or not."""
        self._held = True

    def release(self) -> None:
        """The jobs run (at the loop's next turn) if the paint came while held."""
        self._held = False
        if self._due:
            self._due = False
            QTimer.singleShot(0, self, self._run)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._window and not self.painted:
            kind = event.type()
            if kind == QEvent.Type.Paint:
                # The paint is under way: the jobs run once it is on the screen.
                self._fallback.stop()
                QTimer.singleShot(0, self, self._run)
                self._window.removeEventFilter(self)
                self.painted = True
            elif kind == QEvent.Type.Show:
                self._fallback.start()
            elif kind == QEvent.Type.Hide:  # hidden or closed unpainted: nothing to finish
                self._fallback.stop()
        return False

    def _run(self) -> None:
        if self._held:
            self._due = True
            if not self.painted and self._window.isVisible():  # the fallback, while held
                self._window.removeEventFilter(self)
                self.painted = True
            return
        if not self.painted:  # the fallback: shown, never painted
            if not self._window.isVisible():
                return  # closed meanwhile: the jobs wait for a next show
            self._window.removeEventFilter(self)
            self.painted = True
        jobs, self._jobs = self._jobs, []
        for job in jobs:
            try:
                job()
            except Exception:  # said as Qt says a slot's; the next job is no less needed
                sys.excepthook(*sys.exc_info())
