"""The previewer loads the simulator's PNG, MP4 and WAV; broken media show an error."""

from __future__ import annotations

import shutil
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
import pytest
from PySide6.QtCore import Qt
from PySide6.QtMultimedia import QMediaPlayer
from PySide6.QtWidgets import QPlainTextEdit, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from genstudio.api.kinds import Scope
from genstudio.api.request import GenerationRequest
from genstudio.api.snapshot import parse_snapshot
from genstudio.resources import resource_path
from genstudio.sim import DEMO_KEY, Simulator
from genstudio.sim.media import render_png, render_wav
from genstudio.tasks.record import SavedFile, TaskRecord
from genstudio.tasks.states import FileState, TaskState
from genstudio.ui.preview.media_preview import MediaPreview


def done(scope: Scope, paths: list[Path], state: TaskState = TaskState.DONE) -> TaskRecord:
    urls = [f"https://cdn.test/{p.name}" for p in paths]
    return TaskRecord(
        id=1,
        profile="p",
        request=GenerationRequest(scope, "p", "m"),
        created_at=1.0,
        state=state,
        task_id="t",
        outputs=tuple(urls),
        files=tuple(
            SavedFile(u, FileState.SAVED, str(p)) for u, p in zip(urls, paths, strict=True)
        ),
    )


def player(preview: MediaPreview) -> QMediaPlayer:
    assert preview.player is not None  # QtMultimedia loads on the test machines
    return preview.player


@pytest.fixture
def preview(qtbot: QtBot) -> MediaPreview:
    widget = MediaPreview()
    qtbot.addWidget(widget)
    widget.resize(500, 400)
    widget.show()
    return widget


def test_image_fits_and_zooms(preview: MediaPreview, qtbot: QtBot, tmp_path: Path) -> None:
    first, second = tmp_path / "a.png", tmp_path / "b.png"
    first.write_bytes(render_png("first", 1200, 800))
    second.write_bytes(render_png("second", 300, 300))
    with qtbot.waitSignal(preview.loaded, timeout=5000):
        preview.show_record(done(Scope.IMAGES, [first, second]))
    assert preview.pages.currentIndex() == 1
    assert preview.image.zoom_factor() < 1.0  # fitted into a 500 px pane
    preview.image.actual_size()
    assert preview.image.zoom_factor() == 1.0
    assert preview.strip.isVisible() and preview.strip.count() == 2
    with qtbot.waitSignal(preview.loaded, timeout=5000):
        preview.strip.setCurrentRow(1)


@pytest.mark.parametrize(
    ("scope", "make"),
    [
        (Scope.VIDEOS, lambda d: shutil.copy(resource_path("sim", "clip_16x9.mp4"), d / "v.mp4")),
        (Scope.AUDIO, lambda d: (d / "a.wav").write_bytes(render_wav(2.0)) and d / "a.wav"),
    ],
)
def test_video_and_audio_load_with_a_duration(
    preview: MediaPreview,
    qtbot: QtBot,
    tmp_path: Path,
    scope: Scope,
    make: Callable[[Path], Any],
) -> None:
    path = Path(make(tmp_path))
    with qtbot.waitSignal(preview.loaded, timeout=10000):
        preview.show_record(done(scope, [path]))
    qtbot.waitUntil(lambda: player(preview).duration() > 0, timeout=5000)
    assert preview.pages.currentIndex() == 2
    assert preview.video.isVisible() is (scope is Scope.VIDEOS)
    preview.toggle_play()
    qtbot.waitUntil(
        lambda: player(preview).playbackState() == QMediaPlayer.PlaybackState.PlayingState,
        timeout=5000,
    )
    assert "/" in preview.time_label.text()
    stop_playing(preview, qtbot)


def stop_playing(preview: MediaPreview, qtbot: QtBot) -> None:
    """As the window does when it closes: playing stops before the widget goes. A test
    that ended while FFmpeg still played crashed in one of its threads now and then
    (7 runs of this file in 48, four at once, before and after issue 13's changes)."""
    preview.release_media()
    qtbot.waitUntil(
        lambda: player(preview).playbackState() == QMediaPlayer.PlaybackState.StoppedState,
        timeout=5000,
    )


@pytest.mark.parametrize("content", [b"\x00\x01 this is not a video at all" * 50, b""])
def test_broken_media_says_so_with_fallbacks(
    preview: MediaPreview, qtbot: QtBot, tmp_path: Path, content: bytes
) -> None:
    path = tmp_path / "broken.mp4"
    path.write_bytes(content)
    preview.show_record(done(Scope.VIDEOS, [path]))
    qtbot.waitUntil(preview.error_shown, timeout=10000)
    assert "cannot be played" in preview.error_text.text()
    assert preview.open_system.isVisible() and preview.open_browser.isVisible()


