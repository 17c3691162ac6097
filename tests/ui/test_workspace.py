"""The workspace as a creator meets it: fits a laptop, nothing vanishes by accident,
actions live only when they apply, the form folds away and comes back."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import QToolButton
from pytestqt.qtbot import QtBot

from genstudio.api.kinds import Scope
from genstudio.tasks.states import TaskState
from genstudio.ui.tasklist.task_columns import Column
from tests.conftest import until
from tests.ui.conftest import App, QLoop
from tests.ui.test_window_e2e import fill_and_submit, states

MakeApp = Callable[[], App]


def visible_width(app: App, column: Column) -> int:
    """How much of a column's header the user can see, without scrolling."""
    table = app.window.table
    header = table.horizontalHeader()
    if header.isSectionHidden(column):
        return 0
    left = header.sectionViewportPosition(column)
    section = QRect(left, 0, header.sectionSize(column), header.height())
    return section.intersected(header.rect()).width()


@pytest.mark.parametrize("size", [(1024, 640), (1400, 900)])
def test_a_laptop_window_shows_prompt_state_and_time_without_scrolling(
    qtbot: QtBot, qloop: QLoop, make_app: MakeApp, size: tuple[int, int]
) -> None:
    async def body() -> None:
        app = make_app()
        window = app.window
        window.resize(*size)
        fill_and_submit(qtbot, app, "a red kite over the dunes")
        fill_and_submit(qtbot, app, "a lullaby " + "with a very long name " * 8, Scope.AUDIO)
        await until(lambda: states(app) == [TaskState.DONE] * 2 and not _saving(app))
        window.table.selectRow(0)  # the audio: its long file name must not widen the pane
        await asyncio.sleep(0.05)  # one layout pass at the new size (no nested loop)
        assert window.width() <= size[0]
        assert window.preview.audio_label.text().startswith("♪")  # the audio is shown
        assert window.side.minimumSizeHint().width() <= 330  # a long name does not widen it
        assert visible_width(app, Column.PROMPT) >= 150
        assert visible_width(app, Column.STATUS) >= 120
        assert visible_width(app, Column.ELAPSED) >= 50
        assert not window.table.horizontalScrollBar().isVisible()
        # The frequent actions are buttons, not folded into the toolbar's "»".
        bar = window.actions_.toolbar_widget
        extension = bar.findChild(QToolButton, "qt_toolbar_ext_button")
        assert extension is None or not extension.isVisible()
        # Columns the user asks for give way instead of pushing the prompt out.
        for column in (Column.MODEL, Column.CREATED, Column.SCOPE, Column.TASK_ID):
            window.table.set_chosen(column, True)
        assert visible_width(app, Column.PROMPT) >= 150
        assert window.table.horizontalHeader().length() <= window.table.viewport().width()

    qloop.run(body())


def test_nothing_selected_means_no_live_task_action(
    qtbot: QtBot, qloop: QLoop, make_app: MakeApp
) -> None:
    async def body() -> None:
        app = make_app()
        fill_and_submit(qtbot, app, "a quiet harbour")
        await until(lambda: states(app) == [TaskState.DONE])
        window = app.window
        window.table.clearSelection()
        live = [a.text() for a in window.actions_.by_action.values() if a.isEnabled()]
        assert live == []
        window.actions_.retry.trigger()  # the shortcut with nothing selected does nothing
        assert len(app.service.records) == 1
        window.table.selectRow(0)
        assert window.actions_.open.isEnabled() and window.actions_.delete.isEnabled()
        assert not window.actions_.check.isEnabled()  # done: there is nothing to ask about
        assert not window.actions_.retry.isEnabled()  # done: "Reuse settings" makes another

    qloop.run(body())


