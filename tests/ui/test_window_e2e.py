"""The window end to end against the simulator over loopback, driven with qtbot.

Each test body is a coroutine run on the qasync loop, as in the app: the service's
status checks and the widgets share that loop.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from pytestqt.qtbot import QtBot

from genstudio.api.kinds import Scope
from genstudio.api.request import GenerationRequest
from genstudio.app import setup_logging
from genstudio.sim import DEMO_KEY, Fault
from genstudio.tasks.actions import Action
from genstudio.tasks.states import FileState, TaskState
from genstudio.ui.tasklist.task_columns import Column
from genstudio.ui.window.layout_memory import fit_screen
from tests.conftest import until
from tests.ui.conftest import App, QLoop

MakeApp = Callable[[], App]


def states(app: App) -> list[TaskState]:
    return [r.state for r in app.service.records.values()]


def fill_and_submit(qtbot: QtBot, app: App, prompt: str, scope: Scope = Scope.IMAGES) -> None:
    form = app.window.form
    qtbot.mouseClick(form.scope_buttons[scope], Qt.MouseButton.LeftButton)
    form.prompt.clear()
    qtbot.keyClicks(form.prompt, prompt)
    qtbot.mouseClick(form.submit_button, Qt.MouseButton.LeftButton)


def test_submit_from_the_form_reaches_done(qtbot: QtBot, qloop: QLoop, make_app: MakeApp) -> None:
    async def body() -> None:
        app = make_app()
        fill_and_submit(qtbot, app, "a lighthouse at night", Scope.AUDIO)
        await until(lambda: app.window.model.rowCount() == 1)
        await until(lambda: states(app) == [TaskState.DONE])
        model = app.window.model
        assert model.data(model.index(0, Column.STATUS)) == "Done"
        app.window.table.selectRow(0)
        details = app.window.details
        record = next(iter(app.service.records.values()))
        assert len(record.outputs) == 2
        # Links are for support: under the collapsed Technical details, not in plain sight.
        assert not details.technical.isVisibleTo(app.window)
        assert not any(url in details.browser.toHtml() for url in record.outputs)
        assert all(url in details.technical.toHtml() for url in record.outputs)
        assert record.task_id and record.task_id in details.technical.toPlainText()
        assert app.window.actions_.copy_links.isEnabled()
        app.window.actions_.run(Action.COPY_LINK)
        assert QGuiApplication.clipboard().text().splitlines() == list(record.outputs)
        assert app.prefs.recent_models["audio"][0] == "suno-v4"
        await until(lambda: not record.saving)
        app.window.table.selectRow(0)
        text = app.window.details.browser.toPlainText()
        assert text.count("Show in folder") == 2
        assert all(Path(f.path or "").is_file() for f in record.files)

    qloop.run(body())


def test_ten_submits_in_a_row(qtbot: QtBot, qloop: QLoop, make_app: MakeApp) -> None:
    async def body() -> None:
        app = make_app()
        for i in range(10):
            fill_and_submit(qtbot, app, f"picture {i}")
        assert app.window.form.submit_button.isEnabled()
        await until(lambda: len(app.service.records) == 10)
        await until(lambda: all(s is TaskState.DONE for s in states(app)), timeout=30)
        assert app.sim.stats()["tasks"] == 10

    qloop.run(body())


def test_restart_resumes_an_unfinished_task(qtbot: QtBot, qloop: QLoop, make_app: MakeApp) -> None:
    async def body() -> None:
        first = make_app()
        fill_and_submit(qtbot, first, "[[seconds:1.5]] slow one")
        await until(lambda: any(s is TaskState.WAITING for s in states(first)))
        await first.aclose()
        second = make_app()
        assert second.window.model.rowCount() == 1
        await until(lambda: states(second) == [TaskState.DONE])

    qloop.run(body())


def test_record_left_submitting_shows_submission_unknown(
    qtbot: QtBot, qloop: QLoop, make_app: MakeApp
) -> None:
    async def body() -> None:
        first = make_app()
        ghost = first.service.store.insert("sim", GenerationRequest(Scope.IMAGES, "ghost", "m"))
        await first.aclose()
        second = make_app()
        second.window.table.selectRow(0)
        model = second.window.model
        assert model.data(model.index(0, Column.STATUS)) == "Submission unknown"
        details = second.window.details
        assert details.resubmit.isVisibleTo(second.window)
        assert details.dismiss.isVisibleTo(second.window)
        assert second.sim.stats()["submit"] == 0  # never resubmitted by itself
        qtbot.mouseClick(details.resubmit, Qt.MouseButton.LeftButton)
        await until(lambda: second.service.records[ghost.id].state is TaskState.DONE)

    qloop.run(body())


def test_bursts_and_outage_still_end_done(qtbot: QtBot, qloop: QLoop, make_app: MakeApp) -> None:
    async def body() -> None:
        app = make_app()
        app.sim.inject(Fault("rate_limit", count=2, endpoint="submit", retry_after=0.05))
        for i in range(4):
            fill_and_submit(qtbot, app, f"[[seconds:1]] job {i}")
        app.sim.inject(Fault("rate_limit", count=5, endpoint="fetch", retry_after=0.1))
        app.sim.inject(Fault("server_error", count=8, endpoint="fetch", status=503))
        app.sim.inject(Fault.from_json({"kind": "drop", "endpoint": "fetch", "for_seconds": 0.8}))
        await until(lambda: len(app.service.records) == 4)
        await until(lambda: all(s is TaskState.DONE for s in states(app)), timeout=40)
        assert TaskState.FAILED not in states(app)

    qloop.run(body())


def test_failed_task_shows_its_reason(qtbot: QtBot, qloop: QLoop, make_app: MakeApp) -> None:
    async def body() -> None:
        app = make_app()
        fill_and_submit(qtbot, app, "something [[fail:zh]]", Scope.VIDEOS)
        await until(lambda: states(app) == [TaskState.FAILED])
        app.window.table.selectRow(0)
        assert "生成失败" in app.window.details.browser.toPlainText()
        model = app.window.model
        tooltip = model.data(model.index(0, Column.STATUS), Qt.ItemDataRole.ToolTipRole)
        assert "生成失败" in tooltip

    qloop.run(body())


def test_actions_on_rows(qtbot: QtBot, qloop: QLoop, make_app: MakeApp) -> None:
    async def body() -> None:
        app = make_app()
        fill_and_submit(qtbot, app, "[[never]] forever", Scope.VIDEOS)
        await until(lambda: states(app) in ([TaskState.WAITING], [TaskState.RUNNING]))
        window = app.window
        window.table.selectRow(0)
        assert window.actions_.stop.isEnabled()
        window.actions_.run(Action.STOP)
        assert states(app) == [TaskState.STOPPED]
        window.actions_.run(Action.REUSE)
        assert window.form.prompt.toPlainText() == "[[never]] forever"
        assert window.form.scope is Scope.VIDEOS
        window.actions_.run(Action.RETRY)
        # Accepted first: a job still being sent cannot be deleted (its answer may be paid).
        await until(lambda: len(states(app)) == 2 and TaskState.SUBMITTING not in states(app))
        await until(lambda: window.model.rowCount() == 2)  # new rows are shown together
        window.table.selectAll()
        window.actions_.delete_records(window.selected_records(), to_trash=False)
        assert window.model.rowCount() == 0 and app.service.store.count() == 0

    qloop.run(body())


def test_search_and_status_filter(qtbot: QtBot, qloop: QLoop, make_app: MakeApp) -> None:
    async def body() -> None:
        app = make_app()
        fill_and_submit(qtbot, app, "red fox")
        fill_and_submit(qtbot, app, "blue whale [[fail]]")
        await until(lambda: sorted(states(app)) == sorted([TaskState.DONE, TaskState.FAILED]))
        window = app.window
        qtbot.keyClicks(window.search, "whale")  # asked once, a moment after the last key
        await until(lambda: window.proxy.rowCount() == 1)
        window.search.clear()
        await until(lambda: window.proxy.rowCount() == 2)
        window.status_filter.setCurrentIndex(2)  # Done (read off the GUI thread too)
        await until(lambda: window.proxy.rowCount() == 1)
        window.status_filter.setCurrentIndex(0)
        await until(lambda: window.proxy.rowCount() == 2)
        first = window.proxy.index(0, Column.PROMPT).data()
        assert first.startswith("blue whale")  # newest first

    qloop.run(body())


def test_columns_can_be_shown_and_hidden(qtbot: QtBot, qloop: QLoop, make_app: MakeApp) -> None:
    async def body() -> None:
        window = make_app().window
        window.resize(1400, 860)  # wider than the offscreen screen: room for Task ID
        await until(lambda: window.table.viewport().width() > 500)
        header = window.table.horizontalHeader()
        assert header.isSectionHidden(Column.TASK_ID)  # shown in the details instead
        menu = window.table.column_menu()
        titles = [a.text() for a in menu.actions()]
        assert "Prompt" not in titles and "Task ID" in titles
        task_id = next(a for a in menu.actions() if a.text() == "Task ID")
        assert not task_id.isChecked()
        task_id.trigger()
        assert not header.isSectionHidden(Column.TASK_ID)
        menu.close()

    qloop.run(body())


def test_key_never_lands_in_database_settings_or_log(
    qtbot: QtBot, qloop: QLoop, make_app: MakeApp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    root = logging.getLogger()
    before = list(root.handlers)
    level = root.level
    paths: list[Path] = []

    async def body() -> None:
        app = make_app()
        paths.append(Path(setup_logging(app.vault)))
        logging.getLogger("genstudio.test").warning("a key slipped in: %s", DEMO_KEY)
        fill_and_submit(qtbot, app, "a boat")
        await until(lambda: states(app) == [TaskState.DONE])
        app.window.remember_layout()
        app.window._save_prefs()
        await app.aclose()
        paths.extend([app.settings_path, *tmp_path.glob("history.sqlite3*")])

    try:
        qloop.run(body())
    finally:
        for handler in root.handlers[len(before) :]:
            handler.close()
            root.removeHandler(handler)
        root.setLevel(level)
    log_path = paths[0]
    assert log_path.stat().st_size > 0 and paths[1].exists()
    for path in paths:
        assert DEMO_KEY.encode() not in path.read_bytes(), path
    assert "[key hidden]" in log_path.read_text()


def test_empty_state_and_demo(qtbot: QtBot, qloop: QLoop, make_app: MakeApp) -> None:
    from genstudio.demo import Demo

    async def body() -> None:
        app = make_app()
        app.prefs.profiles.clear()
        app.prefs.current_profile = None
        app.window.refresh_profiles()
        assert app.window.stack.currentWidget() is app.window.empty
        demo = Demo(app.prefs, app.vault, task_seconds=0.5)
        app.window.providers.start_demo = demo.start
        try:
            qtbot.mouseClick(app.window.empty.demo_button, Qt.MouseButton.LeftButton)
            await until(lambda: app.prefs.current_profile == "Demo")
            assert app.window.stack.currentIndex() == 1
            assert app.window.demo_banner.isVisible()
            assert "Demo" in app.window.windowTitle()
            fill_and_submit(qtbot, app, "demo picture")
            await until(lambda: states(app) == [TaskState.DONE])
            assert app.prefs.to_json()["profiles"] == []  # the demo is never saved
        finally:
            demo.stop()

    qloop.run(body())


def test_no_provider_gives_a_banner(qtbot: QtBot, qloop: QLoop, make_app: MakeApp) -> None:
    async def body() -> None:
        app = make_app()
        app.prefs.current_profile = "missing"
        app.prefs.profiles.clear()
        fill_and_submit(qtbot, app, "p")
        assert app.window.banner.isVisible()
        assert "Add a provider first" in app.window.banner.label.text()
        assert app.service.records == {}

    qloop.run(body())


def test_server_error_on_submit_says_so_in_a_banner(
    qtbot: QtBot, qloop: QLoop, make_app: MakeApp
) -> None:
    async def body() -> None:
        app = make_app()
        app.sim.inject(Fault("server_error", endpoint="submit", status=502, body="html"))
        fill_and_submit(qtbot, app, "a castle")
        await until(lambda: states(app) == [TaskState.SUBMISSION_UNKNOWN])
        assert app.window.banner.isVisible()
        assert "may or may not have started" in app.window.banner.label.text()
        assert "Bad Gateway" in app.window._banner_details
        assert app.sim.stats()["tasks"] == 0

    qloop.run(body())


def test_saved_files_actions_and_reuse_from_sidecar(
    qtbot: QtBot, qloop: QLoop, make_app: MakeApp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtWidgets import QFileDialog

    target = tmp_path / "exported"
    target.mkdir()
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(target))

    async def body() -> None:
        app = make_app()
        fill_and_submit(qtbot, app, "a green kite over dunes", Scope.IMAGES)
        await until(
            lambda: (
                states(app) == [TaskState.DONE]
                and not app.service.records[next(iter(app.service.records))].saving
            )
        )
        window = app.window
        window.table.selectRow(0)
        assert window.actions_.save_all.isEnabled() and window.actions_.copy_image.isEnabled()
        window.actions_.run(Action.SAVE_ALL)
        record = next(iter(app.service.records.values()))
        saved = Path(record.files[0].path or "")
        assert (target / saved.name).read_bytes() == saved.read_bytes()
        window.actions_.run(Action.COPY_IMAGE)
        assert not QGuiApplication.clipboard().image().isNull()
        # "Reuse settings" from the sidecar beside the saved file.
        window.form.prompt.setPlainText("something else")
        window.form.set_scope(Scope.AUDIO)
        window.files.reuse_from_file(Path(str(saved) + ".json"))
        assert window.form.prompt.toPlainText() == "a green kite over dunes"
        assert window.form.scope is Scope.IMAGES
        bogus = tmp_path / "not-a-sidecar.json"
        bogus.write_text('{"hello": 1}')
        window.files.reuse_from_file(bogus)
        assert "not a GenStudio sidecar" in window.banner.label.text()

    qloop.run(body())


def test_an_output_too_large_can_be_saved_again(
    qtbot: QtBot, qloop: QLoop, make_app: MakeApp
) -> None:
    async def body() -> None:
        app = make_app()
        assert app.service.saver is not None
        app.service.saver._max_bytes = lambda: 1000  # as if the limit were 1 kB
        fill_and_submit(qtbot, app, "a very long film", Scope.VIDEOS)
        await until(
            lambda: (
                bool(app.service.records)
                and all(
                    r.state is TaskState.DONE and r.files and not r.saving
                    for r in app.service.records.values()
                )
            )
        )
        window = app.window
        window.table.selectRow(0)
        details = window.details
        assert details.save_again.isVisible()
        assert "Not saved" in details.browser.toPlainText()
        assert "larger than" in details.browser.toPlainText()
        app.service.saver._max_bytes = None
        details.save_again.click()
        record = next(iter(app.service.records.values()))
        await until(lambda: record.files[0].state is FileState.SAVED)
        await until(lambda: not details.save_again.isVisible())

    qloop.run(body())


def test_window_layout_is_remembered(qtbot: QtBot, qloop: QLoop, make_app: MakeApp) -> None:
    async def body() -> None:
        app = make_app()
        first = app.window
        first.workspace.form_panel.set_folded(True)  # narrow enough for the small screen
        layout = first.layout()
        assert layout is not None
        layout.activate()  # the window's minimum follows the folded form
        # The offscreen screen is 800x800 and restoring clamps to it: stay at the
        # window's narrowest, which the clamp comes back to.
        first.resize(780, 580)
        first.splitter.setSizes([34, 400, 330])
        first.side.setSizes([420, 200])
        first.table.set_chosen(Column.MODEL, True)
        size, splitter, side = first.size(), first.splitter.sizes(), first.side.sizes()
        first.close()
        saved = json.loads(app.settings_path.read_text())
        for key in ("window_geometry", "splitter_state", "side_splitter_state"):
            assert saved[key], key
        second = make_app().window
        assert second.size() == size and size.height() == 580
        assert second.splitter.sizes() == splitter
        assert second.side.sizes() == side
        assert second.table.chosen == {Column.MODEL}
        assert second.workspace.form_panel.folded

    qloop.run(body())


def test_a_size_from_a_larger_screen_is_cut_to_this_one(
    qtbot: QtBot, qloop: QLoop, make_app: MakeApp
) -> None:
    async def body() -> None:
        window = make_app().window
        window.workspace.form_panel.set_folded(True)
        window.resize(3000, 2000)  # remembered from a monitor; X11 keeps it as it is
        assert window.width() > 800
        fit_screen(window)
        room = window.screen().availableGeometry()
        assert window.width() <= room.width() and window.height() <= room.height()
        assert window.pos() == room.topLeft()

    qloop.run(body())


def test_the_first_run_fits_a_small_screen_with_generate_in_reach(
    qtbot: QtBot, qloop: QLoop, make_app: MakeApp
) -> None:
    async def body() -> None:
        window = make_app().window  # no layout remembered: the default size
        room = window.screen().availableGeometry()
        # The offscreen screen (800 px) is lower than the default height (860 px) and
        # narrower than the window's minimum width: the height is what is tested here.
        assert room.height() < 860
        assert window.height() <= room.height()
        button = window.form.submit_button
        await until(lambda: button.isVisible())
        assert button.mapToGlobal(button.rect().bottomLeft()).y() <= room.bottom()

    qloop.run(body())
