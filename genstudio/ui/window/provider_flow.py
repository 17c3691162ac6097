"""Providers in the window: the chooser in the toolbar, Add provider, Settings, the demo.

The dialogs only edit and return their changes; ``tasks.settings_changes`` applies them
(profiles, keys, the service's policy), and this module saves and refreshes. When the
keyring refuses a key, nothing is changed and the same dialog opens again with the
sentence, so what the user typed is not lost.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QComboBox, QDialog, QMainWindow, QStackedWidget

if TYPE_CHECKING:
    from genstudio.settings.key_store import KeyVault
    from genstudio.settings.preferences import Preferences, Profile
    from genstudio.tasks.background import BackgroundTasks
    from genstudio.tasks.service import TaskService
    from genstudio.ui.banner import Banner
    from genstudio.ui.dialogs.key_prompt import KeyPrompt
    from genstudio.ui.form.generation_form import GenerationForm

if TYPE_CHECKING:  # the dialogs and their rules load when first opened, not with the window
    from genstudio.tasks.settings_changes import Applied
    from genstudio.ui.dialogs.add_provider import AddProviderDialog
    from genstudio.ui.dialogs.settings_dialog import SettingsDialog


class ProviderFlow(QObject):
    shown = Signal()  # the chooser was refilled: the current provider may be another
    edited = Signal(object)  # set of provider names whose address or key changed
    models_learned = Signal(str, str, object)  # Test connection heard a model list

    def __init__(
        self,
        window: QMainWindow,
        service: Callable[[], TaskService | None],
        prefs: Preferences,
        vault: KeyVault,
        save_prefs: Callable[[], None],
        keys: KeyPrompt,
        parts: tuple[QComboBox, Banner, QStackedWidget, GenerationForm],
        say: Callable[[str], None],
        background: BackgroundTasks,
        start_demo: Callable[[], Awaitable[Profile]] | None,
    ) -> None:
        super().__init__(window)
        self._window = window
        self._service = service
        self._prefs = prefs
        self._vault = vault
        self._save_prefs = save_prefs
        self._keys = keys
        self.combo, self.demo_banner, self._stack, self._form = parts
        self._say = say
        self._background = background
        self.start_demo = start_demo
        self.model_names: list[str] = []  # offered while typing a model for a price
        self.combo.currentIndexChanged.connect(self._chosen)
        self.demo_banner.action_clicked.connect(self.add_provider)

    def _attached(self) -> TaskService:
        service = self._service()
        if service is None:  # the window takes no input before it has one (app.py)
            raise RuntimeError("the window has no task service yet")
        return service

    def refresh(self) -> None:
        prefs = self._prefs
        self.combo.blockSignals(True)
        self.combo.clear()
        for profile in prefs.profiles:
            label = self.tr("Demo (built-in simulator)") if profile.demo else profile.name
            self.combo.addItem(label, profile.name)
        index = self.combo.findData(prefs.current_profile)
        if index < 0 and prefs.profiles:
            index = 0
            prefs.current_profile = prefs.profiles[0].name
        self.combo.setCurrentIndex(index)
        self.combo.blockSignals(False)
        # Before the window has its service (its first paint) the history is not read:
        # refreshed again once it is.
        service = self._service()
        has_work = bool(prefs.profiles) or (service is not None and service.has_history())
        self._stack.setCurrentIndex(1 if has_work else 0)
        current = prefs.profile(prefs.current_profile)
        if current is not None and current.demo:
            self.demo_banner.show_message(
                self.tr(
                    "Demo mode: jobs run on GenStudio's built-in simulator, not a real "
                    "provider, and make sample pictures, clips and tunes. Add your provider "
                    "to make real media."
                ),
                "demo",
                self.tr("Add provider"),
            )
            self._window.setWindowTitle(self.tr("GenStudio — Demo"))
        else:
            self.demo_banner.hide()
            self._window.setWindowTitle("GenStudio")
        self._keys.check_profile(prefs.current_profile)
        self.shown.emit()

    def _chosen(self, index: int) -> None:
        self._prefs.current_profile = self.combo.itemData(index)
        self._save_prefs()
        self.refresh()

    def _until_applied(
        self, dialog: SettingsDialog | AddProviderDialog, apply: Callable[[], Applied]
    ) -> Applied | None:
        """Run the dialog and apply what it returns; None when the user cancelled."""
        while dialog.exec() == QDialog.DialogCode.Accepted:
            applied = apply()
            if applied.problem is None:
                self._save_prefs()
                if applied.changed_profiles:
                    self.edited.emit(set(applied.changed_profiles))
                self.refresh()
                return applied
            # Nothing was changed: say why, there and in the status bar (after a Cancel).
            dialog.show_problem(applied.problem)
            self._say(applied.problem)
        return None

    def _saved(self, text: str, applied: Applied) -> None:
        self._say(f"{text} {applied.note}" if applied.note else text)

    def open_settings(self) -> None:
        from genstudio.tasks.settings_changes import apply_settings
        from genstudio.ui.dialogs.settings_dialog import SettingsDialog

        prefs, vault, service = self._prefs, self._vault, self._attached()
        dialog = SettingsDialog(prefs, vault, self._window, self.model_names)
        dialog.models_learned.connect(self.models_learned)
        applied = self._until_applied(
            dialog, lambda: apply_settings(dialog.changes(), prefs, vault, service)
        )
        if applied is not None:
            self._saved(self.tr("Settings saved."), applied)

    def add_provider(self) -> None:
        from genstudio.tasks.settings_changes import add_provider
        from genstudio.ui.dialogs.add_provider import AddProviderDialog

        prefs, vault, service = self._prefs, self._vault, self._attached()
        dialog = AddProviderDialog(vault, [p.name for p in prefs.profiles], self._window)
        applied = self._until_applied(
            dialog, lambda: add_provider(dialog.draft(), prefs, vault, service)
        )
        if applied is None:
            return
        name = dialog.draft().name
        self._saved(self.tr("Added %1: new jobs go there.").replace("%1", name), applied)
        self._form.prompt.setFocus()

    def try_demo(self) -> None:
        if self.start_demo is None:
            return
        start = self.start_demo

        async def go() -> None:
            profile = await start()
            self._prefs.current_profile = profile.name
            self.refresh()
            self._form.prompt.setFocus()

        self._background.start(go(), "start demo")