def test_delete_is_instant_and_undoable_and_keeps_files(
    qtbot: QtBot, qloop: QLoop, make_app: MakeApp
) -> None:
    async def body() -> None:
        app = make_app()
        fill_and_submit(qtbot, app, "a lantern in fog")
        await until(lambda: states(app) == [TaskState.DONE] and not _saving(app))
        window = app.window
        (record,) = app.service.records.values()
        saved = Path(record.files[0].path or "")
        window.table.selectRow(0)
        qtbot.keyClick(window.table, Qt.Key.Key_Delete)  # no question asked
        assert window.model.rowCount() == 0 and app.service.store.count() == 0
        assert saved.exists()  # the file stays in the library
        assert window.undo_button.isVisible()
        assert "Deleted 1 task" in window.statusBar().currentMessage()
        qtbot.keyClick(window.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
        assert app.service.store.count() == 1
        await until(lambda: window.model.rowCount() == 1)  # rows come in at the turn's end
        assert window.model.id_at(0) == record.id
        assert not window.undo_button.isVisible()

    qloop.run(body())


def test_delete_with_files_moves_them_to_the_trash_and_undo_brings_them_back(
    qtbot: QtBot, qloop: QLoop, make_app: MakeApp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    (tmp_path / "xdg").mkdir()

    async def body() -> None:
        app = make_app()
        fill_and_submit(qtbot, app, "two takes of a lullaby", Scope.AUDIO)
        await until(lambda: states(app) == [TaskState.DONE] and not _saving(app))
        window = app.window
        (record,) = app.service.records.values()
        files = [Path(f.path or "") for f in record.files]
        assert len(files) == 2 and all(f.exists() for f in files)
        window.table.selectRow(0)
        window.actions_.delete_files.trigger()
        assert not any(f.exists() for f in files)
        trash = tmp_path / "xdg" / "Trash" / "files"
        assert sorted(p.name for p in trash.iterdir()) == sorted(f.name for f in files)
        window.actions_.undo_delete.trigger()
        assert all(f.exists() for f in files) and not any(trash.iterdir())
        assert not any((tmp_path / "xdg" / "Trash" / "info").iterdir())
        assert app.service.store.count() == 1

    qloop.run(body())


def test_a_job_being_sent_cannot_be_deleted(qtbot: QtBot, qloop: QLoop, make_app: MakeApp) -> None:
    async def body() -> None:
        app = make_app()
        app.sim.config.latency = 0.5
        fill_and_submit(qtbot, app, "slow to send")
        await until(lambda: app.window.model.rowCount() == 1)
        app.window.table.selectRow(0)
        assert states(app) == [TaskState.SUBMITTING]
        assert not app.window.actions_.delete.isEnabled()
        app.window.actions_.delete.trigger()
        assert len(app.service.records) == 1

    qloop.run(body())


def test_the_form_folds_to_a_bar_and_comes_back(
    qtbot: QtBot, qloop: QLoop, make_app: MakeApp
) -> None:
    async def body() -> None:
        app = make_app()
        window = app.window
        window.resize(1024, 640)
        panel = window.workspace.form_panel
        before = window.side.width()
        qtbot.mouseClick(panel.fold_button, Qt.MouseButton.LeftButton)
        await asyncio.sleep(0.05)
        assert panel.folded and panel.width() <= 40
        assert window.side.width() > before  # the previewer gets the room
        qtbot.keyClick(window.table, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
        assert panel_folded(panel) is False and window.form.prompt.hasFocus()
        assert app.service.records == {}  # unfolding sent nothing
        qtbot.mouseClick(panel.fold_button, Qt.MouseButton.LeftButton)
        qtbot.mouseClick(panel.bar, Qt.MouseButton.LeftButton)
        assert panel_folded(panel) is False

    qloop.run(body())


def _saving(app: App) -> bool:
    return any(r.saving for r in app.service.records.values())


def panel_folded(panel: object) -> bool:
    """Read afresh (mypy narrows a property after an assert as if it could not change)."""
    return bool(getattr(panel, "folded"))  # noqa: B009


def test_a_refused_job_says_nothing_was_sent(qtbot: QtBot, qloop: QLoop, make_app: MakeApp) -> None:
    async def body() -> None:
        app = make_app()
        window = app.window
        fill_and_submit(qtbot, app, "a red kite")
        await until(lambda: states(app) == [TaskState.DONE])
        assert "Sent to" in window.statusBar().currentMessage()
        window.form.prompt.setPlainText("")
        qtbot.mouseClick(window.form.submit_button, Qt.MouseButton.LeftButton)
        assert "Nothing was sent" in window.statusBar().currentMessage()
        assert app.sim.stats()["submit"] == 1
        # The form fits its panel at 1024 pixels: every kind's whole word shows.
        window.resize(1024, 640)
        await asyncio.sleep(0.05)
        for button in window.form.scope_buttons.values():
            assert button.visibleRegion().boundingRect().width() == button.width()

    qloop.run(body())
