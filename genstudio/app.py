"""``genstudio``: the QApplication, the qasync loop, and the wiring of every layer."""

from __future__ import annotations

import gc
import logging
import os
import sys
import traceback
from collections.abc import MutableMapping, Sequence
from types import TracebackType
from typing import TYPE_CHECKING, NoReturn

from genstudio import __version__
from genstudio.log_file import RotatingLog
from genstudio.settings import paths

if TYPE_CHECKING:
    import asyncio

    from genstudio.settings.key_store import KeyVault
    from genstudio.tasks.service import TaskService
    from genstudio.tasks.store import HistoryError, HistoryStore
    from genstudio.ui.window.main_window import MainWindow
    from genstudio.window_start import Opened, Start, WindowParts

log = logging.getLogger("genstudio")

WORKER_THREADS = 8  # asyncio.to_thread's: the keyring, the library's sweep, copies of files


class Options:
    """What the command line asked for."""

    def __init__(self, demo: bool = False) -> None:
        self.demo = demo


def parse_args(argv: Sequence[str] | None) -> Options:
    """The options; a plain launch (no arguments, the desktop's way) skips argparse,
    which with gettext and locale is 4 ms of the start."""
    if not (sys.argv[1:] if argv is None else argv):
        return Options()
    import argparse

    class Parser(argparse.ArgumentParser):
        def error(self, message: str) -> NoReturn:
            self.exit(2, f"genstudio: {message}. Run 'genstudio --help' for the options.\n")

    parser = Parser(
        prog="genstudio",
        description="GenStudio: make images, videos and audio with AI generation providers.",
    )
    parser.add_argument(
        "--demo",
        action="store_true",
        help="start the built-in provider simulator and use it (no account needed)",
    )
    parser.add_argument("--version", action="version", version=f"GenStudio {__version__}")
    return Options(demo=parser.parse_args(argv).demo)


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
    handler = RotatingLog(path)
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
    (measured). Asked after the first paint (ctypes is 2.6 ms of it), before the app's
    own threads start: Qt's two by then may hold an arena each, and the limit keeps
    every later thread to those. The start benchmark's peaks after the move: 99 and
    119 MiB empty and at 10,000 jobs, as before; 122 or 152 MiB at 100,000 jobs from
    run to run, both seen before the move too. A no-op where malloc is not glibc's,
    and when the environment sets MALLOC_ARENA_MAX itself."""
    if not platform.startswith("linux") or "MALLOC_ARENA_MAX" in os.environ:
        return
    import contextlib
    import ctypes

    with contextlib.suppress(AttributeError, OSError):  # musl and others: no mallopt
        ctypes.CDLL(None).mallopt(-8, 2)  # M_ARENA_MAX


def qt_environment(environ: MutableMapping[str, str]) -> None:
    """Qt's settings the app starts with, unless the user set them otherwise."""
    # QtMultimedia's FFmpeg backend is chatty on stderr; its problems reach the previewer.
    environ.setdefault("QT_LOGGING_RULES", "qt.multimedia.*=false")
    # Qt's raster engine hands a fill of 96 or more spans (a toolbar's line, a large
    # background) to a pool of threads and waits for them: two threads started for the
    # first paint and a few dozen hand-offs, which cost more than the fills on a busy
    # machine. Start to painted window, 20 paired launches: median 36 ms sooner (292 ->
    # 270 ms); the previewer's 4-megapixel image shows as fast (bench_preview, 2 x 7
    # runs each). Qt reads the variable once, when the pool would first be made.
    environ.setdefault("QT_NO_GUI_THREADPOOL", "1")


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
    qt_environment(os.environ)
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
    from genstudio.window_start import WindowParts, open_first, paint_first, prepare

    start = prepare(app, setup_logging, args.demo)
    if isinstance(start, int):
        return start
    try:
        parts: WindowParts | None = None
        shell: MainWindow | None = None
        opened: Opened | HistoryError | None = None
        # The window is painted before asyncio, the history and the task layer load,
        # then given the history and its service before the loop gives it any input.
        # With --demo the Demo provider is chosen first (app.run), then the window.
        if not args.demo:
            parts = WindowParts.make(start)
            shell = paint_first(app, start, parts)
            opened = open_first(start, parts, shell)
        fewer_malloc_arenas()  # ctypes: 2.6 ms, after the first paint
        import asyncio

        # asyncio.run(loop_factory=...) needs 3.12; a Runner works on 3.11 too.
        running = run(app, demo=args.demo, start=start, parts=parts, shell=shell, opened=opened)
        del parts, shell, opened  # run owns them: a window it closes can go
        with asyncio.Runner(loop_factory=lambda: event_loop(app)) as runner:
            return runner.run(running)
    finally:
        start.close()


