"""The main window: form on the left, the task table in the middle, details on the right.

It wires widgets to the task service and holds no business logic of its own: every
action is a call on :class:`TaskService`, every change arrives as a service event.
"""

from __future__ import annotations

import shutil
from collections.abc import Awaitable, Callable
from pathlib import Path

from PySide6.QtCore import (
    QByteArray,
    QCoreApplication,
    QItemSelection,
    QModelIndex,
    QPoint,
    Qt,
    QUrl,
)
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QDesktopServices,
    QDragEnterEvent,
    QDropEvent,
    QGuiApplication,
    QImage,
    QKeySequence,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QMessageBox,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QTableView,
    QToolBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from genstudio.api.request import GenerationRequest
from genstudio.api.snapshot import Scope
from genstudio.settings import paths
from genstudio.settings.key_store import KeyVault
from genstudio.settings.preferences import Preferences, Profile
from genstudio.tasks.background import BackgroundTasks
from genstudio.tasks.events import Notice, TaskEvent
from genstudio.tasks.record import FileState, TaskRecord, TaskState
from genstudio.tasks.service import TaskService
from genstudio.tasks.sidecar import SidecarError, read_sidecar
from genstudio.ui.banner import Banner
from genstudio.ui.dialogs.help_dialogs import AboutDialog, ShortcutsDialog, shortcut_rows
from genstudio.ui.dialogs.key_prompt import KeyPrompt
from genstudio.ui.dialogs.settings_dialog import SettingsDialog
from genstudio.ui.empty_state import EmptyState
from genstudio.ui.form.generation_form import GenerationForm
from genstudio.ui.icons import app_icon
from genstudio.ui.notifier import TaskNotifier
from genstudio.ui.preview.media_preview import MediaPreview
from genstudio.ui.tasklist.gallery import RECORD_ROLE as GALLERY_RECORD_ROLE
from genstudio.ui.tasklist.gallery import GalleryFilter, GalleryModel, GalleryView
from genstudio.ui.tasklist.task_details import TaskDetails
from genstudio.ui.tasklist.task_table import (
    RECORD_ROLE,
    Column,
    ProgressDelegate,
    TaskFilterProxy,
    TaskTableModel,
)
from genstudio.ui.tasklist.thumbnails import ThumbnailMaker

QUIT_WAIT_SECONDS = 5  # how long quitting waits for the answer to a job being sent


def _saved_paths(record: TaskRecord) -> list[str]:
    return [f.path for f in record.files if f.state is FileState.SAVED and f.path]


