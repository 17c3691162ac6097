"""The demo through the real start-up path (``genstudio.app.run``): jobs survive a restart."""

from __future__ import annotations

import asyncio
import logging
import signal
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from genstudio import app as genstudio_app
from genstudio.demo import DEMO_PROFILE, Demo
from genstudio.tasks.states import FileState, TaskState
from genstudio.ui.window.main_window import MainWindow
from tests.conftest import until
from tests.ui.conftest import QLoop


@pytest.fixture
def app_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """The app's folders in tmp_path, and the process state ``run`` touches put back."""
    for name in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"):
        monkeypatch.setenv(name, str(tmp_path / name.lower()))
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setattr(Demo, "TASK_SECONDS", 3.0)
    handlers = list(logging.getLogger().handlers)
    signals: dict[int, Any] = {s: signal.getsignal(s) for s in (signal.SIGINT, signal.SIGTERM)}
    yield tmp_path
    for handler in logging.getLogger().handlers:
        if handler not in handlers:
            logging.getLogger().removeHandler(handler)
            handler.close()
    for signum, handler in signals.items():
        signal.signal(signum, handler)
    sys.excepthook = sys.__excepthook__


async def started_window() -> MainWindow:
    found: list[MainWindow] = []

    def look() -> bool:  # the window of an earlier run may linger, closed
        found[:] = [
            w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()
        ]
        return bool(found)

    await until(look)
    return found[0]


def test_a_running_demo_job_finishes_after_the_app_restarts(
    qtbot: QtBot, qloop: QLoop, qapp: QApplication, app_dirs: Path
) -> None:
    async def body() -> None:
        first = asyncio.ensure_future(genstudio_app.run(qapp, demo=True))
        window = await started_window()
        assert window.prefs.current_profile == DEMO_PROFILE
        window.form.prompt.setPlainText("a lighthouse at dusk")
        qtbot.mouseClick(window.form.submit_button, Qt.MouseButton.LeftButton)
        service = window.service
        await until(lambda: [r.state for r in service.records.values()] == [TaskState.RUNNING])
        window.close()
        assert await first == 0

        # Started again without --demo: the demo comes back for its unfinished job.
        second = asyncio.ensure_future(genstudio_app.run(qapp, demo=False))
        window = await started_window()
        service = window.service
        (record,) = service.records.values()
        await until(
            lambda: (
                record.state is TaskState.DONE
                and [f.state for f in record.files] == [FileState.SAVED]
            ),
            timeout=30,
        )
        assert record.fail_reason is None
        assert Path(record.files[0].path or "").is_file()
        window.close()
        assert await second == 0

    qloop.run(body(), timeout=90)
