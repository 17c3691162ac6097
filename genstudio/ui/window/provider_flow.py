"""Providers in the window: the chooser in the toolbar, Add provider, Settings, the demo.

The dialogs only edit and return their changes; ``tasks.settings_changes`` applies them
(profiles, keys, the service's policy), and this module saves and refreshes.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QComboBox, QMainWindow, QStackedWidget

from genstudio.settings.key_store import KeyVault
from genstudio.settings.preferences import Preferences, Profile
from genstudio.tasks.background import BackgroundTasks
from genstudio.tasks.service import TaskService
from genstudio.tasks.settings_changes import add_provider, apply_settings
from genstudio.ui.banner import Banner
from genstudio.ui.dialogs.add_provider import AddProviderDialog
from genstudio.ui.dialogs.key_prompt import KeyPrompt
from genstudio.ui.dialogs.settings_dialog import SettingsDialog
from genstudio.ui.form.generation_form import GenerationForm


class ProviderFlow(QObject):
    def __init__(
        self,
        window: QMainWindow,
        service: TaskService,
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
        self.combo.currentIndexChanged.connect(self._chosen)
        self.demo_banner.action_clicked.connect(self.add_provider)

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
        has_work = bool(prefs.profiles) or bool(self._service.records)
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

    def _chosen(self, index: int) -> None:
        self._prefs.current_profile = self.combo.itemData(index)
        self._save_prefs()
        self.refresh()

    def open_settings(self) -> None:
        prefs, vault, service = self._prefs, self._vault, self._service
        dialog = SettingsDialog(
            prefs,
            vault,
            lambda changes: apply_settings(changes, prefs, vault, service),
            self._window,
        )
        if dialog.exec() != SettingsDialog.DialogCode.Accepted:
            return
        self._save_prefs()
        self.refresh()
        self._say(self.tr("Settings saved."))

    def add_provider(self) -> None:
        prefs, vault, service = self._prefs, self._vault, self._service
        dialog = AddProviderDialog(
            vault, lambda draft: add_provider(draft, prefs, vault, service), self._window
        )
        if dialog.exec() != AddProviderDialog.DialogCode.Accepted:
            return
        self._save_prefs()
        self.refresh()
        name = prefs.current_profile or ""
        self._say(self.tr("Added %1: new jobs go there.").replace("%1", name))
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
