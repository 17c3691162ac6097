"""The window's chrome: the provider toolbar, the menu bar, window-wide shortcuts and
the Help dialogs. Every action is in a menu as well: reachable with the keyboard alone.

The task actions themselves live in ``task_actions``; this module only places them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QComboBox, QLabel, QToolBar

from genstudio.api.kinds import Scope
from genstudio.settings import paths

if TYPE_CHECKING:
    from genstudio.ui.window.main_window import MainWindow


class WindowMenus(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._window = window
        bar = QToolBar(self.tr("Main"))
        bar.setObjectName("main-toolbar")
        bar.setMovable(False)
        window.addToolBar(bar)
        bar.addWidget(QLabel(self.tr("Provider: ")))
        self.profile_combo = QComboBox()
        self.profile_combo.setMinimumWidth(180)
        self.profile_combo.setAccessibleName(self.tr("Provider"))
        self.profile_combo.setPlaceholderText(self.tr("No provider yet"))
        bar.addWidget(self.profile_combo)
        self.add_provider = self._action(
            self.tr("Add provider…"), lambda: window.providers.add_provider()
        )
        preferences = QKeySequence(QKeySequence.StandardKey.Preferences)
        # Not every platform has a standard key for settings (Linux desktops often not).
        self.settings = self._action(
            self.tr("Settings…"),
            lambda: window.providers.open_settings(),
            (preferences if not preferences.isEmpty() else QKeySequence("Ctrl+,")).toString(),
        )
        bar.addActions([self.add_provider, self.settings])

    def _action(self, text: str, slot: Callable[[], object], shortcut: str = "") -> QAction:
        action = QAction(text, self._window)
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.triggered.connect(slot)
        self._window.addAction(action)
        return action

    def build(self) -> None:
        """The menu bar, once the workspace, the task actions and providers exist."""
        w = self._window
        panel = w.workspace.form_panel
        self.find = self._action(self.tr("Search"), w.search.setFocus, "Ctrl+F")
        self.next = self._action(self.tr("Next task"), lambda: w.selection.step(1), "Alt+Down")
        self.previous = self._action(
            self.tr("Previous task"), lambda: w.selection.step(-1), "Alt+Up"
        )
        self.form = self._action(
            self.tr("Show or hide the form"),
            lambda: panel.set_folded(not panel.folded),
            "Ctrl+Shift+F",
        )
        self.quit = self._action(self.tr("Quit"), w.close, "Ctrl+Q")
        self.shortcuts = self._action(self.tr("Keyboard shortcuts"), self.show_shortcuts, "F1")
        self.about = self._action(self.tr("About GenStudio"), self.show_about)
        self.library = self._action(self.tr("Open library folder"), w.files.open_library)
        self.reuse_file = self._action(
            self.tr("Reuse settings from a file…"), lambda: w.files.reuse_from_file()
        )
        bar = w.menuBar()
        bar.addMenu(self.tr("&File")).addActions(
            [self.reuse_file, self.library, self.add_provider, self.settings, self.quit]
        )
        w.actions_.fill_menu(bar.addMenu(self.tr("&Tasks")))
        w.money.fill_menu(bar.addMenu(self.tr("&Money")))
        self.gallery = QAction(self.tr("Gallery"), w)
        self.gallery.setCheckable(True)
        self.gallery.toggled.connect(w.show_gallery)
        w.view_toggle.toggled.connect(self.gallery.setChecked)
        bar.addMenu(self.tr("&View")).addActions(
            [self.gallery, self.form, self.find, self.next, self.previous]
        )
        bar.addMenu(self.tr("&Help")).addActions([self.shortcuts, self.about])
        # While the form is folded its own Ctrl+Enter cannot fire: this one unfolds it.
        self.unfold = self._action(
            self.tr("Show the form"), lambda: panel.set_folded(False), "Ctrl+Return"
        )
        self.unfold.setEnabled(False)
        panel.folded_changed.connect(self.unfold.setEnabled)

    def shortcut_rows(self) -> list[tuple[str, str]]:
        a = self._window.actions_
        actions = [
            a.open,
            a.reuse,
            a.retry,
            a.check,
            a.save_as,
            a.save_all,
            a.copy_links,
            a.delete,
            a.delete_files,
            a.undo_delete,
            self.find,
            self.next,
            self.previous,
            self.form,
            self.settings,
            self.shortcuts,
            self.quit,
        ]
        from genstudio.ui.dialogs.help_dialogs import shortcut_rows

        extra = [
            (self.tr("Generate"), QKeySequence("Ctrl+Return")),
            (self.tr("Play or pause"), QKeySequence(Qt.Key.Key_Space)),
            (self.tr("Gallery"), self._window.view_toggle.shortcut()),
        ]
        return shortcut_rows(actions, extra)

    def show_shortcuts(self) -> None:
        from genstudio.ui.dialogs.help_dialogs import ShortcutsDialog

        ShortcutsDialog(self.shortcut_rows(), self._window).exec()

    def show_about(self) -> None:
        folders = [
            (self.tr("History"), paths.data_dir()),
            (self.tr("Settings"), paths.config_dir()),
        ]
        library = self._window.files.library
        if library is not None:
            folders += [
                (self.tr("Images"), library(Scope.IMAGES)),
                (self.tr("Videos"), library(Scope.VIDEOS)),
                (self.tr("Audio"), library(Scope.AUDIO)),
            ]
        folders.append((self.tr("Log"), paths.log_dir()))
        from genstudio.ui.dialogs.help_dialogs import AboutDialog

        AboutDialog(folders, self._window).exec()
