"""At home on the desktop: notifications, shortcuts, About, keyboard and screen readers."""

from __future__ import annotations

import platform

from PySide6.QtCore import Qt, qVersion
from PySide6.QtGui import QAccessible, QIcon, QPalette
from PySide6.QtWidgets import QAbstractSpinBox, QApplication, QComboBox, QWidget
from pytestqt.qtbot import QtBot

from genstudio import __version__
from genstudio.api.kinds import Scope
from genstudio.api.request import GenerationRequest
from genstudio.tasks.events import TaskEvent
from genstudio.tasks.record import TaskRecord
from genstudio.tasks.states import TaskState
from genstudio.ui.appearance import apply_color_scheme
from genstudio.ui.banner import Banner
from genstudio.ui.dialogs.help_dialogs import AboutDialog, ShortcutsDialog
from genstudio.ui.notifier import TaskNotifier
from tests.conftest import until
from tests.ui.conftest import QLoop
from tests.ui.test_settings_dialog import studio_dialog
from tests.ui.test_window_e2e import MakeApp, fill_and_submit, states


def task(local_id: int, state: TaskState, reason: str | None = None) -> TaskRecord:
    return TaskRecord(
        id=local_id,
        profile="p",
        request=GenerationRequest(Scope.IMAGES, "a red kite over the dunes", "m"),
        created_at=1.0,
        state=state,
        fail_reason=reason,
    )


def test_notification_only_in_the_background_and_when_wanted() -> None:
    active, wanted = [False], [True]
    brought: list[int] = []
    notifier = TaskNotifier(QIcon(), lambda: wanted[0], lambda: active[0], brought.append)
    notifier.remember([task(1, TaskState.DONE)])  # finished before: not news
    notifier.apply(TaskEvent("changed", (task(1, TaskState.DONE),)))
    assert notifier.shown == []
    notifier.apply(TaskEvent("added", (task(2, TaskState.RUNNING),)))
    notifier.apply(TaskEvent("changed", (task(2, TaskState.DONE),)))
    assert notifier.shown == [("Your result is ready", "a red kite over the dunes")]
    notifier._clicked()
    assert brought == [2]  # clicking brings that task into view
    notifier.apply(TaskEvent("added", (task(3, TaskState.RUNNING),)))
    notifier.apply(TaskEvent("changed", (task(3, TaskState.FAILED, "content policy"),)))
    assert notifier.shown[-1] == (
        "Image job: Failed",
        "a red kite over the dunes\ncontent policy",
    )
    active[0] = True  # the user is looking at the window: no message
    notifier.apply(TaskEvent("added", (task(4, TaskState.RUNNING),)))
    notifier.apply(TaskEvent("changed", (task(4, TaskState.DONE),)))
    active[0], wanted[0] = False, False  # turned off in Settings
    notifier.apply(TaskEvent("added", (task(5, TaskState.RUNNING),)))
    notifier.apply(TaskEvent("changed", (task(5, TaskState.DONE),)))
    assert len(notifier.shown) == 2


def test_shortcuts_cover_the_frequent_actions(
    qtbot: QtBot, qloop: QLoop, make_app: MakeApp
) -> None:
    async def body() -> None:
        window = make_app().window
        rows = dict(window.menus.shortcut_rows())
        for action, keys in {
            "Generate": "Ctrl+Return",
            "Retry": "Ctrl+R",
            "Reuse settings": "Ctrl+U",
            "Copy link to result": "Ctrl+Shift+L",
            "Open": "Ctrl+O",
            "Delete": "Del",
            "Undo delete": "Ctrl+Z",
            "Play or pause": "Space",
            "Next task": "Alt+Down",
            "Previous task": "Alt+Up",
            "Search": "Ctrl+F",
            "Gallery": "Ctrl+G",
            "Keyboard shortcuts": "F1",
        }.items():
            assert rows.get(action) == keys, (action, rows)
        assert len(set(rows.values())) == len(rows)  # no key does two things
        dialog = ShortcutsDialog(window.menus.shortcut_rows(), window)
        qtbot.addWidget(dialog)
        assert dialog.table.rowCount() == len(rows)

    qloop.run(body())


