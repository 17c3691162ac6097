"""Control characters from a server are shown escaped, never rendered, in every place
the window shows server words (issue 12, point 7): details, list, notifications,
preview. The row below was stored before the api layer escaped them."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QIcon
from pytestqt.qtbot import QtBot

from genstudio.api.kinds import Scope
from genstudio.api.request import GenerationRequest
from genstudio.tasks.events import Notice, TaskEvent
from genstudio.tasks.record import SavedFile, TaskRecord
from genstudio.tasks.states import FileState, TaskState
from genstudio.ui.notifier import TaskNotifier
from genstudio.ui.preview.media_preview import MediaPreview
from genstudio.ui.tasklist.task_columns import Column
from genstudio.ui.tasklist.task_details import TaskDetails
from tests.ui.conftest import App, QLoop
from tests.ui.history_models import table_over

RAW = ("\x1b", "\x07", "\x9b", "\u202e")


def hostile(state: TaskState = TaskState.FAILED) -> TaskRecord:
    return TaskRecord(
        1,
        "p",
        GenerationRequest(Scope.IMAGES, "a kite", "m"),
        1_700_000_000.0,
        state,
        task_id="t\x1b]0;owned\x07",
        fail_reason="refused \x1b[2J\u202eevil",
        last_error="the provider said \x9b6n",
        error_details="HTTP 400 \x1b[31m",
        outputs=("https://x.test/\x1b[5m.png",),
        files=(SavedFile("https://x.test/\x1b[5m.png", FileState.FAILED, error="\x9b2J"),),
    )


def clean(text: str) -> bool:
    return not any(control in text for control in RAW)


def test_details_show_server_words_escaped(qtbot: QtBot) -> None:
    details = TaskDetails()
    qtbot.addWidget(details)
    details.show()
    details.show_records([hostile()])
    details.technical_toggle.click()
    shown = details.browser.toPlainText() + details.technical.toPlainText()
    assert clean(shown), shown
    for escaped in ("refused \\x1b[2J\\u202eevil", "\\x9b6n", "t\\x1b]0;owned\\x07", "\\x1b[31m"):
        assert escaped in shown, escaped
    details.show_records([hostile(TaskState.DONE)])  # the saved-files list and its error
    assert clean(details.browser.toPlainText())


def test_list_tooltips_show_server_words_escaped(qtbot: QtBot, tmp_path: Path) -> None:
    model, _store = table_over(tmp_path, [hostile()])
    for column in Column:
        index = model.index(0, column)
        for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            value = model.data(index, role)
            assert not isinstance(value, str) or clean(value), (column, role, value)


def test_notification_and_preview_show_server_words_escaped(qtbot: QtBot) -> None:
    notifier = TaskNotifier(QIcon(), lambda: True, lambda: False, lambda _id: None)
    running = hostile(TaskState.RUNNING)
    notifier.apply(TaskEvent("added", (running,)))
    notifier.apply(TaskEvent("changed", (hostile(),)))
    assert notifier.shown and all(clean(title + text) for title, text in notifier.shown)
    preview = MediaPreview()
    qtbot.addWidget(preview)
    preview.show_record(hostile())
    assert clean(preview.message.text()) and "\\x1b[2J" in preview.message.text()


def test_the_window_s_banner_and_status_bar_show_server_words_escaped(
    qloop: QLoop, make_app: Callable[[], App]
) -> None:
    async def body() -> None:
        window = make_app().window
        # What the service says of a submit whose answer was lost quotes the server.
        window._on_notice(Notice("lost: \x1b[2J\u202eevil", "HTTP 502 \x9b6n", "error"))
        shown = window.banner.label.text() + window.statusBar().currentMessage()
        assert clean(shown) and "\\x1b[2J" in shown
        assert clean(window.banner.label.toolTip())

    qloop.run(body())
