"""The main window assembles the workspace and wires it to the task service.

It decides nothing: which action applies when is ``tasks.actions``; the layout is
``workspace``; the actions and menus ``task_actions``; saved files ``file_actions``;
providers and settings ``provider_flow``; delete and undo ``delete_undo``. Every change
arrives as a service event and flows one way into the models and panes.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path

from PySide6.QtCore import QByteArray, QModelIndex, QPoint, Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QDragEnterEvent, QDropEvent, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from genstudio.api.request import GenerationRequest
from genstudio.api.snapshot import Scope
from genstudio.settings import paths
from genstudio.settings.key_store import KeyVault
from genstudio.settings.preferences import Preferences, Profile
from genstudio.tasks.actions import Action
from genstudio.tasks.background import BackgroundTasks
from genstudio.tasks.events import Notice, TaskEvent
from genstudio.tasks.record import TaskRecord
from genstudio.tasks.service import TaskService
from genstudio.ui.banner import Banner
from genstudio.ui.dialogs.help_dialogs import AboutDialog, ShortcutsDialog, shortcut_rows
from genstudio.ui.dialogs.key_prompt import KeyPrompt
from genstudio.ui.empty_state import EmptyState
from genstudio.ui.form.generation_form import GenerationForm
from genstudio.ui.icons import app_icon
from genstudio.ui.notifier import TaskNotifier
from genstudio.ui.tasklist.gallery import GalleryModel
from genstudio.ui.tasklist.task_table import TaskTableModel
from genstudio.ui.tasklist.thumbnail_icons import ThumbnailIcons
from genstudio.ui.tasklist.thumbnails import ThumbnailMaker
from genstudio.ui.window.delete_undo import DeleteUndo
from genstudio.ui.window.file_actions import FileActions
from genstudio.ui.window.provider_flow import ProviderFlow
from genstudio.ui.window.selection import TaskSelection
from genstudio.ui.window.task_actions import TaskActions
from genstudio.ui.window.workspace import Workspace

QUIT_WAIT_SECONDS = 5  # how long quitting waits for the answer to a job being sent
UNDO_SHOWN_MS = 15000  # the status bar's Undo button, after a delete


def _b64(data: QByteArray) -> str:
    return bytes(data.toBase64().data()).decode("ascii")


def _unb64(text: str) -> QByteArray:
    return QByteArray.fromBase64(text.encode("ascii"))


class MainWindow(QMainWindow):
    def __init__(
        self,
        service: TaskService,
        prefs: Preferences,
        vault: KeyVault,
        save_prefs: Callable[[], None],
        start_demo: Callable[[], Awaitable[Profile]] | None = None,
        background: BackgroundTasks | None = None,
        library: Callable[[Scope], Path] | None = None,
        thumbnail_cache: Path | None = None,
    ) -> None:
        super().__init__()
        self.service = service
        self.prefs = prefs
        self.vault = vault
        self._save_prefs = save_prefs
        self._start_demo = start_demo
        self._library = library
        self.background = background or BackgroundTasks()
        self.thumbnails = ThumbnailMaker(thumbnail_cache) if thumbnail_cache else None
        self.setAcceptDrops(True)  # a sidecar dropped on the window loads its settings
        self.setWindowTitle("GenStudio")
        self.setWindowIcon(app_icon())
        self.resize(1400, 860)

        # Models and the form, then the actions over them, then the layout.
        icons = ThumbnailIcons(self.thumbnails, self.background, self)
        self.model = TaskTableModel(self, icons)
        self.gallery_model = GalleryModel(parent=self, icons=icons)
        self.form = GenerationForm(lambda: int(self.prefs.max_image_mb * 1024 * 1024))
        self.form.set_recent_models(self.prefs.recent_models)
        self.form.restore(self.prefs.last_form)
        self.form.submit_requested.connect(self.submit)
        if hasattr(self.form, "submit_refused"):
            self.form.submit_refused.connect(lambda text: self.say(text))
        self.undo = DeleteUndo(service, self)
        self.files = FileActions(self, self.form, self.say, self._warn, library)
        self.actions_ = TaskActions(
            self,
            service,
            self.background,
            lambda: self.selected_records(),
            self.form,
            self.files,
            self.undo,
            self.say,
        )
        self.workspace = Workspace(
            self.form, self.model, self.gallery_model, self.actions_.toolbar()
        )
        self._expose_parts()
        self.selection = TaskSelection(self.workspace, self)
        self.selection.changed.connect(self._selection_changed)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._context_menu)
        self.gallery.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.gallery.customContextMenuRequested.connect(self._context_menu)
        self.table.doubleClicked.connect(lambda _i: self.actions_.run(Action.OPEN))
        self.gallery.doubleClicked.connect(lambda _i: self.actions_.run(Action.OPEN))
        self.view_toggle.toggled.connect(self.show_gallery)

        self._build_toolbar()
        central = QWidget()
        outer = QVBoxLayout(central)
        outer.setContentsMargins(6, 6, 6, 0)
        self.demo_banner = Banner(closable=False)
        self.banner = Banner()
        self.banner.action_clicked.connect(self._banner_action)
        self._banner_details = ""
        outer.addWidget(self.demo_banner)
        outer.addWidget(self.banner)
        self.stack = QStackedWidget()
        self.empty = EmptyState()
        self.stack.addWidget(self.empty)
        self.stack.addWidget(self.workspace)
        outer.addWidget(self.stack, 1)
        self.setCentralWidget(central)
        self.central = central
        self._build_status_bar()

        self.keys = KeyPrompt(service, prefs, vault, self.banner, self.say, self)
        self.providers = ProviderFlow(
            self,
            service,
            prefs,
            vault,
            save_prefs,
            self.keys,
            (self.profile_combo, self.demo_banner, self.stack, self.form),
            self.say,
            self.background,
            start_demo,
        )
        self.empty.add_provider.connect(self.providers.add_provider)
        self.empty.try_demo.connect(self.providers.try_demo)
        self._build_menus()

        service.subscribe(self._on_event)
        self.notifier = TaskNotifier(
            app_icon(),
            lambda: self.prefs.notify_when_done,
            self.isActiveWindow,
            self.bring_task_into_view,
            self,
        )
        service.subscribe(self.notifier.apply)
        service.on_notice(self._on_notice)
        self._closing = False
        self._restore_layout()
        self.refresh_profiles()
        self._selection_changed()

    # -- building ----------------------------------------------------------------------------

    def _expose_parts(self) -> None:
        """Short names for the parts other code and tests reach for."""
        ws = self.workspace
        self.proxy, self.gallery_proxy = ws.proxy, ws.gallery_proxy
        self.table, self.gallery, self.views = ws.table, ws.gallery, ws.views
        self.search, self.status_filter = ws.search, ws.status_filter
        self.gallery_kind, self.view_toggle = ws.gallery_kind, ws.view_toggle
        self.preview, self.details = ws.preview, ws.details
        self.splitter, self.side = ws, ws.side
        a = self.actions_
        self.act_open, self.act_reuse, self.act_retry = a.open, a.reuse, a.retry
        self.act_check, self.act_stop, self.act_delete = a.check, a.stop, a.delete
        self.act_save_as, self.act_save_all = a.save_as, a.save_all
        self.act_show_folder, self.act_copy_image = a.show_folder, a.copy_image
        self.act_copy_links, self.act_copy_id = a.copy_links, a.copy_ids
        self.details.action_requested.connect(self.actions_.run)

    def _action(self, text: str, slot: Callable[[], object], shortcut: str = "") -> QAction:
        action = QAction(text, self)
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    def _build_toolbar(self) -> None:
        bar = QToolBar(self.tr("Main"))
        bar.setObjectName("main-toolbar")
        bar.setMovable(False)
        self.addToolBar(bar)
        bar.addWidget(QLabel(self.tr("Provider: ")))
        self.profile_combo = QComboBox()
        self.profile_combo.setMinimumWidth(180)
        self.profile_combo.setAccessibleName(self.tr("Provider"))
        self.profile_combo.setPlaceholderText(self.tr("No provider yet"))
        bar.addWidget(self.profile_combo)
        self.settings_action = QAction(self.tr("Settings…"), self)
        preferences = QKeySequence(QKeySequence.StandardKey.Preferences)
        # Not every platform has a standard key for settings (Linux desktops often not).
        self.settings_action.setShortcut(
            preferences if not preferences.isEmpty() else QKeySequence("Ctrl+,")
        )
        self.settings_action.triggered.connect(lambda: self.open_settings())
        self.add_provider_action = QAction(self.tr("Add provider…"), self)
        self.add_provider_action.triggered.connect(lambda: self.providers.add_provider())
        bar.addActions([self.add_provider_action, self.settings_action])

    def _build_status_bar(self) -> None:
        self.undo_button = QPushButton(self.tr("Undo"))
        self.undo_button.setFlat(True)
        self.undo_button.setToolTip(self.tr("Bring back the deleted tasks (Ctrl+Z)"))
        self.undo_button.clicked.connect(self.actions_.undo_last)
        self.undo_button.hide()
        self.statusBar().addPermanentWidget(self.undo_button)
        self._undo_timer = QTimer(self)
        self._undo_timer.setSingleShot(True)
        self._undo_timer.setInterval(UNDO_SHOWN_MS)
        self._undo_timer.timeout.connect(self.undo_button.hide)
        self.undo.changed.connect(self._undo_changed)
        self.statusBar().showMessage(self.tr("Ready."))

    def _undo_changed(self) -> None:
        self.undo_button.setVisible(self.undo.can_undo)
        if self.undo.can_undo:
            self._undo_timer.start()

    def _build_menus(self) -> None:
        """Every action is in a menu as well: reachable with the keyboard alone."""
        self.act_find = self._action(self.tr("Search"), self.search.setFocus, "Ctrl+F")
        self.act_next = self._action(
            self.tr("Next task"), lambda: self._step_selection(1), "Alt+Down"
        )
        self.act_previous = self._action(
            self.tr("Previous task"), lambda: self._step_selection(-1), "Alt+Up"
        )
        self.act_form = self._action(
            self.tr("Show or hide the form"),
            lambda: self.workspace.form_panel.set_folded(not self.workspace.form_panel.folded),
            "Ctrl+Shift+F",
        )
        self.act_quit = self._action(self.tr("Quit"), self.close, "Ctrl+Q")
        self.act_shortcuts = self._action(self.tr("Keyboard shortcuts"), self.show_shortcuts, "F1")
        self.act_about = self._action(self.tr("About GenStudio"), self.show_about)
        self.act_library = self._action(self.tr("Open library folder"), self.files.open_library)
        self.act_reuse_file = self._action(
            self.tr("Reuse settings from a file…"), lambda: self.files.reuse_from_file()
        )
        bar = self.menuBar()
        bar.addMenu(self.tr("&File")).addActions(
            [
                self.act_reuse_file,
                self.act_library,
                self.add_provider_action,
                self.settings_action,
                self.act_quit,
            ]
        )
        self.actions_.fill_menu(bar.addMenu(self.tr("&Tasks")))
        self.act_gallery = QAction(self.tr("Gallery"), self)
        self.act_gallery.setCheckable(True)
        self.act_gallery.toggled.connect(self.show_gallery)
        self.view_toggle.toggled.connect(self.act_gallery.setChecked)
        view = bar.addMenu(self.tr("&View"))
        view.addActions(
            [self.act_gallery, self.act_form, self.act_find, self.act_next, self.act_previous]
        )
        bar.addMenu(self.tr("&Help")).addActions([self.act_shortcuts, self.act_about])
        # While the form is folded its own Ctrl+Enter cannot fire: this one unfolds it.
        self.act_unfold = self._action(
            self.tr("Show the form"),
            lambda: self.workspace.form_panel.set_folded(False),
            "Ctrl+Return",
        )
        self.act_unfold.setEnabled(False)
        self.workspace.form_panel.folded_changed.connect(self.act_unfold.setEnabled)

    def shortcut_rows(self) -> list[tuple[str, str]]:
        a = self.actions_
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
            self.act_find,
            self.act_next,
            self.act_previous,
            self.act_form,
            self.settings_action,
            self.act_shortcuts,
            self.act_quit,
        ]
        extra = [
            (self.tr("Generate"), QKeySequence("Ctrl+Return")),
            (self.tr("Play or pause"), QKeySequence(Qt.Key.Key_Space)),
            (self.tr("Gallery"), self.view_toggle.shortcut()),
        ]
        return shortcut_rows(actions, extra)

    def show_shortcuts(self) -> None:
        ShortcutsDialog(self.shortcut_rows(), self).exec()

    def show_about(self) -> None:
        folders = [
            (self.tr("History"), paths.data_dir()),
            (self.tr("Settings"), paths.config_dir()),
        ]
        if self._library is not None:
            folders += [
                (self.tr("Images"), self._library(Scope.IMAGES)),
                (self.tr("Videos"), self._library(Scope.VIDEOS)),
                (self.tr("Audio"), self._library(Scope.AUDIO)),
            ]
        folders.append((self.tr("Log"), paths.log_dir()))
        AboutDialog(folders, self).exec()

    # -- saying things -----------------------------------------------------------------------

    def say(self, text: str) -> None:
        self.statusBar().showMessage(text, 8000)

    def _warn(self, text: str) -> None:
        self.show_banner(text, "warning")

    def show_banner(
        self, text: str, level: str = "info", action: str = "", details: str = ""
    ) -> None:
        self._banner_details = details
        self.keys.banner_profile = None  # the banner speaks of something else now
        self.banner.show_message(text, level, action, details)

    def _banner_action(self) -> None:
        if self.keys.banner_clicked():
            return
        if self._banner_details:
            box = QMessageBox(
                QMessageBox.Icon.Information,
                self.tr("Details"),
                self.banner.label.text(),
                QMessageBox.StandardButton.Ok,
                self,
            )
            box.setDetailedText(self._banner_details)
            box.exec()
        elif not self.prefs.profiles:
            self.providers.add_provider()
        else:
            self.open_settings()

    def _on_notice(self, notice: Notice) -> None:
        self.statusBar().showMessage(notice.text, 10000)
        if notice.level == "error":
            self.show_banner(notice.text, "error", self.tr("Details"), notice.details)

    # -- providers -----------------------------------------------------------------------------

    def refresh_profiles(self) -> None:
        self.providers.refresh()

    def open_settings(self, new_profile: bool = False) -> None:
        if new_profile:
            self.providers.add_provider()
        else:
            self.providers.open_settings()

    # -- submitting ----------------------------------------------------------------------------

    def submit(self, request: GenerationRequest) -> None:
        profile = self.prefs.current_profile
        if profile is None or self.prefs.profile(profile) is None:
            self.show_banner(
                self.tr("Add a provider first: GenStudio needs its address and your API key."),
                "warning",
                self.tr("Add provider"),
            )
            self.say(self.tr("Nothing was sent: no provider yet."))
            return
        if not self.keys.ensure_key(profile):
            self.say(self.tr("Nothing was sent: no API key."))
            return  # cancelled: the form stays as it is, nothing is sent
        self.prefs.remember_model(request.scope.value, request.model)
        self.prefs.last_form = self.form.state()
        self.form.set_recent_models(self.prefs.recent_models)
        self._save_prefs()
        self.background.start(self.service.submit(profile, request), "submit")
        self.say(self.tr("Sent to %1.").replace("%1", profile))

    # -- service events --------------------------------------------------------------------------

    def _on_event(self, event: TaskEvent) -> None:
        self.model.apply(event)
        self.gallery_model.apply(event)
        if event.kind == "added" and self.stack.currentIndex() == 0:
            self.stack.setCurrentIndex(1)
        if event.kind == "changed":
            shown = self.details.record
            for record in event.records:
                self.details.refresh(record)
                if shown is not None and shown.id == record.id:
                    self.preview.show_record(record)
            if any(r.id in {s.id for s in self.selected_records()} for r in event.records):
                self.actions_.update()
        elif event.kind == "removed":
            self._selection_changed()

    # -- selection -------------------------------------------------------------------------------

    def selected_records(self) -> list[TaskRecord]:
        return self.selection.records()

    def _selection_changed(self) -> None:
        records = self.selected_records()
        self.details.show_records(records)
        self.preview.show_record(records[0] if len(records) == 1 else None)
        self.actions_.update()

    def _context_menu(self, pos: QPoint) -> None:
        view = self.gallery if self.workspace.gallery_shown else self.table
        self.actions_.context_menu().popup(view.viewport().mapToGlobal(pos))

    def column_menu(self) -> QMenu:
        return self.table.column_menu()

    def _step_selection(self, step: int) -> None:
        """Next or previous task in the list, from anywhere in the window."""
        rows = self.proxy.rowCount()
        if not rows:
            return
        current = self.table.currentIndex()
        row = current.row() + step if current.isValid() else (0 if step > 0 else rows - 1)
        row = max(0, min(rows - 1, row))
        self.table.selectRow(row)
        self.table.scrollTo(self.proxy.index(row, 0))

    def bring_task_into_view(self, local_id: int) -> None:
        """From a notification: the window to the front with the task selected."""
        self.showNormal()
        self.raise_()
        self.activateWindow()
        self.show_gallery(False)
        self.search.clear()
        self.status_filter.setCurrentIndex(0)
        row = self.model.row_of(local_id)
        if row is not None:
            index = self.proxy.mapFromSource(self.model.index(row, 0))
            self.table.selectRow(index.row())
            self.table.scrollTo(index)

    def show_gallery(self, shown: bool) -> None:
        self.workspace.show_gallery(shown)

    def show_history(self, records: list[TaskRecord]) -> None:
        """The history as loaded at start, newest first."""
        self.model.set_records(records)
        self.gallery_model.set_records(records)
        self.notifier.remember(records)

    def _gallery_open(self, index: QModelIndex) -> None:
        self.gallery.setCurrentIndex(index)
        self.actions_.run(Action.OPEN)

    # -- what the tests and older callers use ------------------------------------------------------

    def reuse_from_file(self, path: Path | None = None) -> None:
        self.files.reuse_from_file(path)

    def retry(self) -> None:
        self.actions_.run(Action.RETRY)

    def reuse(self) -> None:
        self.actions_.run(Action.REUSE)

    def stop_watching(self) -> None:
        self.actions_.run(Action.STOP)

    def save_all(self) -> None:
        self.actions_.run(Action.SAVE_ALL)

    def copy_links(self) -> None:
        self.actions_.run(Action.COPY_LINK)

    def copy_image(self) -> None:
        self.actions_.run(Action.COPY_IMAGE)

    def delete_selected(self, to_trash: bool = False) -> None:
        self.actions_.delete_records(self.selected_records(), to_trash)

    # -- drag and drop ---------------------------------------------------------------------------

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if any(
            url.isLocalFile() and url.toLocalFile().endswith(".json")
            for url in event.mimeData().urls()
        ):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        for url in event.mimeData().urls():
            if url.isLocalFile() and url.toLocalFile().endswith(".json"):
                self.files.reuse_from_file(Path(url.toLocalFile()))
                event.acceptProposedAction()
                return

    # -- layout between runs, and closing --------------------------------------------------------

    def _restore_layout(self) -> None:
        prefs = self.prefs
        self.workspace.form_panel.set_folded(prefs.form_folded)  # first: it sets the minimum
        if prefs.window_geometry:
            self.restoreGeometry(_unb64(prefs.window_geometry))
        if prefs.splitter_state:
            self.workspace.restoreState(_unb64(prefs.splitter_state))
        if prefs.side_splitter_state:
            self.side.restoreState(_unb64(prefs.side_splitter_state))
        self.table.restore_state(prefs.table_header_state)

    def remember_layout(self) -> None:
        prefs = self.prefs
        prefs.window_geometry = _b64(self.saveGeometry())
        prefs.splitter_state = _b64(self.workspace.saveState())
        prefs.side_splitter_state = _b64(self.side.saveState())
        prefs.table_header_state = self.table.save_state()
        prefs.last_form = self.form.state()
        prefs.form_folded = self.workspace.form_panel.folded

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.service.sending and not self._closing:
            # Closing now would leave the job "Submission unknown" (and maybe paid for):
            # give the provider a few seconds to answer, then close.
            event.ignore()
            self._closing = True
            self.show_banner(
                self.tr(
                    "Closing as soon as the provider confirms the job being sent (at most %1 s)…"
                ).replace("%1", str(QUIT_WAIT_SECONDS)),
                "info",
            )
            self.central.setEnabled(False)  # nothing new while closing
            self.background.start(self._close_after_sends(), "close after sends")
            return
        self.remember_layout()
        self._save_prefs()
        self.preview.release_media()
        super().closeEvent(event)

    async def _close_after_sends(self) -> None:
        await self.service.wait_for_sends(QUIT_WAIT_SECONDS)
        self.close()
