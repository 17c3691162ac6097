"""The API key dialog: the key field, where it will be kept, and a Test button.

Opened by ``key_prompt.KeyPrompt``, and loaded with it only when first asked for: its
Test button is a coroutine slot (qasync), and the window paints before asyncio loads.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from qasync import asyncSlot

from genstudio.ui.inline_error import show_outcome, show_pending

if TYPE_CHECKING:
    from genstudio.settings.preferences import Profile


class KeyDialog(QDialog):
    """The key field, where it will be kept, and a Test button; nothing else."""

    models_learned = Signal(str, str, object)  # provider, address, the models the key may use

    def __init__(
        self, profile: Profile, message: str, where: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.profile = profile
        self.setWindowTitle(self.tr("API key for %1").replace("%1", profile.name))
        self.setMinimumWidth(460)
        layout = QVBoxLayout(self)
        text = QLabel(message)
        text.setWordWrap(True)
        layout.addWidget(text)
        address = QLabel(self.tr("Provider: %1").replace("%1", profile.base_url))
        address.setEnabled(False)
        layout.addWidget(address)
        self.key = QLineEdit()
        self.key.setEchoMode(QLineEdit.EchoMode.Password)
        self.key.setPlaceholderText(self.tr("Paste the API key"))
        self.key.setAccessibleName(self.tr("API key"))
        layout.addWidget(self.key)
        self.where = QLabel(where)
        self.where.setWordWrap(True)
        self.where.setEnabled(False)
        layout.addWidget(self.where)
        test_row = QHBoxLayout()
        self.test_button = QPushButton(self.tr("Test"))
        self.test_button.setAccessibleName(self.tr("Test the key"))
        self.test_result = QLabel()
        self.test_result.setWordWrap(True)
        self.test_result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        test_row.addWidget(self.test_button)
        test_row.addWidget(self.test_result, 1)
        layout.addLayout(test_row)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setText(self.tr("Save key"))
        self.save_button.setEnabled(False)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.key.textChanged.connect(self._edited)
        self.test_button.clicked.connect(self._test)
        self.key.setFocus()

    def _edited(self, text: str) -> None:
        self.save_button.setEnabled(bool(text.strip()))
        self.test_result.clear()

    @asyncSlot()
    async def _test(self) -> None:
        self.test_button.setEnabled(False)
        show_pending(self.test_result, self.tr("Testing…"))
        from genstudio.tasks.connection_check import check_connection  # loads httpx

        try:
            result = await check_connection(
                self.profile.base_url,
                self.key.text().strip(),
                allow_insecure=self.profile.allow_insecure,
            )
        finally:
            self.test_button.setEnabled(True)
        show_outcome(self.test_result, result.ok, result.message, result.details)
        if result.models:
            self.models_learned.emit(self.profile.name, self.profile.base_url, result.models)