def test_next_and_previous_task_from_the_keyboard(
    qtbot: QtBot, qloop: QLoop, make_app: MakeApp
) -> None:
    async def body() -> None:
        app = make_app()
        for prompt in ("one", "two", "three"):
            fill_and_submit(qtbot, app, prompt)
        window = app.window
        await until(lambda: window.table.model().rowCount() == 3)  # in the list, not only sent
        window.form.prompt.setFocus()
        window.menus.next.trigger()
        assert window.table.currentIndex().row() == 0
        window.menus.next.trigger()
        window.menus.next.trigger()
        window.menus.next.trigger()  # stays on the last row
        assert window.table.currentIndex().row() == 2
        window.menus.previous.trigger()
        assert window.table.currentIndex().row() == 1
        record = window.selected_records()[0]
        window.table.clearSelection()
        window.bring_task_into_view(record.id)
        assert window.selected_records() == [record]

    qloop.run(body())


def test_about_says_versions_and_folders(qtbot: QtBot, tmp_path: object) -> None:
    from pathlib import Path

    folder = Path(str(tmp_path))
    dialog = AboutDialog([("Images", folder)])
    qtbot.addWidget(dialog)
    texts = " ".join(label.text() for label in dialog.findChildren(type(dialog.folders)))
    assert __version__ in texts and qVersion() in texts
    assert platform.python_version() in texts
    assert str(folder) in dialog.folders.text()
    assert "MIT" in dialog.licences.text() and "LGPL" in dialog.licences.text()


def unnamed_controls(root: QWidget) -> list[str]:
    """Focusable, visible controls a screen reader would have no name for."""
    missing = []
    for widget in [root, *root.findChildren(QWidget)]:
        if not widget.isVisibleTo(root) or not widget.focusPolicy() & Qt.FocusPolicy.TabFocus:
            continue
        face = QAccessible.queryAccessibleInterface(widget)
        name = face.text(QAccessible.Text.Name) if face is not None else ""
        parent = widget.parentWidget()
        if isinstance(parent, QAbstractSpinBox | QComboBox):
            continue  # the inner editor of a named spin box or combo box
        if not name.strip():
            where = type(parent).__name__ if parent is not None else ""
            missing.append(f"{type(widget).__name__} {widget.objectName()} in {where}")
    return missing


def tab_chain(root: QWidget) -> list[QWidget]:
    chain: list[QWidget] = []
    widget = root.nextInFocusChain()
    while widget is not None and widget is not root and len(chain) < 2000:
        chain.append(widget)
        widget = widget.nextInFocusChain()
    return chain


def test_every_control_has_a_name_and_is_reachable_by_tab(
    qtbot: QtBot, qloop: QLoop, make_app: MakeApp
) -> None:
    async def body() -> None:
        app = make_app()
        fill_and_submit(qtbot, app, "a heron")
        await until(lambda: states(app) == [TaskState.DONE])
        window = app.window
        window.table.selectRow(0)
        missing = unnamed_controls(window)
        assert missing == [], missing
        chain = tab_chain(window)
        order = [window.form.prompt, window.form.submit_button, window.search, window.table]
        positions = [chain.index(w) for w in order]
        assert positions == sorted(positions)  # form first, then the tasks

    qloop.run(body())


def test_settings_controls_have_names(qtbot: QtBot) -> None:
    dialog, prefs = studio_dialog(qtbot)
    missing = unnamed_controls(dialog)
    assert missing == [], missing
    assert dialog.notify.isChecked()
    dialog.notify.setChecked(False)
    dialog._save()
    assert prefs.notify_when_done is False
    assert QApplication.instance() is not None


def test_palette_follows_the_system_colour_scheme(qapp: QApplication) -> None:
    before = QPalette(qapp.palette())
    try:
        apply_color_scheme(qapp)
        qapp.styleHints().colorSchemeChanged.emit(Qt.ColorScheme.Dark)
        window = qapp.palette().color(QPalette.ColorRole.Window)
        text = qapp.palette().color(QPalette.ColorRole.WindowText)
        assert window.lightness() < 128 and text.lightness() > 128
        banner = Banner()
        banner.show_message("Demo", "demo")
        assert "#2e2540" in banner.styleSheet()  # the dark banner, not the pale one
        qapp.styleHints().colorSchemeChanged.emit(Qt.ColorScheme.Light)
        assert qapp.palette().color(QPalette.ColorRole.Window) == before.color(
            QPalette.ColorRole.Window
        )
    finally:
        qapp.setPalette(before)
