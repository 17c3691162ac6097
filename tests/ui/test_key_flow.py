"""A missing or refused key is asked for before anything is sent; nothing turns red."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from genstudio.api.kinds import Scope
from genstudio.sim import DEMO_KEY
from genstudio.tasks.states import TaskState
from genstudio.ui.dialogs.key_dialog import KeyDialog
from tests.conftest import MemoryKeyring, until
from tests.ui.conftest import QLoop
from tests.ui.test_window_e2e import MakeApp, fill_and_submit, states


class Dialogs(list[KeyDialog]):
    """Key dialogs shown; each is answered with the next of ``answers`` (None: Cancel)."""

    def __init__(self) -> None:
        super().__init__()
        self.answers: list[str | None] = []

    def exec_(self, dialog: KeyDialog) -> int:
        self.append(dialog)
        key = self.answers.pop(0) if self.answers else None
        if key is None:
            return int(KeyDialog.DialogCode.Rejected)
        dialog.key.setText(key)
        return int(KeyDialog.DialogCode.Accepted)


@pytest.fixture
def dialogs(monkeypatch: pytest.MonkeyPatch) -> Dialogs:
    shown = Dialogs()
    monkeypatch.setattr(KeyDialog, "exec", lambda dialog: shown.exec_(dialog))
    return shown


def answer(dialogs: Dialogs, *keys: str | None) -> None:
    dialogs.answers.extend(keys)


def test_missing_key_at_start_is_a_calm_banner_that_offers_the_key(
    qtbot: QtBot,
    qloop: QLoop,
    make_app: MakeApp,
    memory_keyring: MemoryKeyring,
    dialogs: Dialogs,
) -> None:
    memory_keyring.entries.clear()  # the keyring lost the entry (or was never there)

    async def body() -> None:
        app = make_app()
        banner = app.window.banner
        await until(banner.isVisible)  # the key is read just after the first paint
        assert "no API key for “sim”" in banner.label.text()
        assert banner.action.text() == "Enter key"
        assert "#fbeaea" not in banner.styleSheet()  # not the error colour
        answer(dialogs, DEMO_KEY)
        qtbot.mouseClick(banner.action, Qt.MouseButton.LeftButton)
        assert len(dialogs) == 1 and not banner.isVisible()
        assert memory_keyring.entries  # stored in the keyring, not in a file
        fill_and_submit(qtbot, app, "now with a key")
        await until(lambda: states(app) == [TaskState.DONE])
        assert len(dialogs) == 1  # not asked again

    qloop.run(body())


def test_generate_without_a_key_asks_first_then_sends_once(
    qtbot: QtBot,
    qloop: QLoop,
    make_app: MakeApp,
    memory_keyring: MemoryKeyring,
    dialogs: Dialogs,
) -> None:
    memory_keyring.entries.clear()

    async def body() -> None:
        app = make_app()
        # Cancel: nothing is sent, no row, the form keeps what was typed.
        fill_and_submit(qtbot, app, "a kite over dunes", Scope.VIDEOS)
        assert len(dialogs) == 1 and app.service.records == {}
        assert app.window.form.prompt.toPlainText() == "a kite over dunes"
        assert app.sim.stats()["submit"] == 0
        # Asked again on the next Generate; this time the key is given.
        answer(dialogs, DEMO_KEY)
        qtbot.mouseClick(app.window.form.submit_button, Qt.MouseButton.LeftButton)
        assert len(dialogs) == 2
        dialog = dialogs[1]
        assert "sim" in dialog.windowTitle() and dialog.where.text()
        await until(lambda: states(app) == [TaskState.DONE])
        assert app.sim.stats()["submit"] == 1
        assert TaskState.FAILED not in states(app)

    qloop.run(body())


def test_a_refused_key_pauses_jobs_which_resume_once_a_new_key_is_entered(
    qtbot: QtBot, qloop: QLoop, make_app: MakeApp, dialogs: Dialogs
) -> None:
    async def body() -> None:
        app = make_app()
        fill_and_submit(qtbot, app, "[[seconds:1.5]] a slow lighthouse")
        await until(lambda: states(app) in ([TaskState.WAITING], [TaskState.RUNNING]))
        app.sim.config.api_key = "sk-rotated"  # the provider revoked the old key
        await until(lambda: states(app) == [TaskState.KEY_REFUSED])
        # The details say the reason once (not as reason, note and technical line).
        app.window.table.selectRow(0)
        (record,) = app.service.records.values()
        reason = (record.error_details or "").split(" | ")[0]
        assert reason and app.window.details.browser.toPlainText().count(reason) == 1
        banner = app.window.banner
        assert banner.isVisible() and "refused" in banner.label.text()
        assert dialogs == []  # a banner, not a dialog popping up by itself
        # A job sent meanwhile is not Failed: it waits for the key too.
        fill_and_submit(qtbot, app, "sent while refused")
        assert len(dialogs) == 1  # Generate asked for the key first; cancelled
        assert len(app.service.records) == 1
        answer(dialogs, "sk-rotated")
        qtbot.mouseClick(banner.action, Qt.MouseButton.LeftButton)
        await until(lambda: states(app) == [TaskState.DONE])

    qloop.run(body())


def test_the_key_dialog_tests_the_key_against_the_provider(
    qtbot: QtBot, qloop: QLoop, make_app: MakeApp
) -> None:
    async def body() -> None:
        app = make_app()
        profile = app.prefs.profile("sim")
        assert profile is not None
        dialog = KeyDialog(profile, "Enter it", app.vault.where(), app.window)
        qtbot.addWidget(dialog)
        assert not dialog.save_button.isEnabled()
        qtbot.keyClicks(dialog.key, "sk-wrong")
        qtbot.mouseClick(dialog.test_button, Qt.MouseButton.LeftButton)
        await until(lambda: "refused" in dialog.test_result.text())
        dialog.key.setText(DEMO_KEY)
        assert dialog.save_button.isEnabled()
        qtbot.mouseClick(dialog.test_button, Qt.MouseButton.LeftButton)
        await until(lambda: dialog.test_result.text().startswith("Connected"))

    qloop.run(body())


def test_quitting_while_a_job_is_being_sent_waits_for_the_answer(
    qtbot: QtBot, qloop: QLoop, make_app: MakeApp
) -> None:
    async def body() -> None:
        app = make_app()
        app.sim.config.latency = 1.0
        fill_and_submit(qtbot, app, "answered slowly")
        await until(lambda: app.service.sending == 1)
        app.window.close()
        assert app.window.isVisible()  # still open, and says why
        assert "Closing as soon as the provider confirms" in app.window.banner.label.text()
        await until(lambda: not app.window.isVisible(), timeout=10)
        (record,) = app.service.records.values()
        assert record.task_id is not None  # the answer arrived: not "Submission unknown"

    qloop.run(body())


def test_quitting_with_nothing_in_flight_is_immediate(
    qtbot: QtBot, qloop: QLoop, make_app: MakeApp
) -> None:
    async def body() -> None:
        app = make_app()
        fill_and_submit(qtbot, app, "[[seconds:5]] still running")
        await until(lambda: states(app) in ([TaskState.WAITING], [TaskState.RUNNING]))
        app.window.close()
        assert not app.window.isVisible()

    qloop.run(body())
