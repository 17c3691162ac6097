"""Import task ID… and "Paste its ID…" in the window."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from pytestqt.qtbot import QtBot

from genstudio.api.kinds import Scope
from genstudio.api.request import GenerationRequest
from genstudio.sim.faults import Fault
from genstudio.tasks.actions import Action
from genstudio.tasks.states import TaskState
from genstudio.ui.dialogs.import_task import TaskIdDialog
from tests.conftest import until
from tests.tasks.test_import import started_elsewhere
from tests.ui.conftest import App, QLoop


def test_an_id_that_is_not_one_keeps_the_dialog_open(qtbot: QtBot) -> None:
    dialog = TaskIdDialog("Import task ID", "Why", ["sim", "work"], "work")
    qtbot.addWidget(dialog)
    assert dialog.provider.currentText() == "work"
    dialog.task_id.setText("two words")
    dialog.try_accept()
    assert "does not look like a task ID" in dialog.error.text()
    assert dialog.result() != TaskIdDialog.DialogCode.Accepted
    assert dialog.task_id.text() == "two words"  # what was pasted is kept
    dialog.task_id.setText(" task_42 ")
    assert dialog.error.text() == ""
    dialog.try_accept()
    assert dialog.result() == TaskIdDialog.DialogCode.Accepted
    assert dialog.chosen() == ("work", Scope.IMAGES, "task_42", "")


def fill_and_accept(task_id: str, scope: Scope | None = None) -> Callable[[TaskIdDialog], int]:
    def run(dialog: TaskIdDialog) -> int:
        if scope is not None:
            dialog.scope.setCurrentIndex(dialog.scope.findData(scope))
        dialog.task_id.setText(task_id)
        dialog.try_accept()
        return dialog.result()

    return run


def test_import_task_id_from_the_tasks_menu(
    qloop: QLoop, make_app: Callable[[], App], monkeypatch: pytest.MonkeyPatch
) -> None:
    async def body() -> None:
        app = make_app()
        task_id = started_elsewhere(app.sim, "[[seconds:0.2]] made on the website")
        monkeypatch.setattr(TaskIdDialog, "exec", fill_and_accept(task_id, Scope.IMAGES))
        app.window.actions_.import_id.trigger()
        (record,) = app.service.records.values()
        assert record.task_id == task_id
        assert app.window.selected_records() == [record]
        await until(lambda: record.state is TaskState.DONE)
        assert "Imported task" in app.window.details.browser.toPlainText()
        app.window.actions_.import_id.trigger()  # the same id again: no second row
        assert len(app.service.records) == 1
        assert app.window.statusBar().currentMessage() == "That job is already in the list."

    qloop.run(body())


def test_paste_its_id_on_an_unknown_submission(
    qloop: QLoop, make_app: Callable[[], App], monkeypatch: pytest.MonkeyPatch
) -> None:
    async def body() -> None:
        app = make_app()
        app.sim.inject(Fault("drop", endpoint="submit"))
        request = GenerationRequest(Scope.IMAGES, "[[seconds:0.2]] lost answer", "flux-schnell")
        record = await app.service.submit("sim", request)
        assert record.state is TaskState.SUBMISSION_UNKNOWN
        app.window.bring_task_into_view(record.id)
        details = app.window.details
        assert "paste its ID to keep it" in details.browser.toPlainText()
        assert "Submit again may charge twice" in details.browser.toPlainText()
        assert details.attach.isVisibleTo(app.window)
        task_id = started_elsewhere(app.sim, "[[seconds:0.2]] lost answer")
        monkeypatch.setattr(TaskIdDialog, "exec", fill_and_accept(task_id))
        details.attach.click()
        assert record.task_id == task_id
        await until(lambda: record.state is TaskState.DONE)
        assert len(app.service.records) == 1 and app.sim.stats()["submit"] == 1
        assert not app.window.actions_.by_action[Action.ATTACH_ID].isEnabled()

    qloop.run(body())
