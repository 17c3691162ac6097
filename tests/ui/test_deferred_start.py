"""The window paints first: the keyring, the provider, QtMultimedia and httpx come after.

What the first paint does not need waits for it (``ui/window/deferred.py``) or for its
first use; the window still does all of it.
"""

from __future__ import annotations

import asyncio
import contextlib
import subprocess
import sys
import threading
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QPaintEvent
from PySide6.QtMultimedia import QMediaPlayer
from PySide6.QtWidgets import QApplication, QSplitter, QWidget
from pytestqt.qtbot import QtBot

from genstudio.api.kinds import Scope
from genstudio.api.request import GenerationRequest
from genstudio.resources import resource_path
from genstudio.tasks.record import SavedFile, TaskRecord
from genstudio.tasks.states import FileState, TaskState
from genstudio.ui.preview.empty_preview import EmptyPreview
from genstudio.ui.preview.media_preview import MediaPreview
from genstudio.ui.tasklist.task_details import TaskDetails
from genstudio.ui.window import deferred
from genstudio.ui.window.deferred import AfterFirstPaint
from genstudio.ui.window.main_window import MainWindow
from genstudio.ui.window.workspace import replace_keeping_sizes
from tests.conftest import MemoryKeyring, until
from tests.ui.conftest import QLoop
from tests.ui.test_window_e2e import MakeApp

ROOT = Path(__file__).resolve().parents[2]


def painted(gate: AfterFirstPaint) -> bool:
    return gate.painted


def player_of(preview: MediaPreview) -> QMediaPlayer | None:
    return preview.player


@contextlib.asynccontextmanager
async def unshown_window(qtbot: QtBot, folder: Path, **options: Any) -> AsyncIterator[MainWindow]:
    """A window over an empty history, built but not shown; closed and its service
    and clients with it afterwards."""
    from genstudio.settings.key_store import KeyVault
    from genstudio.settings.preferences import Preferences
    from genstudio.tasks.clients import ClientPool
    from genstudio.tasks.service import TaskService
    from genstudio.tasks.store import HistoryStore

    prefs, vault = Preferences(), KeyVault()
    clients = ClientPool(prefs.profile, vault)
    service = TaskService(HistoryStore(folder / "h.sqlite3"), clients)
    window = MainWindow(service, prefs, vault, lambda: None, **options)
    qtbot.addWidget(window)
    try:
        yield window
    finally:
        window.close()
        await service.aclose()
        await clients.aclose()
        service.store.close()


def fresh_interpreter(code: str) -> str:
    """What ``code`` prints in a fresh interpreter started in the project's folder."""
    found = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    return found.stdout.strip()


def after_importing_the_window(check: str) -> str:
    """What ``check`` prints in a fresh interpreter that has imported the window and what
    starts it (all the first paint needs), and nothing else."""
    return fresh_interpreter(
        "import sys, genstudio.app, genstudio.ui.window.main_window, genstudio.history_start;"
        "import genstudio.single_instance, genstudio.tasks.shared_history, genstudio.api.catalog;"
        + check
    )


def test_the_window_module_loads_no_network_keyring_or_multimedia_library() -> None:
    """Importing the window and what starts it leaves these for later."""
    found = after_importing_the_window(
        "late = ('httpx', 'keyring', 'PySide6.QtMultimedia', 'PySide6.QtCharts', 'genstudio.sim',"
        " 'genstudio.api.download', 'http.client', 'certifi', 'email',"
        " 'genstudio.ui.preview.media_preview', 'PySide6.QtNetwork');"
        "print(sorted(m for m in sys.modules if m.startswith(late) or m in ('uuid', 'platform')))"
    )
    assert found == "[]"


def test_the_window_modules_leave_qt_classes_a_click_needs_for_the_click() -> None:
    """PySide makes a class (and its enums) the first time a module names it: dialogs,
    files and URLs were some ms of the first paint. Importing the window leaves them
    unmade; the code that needs them names them when it runs. (QStyle, which painting a
    row needs, 7 ms: task_delegates.warm_up makes it just after the first paint, so that
    a burst's first rows do not pay for it; the tray icon, QDateTime, the images and
    font metrics of rows and thumbnails, likewise.)"""
    found = after_importing_the_window(
        "from PySide6 import QtCore, QtGui, QtWidgets;"
        "late = {QtWidgets: ('QFileDialog', 'QInputDialog', 'QMessageBox', 'QStyle',"
        " 'QStyleOptionProgressBar', 'QStyleOptionViewItem', 'QSystemTrayIcon'),"
        " QtCore: ('QFile', 'QUrl', 'QBuffer', 'QMimeData', 'QDateTime'),"
        " QtGui: ('QDesktopServices', 'QDropEvent', 'QCloseEvent', 'QImage', 'QImageReader',"
        " 'QFontMetrics')};"
        "print(sorted(n for m, names in late.items() for n in names if n in vars(m)))"
    )
    assert found == "[]"


