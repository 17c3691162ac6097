"""What the window says when the task history cannot be used, and the way out it offers.

Shown with ``open()`` and awaited (:func:`ask_about_history`), never ``exec()``: a
nested event loop inside the qasync loop would stall the tasks it runs.
"""

from __future__ import annotations

import asyncio
import enum
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

if TYPE_CHECKING:
    from genstudio.tasks.history_problem import HistoryError
    from genstudio.tasks.history_repair import RepairResult


class Choice(enum.Enum):
    REPAIR = "repair"  # keep a copy of the file, start a repaired history
    RETRY = "retry"  # the user did what the advice says: open it again
    QUIT = "quit"
    CONTINUE = "continue"  # while running: keep working, the next write may pass


class HistoryProblemDialog(QDialog):
    """The sentence for the cause, and only the buttons that can help with it."""

    def __init__(
        self, error: HistoryError, *, running: bool = False, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Task history problem"))
        self.choice = Choice.CONTINUE if running else Choice.QUIT
        layout = QVBoxLayout(self)
        self.message = QLabel(str(error))
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        if error.problem.repairable:
            note = QLabel(
                self.tr(
                    "GenStudio restarts its window to repair the history. Nothing is "
                    "deleted: the damaged file is kept beside the new one."
                )
                if running
                else self.tr("Nothing is deleted: the damaged file is kept beside the new one.")
            )
            note.setWordWrap(True)
            layout.addWidget(note)
        self.buttons = QDialogButtonBox()
        if error.problem.repairable:
            self._add(self.tr("Keep a copy and repair"), Choice.REPAIR, default=True)
        elif error.problem.may_pass and not running:
            self._add(self.tr("Try again"), Choice.RETRY, default=True)
        if running:
            self._add(self.tr("Keep working"), Choice.CONTINUE)
        else:
            self._add(self.tr("Quit"), Choice.QUIT)
        layout.addWidget(self.buttons)
        self.resize(520, self.sizeHint().height())

    def _add(self, text: str, choice: Choice, *, default: bool = False) -> QPushButton:
        button = QPushButton(text)
        button.setObjectName(choice.value)
        button.setDefault(default)
        self.buttons.addButton(button, QDialogButtonBox.ButtonRole.AcceptRole)
        button.clicked.connect(lambda: self._choose(choice))
        return button

    def _choose(self, choice: Choice) -> None:
        self.choice = choice
        self.accept()


async def ask_about_history(
    error: HistoryError, *, running: bool = False, parent: QWidget | None = None
) -> Choice:
    dialog = HistoryProblemDialog(error, running=running, parent=parent)
    await _shown(dialog)
    return dialog.choice


async def _shown(dialog: QDialog) -> None:
    """Open ``dialog`` and wait, on the running loop, until it is closed."""
    done: asyncio.Future[None] = asyncio.get_running_loop().create_future()

    def finished(_result: int) -> None:
        if not done.done():
            done.set_result(None)

    dialog.finished.connect(finished)
    dialog.open()
    try:
        await done
    finally:
        dialog.deleteLater()


class RepairedBox(QMessageBox):
    """How many tasks a repair brought back, and where the damaged file is kept."""

    def __init__(self, result: RepairResult, parent: QWidget | None = None) -> None:
        super().__init__(QMessageBox.Icon.Information, "GenStudio", "", parent=parent)
        self.setObjectName("history_repaired")
        parts = [
            self.tr("The task history was repaired: %n task(s) recovered.", "", result.recovered)
        ]
        if result.from_sidecars:
            parts.append(
                self.tr(
                    "%n of them from the files saved in your library folders.",
                    "",
                    result.from_sidecars,
                )
            )
        if result.kept_copy is not None:
            kept = self.tr("The damaged file is kept as %1.")
            parts.append(kept.replace("%1", str(result.kept_copy)))
        self.setText(" ".join(parts))


async def tell_repaired(result: RepairResult, parent: QWidget | None = None) -> None:
    await _shown(RepairedBox(result, parent))
