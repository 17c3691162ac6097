"""The main window assembles the workspace and wires it to the task service.

It can be built and painted before the service exists (``attach`` gives it the service):
the app paints it before asyncio, the history and the task layer load.

It decides nothing: which action applies when is ``tasks.actions``; the layout is
``workspace``; the task actions ``task_actions``; the toolbar, menus and Help
``menus``; saved files ``file_actions``; providers and settings ``provider_flow``;
delete and undo ``delete_undo``; the selection ``selection``; the layout between runs
``layout_memory``. Every change
arrives as a service event and flows one way into the models and panes.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtWidgets import (
    QMainWindow,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from genstudio.api.catalog import CatalogLoad, load_catalog
from genstudio.printable import printable
from genstudio.tasks.actions import Action
from genstudio.ui.banner import Banner
from genstudio.ui.dialogs.key_prompt import KeyPrompt
from genstudio.ui.empty_state import EmptyState
from genstudio.ui.form.generation_form import GenerationForm
from genstudio.ui.icons import app_icon
from genstudio.ui.notifier import TaskNotifier
from genstudio.ui.tasklist.gallery import GalleryModel
from genstudio.ui.tasklist.task_delegates import warm_up
from genstudio.ui.tasklist.task_table import TaskTableModel
from genstudio.ui.tasklist.thumbnail_icons import ThumbnailIcons
from genstudio.ui.tasklist.thumbnail_maker import ThumbnailMaker
from genstudio.ui.window.deferred import AfterFirstPaint
from genstudio.ui.window.delete_undo import DeleteUndo
from genstudio.ui.window.file_actions import FileActions
from genstudio.ui.window.layout_memory import fit_screen, remember_layout, restore_layout
from genstudio.ui.window.menus import WindowMenus
from genstudio.ui.window.money_flow import MoneyFlow
from genstudio.ui.window.provider_flow import ProviderFlow
from genstudio.ui.window.selection import TaskSelection
from genstudio.ui.window.task_actions import TaskActions
from genstudio.ui.window.workspace import Workspace

if TYPE_CHECKING:
    from PySide6.QtCore import QPoint
    from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDropEvent

    from genstudio.api.kinds import Scope
    from genstudio.api.request import GenerationRequest
    from genstudio.settings.key_store import KeyVault
    from genstudio.settings.preferences import Preferences, Profile
    from genstudio.tasks.account import AccountInfo
    from genstudio.tasks.background import BackgroundTasks
    from genstudio.tasks.events import Notice, TaskEvent
    from genstudio.tasks.record import TaskRecord
    from genstudio.tasks.service import TaskService
    from genstudio.ui.preview.media_preview import MediaPreview

QUIT_WAIT_SECONDS = 5  # how long quitting waits for the answer to a job being sent
UNDO_SHOWN_MS = 15000  # the status bar's Undo button, after a delete


class MainWindow(QMainWindow):
    def __init__(
        self,
        service: TaskService | None,
        prefs: Preferences,
        vault: KeyVault,
        save_prefs: Callable[[], None],
        start_demo: Callable[[], Awaitable[Profile]] | None = None,
        background: BackgroundTasks | None = None,
        library: Callable[[Scope], Path] | None = None,
        thumbnail_cache: Path | None = None,
        account: AccountInfo | None = None,
        catalog: CatalogLoad | None = None,
    ) -> None:
        super().__init__()
        # attach(); None while the window paints, its after-paint jobs held till then.
        self._service: TaskService | None = service
        self.prefs = prefs
        self.vault = vault
        self._save_prefs = save_prefs
        # Not "or": an empty BackgroundTasks is falsy (it has a length).
        if background is None:
            from genstudio.tasks.background import BackgroundTasks

            background = BackgroundTasks()
        self.background = background
        # The keyring and the provider are asked only once the window is on the screen.
        self.startup = AfterFirstPaint(self)
        if service is None:  # they need the service: the app releases them with its loop
            self.startup.hold()
        self.thumbnails = ThumbnailMaker(thumbnail_cache) if thumbnail_cache else None
        self.setAcceptDrops(True)  # a sidecar dropped on the window loads its settings
        self.setWindowTitle("GenStudio")
        self.setWindowIcon(app_icon())
        self.resize(1400, 860)

        # Models and the form, then the actions over them, then the layout.
        icons = ThumbnailIcons(self.thumbnails, self.background, self)
        # Searches and filters are read off the GUI thread: typing never waits for them.
        self.model = TaskTableModel(None, self, icons, background=True)
        self.gallery_model = GalleryModel(None, parent=self, icons=icons, read_later=True)
        self.form = GenerationForm(lambda: int(self.prefs.max_image_mb * 1024 * 1024))
        self.form.set_recent_models(self.prefs.recent_models)
        self.form.restore(self.prefs.last_form)
        self.form.submit_requested.connect(self.submit)
        self.form.submit_refused.connect(self.say)
        self.undo = DeleteUndo(lambda: self.service, self)
        self.files = FileActions(self, self.form, self.say, self._warn, library)
        self.actions_ = TaskActions(
            self,
            lambda: self.service,
            self.background,
            lambda: self.selected_records(),
            self.form,
            self.files,
            self.undo,
            self.say,
            lambda records: self.money.approve_again(records),
            lambda: ([p.name for p in self.prefs.profiles], self.prefs.current_profile),
        )
        self.actions_.task_imported.connect(self.bring_task_into_view)
        self.workspace = Workspace(
            self.form, self.model, self.gallery_model, self.actions_.toolbar()
        )
        self._expose_parts()
        self.selection = TaskSelection(self.workspace, lambda i: self.service.record(i), self)
        self.selection.changed.connect(self._selection_changed)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._context_menu)
        self.gallery.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.gallery.customContextMenuRequested.connect(self._context_menu)
        self.table.doubleClicked.connect(lambda _i: self.actions_.run(Action.OPEN))
        self.gallery.doubleClicked.connect(lambda _i: self.actions_.run(Action.OPEN))
        self.view_toggle.toggled.connect(self.show_gallery)

        self.menus = WindowMenus(self)
        self.profile_combo = self.menus.profile_combo
        central = QWidget()
        outer = QVBoxLayout(central)
        outer.setContentsMargins(6, 6, 6, 0)
        self.demo_banner = Banner(closable=False)
        self.banner = Banner()
        self.banner.action_clicked.connect(self._banner_action)
        self._banner_details = ""
        # Saving paused for room has a banner of its own: it goes when saving resumes.
        self.save_banner = Banner(closable=False)
        outer.addWidget(self.demo_banner)
        outer.addWidget(self.save_banner)
        outer.addWidget(self.banner)
        self.stack = QStackedWidget()
        self.empty = EmptyState()
        self.stack.addWidget(self.empty)
        self.stack.addWidget(self.workspace)
        outer.addWidget(self.stack, 1)
        self.setCentralWidget(central)
        self.central = central
        self._build_status_bar()

        self.keys = KeyPrompt(
            lambda: self.service, prefs, vault, self.banner, self.say, self, held=True
        )
        self.providers = ProviderFlow(
            self,
            lambda: self._service,
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
        catalog = catalog or load_catalog()
        if account is None:
            from genstudio.tasks.account import AccountInfo

            account = AccountInfo(self._require(service).clients, prefs.profile)
        self.money = MoneyFlow(self, account, catalog.catalog)
        self.providers.shown.connect(self.money.profile_changed)
        self.providers.edited.connect(self.money.provider_edited)
        self.providers.models_learned.connect(self.money.account.note_models)
        self.providers.model_names = self.money.model_names()
        self.keys.models_learned.connect(self.money.account.note_models)
        self.keys.key_saved.connect(lambda name: self.money.provider_edited({name}))
        self.menus.build()
        if catalog.problems:
            self.show_banner(catalog.problems[0], "warning")

        self.notifier = TaskNotifier(
            app_icon(),
            lambda: self.prefs.notify_when_done,
            self.isActiveWindow,
            self.bring_task_into_view,
            self,
        )
        self._closing = False
        restore_layout(self)
        self.refresh_profiles()
        self._selection_changed()
        self.startup.later(lambda: fit_screen(self))  # its frame is known once painted
        self.startup.later(self.notifier.show_tray)
        self.startup.later(self.workspace.build_preview)  # before a first click asks for it
        self.startup.later(self._after_first_paint)
        self.startup.later(lambda: warm_up(self.workspace.table))
        if service is not None:
            self.attach(service)

    @property
    def service(self) -> TaskService:
        return self._require(self._service)

    @staticmethod
    def _require(service: TaskService | None) -> TaskService:
        if service is None:  # only a caller that broke attach's order gets here
            raise RuntimeError("the window has no task service yet")
        return service

    def attach(self, service: TaskService) -> None:
        """The task service, once the history is open: the app paints the window first
        (built with no service, and given its account) and attaches before the window
        takes any input; a window built with its service is attached as it is built.
        Nothing here reads the history (it is not loaded yet): the app refreshes the
        providers' view and the list once it is (``show_history``)."""
        self._service = service
        self.model.set_history(service.history)
        self.gallery_model.set_history(service.history)
        if service.saver is not None:
            from genstudio.ui.window.save_pause_banner import SavePauseBanner  # with the service

            SavePauseBanner(service.saver, self.save_banner, self)
        service.on_key_problem(self.keys.key_problem)
        service.subscribe(self.money.task_event)
        service.subscribe(self._on_event)
        service.subscribe(self.notifier.apply)
        service.on_notice(self._on_notice)

    def _after_first_paint(self) -> None:
        """The current provider's key from the keyring (its banner when missing), then
        what the provider says of it: models, prices, balance."""
        if not self.isVisible():  # closed before this turn came: the app is stopping
            return
        import asyncio

        try:
            asyncio.get_running_loop()
        except RuntimeError:  # a window built outside the app's loop: at once, here
            self.keys.held = False
            self.keys.check_profile(self.prefs.current_profile)
            self.money.release()
            return

        async def read_key_then_ask_provider() -> None:
            await self.keys.check_off_thread(self.prefs.current_profile)
            await self.service.clients.load()
            self.money.release()

        self.background.start(read_key_then_ask_provider(), "after the first paint")

    # -- building ----------------------------------------------------------------------------

    def _expose_parts(self) -> None:
        """Short names for the parts other code and tests reach for."""
        ws = self.workspace
        self.proxy, self.gallery_proxy = ws.proxy, ws.gallery_proxy
        self.table, self.gallery, self.views = ws.table, ws.gallery, ws.views
        self.search, self.status_filter = ws.search, ws.status_filter
        self.gallery_kind, self.view_toggle = ws.gallery_kind, ws.view_toggle
        self.details = ws.details
        self.splitter, self.side = ws, ws.side
        self.details.action_requested.connect(self.actions_.run)

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
            from PySide6.QtWidgets import QMessageBox  # not before the first paint

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
        text = printable(notice.text)  # it may quote a server: escape sequences shown escaped
        self.statusBar().showMessage(text, 10000)
        if notice.level == "error":
            self.show_banner(text, "error", self.tr("Details"), printable(notice.details))

    # -- providers -----------------------------------------------------------------------------

    def refresh_profiles(self) -> None:
        self.providers.refresh()

    def save_settings(self) -> None:
        self._save_prefs()

    def open_settings(self) -> None:
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
        approved, price = self.money.approve(profile, request)
        if not approved:
            return  # refused over a cap, or the user said no: the form stays as it is
        self.form.set_recent_models(self.prefs.recent_models)
        self._save_prefs()
        self.background.start(self.service.submit(profile, request, price), "submit")
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
            if any(r.id in set(self.selection.ids()) for r in event.records):
                self.actions_.update()
        elif event.kind == "removed":
            self._selection_changed()

    # -- selection -------------------------------------------------------------------------------

    def selected_records(self) -> list[TaskRecord]:
        return self.selection.records()

    @property
    def preview(self) -> MediaPreview:
        return self.workspace.preview

    def _selection_changed(self) -> None:
        records = self.selected_records()
        self.details.show_records(records)
        if len(records) == 1 or self.workspace.preview_built:  # else its pane says so
            self.preview.show_record(records[0] if len(records) == 1 else None)
        self.actions_.update()

    def _context_menu(self, pos: QPoint) -> None:
        view = self.gallery if self.workspace.gallery_shown else self.table
        self.actions_.context_menu().popup(view.viewport().mapToGlobal(pos))

    def bring_task_into_view(self, local_id: int) -> None:
        """From a notification: the window to the front with the task selected."""
        self.showNormal()
        self.raise_()
        self.activateWindow()
        self.selection.select_task(local_id)

    def show_gallery(self, shown: bool) -> None:
        self.workspace.show_gallery(shown)

    def show_history(self, records: list[TaskRecord]) -> None:
        """The history at start, newest first: the list reads the rows it shows from the
        file; ``records`` are the tasks the service works on (their news is notified)."""
        self.model.refresh()
        if self.workspace.gallery_shown:
            self.gallery_model.refresh()
        self.notifier.remember(records)

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

    def remember_layout(self) -> None:
        remember_layout(self)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:  # e.g. the system turned dark
            self.banner.restyle()
            self.demo_banner.restyle()
            self.save_banner.restyle()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._service is not None and self._service.sending and not self._closing:
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
        if self.workspace.preview_built:
            self.preview.release_media()
        self.money.stop()  # no balance check after the clients are closed
        super().closeEvent(event)

    async def _close_after_sends(self) -> None:
        await self.service.wait_for_sends(QUIT_WAIT_SECONDS)
        self.close()
