"""``genstudio``: the QApplication, the qasync loop, and the wiring of every layer."""

from __future__ import annotations

import argparse
import asyncio
import gc
import logging
import logging.handlers
import os
import signal
import sys
import traceback
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, NoReturn

from genstudio import __version__
from genstudio.settings import paths
from genstudio.settings.key_store import KeyVault

if TYPE_CHECKING:
    from genstudio.settings.preferences import Preferences
    from genstudio.single_instance import InstanceGuard
    from genstudio.tasks.store import HistoryError, HistoryStore

log = logging.getLogger("genstudio")

WORKER_THREADS = 8  # asyncio.to_thread's: the keyring, the library's sweep, copies of files


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        self.exit(2, f"genstudio: {message}. Run 'genstudio --help' for the options.\n")


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = _Parser(
        prog="genstudio",
        description="GenStudio: make images, videos and audio with AI generation providers.",
    )
    parser.add_argument(
        "--demo",
        action="store_true",
        help="start the built-in provider simulator and use it (no account needed)",
    )
    parser.add_argument("--version", action="version", version=f"GenStudio {__version__}")
    return parser.parse_args(argv)


class KeyRedactor(logging.Filter):
    """Defence in depth: no key the app has seen this run reaches a log line."""

    def __init__(self, vault: KeyVault) -> None:
        super().__init__()
        self._vault = vault

    def filter(self, record: logging.LogRecord) -> bool:
        keys = self._vault.known_keys()
        if keys:
            message = record.getMessage()
            for key in keys:
                message = message.replace(key, "[key hidden]")
            record.msg, record.args = message, None
        return True


def setup_logging(vault: KeyVault) -> str:
    folder = paths.log_dir()
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "genstudio.log"
    handler = logging.handlers.RotatingFileHandler(
        path, maxBytes=1_000_000, backupCount=3, encoding="utf-8"
    )
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler.addFilter(KeyRedactor(vault))
    root = logging.getLogger()
    root.setLevel(logging.INFO)
    root.addHandler(handler)
    logging.getLogger("httpx").setLevel(logging.WARNING)
    logging.getLogger("httpcore").setLevel(logging.WARNING)
    return str(path)


def crash_report(
    exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None, keys: list[str]
) -> str:
    import platform  # only for a crash report: not loaded with the window

    from PySide6.QtCore import qVersion

    text = "".join(traceback.format_exception(exc_type, exc, tb))
    for key in keys:
        text = text.replace(key, "[key hidden]")
    return (
        f"GenStudio {__version__} · Python {platform.python_version()} · Qt {qVersion()} · "
        f"{platform.platform()}\n\n{text}"
    )


def fewer_malloc_arenas(platform: str = sys.platform) -> None:
    """glibc gives each thread that allocates (FFmpeg's decoders, the network, reading
    and thumbnail threads) an arena of its own, which keeps freed memory: two are
    enough here. Peak memory with 100,000 jobs and a gallery of videos: 180 -> 165 MiB
    (measured). Before any thread starts; a no-op where malloc is not glibc's, and
    when the environment sets MALLOC_ARENA_MAX itself."""
    if not platform.startswith("linux") or "MALLOC_ARENA_MAX" in os.environ:
        return
    import contextlib
    import ctypes

    with contextlib.suppress(AttributeError, OSError):  # musl and others: no mallopt
        ctypes.CDLL(None).mallopt(-8, 2)  # M_ARENA_MAX


def main(argv: Sequence[str] | None = None) -> int:
    # The start makes what lives as long as the app (modules, Qt's types, the window):
    # a collection meanwhile only walks it. Off from here, then gc_guard collects on the
    # GUI thread, and what the start made is frozen after the first paint (settle).
    # Collections before the first paint: 35 taking 6 ms of an empty start (measured).
    gc.disable()
    try:
        return _main(argv)
    finally:
        gc.enable()


