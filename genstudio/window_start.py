"""Before the event loop: what the window needs, and the window itself, painted first.

``prepare`` does what every start does before a window (the collector, logging, the
settings and their language, the one-window-per-history guard). ``paint_first`` builds
the window without its task service and paints it: asyncio, the history and the task
layer load after that paint (``open_first`` gives the window its service before the
event loop hands it any input). They were about a sixth of an empty start's time to its
first paint: 427 -> 353 ms (10 launches each, medians, alternating with the old order;
305 -> 277 ms in a faster hour, 14 launches each).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWidgets import QApplication

from genstudio.api.kinds import Scope
from genstudio.i18n import translate
from genstudio.settings import paths
from genstudio.settings.key_store import KeyVault
from genstudio.settings.preferences import Preferences, load_preferences, save_preferences

if TYPE_CHECKING:
    from genstudio.api.catalog import CatalogLoad
    from genstudio.demo import Demo
    from genstudio.single_instance import InstanceGuard
    from genstudio.tasks.account import AccountInfo
    from genstudio.tasks.background import BackgroundTasks
    from genstudio.tasks.clients import ClientPool
    from genstudio.tasks.service import TaskService
    from genstudio.tasks.store import HistoryError, HistoryStore
    from genstudio.ui.gc_guard import GarbageCollector
    from genstudio.ui.window.main_window import MainWindow

log = logging.getLogger("genstudio")

# A window neither painted nor past AfterFirstPaint's fallback by then: the loop starts.
FIRST_PAINT_WAIT_S = 2.0


class Start:
    """What a start has made before any window; ``close`` when the app ends.

    This module's three holders are plain classes: on Python 3.11 a dataclass compiles
    its methods from text when its module loads, 0.3-0.5 ms each before the first paint.
    """

    __slots__ = ("collector", "guard", "log_path", "prefs", "vault")

    def __init__(
        self,
        collector: GarbageCollector,
        vault: KeyVault,
        log_path: str,
        prefs: Preferences,
        guard: InstanceGuard,
    ) -> None:
        self.collector = collector
        self.vault = vault
        self.log_path = log_path
        self.prefs = prefs
        self.guard = guard

    def library_folders(self) -> list[Path]:
        """Where a repair looks for sidecars: the folders chosen now, and the default
        ones (outputs saved before a folder was chosen are there)."""
        chosen = self.prefs.library_dirs
        return [paths.library_folder(dirs, s.value) for dirs in (chosen, {}) for s in Scope]

    def save_prefs(self) -> None:
        try:
            save_preferences(self.prefs, paths.settings_path())
        except OSError as exc:
            log.warning("settings not saved: %s", exc)

    def library(self, scope: Scope) -> Path:
        return paths.library_folder(self.prefs.library_dirs, scope.value)

    def close(self) -> None:
        self.guard.release()
        self.collector.stop()


def prepare(app: QApplication, setup_logging: Callable[[KeyVault], str], demo: bool) -> Start | int:
    """The start before a window; an exit code instead when another window runs on this
    history (it took our arguments and came forward, or it does not answer)."""
    from genstudio.single_instance import InstanceGuard
    from genstudio.ui.gc_guard import GarbageCollector
    from genstudio.ui.language import install_translations

    # Qt must never stop the loop by itself when a window closes: app.run decides when
    # the app ends. A dialog before the window (a damaged history, its repair) would
    # otherwise be the "last window" and stop the loop under the next step.
    app.setQuitOnLastWindowClosed(False)
    collector = GarbageCollector(app)
    vault = KeyVault()
    log_path = setup_logging(vault)
    prefs = load_preferences(paths.settings_path())
    install_translations(app, prefs.language)  # before any widget
    guard = InstanceGuard(paths.history_path())
    if not guard.acquire():
        collector.stop()
        if guard.hand_over(["--demo"] if demo else []):
            log.info("handed over to the running GenStudio")
            return 0
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.warning(
            None,
            "GenStudio",
            translate(
                "Messages",
                "GenStudio is already running with this task history but does not answer. "
                "Close it (or end it in your task manager), then start GenStudio again.",
            ),
        )
        return 1

    def bring_dialog_forward(_args: list[str]) -> None:
        """A later launch while a dialog waits (before the window, or over it): the
        dialog comes forward, as the window does (launched_again)."""
        dialog = QApplication.activeModalWidget()
        if dialog is not None:
            dialog.raise_()
            dialog.activateWindow()

    guard.arrived.connect(bring_dialog_forward)
    return Start(collector, vault, log_path, prefs, guard)


class WindowParts:
    """What a window is built with besides its service: made before it, so that the
    window can be painted before the service exists."""

    __slots__ = ("account", "background", "catalog", "clients", "demo")

    def __init__(
        self,
        clients: ClientPool,
        background: BackgroundTasks,
        demo: Demo,
        account: AccountInfo,
        catalog: CatalogLoad,
    ) -> None:
        self.clients = clients
        self.background = background
        self.demo = demo
        self.account = account
        self.catalog = catalog

    @classmethod
    def make(cls, start: Start) -> WindowParts:
        from genstudio.api.catalog import load_catalog
        from genstudio.demo import Demo
        from genstudio.tasks.account import AccountInfo
        from genstudio.tasks.background import BackgroundTasks
        from genstudio.tasks.clients import ClientPool

        prefs = start.prefs
        clients = ClientPool(prefs.profile, start.vault)
        return cls(
            clients,
            BackgroundTasks(),
            Demo(prefs, start.vault),
            AccountInfo(clients, prefs.profile, paths.cache_dir() / "provider-facts.json"),
            load_catalog(paths.config_dir() / "models.json"),
        )

    def window(self, start: Start, service: TaskService | None) -> MainWindow:
        from genstudio.ui.window.main_window import MainWindow

        return MainWindow(
            service,
            start.prefs,
            start.vault,
            start.save_prefs,
            start_demo=self.demo.start,
            background=self.background,
            library=start.library,
            thumbnail_cache=paths.cache_dir() / "thumbnails",
            account=self.account,
            catalog=self.catalog,
        )


def paint_first(app: QApplication, start: Start, parts: WindowParts) -> MainWindow:
    """The window, shown and painted, with no service yet: what it leaves for after its
    first paint (the keyring, the provider) waits for ``startup.release``, and input
    waits in Qt's queue for the event loop."""
    window = parts.window(start, None)  # its after-paint jobs are held (no service)
    window.show()
    no_input = QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents
    wait = no_input | QEventLoop.ProcessEventsFlag.WaitForMoreEvents
    deadline = time.monotonic() + FIRST_PAINT_WAIT_S
    QTimer.singleShot(int(FIRST_PAINT_WAIT_S * 1000), lambda: None)  # wakes the last wait
    while not window.startup.painted and time.monotonic() < deadline:
        app.processEvents(wait)
    app.processEvents(no_input)  # the end of the paint's pass: it reaches the screen
    return window