def _filters() -> list[tuple[str, frozenset[TaskState] | None]]:
    """The status filter's choices, in the window's language."""
    return [
        (QCoreApplication.translate("MainWindow", "All tasks"), None),
        (
            QCoreApplication.translate("MainWindow", "Active"),
            frozenset(
                {
                    TaskState.SUBMITTING,
                    TaskState.WAITING,
                    TaskState.QUEUED,
                    TaskState.RUNNING,
                    TaskState.CHECKING,
                    TaskState.UNREACHABLE,
                }
            ),
        ),
        (QCoreApplication.translate("MainWindow", "Done"), frozenset({TaskState.DONE})),
        (
            QCoreApplication.translate("MainWindow", "Failed"),
            frozenset({TaskState.FAILED, TaskState.NO_OUTPUT}),
        ),
        (
            QCoreApplication.translate("MainWindow", "Needs attention"),
            frozenset(
                {
                    TaskState.SUBMISSION_UNKNOWN,
                    TaskState.TIMED_OUT,
                    TaskState.KEY_REFUSED,
                    TaskState.UNREACHABLE,
                }
            ),
        ),
    ]


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
        self.thumbnails = ThumbnailMaker(thumbnail_cache) if thumbnail_cache else None
        self._library = library
        self.setAcceptDrops(True)  # a sidecar dropped on the window loads its settings
        self.service = service
        self.prefs = prefs
        self.vault = vault
        self._save_prefs = save_prefs
        self._start_demo = start_demo
        self.background = background or BackgroundTasks()
        self.setWindowTitle("GenStudio")
        self.setWindowIcon(app_icon())
        self.resize(1400, 860)

        self.model = TaskTableModel(self)
        self.proxy = TaskFilterProxy(self)
        self.proxy.setSourceModel(self.model)

        self._build_toolbar()
        self._build_actions()
        central = QWidget()
        outer = QVBoxLayout(central)
        outer.setContentsMargins(6, 6, 6, 0)
        self.demo_banner = Banner(closable=False)
        self.demo_banner.action_clicked.connect(lambda: self.open_settings(new_profile=True))
        self.banner = Banner()
        self.banner.action_clicked.connect(self._banner_action)
        self._banner_details = ""
        outer.addWidget(self.demo_banner)
        outer.addWidget(self.banner)
        self.stack = QStackedWidget()
        self.empty = EmptyState()
        self.empty.add_provider.connect(lambda: self.open_settings(new_profile=True))
        self.empty.try_demo.connect(self._try_demo)
        self.stack.addWidget(self.empty)
        self.stack.addWidget(self._build_workspace())
        outer.addWidget(self.stack, 1)
        self._build_menus()
        self.setCentralWidget(central)
        self.central = central
        self.statusBar().showMessage(self.tr("Ready."))

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
        self.keys = KeyPrompt(
            service,
            prefs,
            vault,
            self.banner,
            lambda text: self.statusBar().showMessage(text, 5000),
            self,
        )
        self._restore_layout()
        self.refresh_profiles()

    # -- building --------------------------------------------------------------------------

    def _build_toolbar(self) -> None:
        bar = QToolBar(self.tr("Main"))
        bar.setObjectName("main-toolbar")
        bar.setMovable(False)
        self.addToolBar(bar)
        bar.addWidget(QLabel(self.tr("Provider: ")))
        self.profile_combo = QComboBox()
        self.profile_combo.setMinimumWidth(200)
        self.profile_combo.setAccessibleName(self.tr("Provider"))
        self.profile_combo.setPlaceholderText(self.tr("No provider yet"))
        self.profile_combo.currentIndexChanged.connect(self._profile_chosen)
        bar.addWidget(self.profile_combo)
        self.settings_action = QAction(self.tr("Settings…"), self)
        preferences = QKeySequence(QKeySequence.StandardKey.Preferences)
        # Not every platform has a standard key for settings (Linux desktops often not).
        self.settings_action.setShortcut(
            preferences if not preferences.isEmpty() else QKeySequence("Ctrl+,")
        )
        self.settings_action.triggered.connect(lambda: self.open_settings())
        bar.addAction(self.settings_action)

    def _action(
        self, text: str, slot: Callable[[], object], shortcut: str | None = None, tip: str = ""
    ) -> QAction:
        action = QAction(text, self)
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.setToolTip(tip or text)
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    def _build_actions(self) -> None:
        self.act_copy_id = self._action(self.tr("Copy task ID"), self.copy_ids, "Ctrl+Shift+C")
        self.act_copy_links = self._action(
            self.tr("Copy output link"), self.copy_links, "Ctrl+Shift+L"
        )
        self.act_open = self._action(
            self.tr("Open output"),
            self.open_outputs,
            "Ctrl+O",
            self.tr("Open the output with this computer's player"),
        )
        self.act_retry = self._action(
            self.tr("Retry"),
            self.retry,
            "Ctrl+R",
            self.tr("Submit the same request again as a new task"),
        )
        self.act_reuse = self._action(
            self.tr("Reuse settings"),
            self.reuse,
            "Ctrl+U",
            self.tr("Load this task's request into the form"),
        )
        self.act_check = self._action(self.tr("Check now"), self.check_now, "F5")
        self.act_stop = self._action(self.tr("Stop watching"), self.stop_watching)
        self.act_delete = self._action(
            self.tr("Delete…"), self.delete_selected, "Del", self.tr("Remove from the history")
        )
        self.act_find = self._action(self.tr("Search"), lambda: self.search.setFocus(), "Ctrl+F")
        self.act_save_as = self._action(
            self.tr("Save as…"),
            self.save_as,
            "Ctrl+S",
            self.tr("Save a copy of the output elsewhere"),
        )
        self.act_save_all = self._action(
            self.tr("Save all to folder…"), self.save_all, "Ctrl+Shift+S"
        )
        self.act_show_folder = self._action(self.tr("Show in folder"), self.show_in_folder)
        self.act_copy_image = self._action(self.tr("Copy image"), self.copy_image)
        self.act_library = self._action(self.tr("Open library folder"), self.open_library)
        self.act_reuse_file = self._action(
            self.tr("Reuse settings from a file…"),
            self.reuse_from_file,
            None,
            self.tr("Load the settings saved beside an output (its .json file)"),
        )
        self.act_next = self._action(
            self.tr("Next task"), lambda: self._step_selection(1), "Alt+Down"
        )
        self.act_previous = self._action(
            self.tr("Previous task"), lambda: self._step_selection(-1), "Alt+Up"
        )
        self.act_quit = self._action(self.tr("Quit"), self.close, "Ctrl+Q")
        self.act_shortcuts = self._action(self.tr("Keyboard shortcuts"), self.show_shortcuts, "F1")
        self.act_about = self._action(self.tr("About GenStudio"), self.show_about)

    def _build_menus(self) -> None:
        """Every action is in a menu as well: reachable with the keyboard alone."""
        bar = self.menuBar()
        bar.addMenu(self.tr("&File")).addActions(
            [self.act_reuse_file, self.act_library, self.settings_action, self.act_quit]
        )
        tasks = bar.addMenu(self.tr("&Tasks"))
        for action in (
            self.act_retry,
            self.act_reuse,
            self.act_check,
            self.act_stop,
            None,
            self.act_open,
            self.act_show_folder,
            self.act_save_as,
            self.act_save_all,
            self.act_copy_links,
            self.act_copy_id,
            self.act_copy_image,
            None,
            self.act_delete,
        ):
            if action is None:
                tasks.addSeparator()
            else:
                tasks.addAction(action)
        self.act_gallery = QAction(self.tr("Gallery"), self)
        self.act_gallery.setCheckable(True)
        self.act_gallery.toggled.connect(self.show_gallery)
        self.view_toggle.toggled.connect(self.act_gallery.setChecked)
        view = bar.addMenu(self.tr("&View"))
        view.addActions([self.act_gallery, self.act_find, self.act_next, self.act_previous])
        help_menu = bar.addMenu(self.tr("&Help"))
        help_menu.addActions([self.act_shortcuts, self.act_about])

    def shortcut_rows(self) -> list[tuple[str, str]]:
        actions = [
            self.act_retry,
            self.act_reuse,
            self.act_check,
            self.act_open,
            self.act_save_as,
            self.act_save_all,
            self.act_copy_links,
            self.act_copy_id,
            self.act_delete,
            self.act_find,
            self.act_next,
            self.act_previous,
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

    def _step_selection(self, step: int) -> None:
        """Next or previous task in the table, from anywhere in the window."""
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

    def _build_workspace(self) -> QWidget:
        self.form = GenerationForm(lambda: int(self.prefs.max_image_mb * 1024 * 1024))
        self.form.set_recent_models(self.prefs.recent_models)
        self.form.restore(self.prefs.last_form)
        self.form.submit_requested.connect(self.submit)
        form_scroll = QScrollArea()
        form_scroll.setWidget(self.form)
        form_scroll.setWidgetResizable(True)
        form_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        form_scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # a frame; Tab goes to the fields
        form_scroll.setMinimumWidth(self.form.minimumSizeHint().width() + 24)

        table_panel = QWidget()
        table_layout = QVBoxLayout(table_panel)
        table_layout.setContentsMargins(0, 0, 0, 0)
        filters = QHBoxLayout()
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Search prompts, models, task IDs…"))
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName(self.tr("Search tasks"))
        self.search.textChanged.connect(self.proxy.set_search)
        self.status_filter = QComboBox()
        self.status_filter.setAccessibleName(self.tr("Show tasks"))
        for label, states in _filters():
            self.status_filter.addItem(label, states)
        self.status_filter.currentIndexChanged.connect(
            lambda i: self.proxy.set_states(self.status_filter.itemData(i))
        )
        self.gallery_kind = QComboBox()
        self.gallery_kind.setAccessibleName(self.tr("Show kinds"))
        for label, value in (
            (self.tr("All kinds"), None),
            (self.tr("Images"), "images"),
            (self.tr("Videos"), "videos"),
            (self.tr("Audio"), "audio"),
        ):
            self.gallery_kind.addItem(label, value)
        self.gallery_kind.hide()
        self.view_toggle = QToolButton()
        self.view_toggle.setText(self.tr("Gallery"))
        self.view_toggle.setCheckable(True)
        self.view_toggle.setToolTip(
            self.tr("Switch between the task table and a gallery of finished outputs (Ctrl+G)")
        )
        self.view_toggle.setShortcut(QKeySequence("Ctrl+G"))
        filters.addWidget(self.search, 1)
        filters.addWidget(self.status_filter)
        filters.addWidget(self.gallery_kind)
        filters.addWidget(self.view_toggle)
        table_layout.addLayout(filters)

        actions = QToolBar()
        actions.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        for action in (
            self.act_retry,
            self.act_reuse,
            self.act_check,
            self.act_copy_links,
            self.act_open,
            self.act_stop,
            self.act_delete,
        ):
            actions.addAction(action)
        table_layout.addWidget(actions)

        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.setWordWrap(False)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(28)
        self.table.setItemDelegateForColumn(Column.PROGRESS, ProgressDelegate(self.table))
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._context_menu)
        self.table.setAccessibleName(self.tr("Tasks"))
        header = self.table.horizontalHeader()
        # Not setSortingEnabled(): newest first is the model's own order, so opening a
        # large history sorts nothing; clicking a header sorts through the proxy.
        header.setSectionsClickable(True)
        header.setSortIndicatorShown(True)
        header.setSortIndicator(Column.CREATED, Qt.SortOrder.DescendingOrder)
        header.sortIndicatorChanged.connect(self._sort_changed)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(Column.PROMPT, QHeaderView.ResizeMode.Stretch)
        for column, width in (
            (Column.CREATED, 66),
            (Column.SCOPE, 40),
            (Column.MODEL, 96),
            (Column.STATUS, 112),
            (Column.PROGRESS, 96),  # room for "Saving 100%"
            (Column.ELAPSED, 60),
            (Column.TASK_ID, 84),
        ):
            self.table.setColumnWidth(column, width)
        # The task ID is for support questions, not for making things: hidden until
        # asked for from the header's menu (the details pane always shows it).
        header.setSectionHidden(Column.TASK_ID, True)
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(self._header_menu)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.table.doubleClicked.connect(lambda _i: self.open_outputs())
        self.gallery_model = GalleryModel(self.thumbnails, self.background, self)
        self.gallery_proxy = GalleryFilter(self)
        self.gallery_proxy.setSourceModel(self.gallery_model)
        self.gallery = GalleryView()
        self.gallery.setModel(self.gallery_proxy)
        self.gallery.doubleClicked.connect(self._gallery_open)
        self.search.textChanged.connect(self.gallery_proxy.set_search)
        self.gallery_kind.currentIndexChanged.connect(
            lambda i: self.gallery_proxy.set_scope(self.gallery_kind.itemData(i))
        )
        self.views = QStackedWidget()
        self.views.addWidget(self.table)
        self.views.addWidget(self.gallery)
        self.view_toggle.toggled.connect(self.show_gallery)
        table_layout.addWidget(self.views, 1)

        self.details = TaskDetails()
        self.details.resubmit_requested.connect(
            lambda i: self.background.start(self.service.resubmit(i), "resubmit")
        )
        self.details.dismiss_requested.connect(lambda i: self.service.dismiss([i]))
        self.details.check_requested.connect(lambda i: self.service.check_now([i]))
        self.details.save_again_requested.connect(lambda i: self.service.save_again([i]))

        form_panel = QWidget()
        form_layout = QVBoxLayout(form_panel)
        form_layout.setContentsMargins(0, 0, 0, 0)
        form_layout.setSpacing(0)
        form_layout.addWidget(form_scroll, 1)
        form_layout.addWidget(self.form.footer)

        # The previewer above the details: what a creator came for comes first.
        self.preview = MediaPreview()
        self.side = QSplitter(Qt.Orientation.Vertical)
        self.side.addWidget(self.preview)
        self.side.addWidget(self.details)
        self.side.setSizes([480, 320])

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(form_panel)
        self.splitter.addWidget(table_panel)
        self.splitter.addWidget(self.side)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([330, 720, 350])
        self.splitter.setCollapsible(0, False)
        self.splitter.setCollapsible(1, False)
        return self.splitter

    # -- profiles --------------------------------------------------------------------------

    def refresh_profiles(self) -> None:
        self.profile_combo.blockSignals(True)
        self.profile_combo.clear()
        for profile in self.prefs.profiles:
            label = self.tr("Demo (built-in simulator)") if profile.demo else profile.name
            self.profile_combo.addItem(label, profile.name)
        index = self.profile_combo.findData(self.prefs.current_profile)
        if index < 0 and self.prefs.profiles:
            index = 0
            self.prefs.current_profile = self.prefs.profiles[0].name
        self.profile_combo.setCurrentIndex(index)
        self.profile_combo.blockSignals(False)
        has_profiles = bool(self.prefs.profiles)
        has_history = bool(self.service.records)
        self.stack.setCurrentIndex(1 if has_profiles or has_history else 0)
        current = self.prefs.profile(self.prefs.current_profile)
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
            self.setWindowTitle(self.tr("GenStudio — Demo"))
        else:
            self.demo_banner.hide()
            self.setWindowTitle("GenStudio")
        self.keys.check_profile(self.prefs.current_profile)

    def _profile_chosen(self, index: int) -> None:
        self.prefs.current_profile = self.profile_combo.itemData(index)
        self._save_prefs()
        self.refresh_profiles()

    def open_settings(self, new_profile: bool = False) -> None:
        dialog = SettingsDialog(self.prefs, self.vault, self, new_profile=new_profile)
        if dialog.exec() != SettingsDialog.DialogCode.Accepted:
            return
        self._save_prefs()
        self.service.policy = self.service.policy.with_deadline_minutes(self.prefs.deadline_minutes)
        for name in dialog.result_info.changed_profiles:
            self.service.key_updated(name)
        self.refresh_profiles()
        self.statusBar().showMessage(self.tr("Settings saved."), 5000)

    def _try_demo(self) -> None:
        if self._start_demo is None:
            return
        start = self._start_demo

        async def go() -> None:
            profile = await start()
            self.prefs.current_profile = profile.name
            self.refresh_profiles()
            self.form.prompt.setFocus()

        self.background.start(go(), "start demo")

    # -- submitting ------------------------------------------------------------------------

    def submit(self, request: GenerationRequest) -> None:
        profile = self.prefs.current_profile
        if profile is None or self.prefs.profile(profile) is None:
            self.show_banner(
                self.tr("Add a provider first: GenStudio needs its address and your API key."),
                "warning",
                self.tr("Add provider"),
            )
            return
        if not self.keys.ensure_key(profile):
            return  # cancelled: the form stays as it is, nothing is sent
        self.prefs.remember_model(request.scope.value, request.model)
        self.prefs.last_form = self.form.state()
        self.form.set_recent_models(self.prefs.recent_models)
        self._save_prefs()
        self.background.start(self.service.submit(profile, request), "submit")
        self.statusBar().showMessage(self.tr("Sent to %1.").replace("%1", profile), 4000)

    # -- service events --------------------------------------------------------------------

    def _on_event(self, event: TaskEvent) -> None:
        self.model.apply(event)
        self.gallery_model.apply(event)
        if event.kind == "added" and self.stack.currentIndex() == 0:
            self.stack.setCurrentIndex(1)
        if event.kind == "changed":
            for record in event.records:
                self.details.refresh(record)
                if self.details.record is not None and self.details.record.id == record.id:
                    self.preview.show_record(record)
        elif event.kind == "removed":
            self._selection_changed()

    def _on_notice(self, notice: Notice) -> None:
        self.statusBar().showMessage(notice.text, 10000)
        if notice.level == "error":
            self.show_banner(notice.text, "error", self.tr("Details"), notice.details)

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
        else:
            self.open_settings(new_profile=not self.prefs.profiles)

    # -- selection and actions ---------------------------------------------------------------

    def selected_records(self) -> list[TaskRecord]:
        rows = self.table.selectionModel().selectedRows()
        records = [index.data(RECORD_ROLE) for index in rows]
        return [r for r in records if isinstance(r, TaskRecord)]

    def _selection_changed(self, *_: QItemSelection) -> None:
        records = self.selected_records()
        self.details.show_records(records)
        self.preview.show_record(records[0] if len(records) == 1 else None)
        any_sel = bool(records)
        with_id = [r for r in records if r.task_id]
        self.act_copy_id.setEnabled(bool(with_id))
        self.act_copy_links.setEnabled(any(r.outputs for r in records))
        self.act_open.setEnabled(any(r.outputs for r in records))
        saved = [r for r in records if _saved_paths(r)]
        self.act_save_as.setEnabled(len(records) == 1 and bool(saved))
        self.act_save_all.setEnabled(bool(saved))
        self.act_show_folder.setEnabled(bool(saved))
        self.act_copy_image.setEnabled(
            len(records) == 1 and bool(saved) and records[0].request.scope is Scope.IMAGES
        )
        self.act_retry.setEnabled(any_sel)
        self.act_reuse.setEnabled(len(records) == 1)
        self.act_check.setEnabled(
            any(
                (r.task_id and not r.state.is_final)
                or r.state in (TaskState.STOPPED, TaskState.NO_OUTPUT)
                for r in records
            )
        )
        self.act_stop.setEnabled(
            any(
                r.state.is_polled or r.state in (TaskState.TIMED_OUT, TaskState.KEY_REFUSED)
                for r in records
            )
        )
        self.act_delete.setEnabled(any_sel)

    def _context_menu(self, pos: QPoint) -> None:
        self._selection_changed()
        menu = QMenu(self)
        for action in (
            self.act_copy_id,
            self.act_copy_links,
            self.act_open,
            self.act_show_folder,
            self.act_save_as,
            self.act_save_all,
            self.act_copy_image,
            None,
            self.act_retry,
            self.act_reuse,
            self.act_check,
            self.act_stop,
            None,
            self.act_delete,
        ):
            if action is None:
                menu.addSeparator()
            else:
                menu.addAction(action)
        menu.popup(self.table.viewport().mapToGlobal(pos))

    def _header_menu(self, pos: QPoint) -> None:
        self.column_menu().popup(self.table.horizontalHeader().mapToGlobal(pos))

    def column_menu(self) -> QMenu:
        """Which columns to show; the prompt always stays."""
        header = self.table.horizontalHeader()
        menu = QMenu(self)
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        for column in Column:
            if column is Column.PROMPT:
                continue
            title = self.model.headerData(column, Qt.Orientation.Horizontal)
            action = menu.addAction(str(title))
            action.setCheckable(True)
            action.setChecked(not header.isSectionHidden(column))
            action.toggled.connect(lambda shown, c=column: header.setSectionHidden(c, not shown))
        return menu

    # -- saved files -------------------------------------------------------------------------

    def save_as(self) -> None:
        records = self.selected_records()
        paths = _saved_paths(records[0]) if len(records) == 1 else []
        if not paths:
            return
        source = Path(paths[0])
        target, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save as"), str(Path.home() / source.name)
        )
        if target:
            self._copy_files([source], Path(target).parent, Path(target).name)

    def save_all(self) -> None:
        sources = [Path(p) for r in self.selected_records() for p in _saved_paths(r)]
        if not sources:
            return
        folder = QFileDialog.getExistingDirectory(
            self, self.tr("Save all to folder"), str(Path.home())
        )
        if folder:
            self._copy_files(sources, Path(folder))

    def _copy_files(self, sources: list[Path], folder: Path, name: str | None = None) -> None:
        try:
            for source in sources:
                shutil.copy2(source, folder / (name or source.name))
        except OSError as exc:
            self.show_banner(
                self.tr("Could not copy %1: %2")
                .replace("%1", source.name)
                .replace("%2", exc.strerror or str(exc)),
                "error",
            )
            return
        self.statusBar().showMessage(
            self.tr("Copied %n file(s) to %1.", "", len(sources)).replace("%1", str(folder)), 6000
        )

    def show_in_folder(self) -> None:
        for record in self.selected_records():
            paths = _saved_paths(record)
            if paths:
                QDesktopServices.openUrl(QUrl.fromLocalFile(str(Path(paths[0]).parent)))
                return

    def copy_image(self) -> None:
        records = self.selected_records()
        paths = _saved_paths(records[0]) if len(records) == 1 else []
        image = QImage(paths[0]) if paths else QImage()
        if not image.isNull():
            QGuiApplication.clipboard().setImage(image)
            self.statusBar().showMessage(self.tr("Image copied."), 4000)

    def open_library(self) -> None:
        if self._library is None:
            return
        folder = self._library(self.form.scope)
        folder.mkdir(parents=True, exist_ok=True)
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))

    def reuse_from_file(self, path: Path | None = None) -> None:
        if path is None:
            chosen, _ = QFileDialog.getOpenFileName(
                self,
                self.tr("Reuse settings"),
                str(Path.home()),
                self.tr("GenStudio sidecars (*.json)"),
            )
            if not chosen:
                return
            path = Path(chosen)
        try:
            request = read_sidecar(path)
        except SidecarError as exc:
            self.show_banner(str(exc), "warning")
            return
        self.form.load_request(request)
        self.statusBar().showMessage(
            self.tr("Settings loaded from %1.").replace("%1", path.name), 5000
        )

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if any(
            url.isLocalFile() and url.toLocalFile().endswith(".json")
            for url in event.mimeData().urls()
        ):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        for url in event.mimeData().urls():
            if url.isLocalFile() and url.toLocalFile().endswith(".json"):
                self.reuse_from_file(Path(url.toLocalFile()))
                event.acceptProposedAction()
                return

    def copy_ids(self) -> None:
        ids = [r.task_id for r in self.selected_records() if r.task_id]
        if ids:
            QGuiApplication.clipboard().setText("\n".join(ids))
            self.statusBar().showMessage(self.tr("Copied %n task ID(s).", "", len(ids)), 4000)

    def copy_links(self) -> None:
        links = [url for r in self.selected_records() for url in r.outputs]
        if links:
            QGuiApplication.clipboard().setText("\n".join(links))
            self.statusBar().showMessage(self.tr("Copied %n link(s).", "", len(links)), 4000)

    def open_outputs(self) -> None:
        for record in self.selected_records():
            saved = [f.path for f in record.files if f.state is FileState.SAVED and f.path]
            if saved:  # the local copy first: the link may have expired
                QDesktopServices.openUrl(QUrl.fromLocalFile(saved[0]))
            elif record.outputs:
                QDesktopServices.openUrl(QUrl(record.outputs[0]))

    def retry(self) -> None:
        ids = [r.id for r in self.selected_records()]
        if ids:
            self.background.start(self.service.retry(ids), "retry")

    def reuse(self) -> None:
        records = self.selected_records()
        if len(records) == 1:
            self.form.load_request(records[0].request)
            self.form.prompt.setFocus()
            self.statusBar().showMessage(self.tr("Settings loaded into the form."), 4000)

    def check_now(self) -> None:
        self.service.check_now(r.id for r in self.selected_records())

    def stop_watching(self) -> None:
        self.service.stop_watching(r.id for r in self.selected_records())
        self._selection_changed()

    def delete_selected(self, confirm: bool = True) -> None:
        records = self.selected_records()
        if not records:
            return
        if confirm:
            answer = QMessageBox.question(
                self,
                self.tr("Delete from history"),
                self.tr(
                    "Delete %n task(s) from the history? Results already made stay at "
                    "the provider until their links expire.",
                    "",
                    len(records),
                ),
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
        self.service.delete(r.id for r in records)
        self.statusBar().showMessage(self.tr("Deleted %n task(s).", "", len(records)), 4000)

    def show_history(self, records: list[TaskRecord]) -> None:
        """The history as loaded at start, newest first."""
        self.model.set_records(records)
        self.gallery_model.set_records(records)
        self.notifier.remember(records)

    def show_gallery(self, shown: bool) -> None:
        self.views.setCurrentWidget(self.gallery if shown else self.table)
        self.gallery_kind.setVisible(shown)
        self.status_filter.setVisible(not shown)
        if self.view_toggle.isChecked() != shown:
            self.view_toggle.setChecked(shown)

    def _gallery_open(self, index: QModelIndex) -> None:
        record = index.data(GALLERY_RECORD_ROLE)
        if not isinstance(record, TaskRecord):
            return
        row = self.model.row_of(record.id)
        if row is not None:
            proxy_index = self.proxy.mapFromSource(self.model.index(row, 0))
            self.table.selectRow(proxy_index.row())  # the previewer follows the selection
        self.details.show_records([record])
        self.preview.show_record(record)

    def _sort_changed(self, column: int, order: Qt.SortOrder) -> None:
        if column == Column.CREATED and order == Qt.SortOrder.DescendingOrder:
            self.proxy.sort(-1)  # back to the model's own order: newest first
        else:
            self.proxy.sort(column, order)

    # -- layout persistence -------------------------------------------------------------------

    def _restore_layout(self) -> None:
        if self.prefs.window_geometry:
            self.restoreGeometry(_unb64(self.prefs.window_geometry))
        if self.prefs.splitter_state:
            self.splitter.restoreState(_unb64(self.prefs.splitter_state))
        if self.prefs.side_splitter_state:
            self.side.restoreState(_unb64(self.prefs.side_splitter_state))
        header = self.table.horizontalHeader()
        if self.prefs.table_header_state:
            header.restoreState(_unb64(self.prefs.table_header_state))
        self._sort_changed(header.sortIndicatorSection(), header.sortIndicatorOrder())

    def remember_layout(self) -> None:
        self.prefs.window_geometry = _b64(self.saveGeometry())
        self.prefs.splitter_state = _b64(self.splitter.saveState())
        self.prefs.side_splitter_state = _b64(self.side.saveState())
        self.prefs.table_header_state = _b64(self.table.horizontalHeader().saveState())
        self.prefs.last_form = self.form.state()

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