def test_work_waits_for_the_first_paint(qtbot: QtBot) -> None:
    widget = QWidget()
    qtbot.addWidget(widget)
    gate = AfterFirstPaint(widget)
    done: list[str] = []
    gate.later(lambda: done.append("first"))
    gate.later(lambda: done.append("second"))
    assert done == []
    assert not painted(gate)
    QApplication.sendEvent(widget, QPaintEvent(QRect(0, 0, 10, 10)))  # its first paint
    assert painted(gate)
    assert done == []  # not inside the paint: at the loop's next turn
    qtbot.waitUntil(lambda: done == ["first", "second"], timeout=2000)
    gate.later(lambda: done.append("after"))  # once painted: at the next turn
    qtbot.waitUntil(lambda: done[-1:] == ["after"], timeout=2000)


def test_a_failing_job_after_the_first_paint_leaves_the_others_to_run(qtbot: QtBot) -> None:
    widget = QWidget()
    qtbot.addWidget(widget)
    gate = AfterFirstPaint(widget)
    done: list[str] = []

    def fails() -> None:
        raise RuntimeError("a job that fails")

    gate.later(fails)
    gate.later(lambda: done.append("listen for later launches"))
    with qtbot.capture_exceptions() as raised:
        QApplication.sendEvent(widget, QPaintEvent(QRect(0, 0, 10, 10)))
        qtbot.waitUntil(lambda: done == ["listen for later launches"], timeout=2000)
    assert [str(e[1]) for e in raised] == ["a job that fails"]  # still said, as a slot's