class Opened:
    """The history, and the service over it the window was given before the loop."""

    __slots__ = ("service", "store")

    def __init__(self, store: HistoryStore, service: TaskService) -> None:
        self.store = store
        self.service = service


def task_service(store: HistoryStore, clients: ClientPool, start: Start) -> TaskService:
    from genstudio.tasks.policy import PollPolicy
    from genstudio.tasks.service import TaskService

    prefs = start.prefs
    return TaskService(
        store,
        clients,
        PollPolicy().with_deadline_minutes(prefs.deadline_minutes),
        library=start.library,
        max_output_bytes=lambda: int(prefs.max_output_mb * 1e6),
    )


def open_first(start: Start, parts: WindowParts, window: MainWindow) -> Opened | HistoryError:
    """The history opened and the painted window given its service, before the event
    loop starts: the loop hands the window no input before. A history that cannot be
    opened is the problem the loop asks about, with the window disabled meanwhile (the
    dialog, on it, blocks its close)."""
    from genstudio.tasks.store import HistoryError, HistoryStore

    try:
        store = HistoryStore(paths.history_path())
    except HistoryError as exc:
        log.warning("history not opened: %s", exc.problem)
        window.setEnabled(False)
        return exc
    try:
        service = task_service(store, parts.clients, start)
    except HistoryError as exc:
        store.close()
        window.setEnabled(False)
        return exc
    window.attach(service)  # reads nothing from the history: app.run loads it
    return Opened(store, service)