def event_loop(app: object) -> asyncio.AbstractEventLoop:
    """qasync's loop over ``app``, whose ``asyncio.to_thread`` threads start one at a
    time as work comes: qasync's own default started all ten at the first one (the
    start's sweep of the library, before the first paint)."""
    from concurrent.futures import ThreadPoolExecutor

    import qasync

    loop: asyncio.AbstractEventLoop = qasync.QEventLoop(app)
    loop.set_default_executor(ThreadPoolExecutor(WORKER_THREADS, "genstudio-worker"))
    return loop


async def run(
    app: object,
    *,
    demo: bool = False,
    start: Start | None = None,
    parts: WindowParts | None = None,
    shell: MainWindow | None = None,
    opened: Opened | HistoryError | None = None,
) -> int:
    """The app on its event loop, until its window closes. ``main`` has ``prepare``-d
    the start, painted the window (``shell``, built with ``parts``) and ``opened`` the
    history for it already; called alone (tests), this does all of it, the window once
    the history is open."""
    from PySide6.QtWidgets import QApplication

    from genstudio.history_start import open_history
    from genstudio.window_start import Opened, prepare

    assert isinstance(app, QApplication)
    if start is None:
        prepared = prepare(app, setup_logging, demo)
        if isinstance(prepared, int):
            return prepared
        start = prepared
        owned = True
    else:
        owned = False

    def before_asking() -> None:
        """A dialog before the window: a later launch must reach this one meanwhile
        (else it listens once the window is painted); a window painted already waits
        without its service, and takes no input meanwhile."""
        start.guard.listen()
        if shell is not None:
            shell.setEnabled(False)

    # A repair asked for while the window runs, or a history unreadable at start,
    # closes the window and comes back here.
    pending = opened if not isinstance(opened, Opened) else None
    repair_now = False
    try:
        while True:
            service: TaskService | None = None
            if isinstance(opened, Opened):
                store, service = opened.store, opened.service
            else:
                found = await open_history(
                    paths.history_path(),
                    start.library_folders,
                    pending=pending,
                    repair_now=repair_now,
                    before_asking=before_asking,
                    parent=shell,  # it blocks the painted window: no close, no menus
                )
                if found is None:
                    return 1
                store = found
            outcome = await _run_window(app, store, start, parts, shell, service, demo=demo)
            parts = shell = opened = None  # a window after a repair has its service at once
            if isinstance(outcome, int):
                return outcome
            # A problem met while loading is asked about; None: the user chose a repair.
            pending = outcome
            repair_now = outcome is None
            if repair_now:  # the window ran: its demo jobs bring the demo back by themselves
                demo = False
    finally:
        if shell is not None:  # never run: the user quit at a history problem
            shell.close()
        if owned:
            start.close()


async def _run_window(
    app: object,
    store: HistoryStore,
    start: Start,
    parts: WindowParts | None,
    shell: MainWindow | None,
    service: TaskService | None,
    *,
    demo: bool,
) -> int | HistoryError | None:
    """The window over ``store`` until it closes: the exit code, else a problem of the
    history to ask about (met while loading it) or None when the user chose to repair.
    ``shell``: the window, painted already (given ``service`` already, when there is
    one)."""
    import asyncio

    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    from genstudio.demo import has_unfinished_jobs
    from genstudio.history_start import HistoryWatch
    from genstudio.tasks.shared_history import SharedHistory
    from genstudio.tasks.store import HistoryError
    from genstudio.ui.gc_guard import settle as settle_garbage
    from genstudio.window_start import WindowParts, task_service

    assert isinstance(app, QApplication)
    vault, guard = start.vault, start.guard
    parts = parts or WindowParts.make(start)
    clients, background, demo_ctl = parts.clients, parts.background, parts.demo
    made_here = service is None  # else main gave the painted window this one already
    service = service or task_service(store, clients, start)
    try:
        # genstudio-cli may write the history meanwhile: its tasks show up here.
        shared = SharedHistory(service)
        records = service.load()
        # The providers' view asks it below (a history but no provider: the list); a
        # page only this question reads is damaged: asked about here, not a crash there.
        service.has_history()
    except HistoryError as exc:
        await service.aclose()
        await clients.aclose()
        store.close()
        if shell is not None:  # its parts are closed: the next window is built anew
            shell.close()
            shell.deleteLater()  # and its tray icon with it
        return exc
    if shell is None:
        window = parts.window(start, service)
    else:
        window = shell
        if made_here:
            window.attach(service)
        window.setEnabled(True)  # taken while a history problem was asked about
    watch = HistoryWatch(window)
    store.on_problem = watch.report
    log_path = start.log_path

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
    window.startup.release()
    log.info("GenStudio %s started", __version__)

    # The loop is not stopped by Qt (see run): the coroutine ends after an orderly
    # shutdown below.
    closed = asyncio.Event()
    app.lastWindowClosed.connect(closed.set)
    # Ctrl+C in a terminal, or a session logout: close the window the usual way, so
    # settings are saved. (The GC timer gives Python a moment to run these handlers.)
    import signal  # here, after the first paint

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
    start.save_prefs()
    sys.excepthook = sys.__excepthook__
    return None if watch.repair_requested else 0


if __name__ == "__main__":
    sys.exit(main())
