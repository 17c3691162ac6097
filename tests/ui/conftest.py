"""Fixtures for widget tests: a qasync loop, and a main window wired to a simulator."""

from __future__ import annotations

import asyncio
import gc
from collections.abc import Awaitable, Callable, Coroutine, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import qasync
from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from genstudio.settings.key_store import KeyVault
from genstudio.settings.preferences import Preferences, Profile, save_preferences
from genstudio.sim import DEMO_KEY, Simulator
from genstudio.tasks.background import BackgroundTasks
from genstudio.tasks.clients import ClientPool
from genstudio.tasks.service import TaskService
from genstudio.tasks.store import HistoryStore
from genstudio.ui.preview.media_preview import MediaPreview
from genstudio.ui.window.main_window import MainWindow
from tests.tasks.conftest import FAST_POLICY, FAST_SAVE_RETRY


class QLoop:
    """Runs coroutines on a qasync loop, so Qt signals and asyncio share one loop.

    When a run ends, qasync processes Qt events once more with the loop stopped; any
    coroutine stepped then fails with "no running event loop". So each run ends by
    closing what was registered with :meth:`at_end` and cancelling leftover tasks,
    inside the loop.
    """

    def __init__(self, app: QApplication) -> None:
        # As in the app: closing a window must not stop the loop.
        app.setQuitOnLastWindowClosed(False)
        self.loop = qasync.QEventLoop(app)
        asyncio.set_event_loop(self.loop)
        self._at_end: list[Callable[[], Awaitable[None]]] = []

    def at_end(self, closer: Callable[[], Awaitable[None]]) -> None:
        self._at_end.append(closer)

    def run(self, coro: Coroutine[Any, Any, Any], timeout: float = 60.0) -> Any:
        async def wrapped() -> Any:
            try:
                return await asyncio.wait_for(coro, timeout)
            finally:
                while self._at_end:
                    await self._at_end.pop()()
                current = asyncio.current_task()
                leftovers = [t for t in asyncio.all_tasks() if t is not current]
                for task in leftovers:
                    task.cancel()
                await asyncio.gather(*leftovers, return_exceptions=True)

        return self.loop.run_until_complete(wrapped())

    def close(self) -> None:
        self.loop.run_until_complete(self.loop.shutdown_asyncgens())
        self.loop.close()
        asyncio.set_event_loop(None)


@pytest.fixture
def qloop(qapp: QApplication) -> Iterator[QLoop]:
    runner = QLoop(qapp)
    yield runner
    runner.close()


@dataclass
class App:
    window: MainWindow
    service: TaskService
    prefs: Preferences
    vault: KeyVault
    sim: Simulator
    db_path: Path
    settings_path: Path
    closed: bool = False

    async def aclose(self) -> None:
        if self.closed:
            return
        self.closed = True
        self.window.close()
        await self.service.aclose()  # first: its events would start new background work
        await self.window.background.aclose()
        if self.window.thumbnails is not None:
            self.window.thumbnails.shutdown()
        await self.service.clients.aclose()
        self.service.store.close()


@pytest.fixture
def make_app(
    qtbot: QtBot, qloop: QLoop, sim: Simulator, tmp_path: Path
) -> Iterator[Callable[[], App]]:
    """Builds a window over the simulator. Call it, and drive the window, inside
    ``qloop.run(...)``: the service's checks run on that loop."""
    made: list[App] = []
    vault = KeyVault()
    vault.set("sim", DEMO_KEY)
    prefs = Preferences(profiles=[Profile("sim", sim.base_url)], current_profile="sim")
    settings_path = tmp_path / "settings.json"

    def make() -> App:
        store = HistoryStore(tmp_path / "history.sqlite3")
        service = TaskService(
            store,
            ClientPool(prefs.profile, vault),
            FAST_POLICY,
            library=lambda scope: tmp_path / "library" / scope.value,
            save_retry=FAST_SAVE_RETRY,
        )
        window = MainWindow(
            service,
            prefs,
            vault,
            lambda: save_preferences(prefs, settings_path),
            background=BackgroundTasks(),
            library=lambda scope: tmp_path / "library" / scope.value,
            thumbnail_cache=tmp_path / "thumbnails",
        )
        qtbot.addWidget(window)
        window.show_history(service.load())
        window.refresh_profiles()
        window.show()
        app = App(window, service, prefs, vault, sim, tmp_path / "history.sqlite3", settings_path)
        made.append(app)
        qloop.at_end(app.aclose)
        return app

    yield make

    async def close_all() -> None:
        for app in made:
            await app.aclose()

    qloop.run(close_all())


@pytest.fixture(autouse=True)
def _qt_app(qapp: QApplication) -> Iterator[QApplication]:
    """Every widget test needs the application (and its event dispatcher) first.

    Afterwards, collect the test's garbage here, in the GUI thread: left for later, a
    collection could run in a simulator thread and delete Qt objects from there.
    """
    yield qapp
    # Players stop through queued calls (see ui/preview/player_control.py): let them run,
    # inside an event loop that releases the GIL, before anything is deleted.
    previews = [w for w in qapp.allWidgets() if isinstance(w, MediaPreview)]
    for preview in previews:
        preview.release_media()
    if previews:
        loop = QEventLoop()
        QTimer.singleShot(50, loop.quit)
        loop.exec()
    gc.collect()
    # What survives is the session's (Qt, modules, caches): kept out of every later
    # collection, so this one costs only the test's own objects.
    gc.freeze()