def test_the_key_is_read_after_the_first_paint_off_the_gui_thread(
    qloop: QLoop,
    make_app: MakeApp,
    memory_keyring: MemoryKeyring,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    memory_keyring.entries.clear()
    reads: list[tuple[bool, bool]] = []  # (painted, on the GUI thread)
    windows: list[MainWindow] = []
    read = memory_keyring.get_password

    def get_password(service: str, username: str) -> str | None:
        shown = bool(windows) and windows[0].startup.painted
        reads.append((shown, threading.current_thread() is threading.main_thread()))
        return read(service, username)

    monkeypatch.setattr(memory_keyring, "get_password", get_password)

    async def body() -> None:
        reads.clear()  # make_app's fixture stored the key before the window existed
        app = make_app()
        windows.append(app.window)
        assert reads == []  # nothing read while the window was built
        await until(app.window.banner.isVisible)
        assert "no API key for “sim”" in app.window.banner.label.text()
        assert reads[0] == (True, False)  # after the paint, on a worker thread

    qloop.run(body())


def test_the_previewer_is_built_after_the_first_paint_saying_the_same_meanwhile(
    qtbot: QtBot, qloop: QLoop, tmp_path: Path
) -> None:
    async def body() -> None:
        async with unshown_window(qtbot, tmp_path) as window:
            pane = window.side.widget(0)
            assert not window.workspace.preview_built
            assert isinstance(pane, EmptyPreview)
            assert pane.text() == "Select a task to preview its result."
            window.show()
            await until(lambda: window.workspace.preview_built)
            assert window.startup.painted
            assert window.side.widget(0) is window.preview
            assert window.side.count() == 2  # the previewer took the placeholder's place
            assert window.preview.message.text() == "Select a task to preview its result."

    qloop.run(body())


def test_the_tray_icon_is_asked_for_after_the_first_paint(
    qtbot: QtBot, qloop: QLoop, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Whether there is a system tray, and the icon itself, are D-Bus calls on a Linux
    desktop: made once the window is on the screen, and once."""
    from PySide6 import QtWidgets
    from PySide6.QtWidgets import QSystemTrayIcon

    asked: list[bool] = []  # painted, at each question
    made: list[object] = []
    windows: list[MainWindow] = []

    class Tray:
        MessageIcon = QSystemTrayIcon.MessageIcon

        def __init__(self, icon: object, parent: object) -> None:
            made.append(self)
            self.messageClicked = self.activated = self

        @staticmethod
        def isSystemTrayAvailable() -> bool:
            asked.append(bool(windows) and windows[0].startup.painted)
            return True

        def connect(self, _slot: object) -> None: ...
        def setToolTip(self, _text: str) -> None: ...
        def show(self) -> None: ...

    monkeypatch.setattr(QtWidgets, "QSystemTrayIcon", Tray)

    async def body() -> None:
        async with unshown_window(qtbot, tmp_path) as window:
            windows.append(window)
            assert asked == [] and window.notifier.tray is None
            window.show()
            await until(lambda: bool(made))
            assert asked == [True] and window.notifier.tray is made[0]
            window.notifier.show_tray()  # again: the same icon
            assert len(made) == 1

    qloop.run(body())


def test_a_window_closed_before_its_first_paint_never_builds_its_previewer(
    qtbot: QtBot, qloop: QLoop, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Shown and closed before it painted (started minimized, closed from the taskbar):
    what waited for the paint is not done for a window that is gone."""
    monkeypatch.setattr(deferred, "FALLBACK_MS", 20)

    async def body() -> None:
        async with unshown_window(qtbot, tmp_path) as window:
            window.show()
            window.close()  # before the loop turned: never painted
            await asyncio.sleep(0.2)  # ten times the fallback's wait
            assert not window.workspace.preview_built
            assert not window.startup.painted

    qloop.run(body())


def test_the_previewer_takes_its_placeholder_s_room_as_laid_out(qtbot: QtBot) -> None:
    """The split stays as the user saw it: with the sizes asked for at the start (more
    than a laptop's room), a plain replaceWidget gave the previewer, whose minimum is
    larger, most of the pane and left the details a sliver."""
    side = QSplitter(Qt.Orientation.Vertical)
    qtbot.addWidget(side)
    empty, details, preview = EmptyPreview(), TaskDetails(), MediaPreview()
    side.addWidget(empty)
    side.addWidget(details)
    side.setStretchFactor(0, 3)
    side.setStretchFactor(1, 2)
    side.resize(330, 500)
    side.show()
    qtbot.waitExposed(side)
    side.setSizes([500, 300])
    QApplication.processEvents()
    shown = side.sizes()
    replace_keeping_sizes(side, 0, preview)
    QApplication.processEvents()
    assert side.count() == 2 and side.widget(0) is preview
    assert side.sizes() == shown


def test_the_window_is_fitted_to_the_screen_again_after_its_first_paint(
    qtbot: QtBot, qloop: QLoop, tmp_path: Path
) -> None:
    """Before the first show the desktop's frame is unknown; the fit is done again."""

    async def body() -> None:
        async with unshown_window(qtbot, tmp_path) as window:
            room = window.screen().availableGeometry()
            window.resize(room.width() + 300, room.height() + 300)  # as a frame pushes it
            window.show()
            await until(lambda: window.height() <= room.height())

    qloop.run(body())


def test_the_player_is_made_when_a_video_is_first_shown(qtbot: QtBot, tmp_path: Path) -> None:
    preview = MediaPreview()
    qtbot.addWidget(preview)
    preview.show()
    assert player_of(preview) is None  # no QtMultimedia, no FFmpeg for the first paint
    clip = tmp_path / "v.mp4"
    clip.write_bytes(resource_path("sim", "clip_16x9.mp4").read_bytes())
    record = TaskRecord(
        id=1,
        profile="p",
        request=GenerationRequest(Scope.VIDEOS, "p", "m"),
        created_at=1.0,
        state=TaskState.DONE,
        task_id="t",
        outputs=("https://example.com/v.mp4",),
        files=(SavedFile("https://example.com/v.mp4", FileState.SAVED, str(clip)),),
    )
    with qtbot.waitSignal(preview.loaded, timeout=10000):
        preview.show_record(record)
    player = player_of(preview)
    assert player is not None and player.videoOutput() is preview.video
    assert preview.video.isVisible()


def test_the_window_works_on_the_app_s_background_tasks(
    qtbot: QtBot, qloop: QLoop, tmp_path: Path
) -> None:
    """An empty BackgroundTasks is falsy: the window once made its own, so what it
    started (provider facts, submits) was not cancelled when the app stopped, and ran
    on after the clients were closed."""
    from genstudio.tasks.background import BackgroundTasks

    async def body() -> None:
        background = BackgroundTasks()
        assert not background  # empty: the case that went wrong
        async with unshown_window(qtbot, tmp_path, background=background) as window:
            assert window.background is background

    qloop.run(body())


def test_the_window_and_what_it_is_built_with_load_no_asyncio_and_no_task_service() -> None:
    """The app paints the window before asyncio (25-30 ms with ssl) and the task layer's
    workings (the history, sending, saving, polling) load: importing the window and what
    it is built with leaves them unloaded, and OpenSSL (_hashlib: 3 MB of libcrypto).
    Nor SQLite, the reading thread's futures, the snapshot's parsing, the task records
    and events, the gateway's calls, the log's rotation module, ctypes, getpass or the
    thumbnails' drawing: 10-20 ms of
    module code and dataclasses, charged to the first paint when a window module names
    one of them outside a type annotation."""
    probe = (
        "import sys, genstudio.app, genstudio.ui.window.main_window, genstudio.tasks.account,"
        " genstudio.tasks.clients, genstudio.tasks.background, genstudio.api.catalog,"
        " genstudio.demo, genstudio.single_instance, genstudio.settings.preferences;"
        "late = ('asyncio', 'qasync', 'ssl', '_hashlib', 'genstudio.tasks.service',"
        " 'genstudio.tasks.store',"
        " 'genstudio.tasks.saver', 'genstudio.tasks.sending', 'genstudio.tasks.scheduler',"
        " 'genstudio.api.network_thread', 'genstudio.history_start', 'sqlite3',"
        " 'concurrent.futures', 'genstudio.api.snapshot', 'genstudio.tasks.record',"
        " 'genstudio.tasks.events', 'genstudio.api.gateway', 'genstudio.tasks.history_query',"
        " 'logging.handlers', 'ctypes', 'html', 'getpass', 'genstudio.tasks.file_copies',"
        " 'genstudio.tasks.sidecar', 'genstudio.tasks.save_pause', 'genstudio.tasks.sentences',"
        " 'genstudio.ui.tasklist.thumbnails', 'genstudio.ui.preview.multimedia');"
        "print(sorted(m for m in sys.modules if m in late))"
    )
    assert fresh_interpreter(probe) == "[]"


def test_a_window_painted_before_its_service_shows_the_history_once_attached(
    qtbot: QtBot, qloop: QLoop, tmp_path: Path
) -> None:
    """Built with no service, the window paints an empty list; attached, it shows the
    history's rows and follows the service's events."""
    from genstudio.settings.key_store import KeyVault
    from genstudio.settings.preferences import Preferences
    from genstudio.tasks.account import AccountInfo
    from genstudio.tasks.clients import ClientPool
    from genstudio.tasks.service import TaskService
    from genstudio.tasks.store import HistoryStore
    from tests.ui.test_task_table import record

    store = HistoryStore(tmp_path / "h.sqlite3")
    store.restore([record(1, TaskState.DONE)])
    prefs, vault = Preferences(), KeyVault()
    clients = ClientPool(prefs.profile, vault)
    window = MainWindow(
        None, prefs, vault, lambda: None, account=AccountInfo(clients, prefs.profile)
    )
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: painted(window.startup), timeout=5000)
    assert window.model.rowCount() == 0
    with pytest.raises(RuntimeError):
        window.service  # noqa: B018 (nothing may reach for it before attach)
    # What it leaves for after its first paint needs the service: held till released.
    QApplication.processEvents()  # the turn at which they would run, were they not held
    assert not window.workspace.preview_built

    async def body() -> None:
        service = TaskService(store, clients)
        try:
            window.attach(service)
            window.show_history(service.load())
            assert window.model.rowCount() == 1
            window.startup.release()
            await until(lambda: window.workspace.preview_built)
            imported, _new = service.import_task("p", Scope.IMAGES, "task-7", "m")
            await until(lambda: window.model.rowCount() == 2)
            shown = [window.model.record_at(row) for row in range(2)]
            assert imported.id in {r.id for r in shown if r is not None}
        finally:
            window.close()
            await service.aclose()
            await clients.aclose()
            store.close()

    qloop.run(body())


def test_the_app_paints_its_window_before_asyncio_and_the_history_then_gives_it_its_service(
    tmp_path: Path,
) -> None:
    """The real start (genstudio.app.main, offscreen, in a process of its own): at the
    window's first paint neither asyncio nor the task layer's workings are loaded and the
    window has no service; by the time its after-first-paint jobs run it has one."""
    from benchmarks.child_launch import launch
    from benchmarks.history_home import launch_home, make_home

    home = launch_home(make_home(tmp_path / "template", 0), tmp_path / "run")
    result = launch("tests.ui.start_probe:scenario", {}, home, timeout=60)
    assert result == {
        "loaded": [],
        "attached": False,
        "attached_then": True,
        "enabled": True,
    }, result
