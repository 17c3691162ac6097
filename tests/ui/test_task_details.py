"""The details pane speaks plainly, keeps the technical part folded, and offers the same
actions as the toolbar and the service for every state."""

from __future__ import annotations

import base64
from collections.abc import Callable
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from genstudio.api.kinds import Scope
from genstudio.api.request import GenerationRequest
from genstudio.tasks.actions import Action, applies, enabled, suggested
from genstudio.tasks.record import SavedFile, TaskRecord
from genstudio.tasks.states import FileState, TaskState
from genstudio.ui.tasklist.task_details import TaskDetails
from tests.tasks.test_actions import CASES, VARIANTS
from tests.ui.conftest import App, QLoop

PNG = base64.b64encode(b"\x89PNG\r\n\x1a\n" + b"0" * 30).decode()


def make(state: TaskState, variant: int, local_id: int = 1) -> TaskRecord:
    files = VARIANTS[variant]["files"]
    return TaskRecord(
        local_id,
        "My provider",
        GenerationRequest(Scope.IMAGES, "a cat", "m"),
        1_700_000_000.0,
        state,
        task_id=VARIANTS[variant]["task_id"],
        files=files,
        outputs=tuple(f.url for f in files),
    )


def test_every_state_the_details_buttons_follow_the_rules(qtbot: QtBot) -> None:
    details = TaskDetails()
    qtbot.addWidget(details)
    details.show()
    asked: list[Action] = []
    details.action_requested.connect(asked.append)
    for state, variant in CASES:
        record = make(state, variant)
        details.show_records([record])
        for action, button in details.buttons.items():
            assert button.isVisible() == suggested(action, record), (state, variant, action)
            assert not button.isVisible() or applies(action, record)
            if button.isVisible():
                asked.clear()
                button.click()
                assert asked == [action]


def test_every_state_the_toolbar_and_menus_follow_the_same_rules(
    qloop: QLoop, make_app: Callable[[], App], monkeypatch: pytest.MonkeyPatch
) -> None:
    async def body() -> None:
        window = make_app().window
        actions = window.actions_
        for state, variant in CASES:
            record = make(state, variant)
            monkeypatch.setattr(actions, "_selected", lambda r=record: [r])
            actions.update()
            window.details.show_records([record])
            for action, control in actions.by_action.items():
                assert control.isEnabled() == enabled(action, [record]), (state, action)
                button = window.details.buttons.get(action)
                if button is not None:  # the pane offers a next step only when it is live
                    shown = button.isVisibleTo(window)
                    assert shown == suggested(action, record), (state, action)
                    assert not shown or control.isEnabled(), (state, action)

    qloop.run(body())


def test_plain_words_first_and_technical_details_folded(qtbot: QtBot, tmp_path: Path) -> None:
    saved = tmp_path / "beach sunset.png"
    saved.write_bytes(b"png")
    request = GenerationRequest(
        Scope.VIDEOS,
        "waves at dusk",
        "veo3",
        duration=8,
        aspect_ratio="16:9",
        images=(f"data:image/png;base64,{PNG}", "https://cdn.example.com/refs/cat.png"),
        image_names=("beach.png", ""),
        watermark=False,
        extra={"negative_prompt": "blurry"},
    )
    record = TaskRecord(
        7,
        "My provider",
        request,
        1_700_000_000.0,
        TaskState.DONE,
        task_id="task-123",
        provider_status="SUCCESS",
        outputs=("https://cdn.example.com/out/1.mp4",),
        files=(SavedFile("https://cdn.example.com/out/1.mp4", FileState.SAVED, str(saved)),),
        finished_at=1_700_000_008.0,
        finish_time=1e300,  # a hostile time: shown as unknown, never a crash
    )
    details = TaskDetails()
    qtbot.addWidget(details)
    details.show()
    details.show_records([record])
    text = details.browser.toPlainText()
    for words in (
        "Duration\n8 s",
        "Aspect ratio\n16:9",
        "Reference image\nbeach.png (from this computer)",
        "Reference image\ncat.png (link from cdn.example.com)",
        "Watermark\nNo",
        "Negative prompt\nblurry",
        "Time taken\n8 s",
        "beach sunset.png · Open · Show in folder",
    ):
        assert words in text, words
    for jargon in ("task-123", "Task ID", "https://", "base64", "data:", "duration"):
        assert jargon not in text, jargon
    page = details.browser.toHtml()
    assert saved.as_uri().replace("%20", " ") in page or saved.as_uri() in page
    # Folded until asked for, then it holds what support needs.
    assert details.technical_toggle.isVisible() and not details.technical.isVisible()
    details.technical_toggle.click()
    assert details.technical.isVisible()
    technical = details.technical.toPlainText()
    assert "task-123" in technical and "SUCCESS" in technical
    assert "https://cdn.example.com/out/1.mp4" in technical
    assert '"duration": 8' in technical and "KB)" in technical and PNG not in technical
    details.show_records([])
    assert not details.technical_toggle.isVisible() and not details.technical.isVisible()


def test_saving_progress_is_its_own_phase_after_the_time_taken(qtbot: QtBot) -> None:
    record = make(TaskState.DONE, 0)
    record.files = (SavedFile("https://x/a.png"),)
    record.finished_at = record.created_at + 14
    record.save_fraction = 0.42
    details = TaskDetails()
    qtbot.addWidget(details)
    details.show_records([record])
    text = details.browser.toPlainText()
    assert "Saving 42%" in text and "Time taken\n14 s" in text


def test_the_details_escape_as_the_html_module_does() -> None:
    import html

    from genstudio.ui.tasklist.task_details import escape

    for text in ("a & b", "<b>x</b>", "say \"hi\" & 'bye'", "plain", "&amp;"):
        assert escape(text) == html.escape(text)
        assert escape(text, quote=False) == html.escape(text, quote=False)
