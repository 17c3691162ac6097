"""A desktop notification when a task ends while the window is in the background.

Uses the system tray (``QSystemTrayIcon``); clicking the message brings the task
into view. Nothing is shown while the window is active, or when the user turned it off.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

from genstudio.printable import printable
from genstudio.tasks.state_words import state_word
from genstudio.tasks.states import TaskState
from genstudio.ui.tasklist.status_text import scope_words

if TYPE_CHECKING:
    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QSystemTrayIcon

    from genstudio.tasks.events import TaskEvent
    from genstudio.tasks.record import TaskRecord

_ENDINGS = (TaskState.DONE, TaskState.FAILED, TaskState.NO_OUTPUT)


class TaskNotifier(QObject):
    def __init__(
        self,
        icon: QIcon,
        enabled: Callable[[], bool],
        window_active: Callable[[], bool],
        bring_into_view: Callable[[int], None],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._enabled = enabled
        self._window_active = window_active
        self._bring = bring_into_view
        self._states: dict[int, TaskState] = {}
        self._last: int | None = None
        self._icon = icon
        self.tray: QSystemTrayIcon | None = None
        self.shown: list[tuple[str, str]] = []  # what was said, for the tests

    def show_tray(self) -> None:
        """The icon in the system tray, once. The window calls this just after its first
        paint: on a Linux desktop, asking whether there is a tray and showing the icon
        are calls over D-Bus, which the first paint need not wait for. (The class too is
        named only then: its two enums are 0.2 ms.)"""
        from PySide6.QtWidgets import QSystemTrayIcon

        if self.tray is not None or not QSystemTrayIcon.isSystemTrayAvailable():
            return
        self.tray = QSystemTrayIcon(self._icon, self)
        self.tray.setToolTip("GenStudio")
        self.tray.messageClicked.connect(self._clicked)
        self.tray.activated.connect(lambda _reason: self._clicked())
        self.tray.show()

    def remember(self, records: list[TaskRecord]) -> None:
        """Tasks already finished when the window opens are not news."""
        self._states = {r.id: r.state for r in records}

    def apply(self, event: TaskEvent) -> None:
        for record in event.records:
            before = self._states.get(record.id)
            self._states[record.id] = record.state
            if event.kind == "removed":
                self._states.pop(record.id, None)
            elif record.state in _ENDINGS and before not in _ENDINGS and before is not None:
                self._ended(record)

    def _ended(self, record: TaskRecord) -> None:
        if not self._enabled() or self._window_active():
            return
        prompt = " ".join(record.request.prompt.split())
        if len(prompt) > 80:
            prompt = prompt[:79] + "…"
        from PySide6.QtWidgets import QSystemTrayIcon

        if record.state is TaskState.DONE:
            title = self.tr("Your result is ready")
            icon = QSystemTrayIcon.MessageIcon.Information
        else:
            # The state's own word, as in the list: "Video job: Failed".
            title = (
                self.tr("%1 job: %2")
                .replace("%1", scope_words(record.request.scope))
                .replace("%2", state_word(record.state))
            )
            icon = QSystemTrayIcon.MessageIcon.Warning
            if record.fail_reason:
                prompt = f"{prompt}\n{printable(record.fail_reason)}"
        self._last = record.id
        self.shown.append((title, prompt))
        if self.tray is not None:
            self.tray.showMessage(title, prompt, icon, 8000)

    def _clicked(self) -> None:
        if self._last is not None:
            self._bring(self._last)
