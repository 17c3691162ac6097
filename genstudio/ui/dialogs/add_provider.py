"""Add provider: one focused step (name, address, key, where the key is kept, Test
connection). General settings stay in Settings.

The dialog only edits: Add hands a ``ProviderDraft`` to ``apply``
(``tasks.settings_changes.add_provider``) and stays open with its sentence when the
provider cannot be added, so nothing typed is lost.
"""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlsplit

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from qasync import asyncSlot

from genstudio.api.base_url import is_loopback_host, normalize_base_url
from genstudio.api.errors import InvalidBaseUrlError
from genstudio.settings.key_store import KeyVault
from genstudio.tasks.connection_check import check_connection
from genstudio.tasks.settings_changes import Applied, ProviderDraft
from genstudio.ui.inline_error import error_label, show_error


class AddProviderDialog(QDialog):
    def __init__(
        self,
        vault: KeyVault,
        apply: Callable[[ProviderDraft], Applied],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Add provider"))
        self.setMinimumWidth(460)
        self._apply = apply
        layout = QVBoxLayout(self)
        intro = QLabel(
            self.tr(
                "Your provider gives you an address and an API key (often on its website, "
                "under API keys or Developers)."
            )
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)

        form = QFormLayout()
        self.name = QLineEdit()
        self.name.setAccessibleName(self.tr("Provider name"))
        self.name.setPlaceholderText(self.tr("e.g. My provider"))
        self.base_url = QLineEdit()
        self.base_url.setAccessibleName(self.tr("Provider address"))
        self.base_url.setPlaceholderText("https://api.example.com")
        self.key = QLineEdit()
        self.key.setEchoMode(QLineEdit.EchoMode.Password)
        self.key.setAccessibleName(self.tr("API key"))
        self.key.setPlaceholderText(self.tr("Paste your API key"))
        self.show_key = QCheckBox(self.tr("Show"))
        key_row = QHBoxLayout()
        key_row.addWidget(self.key, 1)
        key_row.addWidget(self.show_key)
        self.key_where = QLabel(vault.where())
        self.key_where.setWordWrap(True)
        self.key_where.setEnabled(False)
        self.insecure = QCheckBox(self.tr("Allow an insecure (plain http) connection"))
        self.insecure.setToolTip(
            self.tr(
                "Over plain http your API key crosses the network unencrypted. Only use "
                "this on a network you trust."
            )
        )
        form.addRow(self.tr("Name"), self.name)
        form.addRow(self.tr("Address"), self.base_url)
        form.addRow("", self.insecure)
        form.addRow(self.tr("API key"), key_row)
        layout.addLayout(form)
        # Below the form, full width: a wrapped label inside a form row gets clipped.
        layout.addWidget(self.key_where)

        test_row = QHBoxLayout()
        self.test_button = QPushButton(self.tr("Test connection"))
        self.test_result = QLabel()
        self.test_result.setWordWrap(True)
        self.test_result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        test_row.addWidget(self.test_button)
        test_row.addWidget(self.test_result, 1)
        layout.addLayout(test_row)

        # One line for what needs fixing, its height kept: a sentence never moves the fields.
        self.error = error_label()
        self.error.setMinimumHeight(self.error.fontMetrics().lineSpacing() * 2)
        self.error.show()
        layout.addWidget(self.error)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.add_button = self.buttons.addButton(
            self.tr("Add"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.add_button.setDefault(True)
        self.buttons.accepted.connect(self._add)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

        self.show_key.toggled.connect(
            lambda on: self.key.setEchoMode(
                QLineEdit.EchoMode.Normal if on else QLineEdit.EchoMode.Password
            )
        )
        self.base_url.textChanged.connect(self._check_url)
        self.insecure.toggled.connect(self._check_url)
        # Any edit says again what is wrong now (the address's problem stays said).
        for edit in (self.name, self.key):
            edit.textChanged.connect(self._check_url)
        self.test_button.clicked.connect(self._test)
        self.applied = Applied()
        self._check_url()
        self.name.setFocus()

    def draft(self) -> ProviderDraft:
        return ProviderDraft(
            self.name.text().strip(),
            self.base_url.text().strip(),
            self.insecure.isChecked(),
            self.key.text().strip(),
        )

    def _say(self, text: str) -> None:
        self.error.setText(text)

    def _check_url(self) -> None:
        text = self.base_url.text().strip()
        host = urlsplit(text).hostname or ""
        plain_remote = text.startswith("http://") and bool(host) and not is_loopback_host(host)
        self.insecure.setVisible(plain_remote or self.insecure.isChecked())
        self._say("")
        if not text:
            return
        try:
            normalize_base_url(text, allow_insecure=self.insecure.isChecked())
        except InvalidBaseUrlError as exc:
            self._say(exc.user_message)

    @asyncSlot()
    async def _test(self) -> None:
        draft = self.draft()
        if not draft.base_url or not draft.new_key:
            self._say(self.tr("Type the address and paste the key first."))
            return
        self.test_button.setEnabled(False)
        self.test_result.setStyleSheet("")
        self.test_result.setText(self.tr("Testing…"))
        try:
            result = await check_connection(
                draft.base_url, draft.new_key, allow_insecure=draft.allow_insecure
            )
        finally:
            self.test_button.setEnabled(True)
        self.test_result.setStyleSheet("color: #2e9d4f;" if result.ok else "color: #d64545;")
        self.test_result.setText(result.message)
        self.test_result.setToolTip(result.details)

    def _add(self) -> None:
        applied = self._apply(self.draft())
        if applied.problem:
            show_error(self.error, applied.problem)
            return
        self.applied = applied
        self.accept()
