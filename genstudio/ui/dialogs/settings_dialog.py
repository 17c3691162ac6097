"""Settings: provider profiles (name, address, key) and general limits.

The dialog only edits: Save checks the changes with ``tasks.settings_changes.problem_with``
and accepts; the window applies ``changes()`` (keys to the key vault, the OS keyring, whose
place the dialog shows next to the field) and, when the keyring refuses, opens the dialog
again with :meth:`show_problem`, so nothing typed is lost.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)
from qasync import asyncSlot

from genstudio.api.base_url import is_loopback_host, normalize_base_url
from genstudio.api.errors import InvalidBaseUrlError
from genstudio.settings.money import QUOTA_PER_USD, Budget, MoneySettings, format_usd
from genstudio.settings.paths import default_library_folder
from genstudio.tasks.connection_check import check_connection
from genstudio.tasks.settings_changes import (
    GeneralSettings,
    ProviderDraft,
    SettingsChanges,
    problem_with,
)
from genstudio.ui.dialogs.money_dialog import MoneyDialog
from genstudio.ui.inline_error import error_label, show_error, show_outcome, show_pending
from genstudio.ui.language import LANGUAGES

if TYPE_CHECKING:
    from genstudio.settings.key_store import KeyVault
    from genstudio.settings.preferences import Preferences


@dataclass
class _Draft:
    name: str
    base_url: str
    allow_insecure: bool
    existing: bool
    new_key: str = ""
    money: MoneySettings = field(default_factory=lambda: MoneySettings({}, Budget(), QUOTA_PER_USD))
    money_edited: bool = False


class SettingsDialog(QDialog):
    # A successful Test connection heard which models the key can use:
    # (provider name, the address tested, frozenset of model names).
    models_learned = Signal(str, str, object)

    def __init__(
        self,
        prefs: Preferences,
        vault: KeyVault,
        parent: QWidget | None = None,
        model_names: Sequence[str] = (),
    ) -> None:
        """``model_names``: offered while typing a model in Prices and budget."""
        super().__init__(parent)
        self.setWindowTitle(self.tr("Settings"))
        self.setMinimumWidth(720)
        self.prefs = prefs
        self.vault = vault
        self._removed: set[str] = set()
        # Names a new provider may not take: the demo's is not in the list.
        self._taken = frozenset(p.name for p in prefs.profiles if p.demo)
        self._model_names = list(model_names)
        self._drafts = [
            _Draft(
                p.name,
                p.base_url,
                p.allow_insecure,
                True,
                money=MoneySettings(dict(p.prices), p.budget, p.quota_per_usd),
            )
            for p in prefs.profiles
            if not p.demo
        ]
        self._current: _Draft | None = None

        layout = QVBoxLayout(self)
        providers = QGroupBox(self.tr("Providers"))
        row = QHBoxLayout(providers)
        left = QVBoxLayout()
        self.list = QListWidget()
        self.list.setAccessibleName(self.tr("Provider profiles"))
        left.addWidget(self.list)
        buttons = QHBoxLayout()
        self.add_button = QPushButton(self.tr("Add"))
        self.remove_button = QPushButton(self.tr("Remove"))
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        left.addLayout(buttons)
        row.addLayout(left, 1)

        self.editor = QWidget()
        form = QFormLayout(self.editor)
        self.name = QLineEdit()
        self.name.setAccessibleName(self.tr("Profile name"))
        self.name.setPlaceholderText(self.tr("e.g. My provider"))
        self.base_url = QLineEdit()
        self.base_url.setAccessibleName(self.tr("Provider address"))
        self.base_url.setPlaceholderText("https://api.example.com")
        self.url_error = error_label()
        self.key = QLineEdit()
        self.key.setEchoMode(QLineEdit.EchoMode.Password)
        self.key.setAccessibleName(self.tr("API key"))
        self.show_key = QCheckBox(self.tr("Show"))
        key_row = QHBoxLayout()
        key_row.addWidget(self.key, 1)
        key_row.addWidget(self.show_key)
        self.key_where = QLabel()
        self.key_where.setWordWrap(True)
        self.key_where.setEnabled(False)
        self.insecure = QCheckBox(self.tr("Allow an insecure (plain http) connection"))
        self.insecure_warning = QLabel(
            self.tr(
                "Warning: over plain http your API key crosses the network unencrypted. Only "
                "use this on a network you trust."
            )
        )
        self.insecure_warning.setWordWrap(True)
        self.insecure_warning.setStyleSheet("color: #d9822b;")
        self.test_button = QPushButton(self.tr("Test connection"))
        self.test_result = QLabel()
        self.test_result.setWordWrap(True)
        self.test_result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        form.addRow(self.tr("Name"), self.name)
        form.addRow(self.tr("Address"), self.base_url)
        form.addRow("", self.url_error)
        form.addRow(self.tr("API key"), key_row)
        form.addRow("", self.key_where)
        form.addRow("", self.insecure)
        form.addRow("", self.insecure_warning)
        form.addRow(self.test_button, self.test_result)
        self.money_button = QPushButton(self.tr("Prices and budget…"))
        self.money_button.setToolTip(
            self.tr("Your spending limits for this provider, and prices it does not publish")
        )
        self.money_summary = QLabel()
        self.money_summary.setWordWrap(True)
        form.addRow(self.money_button, self.money_summary)
        row.addWidget(self.editor, 2)
        layout.addWidget(providers)

        general = QGroupBox(self.tr("General"))
        general_form = QFormLayout(general)
        self.language = QComboBox()
        self.language.setAccessibleName(self.tr("Language"))
        for code, name in LANGUAGES.items():
            self.language.addItem(name or self.tr("System default"), code)
        self.language.setCurrentIndex(max(0, self.language.findData(prefs.language)))
        self.language_note = QLabel(self.tr("Takes effect the next time GenStudio starts."))
        self.language_note.setVisible(False)
        self.language.currentIndexChanged.connect(
            lambda _i: self.language_note.setVisible(self.language.currentData() != prefs.language)
        )
        general_form.addRow(self.tr("Language"), self.language)
        general_form.addRow("", self.language_note)
        self.notify = QCheckBox(
            self.tr("Tell me when a task ends while GenStudio is in the background")
        )
        self.notify.setChecked(prefs.notify_when_done)
        general_form.addRow("", self.notify)
        self.max_image_mb = QDoubleSpinBox()
        self.max_image_mb.setRange(0.5, 100.0)
        self.max_image_mb.setSuffix(" MB")
        self.max_image_mb.setValue(prefs.max_image_mb)
        general_form.addRow(self.tr("Largest reference image"), self.max_image_mb)
        self.max_output_mb = QSpinBox()
        self.max_output_mb.setRange(1, 1_000_000)
        self.max_output_mb.setSingleStep(500)
        self.max_output_mb.setSuffix(" MB")
        self.max_output_mb.setValue(int(prefs.max_output_mb))
        self.max_output_mb.setToolTip(
            self.tr("Outputs larger than this are not saved; their links stay in the details.")
        )
        general_form.addRow(self.tr("Largest output to save"), self.max_output_mb)
        self.deadlines: dict[str, QSpinBox] = {}
        for scope, label in (
            ("images", self.tr("Stop waiting for images after")),
            ("videos", self.tr("Stop waiting for videos after")),
            ("audio", self.tr("Stop waiting for audio after")),
        ):
            spin = QSpinBox()
            spin.setRange(1, 24 * 60)
            spin.setSuffix(self.tr(" min"))
            spin.setValue(int(prefs.deadline_minutes.get(scope, 30)))
            self.deadlines[scope] = spin
            general_form.addRow(label, spin)
        self.library: dict[str, QLineEdit] = {}
        for scope, label in (
            ("images", self.tr("Save images in")),
            ("videos", self.tr("Save videos in")),
            ("audio", self.tr("Save audio in")),
        ):
            edit = QLineEdit(prefs.library_dirs.get(scope, ""))
            edit.setPlaceholderText(str(default_library_folder(scope)))
            edit.setAccessibleName(label)
            choose = QPushButton(self.tr("Choose…"))
            choose.clicked.connect(lambda _c=False, e=edit: self._choose_folder(e))
            row_layout = QHBoxLayout()
            row_layout.addWidget(edit, 1)
            row_layout.addWidget(choose)
            self.library[scope] = edit
            general_form.addRow(label, row_layout)
        layout.addWidget(general)

        self.error = error_label()
        layout.addWidget(self.error)
        box = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        box.accepted.connect(self._save)
        box.rejected.connect(self.reject)
        layout.addWidget(box)

        self.list.currentRowChanged.connect(self._select)
        self.add_button.clicked.connect(self.add_profile)
        self.remove_button.clicked.connect(self._remove_profile)
        self.show_key.toggled.connect(
            lambda on: self.key.setEchoMode(
                QLineEdit.EchoMode.Normal if on else QLineEdit.EchoMode.Password
            )
        )
        self.base_url.textChanged.connect(self._check_url)
        self.insecure.toggled.connect(self._check_url)
        self.test_button.clicked.connect(self._test)
        self.money_button.clicked.connect(self._edit_money)
        for draft in self._drafts:
            self.list.addItem(draft.name)
        if not self._drafts:
            self.add_profile()
        else:
            current = next(
                (i for i, d in enumerate(self._drafts) if d.name == prefs.current_profile), 0
            )
            self.list.setCurrentRow(current)
        self._check_url()

    # -- editing ---------------------------------------------------------------------------

    def _store_current(self) -> None:
        draft = self._current
        if draft is None:
            return
        if not draft.existing:
            draft.name = self.name.text().strip()
        draft.base_url = self.base_url.text().strip()
        draft.allow_insecure = self.insecure.isChecked()
        draft.new_key = self.key.text().strip()
        row = self._drafts.index(draft)
        item = self.list.item(row)
        if item is not None:
            item.setText(draft.name or self.tr("(new provider)"))

    def _select(self, row: int) -> None:
        self._store_current()
        self._current = self._drafts[row] if 0 <= row < len(self._drafts) else None
        draft = self._current
        self.editor.setEnabled(draft is not None)
        if draft is None:
            return
        self.name.setText(draft.name)
        self.name.setReadOnly(draft.existing)
        self.name.setToolTip(
            self.tr(
                "Tasks remember their provider by this name, so it "
                "cannot change; add a new provider instead."
            )
            if draft.existing
            else ""
        )
        self.base_url.setText(draft.base_url)
        self.insecure.setChecked(draft.allow_insecure)
        self.key.setText(draft.new_key)
        has_key = draft.existing and bool(self.vault.get(draft.name))
        self.key.setPlaceholderText(
            self.tr("A key is saved; type a new one to replace it")
            if has_key
            else self.tr("Paste your API key")
        )
        self.key_where.setText(self.vault.where())
        self.test_result.clear()
        self.money_summary.setText(self._money_words(draft.money))

    def add_profile(self) -> None:
        self._store_current()
        draft = _Draft("", "", False, False)
        self._drafts.append(draft)
        self.list.addItem(self.tr("(new provider)"))
        self.list.setCurrentRow(len(self._drafts) - 1)
        self.name.setFocus()

    def _remove_profile(self) -> None:
        row = self.list.currentRow()
        if row < 0:
            return
        draft = self._drafts.pop(row)
        self._current = None
        self.list.takeItem(row)
        if draft.existing:
            self._removed.add(draft.name)

    def _check_url(self) -> None:
        text = self.base_url.text().strip()
        host = urlsplit(text).hostname or ""
        plain_remote = text.startswith("http://") and bool(host) and not is_loopback_host(host)
        self.insecure.setVisible(plain_remote or self.insecure.isChecked())
        self.insecure_warning.setVisible(self.insecure.isChecked())
        if not text:
            show_error(self.url_error, "")
            return
        try:
            normalize_base_url(text, allow_insecure=self.insecure.isChecked())
        except InvalidBaseUrlError as exc:
            show_error(self.url_error, exc.user_message)
        else:
            show_error(self.url_error, "")

    @asyncSlot()
    async def _test(self) -> None:
        self._store_current()
        draft = self._current
        if draft is None:
            return
        key = draft.new_key or (self.vault.get(draft.name) if draft.existing else "") or ""
        self.test_button.setEnabled(False)
        show_pending(self.test_result, self.tr("Testing…"))
        try:
            result = await check_connection(
                draft.base_url, key, allow_insecure=draft.allow_insecure
            )
        finally:
            self.test_button.setEnabled(True)
        show_outcome(self.test_result, result.ok, result.message, result.details)
        if result.models and draft.existing:
            self.models_learned.emit(draft.name, draft.base_url, result.models)

    def _edit_money(self) -> None:
        self._store_current()
        draft = self._current
        if draft is None:
            return
        dialog = MoneyDialog(
            draft.name or self.tr("(new provider)"), draft.money, self._model_names, self
        )
        if dialog.exec() == QDialog.DialogCode.Accepted:
            draft.money = dialog.settings()
            draft.money_edited = True
            self.money_summary.setText(self._money_words(draft.money))

    def _money_words(self, money: MoneySettings) -> str:
        """The limits and own prices in a line, so they can be seen without opening."""
        budget = money.budget
        parts = []
        if budget.daily_cap_usd is not None:
            parts.append(
                self.tr("at most %1 a day").replace("%1", format_usd(budget.daily_cap_usd))
            )
        if budget.monthly_cap_usd is not None:
            parts.append(
                self.tr("at most %1 a month").replace("%1", format_usd(budget.monthly_cap_usd))
            )
        if budget.confirm_above_usd is not None:
            parts.append(
                self.tr("asks before jobs over %1").replace(
                    "%1", format_usd(budget.confirm_above_usd)
                )
            )
        if money.prices:
            count = len(money.prices)
            parts.append(
                self.tr("one price of your own")
                if count == 1
                else self.tr("%1 prices of your own").replace("%1", str(count))
            )
        if not parts:
            return self.tr("No limits set.")
        line = "; ".join(parts)
        return line[:1].upper() + line[1:]  # "At most $5.00 a day; …"

    def _choose_folder(self, edit: QLineEdit) -> None:
        start = edit.text() or edit.placeholderText()
        folder = QFileDialog.getExistingDirectory(self, self.tr("Choose a folder"), start)
        if folder:
            edit.setText(folder)

    # -- saving ----------------------------------------------------------------------------

    def changes(self) -> SettingsChanges:
        """What the user typed, for ``tasks.settings_changes`` to apply."""
        self._store_current()
        return SettingsChanges(
            tuple(
                ProviderDraft(
                    d.name,
                    d.base_url,
                    d.allow_insecure,
                    d.new_key,
                    d.existing,
                    d.money if d.money_edited else None,
                )
                for d in self._drafts
            ),
            frozenset(self._removed),
            GeneralSettings(
                language=str(self.language.currentData()),
                notify_when_done=self.notify.isChecked(),
                max_image_mb=self.max_image_mb.value(),
                max_output_mb=float(self.max_output_mb.value()),
                deadline_minutes={s: float(spin.value()) for s, spin in self.deadlines.items()},
                library_dirs={s: edit.text().strip() for s, edit in self.library.items()},
            ),
        )

    def show_problem(self, text: str) -> None:
        """Say what to fix above the buttons (the window's keyring sentence too)."""
        show_error(self.error, text)

    def _save(self) -> None:
        problem = problem_with(self.changes().profiles, self._taken)
        if problem:
            self.show_problem(problem)  # stays open: nothing typed is lost
            return
        self.show_problem("")
        self.accept()