def _main(argv: Sequence[str] | None) -> int:
    args = parse_args(argv)
    fewer_malloc_arenas()
    # Before anything loads Qt: a missing display or library is a sentence, not an abort.
    from genstudio.preflight import problem

    sentence = problem()
    if sentence:
        print(sentence, file=sys.stderr)
        return 2
    # The network and reading threads run Python too: a GUI-thread call that lets go of
    # the GIL (each SQLite statement, many Qt calls) can wait a whole switch interval to
    # get it back. 1 ms instead of 5: a burst of 1,000 submits, 5 runs each, loop lag
    # p99 17.6 -> 15.9 ms and max 22 -> 17 ms (medians, measured).
    sys.setswitchinterval(0.001)
    # QtMultimedia's FFmpeg backend is chatty on stderr; its problems reach the previewer.
    os.environ.setdefault("QT_LOGGING_RULES", "qt.multimedia.*=false")
    # PySide looks at the source of every module imported after it: the cheaper look
    # before PySide and qasync come in, with asyncio's thirty modules behind them.
    from genstudio.ui.pyside_import_hook import lighten

    lighten()
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName("GenStudio")
    app.setApplicationVersion(__version__)
    app.setDesktopFileName("io.github.genstudio.GenStudio")
    from genstudio.ui.appearance import apply_color_scheme
    from genstudio.ui.icons import app_icon

    app.setWindowIcon(app_icon())
    apply_color_scheme(app)
    # asyncio.run(loop_factory=...) needs 3.12; a Runner works on 3.11 too.
    with asyncio.Runner(loop_factory=lambda: event_loop(app)) as runner:
        return runner.run(run(app, demo=args.demo))


def event_loop(app: object) -> asyncio.AbstractEventLoop:
    """qasync's loop over ``app``, whose ``asyncio.to_thread`` threads start one at a
    time as work comes: qasync's own default started all ten at the first one (the
    start's sweep of the library, before the first paint)."""
    import qasync

    loop: asyncio.AbstractEventLoop = qasync.QEventLoop(app)
    loop.set_default_executor(ThreadPoolExecutor(WORKER_THREADS, "genstudio-worker"))
    return loop


async def run(app: object, *, demo: bool = False) -> int:
    from PySide6.QtWidgets import QApplication

    from genstudio.api.snapshot import Scope
    from genstudio.history_start import open_history
    from genstudio.i18n import translate
    from genstudio.settings.preferences import load_preferences
    from genstudio.single_instance import InstanceGuard
    from genstudio.ui.gc_guard import GarbageCollector
    from genstudio.ui.language import install_translations

    assert isinstance(app, QApplication)
    # Qt must never stop the loop by itself when a window closes: this coroutine decides
    # when the app ends. A dialog before the window (a damaged history, its repair)
    # would otherwise be the "last window" and stop the loop under the next step.
    app.setQuitOnLastWindowClosed(False)
    collector = GarbageCollector(app)
    vault = KeyVault()
    log_path = setup_logging(vault)
    prefs = load_preferences(paths.settings_path())
    install_translations(app, prefs.language)  # before any widget

    def library_folders() -> list[Path]:
        """Where a repair looks for sidecars: the folders chosen now, and the default
        ones (outputs saved before a folder was chosen are there)."""
        chosen = [paths.library_folder(prefs.library_dirs, scope.value) for scope in Scope]
        return chosen + [paths.library_folder({}, scope.value) for scope in Scope]

    guard = InstanceGuard(paths.history_path())
    if not guard.acquire():
        collector.stop()
        # Another window runs on this history: it takes our arguments and comes forward.
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

    # A repair asked for while the window runs, or a history unreadable at start,
    # closes the window and comes back here.
    pending: HistoryError | None = None
    repair_now = False
    try:
        while True:
            store = await open_history(
                paths.history_path(),
                library_folders,
                pending=pending,
                repair_now=repair_now,
                # A dialog before the window: a later launch must reach this one
                # meanwhile (else it listens once the window is painted).
                before_asking=guard.listen,
            )
            if store is None:
                return 1
            outcome = await _run_window(app, store, prefs, vault, log_path, guard, demo=demo)
            if isinstance(outcome, int):
                return outcome
            # A problem met while loading is asked about; None: the user chose a repair.
            pending = outcome
            repair_now = outcome is None
            if repair_now:  # the window ran: its demo jobs bring the demo back by themselves
                demo = False
    finally:
        guard.release()
        collector.stop()


