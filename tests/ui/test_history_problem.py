"""A damaged history through the real start-up path (``genstudio.app.run``): a dialog with
the advice for its cause and a repair, never the crash dialog (issue 12, point 6)."""

from __future__ import annotations

import asyncio
import contextlib
import json
from pathlib import Path
from typing import TypeVar

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton, QWidget
from pytestqt.qtbot import QtBot
from shiboken6 import isValid

from genstudio import app as genstudio_app
from genstudio.settings import paths
from genstudio.tasks.store import HistoryError
from genstudio.ui.dialogs.crash_dialog import CrashDialog
from genstudio.ui.dialogs.history_problem import HistoryProblemDialog
from genstudio.ui.window.main_window import MainWindow
from genstudio.window_start import Start, WindowParts, open_first, paint_first, prepare
from tests.conftest import until
from tests.tasks.history_files import filled_history, overwrite_pages, saved_output
from tests.ui.conftest import QLoop
from tests.ui.test_demo_restart import app_dirs, started_window
from tests.ui.test_single_instance import LAUNCH_AGAIN, run_python

__all__ = ["app_dirs"]  # the fixture, used by name

W = TypeVar("W", bound=QWidget)


async def shown(kind: type[W], name: str = "") -> W:
    found: list[W] = []

    def look() -> bool:
        found[:] = [
            w
            for w in QApplication.topLevelWidgets()
            if isinstance(w, kind) and w.isVisible() and (not name or w.objectName() == name)
        ]
        return bool(found)

    await until(look)
    return found[0]


def empty_history() -> Path:
    """A history file of 0 bytes where the app looks for it."""
    path = paths.history_path()
    path.parent.mkdir(parents=True)
    path.write_bytes(b"")
    return path


def no_crash_dialog() -> bool:
    return not any(isinstance(w, CrashDialog) for w in QApplication.topLevelWidgets())


def click(qtbot: QtBot, dialog: QWidget, name: str) -> None:
    button = dialog.findChild(QPushButton, name)
    assert button is not None, f"no {name!r} button"
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_damage_at_start_is_repaired_with_what_can_be_read(
    qtbot: QtBot, qloop: QLoop, qapp: QApplication, app_dirs: Path
) -> None:
    path = filled_history(paths.history_path())
    overwrite_pages(path, 30, 34)  # pages of the table (schema 4)
    saved_output(paths.library_folder({}, "images"), "from-sidecar", "a fox on a sidecar")
    # A folder chosen later in Settings: outputs saved since then are there.
    chosen = app_dirs / "chosen"
    settings = paths.settings_path()
    settings.parent.mkdir(parents=True, exist_ok=True)
    settings.write_text(json.dumps({"library_dirs": {"images": str(chosen)}}), "utf-8")
    saved_output(chosen, "from-chosen", "a hare on a sidecar")

    # As main() leaves it: closing the dialogs (no window yet) must not stop the loop.
    qapp.setQuitOnLastWindowClosed(True)

    async def body() -> None:
        running = asyncio.ensure_future(genstudio_app.run(qapp, demo=True))
        dialog = await shown(HistoryProblemDialog)
        assert "is damaged" in dialog.message.text()
        assert dialog.findChild(QPushButton, "quit") is not None
        click(qtbot, dialog, "repair")
        told = await shown(QMessageBox, "history_repaired")
        assert "tasks recovered" in told.text() and ".damaged-" in told.text()
        assert "2 of them from the files saved" in told.text()
        told.accept()
        window = await started_window()
        rows = window.service.store.load()
        task_ids = {r.task_id for r in rows}
        assert {"from-sidecar", "from-chosen", "task-0"} <= task_ids
        assert window.prefs.current_profile == "Demo"  # launched with --demo, still so
        assert 250 < len(task_ids) < 301
        assert list(path.parent.glob("history.damaged-*.sqlite3"))
        assert no_crash_dialog()
        window.close()
        assert await running == 0

    qloop.run(body(), timeout=90)


def test_an_empty_history_at_start_is_said_and_quit_leaves_it(
    qtbot: QtBot, qloop: QLoop, qapp: QApplication, app_dirs: Path
) -> None:
    path = empty_history()

    async def body() -> None:
        running = asyncio.ensure_future(genstudio_app.run(qapp))
        dialog = await shown(HistoryProblemDialog)
        assert "0 bytes" in dialog.message.text()
        click(qtbot, dialog, "quit")
        assert await running == 1

    qloop.run(body(), timeout=60)
    assert path.stat().st_size == 0 and not list(path.parent.glob("*.damaged-*"))


def test_a_launch_while_the_history_dialog_waits_is_heard(
    qtbot: QtBot, qloop: QLoop, qapp: QApplication, app_dirs: Path
) -> None:
    """The window listens for later launches once painted; a dialog before it (which can
    wait for minutes) must not leave a second launch to say "does not answer": the
    launch is heard, and the dialog comes forward."""
    path = empty_history()

    async def body() -> None:
        running = asyncio.ensure_future(genstudio_app.run(qapp))
        dialog = await shown(HistoryProblemDialog)
        raised: list[bool] = []
        dialog.raise_ = lambda: raised.append(True)  # type: ignore[method-assign]
        code, out = await run_python(LAUNCH_AGAIN, str(path), "--demo")
        assert code == 0, out  # heard by the running one, not "does not answer"
        await until(lambda: raised == [True])  # and the dialog it waits on comes forward
        click(qtbot, dialog, "quit")
        assert await running == 1

    qloop.run(body(), timeout=90)


