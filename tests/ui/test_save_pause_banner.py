"""The window says when saving waits for room, names the folder, and clears by itself."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from genstudio.api.kinds import Scope
from genstudio.api.request import GenerationRequest
from genstudio.tasks.record import TaskRecord
from genstudio.tasks.save_pause import Cause, Disk
from genstudio.tasks.states import FileState, TaskState
from tests.conftest import until
from tests.ui.conftest import App, QLoop


def state_of(record: TaskRecord) -> FileState:
    """The first output's state (a function: mypy would keep an earlier narrowing)."""
    return record.files[0].state


class SwitchableDisk(Disk):
    def __init__(self, cause: Cause | None) -> None:
        self.cause = cause

    def room(self, folder: Path, needed: int) -> Cause | None:
        return self.cause


def test_a_full_folder_shows_a_banner_that_goes_when_there_is_room(
    qtbot: QtBot, qloop: QLoop, make_app: Callable[[], App], tmp_path: Path
) -> None:
    async def body() -> None:
        app = make_app()
        saver = app.service.saver
        assert saver is not None
        disk = SwitchableDisk(Cause.FULL)
        saver.disk = disk
        record = await app.service.submit("sim", GenerationRequest(Scope.IMAGES, "a kite", "m"))
        await until(lambda: record.state is TaskState.DONE and bool(saver.pauses))
        banner = app.window.save_banner
        assert banner.isVisible()
        text = banner.label.text()
        assert str(tmp_path / "library" / "images") in text and "is full" in text
        assert "less than 1 MB free" in text  # found before the download: its size unknown
        assert "another library folder" in text and "resumes by itself" in text
        assert record.files[0].state is FileState.PENDING  # waiting, not failed
        # Space freed: "Try now" looks at once; saving resumes and the banner goes.
        disk.cause = None
        qtbot.mouseClick(banner.action, Qt.MouseButton.LeftButton)
        await until(lambda: not record.saving)
        assert state_of(record) is FileState.SAVED
        assert not banner.isVisible()

    qloop.run(body())