async def _run_window(
    app: object,
    store: HistoryStore,
    prefs: Preferences,
    vault: KeyVault,
    log_path: str,
    guard: InstanceGuard,
    *,
    demo: bool,
) -> int | HistoryError | None:
    """The window over ``store`` until it closes: the exit code, else a problem of the
    history to ask about (met while loading it) or None when the user chose to repair."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    from genstudio.api.catalog import load_catalog
    from genstudio.api.snapshot import Scope
    from genstudio.demo import Demo, has_unfinished_jobs
    from genstudio.history_start import HistoryWatch
    from genstudio.settings.preferences import save_preferences
    from genstudio.tasks.account import AccountInfo
    from genstudio.tasks.background import BackgroundTasks
    from genstudio.tasks.clients import ClientPool
    from genstudio.tasks.policy import PollPolicy
    from genstudio.tasks.service import TaskService
    from genstudio.tasks.shared_history import SharedHistory
    from genstudio.tasks.store import HistoryError
    from genstudio.ui.gc_guard import settle as settle_garbage
    from genstudio.ui.window.main_window import MainWindow

    assert isinstance(app, QApplication)
    prefs_path = paths.settings_path()

    def save() -> None:
        try:
            save_preferences(prefs, prefs_path)
        except OSError as exc:
            log.warning("settings not saved: %s", exc)

    def library(scope: Scope) -> Path:
        return paths.library_folder(prefs.library_dirs, scope.value)

    clients = ClientPool(prefs.profile, vault)
    service = TaskService(
        store,
        clients,
        PollPolicy().with_deadline_minutes(prefs.deadline_minutes),
        library=library,
        max_output_bytes=lambda: int(prefs.max_output_mb * 1e6),
    )
    try:
        # genstudio-cli may write the history meanwhile: its tasks show up here.
        shared = SharedHistory(service)
        records = service.load()
    except HistoryError as exc:
        await service.aclose()
        await clients.aclose()
        store.close()
        return exc
    background = BackgroundTasks()
    demo_ctl = Demo(prefs, vault)
    account = AccountInfo(clients, prefs.profile, paths.cache_dir() / "provider-facts.json")
    window = MainWindow(
        service,
        prefs,
        vault,
        save,
        start_demo=demo_ctl.start,
        background=background,
        library=library,
        thumbnail_cache=paths.cache_dir() / "thumbnails",
        account=account,
        catalog=load_catalog(paths.config_dir() / "models.json"),
    )
    watch = HistoryWatch(window)
    store.on_problem = watch.report

    showing_crash = False

    def excepthook(
        exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None
    ) -> None:
        nonlocal showing_crash
        if isinstance(exc, HistoryError):
            # Not a crash: the store told the watch, whose dialog says what to do.
            log.warning("history problem reached the top: %s", exc)
            return
        report = crash_report(exc_type, exc, tb, vault.known_keys())
        log.error("unexpected error\n%s", report)
        if showing_crash:
            return
        showing_crash = True
        from genstudio.ui.dialogs.crash_dialog import CrashDialog

        try:
            CrashDialog(report, log_path, window).exec()
        finally:
            showing_crash = False

    sys.excepthook = excepthook

    async def demo_again() -> None:
        await demo_ctl.start(select=True)
        window.refresh_profiles()

    def launched_again(args: list[str]) -> None:
        """Another launch on this history: this window comes forward and does its part."""
        window.setWindowState(window.windowState() & ~Qt.WindowState.WindowMinimized)
        window.show()
        window.raise_()
        window.activateWindow()
        if "--demo" in args:
            background.start(demo_again(), "demo")

    guard.arrived.connect(launched_again)
    background.start(shared.run(), "shared history")
    window.show_history(records)
    # Before the first status check runs: demo jobs of the last run resume on it.
    if demo or has_unfinished_jobs(records):
        await demo_ctl.start(select=demo)
    window.refresh_profiles()
    window.show()
    window.startup.later(guard.listen)  # a later launch meanwhile waits for it
    window.startup.later(settle_garbage)
    log.info("GenStudio %s started", __version__)

    # The loop is not stopped by Qt (see run): the coroutine ends after an orderly
    # shutdown below.
    closed = asyncio.Event()
    app.lastWindowClosed.connect(closed.set)
    # Ctrl+C in a terminal, or a session logout: close the window the usual way, so
    # settings are saved. (The GC timer gives Python a moment to run these handlers.)
    for signum in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signum, lambda *_: window.close())
    await closed.wait()
    log.info("GenStudio stopping")
    app.lastWindowClosed.disconnect(closed.set)
    guard.arrived.disconnect(launched_again)

    await watch.aclose()
    await service.aclose()  # first: its events would start new background work
    await background.aclose()
    await clients.aclose()
    if window.thumbnails is not None:
        window.thumbnails.shutdown()
    shared.close()
    store.close()
    demo_ctl.stop()
    save()
    sys.excepthook = sys.__excepthook__
    return None if watch.repair_requested else 0


if __name__ == "__main__":
    sys.exit(main())