def test_damage_met_while_running_offers_a_repair_not_the_crash_dialog(
    qtbot: QtBot, qloop: QLoop, qapp: QApplication, app_dirs: Path
) -> None:
    path = filled_history(paths.history_path())

    async def body() -> None:
        running = asyncio.ensure_future(genstudio_app.run(qapp))
        window = await started_window()
        assert window.model.rowCount() == 300
        overwrite_pages(path, 2, 60)
        some = window.model.id_at(0)
        with contextlib.suppress(HistoryError):  # the write fails; the dialog says so
            window.service.delete([some])
        dialog = await shown(HistoryProblemDialog)
        assert "is damaged" in dialog.message.text() and no_crash_dialog()
        assert dialog.findChild(QPushButton, "continue") is not None
        click(qtbot, dialog, "repair")
        told = await shown(QMessageBox, "history_repaired")
        told.accept()
        again = await started_window()
        assert again is not window
        assert again.model.rowCount() < 300  # the garbage pages' rows are gone
        again.close()
        assert await running == 0

    qloop.run(body(), timeout=90)


def painted_without_history(qapp: QApplication) -> tuple[Start, WindowParts, MainWindow]:
    """What main() does before the event loop: the start, and the window painted."""
    start = prepare(qapp, genstudio_app.setup_logging, False)
    assert isinstance(start, Start)
    parts = WindowParts.make(start)
    return start, parts, paint_first(qapp, start, parts)


def test_damage_found_after_the_window_is_painted_is_repaired_and_a_window_comes_back(
    qtbot: QtBot, qloop: QLoop, qapp: QApplication, app_dirs: Path
) -> None:
    """main() paints the window, then opens the history and gives the window its
    service; damage met while loading closes that window, the dialog asks, and once
    repaired a window shows the rows."""
    path = filled_history(paths.history_path())
    overwrite_pages(path, 30, 34)  # the file opens; loading its rows fails
    start, parts, window = painted_without_history(qapp)
    opened = open_first(start, parts, window)
    assert not isinstance(opened, HistoryError) and window.isEnabled()

    async def body() -> None:
        running = asyncio.ensure_future(
            genstudio_app.run(qapp, start=start, parts=parts, shell=window, opened=opened)
        )
        dialog = await shown(HistoryProblemDialog)
        assert "is damaged" in dialog.message.text()
        await until(lambda: not isValid(window))  # closed and deleted, its tray icon too
        click(qtbot, dialog, "repair")
        told = await shown(QMessageBox, "history_repaired")
        told.accept()
        again = await started_window()
        await until(lambda: again.model.rowCount() > 200)
        assert no_crash_dialog()
        again.close()
        assert await running == 0

    try:
        qloop.run(body(), timeout=90)
    finally:
        start.close()


def test_quitting_at_a_history_problem_after_the_window_is_painted_closes_it(
    qtbot: QtBot, qloop: QLoop, qapp: QApplication, app_dirs: Path
) -> None:
    """A history that cannot even be opened: the painted window waits, disabled and
    without its service, while the dialog asks; Quit closes it."""
    empty_history()
    start, parts, window = painted_without_history(qapp)
    opened = open_first(start, parts, window)
    assert isinstance(opened, HistoryError)
    assert window.isVisible() and not window.isEnabled()
    with pytest.raises(RuntimeError):
        window.service  # noqa: B018

    async def body() -> None:
        running = asyncio.ensure_future(
            genstudio_app.run(qapp, start=start, parts=parts, shell=window, opened=opened)
        )
        dialog = await shown(HistoryProblemDialog)
        assert dialog.parentWidget() is window  # window-modal on it: no close, no menus
        click(qtbot, dialog, "quit")
        assert await running == 1
        assert not window.isVisible()

    try:
        qloop.run(body(), timeout=60)
    finally:
        start.close()


@pytest.mark.parametrize("pages", [(12, 14), (12, 12)])
def test_damage_only_the_providers_view_reads_is_asked_about_not_a_crash(
    qtbot: QtBot, qloop: QLoop, qapp: QApplication, app_dirs: Path, pages: tuple[int, int]
) -> None:
    """No provider yet and a history: the window asks whether the history has tasks
    (to show the list rather than the welcome). Pages only that question or the load
    read, damaged: the dialog, never a traceback (it was one, from the window, when the
    painted window was given its service; for page 12 alone, before too)."""
    overwrite_pages(filled_history(paths.history_path()), *pages)
    start, parts, window = painted_without_history(qapp)
    opened = open_first(start, parts, window)

    async def body() -> None:
        running = asyncio.ensure_future(
            genstudio_app.run(qapp, start=start, parts=parts, shell=window, opened=opened)
        )
        dialog = await shown(HistoryProblemDialog)
        assert "is damaged" in dialog.message.text()
        assert no_crash_dialog()
        click(qtbot, dialog, "quit")
        assert await running == 1

    try:
        qloop.run(body(), timeout=60)
    finally:
        start.close()