def test_unreadable_image_says_so(preview: MediaPreview, qtbot: QtBot, tmp_path: Path) -> None:
    path = tmp_path / "x.png"
    path.write_text("not a png")
    preview.show_record(done(Scope.IMAGES, [path]))
    qtbot.waitUntil(preview.error_shown, timeout=5000)
    assert "could not be read" in preview.error_text.text()


def test_a_late_decode_does_not_replace_a_newer_choice(
    preview: MediaPreview, qtbot: QtBot, tmp_path: Path
) -> None:
    path = tmp_path / "a.png"
    path.write_bytes(render_png("slow", 2048, 2048))
    record = done(Scope.IMAGES, [path])
    preview.show_record(record)  # the decode starts on a worker thread
    running = done(Scope.VIDEOS, [], TaskState.RUNNING)
    running.id = 2
    preview.show_record(running)  # picked something else before it finished
    qtbot.wait(300)  # long enough for the decode to finish and be ignored
    assert preview.pages.currentWidget() is preview.message
    assert preview.message.text().startswith("Running")


def test_running_and_failed_tasks_show_words(preview: MediaPreview) -> None:
    record = done(Scope.VIDEOS, [], TaskState.RUNNING)
    record.progress = 40
    preview.show_record(record)
    assert preview.message.text() == "Running · 40%"
    record.state, record.fail_reason = TaskState.FAILED, "content policy"
    preview.show_record(record)
    assert preview.message.text() == "Failed: content policy"


def finished_outputs(sim: Simulator, scope: Scope, prompt: str) -> tuple[str, ...]:
    """Run one task on the simulator (blocking) and return its output links."""
    with httpx.Client(base_url=sim.base_url, headers={"Authorization": f"Bearer {DEMO_KEY}"}) as h:
        body = {"model": "m", "prompt": f"{prompt} [[seconds:0]]"}
        task_id = h.post(f"/v2/{scope.value}/generations", json=body).json()["task_id"]
        for _ in range(100):
            snap = parse_snapshot(h.get(f"/v2/{scope.value}/generations/{task_id}").json())
            if snap.has_result:
                return snap.outputs
            time.sleep(0.05)
    raise AssertionError("the simulator did not finish")


@pytest.mark.parametrize("scope", list(Scope))
def test_not_yet_saved_output_streams_from_its_link(
    preview: MediaPreview, qtbot: QtBot, sim: Simulator, scope: Scope
) -> None:
    record = done(scope, [])
    record.outputs = finished_outputs(sim, scope, "fresh off the press")
    record.files = tuple(SavedFile(url) for url in record.outputs)  # still saving
    before = len(sim.output_requests)
    with qtbot.waitSignal(preview.loaded, timeout=10000):
        preview.show_record(record)
    if scope is Scope.IMAGES:
        assert preview.pages.currentIndex() == 1
        assert preview.image.zoom_factor() > 0
    else:
        qtbot.waitUntil(lambda: player(preview).duration() > 0, timeout=5000)
        assert player(preview).source().toString() == record.outputs[0]
    assert len(sim.output_requests) > before  # it really came over the network
    assert not sim.authorization_seen_on_outputs


def test_space_plays_but_still_types_in_a_text_field(qtbot: QtBot, tmp_path: Path) -> None:
    window = QWidget()
    qtbot.addWidget(window)
    layout = QVBoxLayout(window)
    field = QPlainTextEdit()
    preview = MediaPreview()
    layout.addWidget(field)
    layout.addWidget(preview)
    window.resize(500, 600)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    video = tmp_path / "v.mp4"
    shutil.copy(resource_path("sim", "clip_16x9.mp4"), video)
    with qtbot.waitSignal(preview.loaded, timeout=10000):
        preview.show_record(done(Scope.VIDEOS, [video]))
    field.setFocus()
    qtbot.keyClicks(field, "a b")
    assert field.toPlainText() == "a b"  # the space went into the text
    assert player(preview).playbackState() != QMediaPlayer.PlaybackState.PlayingState
    preview.video.setFocus()
    qtbot.keyClick(preview.video, Qt.Key.Key_Space)
    qtbot.waitUntil(
        lambda: player(preview).playbackState() == QMediaPlayer.PlaybackState.PlayingState,
        timeout=5000,
    )
