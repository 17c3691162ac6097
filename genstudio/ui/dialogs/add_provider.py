"""Add provider: one focused step (name, address, key, where the key is kept, Test
connection). General settings stay in Settings.

The dialog only edits: Add checks the draft with ``tasks.settings_changes.problem_with``
and accepts; the window applies ``draft()`` and, when the keyring refuses, opens the
dialog again with :meth:`show_problem`, so nothing typed is lost.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import TYPE_CHECKING
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
from genstudio.tasks.connection_check import check_connection
from genstudio.tasks.settings_changes import ProviderDraft, problem_with
from genstudio.ui.inline_error import error_label, show_outcome, show_pending

if TYPE_CHECKING:
    from genstudio.settings.key_store import KeyVault


class AddProviderDialog(QDialog):
    def __init__(
        self,
        vault: KeyVault,
        taken: Collection[str] = (),
        parent: QWidget | None = None,
    ) -> None:
        """``taken``: the names of the providers already saved (the demo's too)."""
        super().__init__(parent)
        self.setWindowTitle(self.tr("Add provider"))
        self.setMinimumWidth(460)
        self._taken = frozenset(taken)
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
        # Its row keeps its height while the box is hidden, so the key field never jumps
        # (a form layout drops the row of a hidden field, whatever its size policy).
        insecure_row = QWidget()
        insecure_layout = QHBoxLayout(insecure_row)
        insecure_layout.setContentsMargins(0, 0, 0, 0)
        insecure_layout.addWidget(self.insecure)
        insecure_row.setMinimumHeight(self.insecure.sizeHint().height())
        form.addRow(self.tr("Name"), self.name)
        form.addRow(self.tr("Address"), self.base_url)
        form.addRow("", insecure_row)
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
        self.insecure.toggled.connect(self._check)
        # Any edit says again what is wrong now (the address's problem stays said).
        for edit in (self.name, self.base_url, self.key):
            edit.textChanged.connect(self._check)
        self.test_button.clicked.connect(self._test)
        self._check()
        self.name.setFocus()

    def draft(self) -> ProviderDraft:
        return ProviderDraft(
            self.name.text().strip(),
            self.base_url.text().strip(),
            self.insecure.isChecked(),
            self.key.text().strip(),
        )

    def show_problem(self, text: str) -> None:
        """Say what to fix, on the one line kept for it (the window's keyring sentence too)."""
        self.error.setText(text)

    def _check(self) -> None:
        """While typing: a name in use, or what is wrong with the address."""
        text = self.base_url.text().strip()
        host = urlsplit(text).hostname or ""
        plain_remote = text.startswith("http://") and bool(host) and not is_loopback_host(host)
        self.insecure.setVisible(plain_remote or self.insecure.isChecked())
        self.show_problem("")
        name = self.name.text().strip()
        if name in self._taken:
            self.show_problem(problem_with([self.draft()], self._taken) or "")
        elif text:
            try:
                normalize_base_url(text, allow_insecure=self.insecure.isChecked())
            except InvalidBaseUrlError as exc:
                self.show_problem(exc.user_message)

    @asyncSlot()
    async def _test(self) -> None:
        draft = self.draft()
        if not draft.base_url or not draft.new_key:
            self.show_problem(self.tr("Type the address and paste the key first."))
            return
        self.test_button.setEnabled(False)
        show_pending(self.test_result, self.tr("Testing…"))
        try:
            result = await check_connection(
                draft.base_url, draft.new_key, allow_insecure=draft.allow_insecure
            )
        finally:
            self.test_button.setEnabled(True)
        # A provider not added yet has nothing to remember the models by: once added,
        # the window asks for them at once.
        show_outcome(self.test_result, result.ok, result.message, result.details)

    def _add(self) -> None:
        problem = problem_with([self.draft()], self._taken)
        if problem:
            self.show_problem(problem)  # stays open: nothing typed is lost
            return
        self.accept()
