"""Music in the previewer: its waveform follows and seeks the player; no sound device is said."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtMultimedia import QMediaPlayer
from pytestqt.qtbot import QtBot

from genstudio.api.kinds import Scope
from genstudio.resources import resource_path
from genstudio.sim import Simulator
from genstudio.sim.media import render_png
from genstudio.tasks.record import SavedFile
from genstudio.tasks.states import TaskState
from genstudio.ui.preview.media_preview import MediaPreview
from tests.ui.test_media_preview import done, finished_outputs, player
from tests.ui.test_waveform import assert_loud_then_silent, loud_then_silent

Make = Callable[..., MediaPreview]


@pytest.fixture
def make(qtbot: QtBot) -> Make:
    def build(sound_device: bool = False) -> MediaPreview:
        widget = MediaPreview(sound_device=lambda: sound_device)
        qtbot.addWidget(widget)
        widget.resize(500, 400)
        widget.show()
        qtbot.waitExposed(widget)
        return widget

    return build


def playing(preview: MediaPreview) -> bool:
    return player(preview).playbackState() == QMediaPlayer.PlaybackState.PlayingState


def test_a_saved_take_shows_its_waveform(make: Make, qtbot: QtBot, tmp_path: Path) -> None:
    preview = make()
    song = loud_then_silent(tmp_path / "song.wav")
    with qtbot.waitSignal(preview.loaded, timeout=10000):
        preview.show_record(done(Scope.AUDIO, [song]))
    qtbot.waitUntil(lambda: preview.waveform.waveform() is not None, timeout=5000)
    waveform = preview.waveform.waveform()
    assert waveform is not None
    assert_loud_then_silent(waveform, 9000 / 32768)
    assert preview.waveform.isVisible() and not preview.video.isVisible()
    assert "song.wav" in preview.audio_label.text()


def test_the_playhead_follows_and_a_click_seeks(make: Make, qtbot: QtBot, tmp_path: Path) -> None:
    preview = make()
    song = loud_then_silent(tmp_path / "song.wav", seconds=4.0)
    with qtbot.waitSignal(preview.loaded, timeout=10000):
        preview.show_record(done(Scope.AUDIO, [song]))
    qtbot.waitUntil(lambda: player(preview).duration() > 0, timeout=5000)
    view = preview.waveform
    qtbot.waitUntil(lambda: view.total_ms() == player(preview).duration(), timeout=5000)

    player(preview).setPosition(1000)  # moved elsewhere: the slider, say
    qtbot.waitUntil(lambda: view.position() == 1000, timeout=5000)

    x = view.width() * 3 // 4
    qtbot.mouseClick(view, Qt.MouseButton.LeftButton, pos=QPoint(x, view.height() // 2))
    wanted = view.ms_at(x)
    assert wanted == pytest.approx(3000, abs=20)
    qtbot.waitUntil(lambda: abs(player(preview).position() - wanted) < 50, timeout=5000)

    preview.toggle_play()
    qtbot.waitUntil(lambda: view.position() > wanted + 100, timeout=5000)  # it moves on


def test_no_sound_device_is_said_while_playing(make: Make, qtbot: QtBot, tmp_path: Path) -> None:
    preview = make(sound_device=False)
    song = loud_then_silent(tmp_path / "song.wav", seconds=4.0)
    with qtbot.waitSignal(preview.loaded, timeout=10000):
        preview.show_record(done(Scope.AUDIO, [song]))
    assert not preview.silent_note.isVisible()  # nothing plays yet
    preview.toggle_play()
    qtbot.waitUntil(preview.silent_note.isVisible, timeout=5000)
    assert preview.silent_note.text() == "No sound device — playing silently"
    preview.resize(330, 400)  # the previewer's pane on a 1024-pixel laptop screen
    qtbot.waitUntil(lambda: preview.silent_note.width() >= preview.controls.width() - 20)
    assert preview.audio is not None and player(preview).audioOutput() is preview.audio
    preview.toggle_play()  # paused: nothing plays silently any more
    qtbot.waitUntil(lambda: not preview.silent_note.isVisible(), timeout=5000)


def test_a_video_with_sound_says_it_too(make: Make, qtbot: QtBot, tmp_path: Path) -> None:
    preview = make(sound_device=False)
    clip = tmp_path / "v.mp4"
    shutil.copy(resource_path("sim", "clip_16x9.mp4"), clip)
    with qtbot.waitSignal(preview.loaded, timeout=10000):
        preview.show_record(done(Scope.VIDEOS, [clip]))
    assert not preview.waveform.isVisible()
    preview.toggle_play()
    qtbot.waitUntil(preview.silent_note.isVisible, timeout=5000)
    assert player(preview).hasAudio()


@pytest.mark.parametrize("scope", [Scope.AUDIO, Scope.VIDEOS])
def test_with_a_sound_device_nothing_is_said(
    make: Make, qtbot: QtBot, tmp_path: Path, scope: Scope
) -> None:
    preview = make(sound_device=True)
    if scope is Scope.AUDIO:
        path = loud_then_silent(tmp_path / "song.wav", seconds=4.0)
    else:
        path = Path(shutil.copy(resource_path("sim", "clip_16x9.mp4"), tmp_path / "v.mp4"))
    with qtbot.waitSignal(preview.loaded, timeout=10000):
        preview.show_record(done(scope, [path]))
    preview.toggle_play()
    qtbot.waitUntil(lambda: playing(preview) and player(preview).hasAudio(), timeout=5000)
    qtbot.waitUntil(lambda: player(preview).position() > 200, timeout=5000)
    assert not preview.silent_note.isVisible()


def test_switching_away_drops_the_waveform(make: Make, qtbot: QtBot, tmp_path: Path) -> None:
    preview = make()
    song = loud_then_silent(tmp_path / "song.wav")
    preview.show_record(done(Scope.AUDIO, [song]))  # its waveform is being computed
    picture = tmp_path / "a.png"
    picture.write_bytes(render_png("next", 200, 200))
    other = done(Scope.IMAGES, [picture])
    other.id = 2
    with qtbot.waitSignal(preview.loaded, timeout=5000):
        preview.show_record(other)
    assert preview._waveforms.wait(5000)
    qtbot.waitUntil(lambda: preview.pages.currentIndex() == 1)
    assert preview.waveform.waveform() is None and preview.waveform.sentence() == ""


def test_a_take_still_saving_says_the_waveform_comes_later(
    make: Make, qtbot: QtBot, sim: Simulator
) -> None:
    preview = make()
    record = done(Scope.AUDIO, [])
    record.outputs = finished_outputs(sim, Scope.AUDIO, "a tune")
    record.files = tuple(SavedFile(url) for url in record.outputs)  # still saving
    with qtbot.waitSignal(preview.loaded, timeout=10000):
        preview.show_record(record)
    assert preview.waveform.waveform() is None
    assert "once the file is saved" in preview.waveform.sentence()


def test_an_unreadable_take_says_so_and_nothing_breaks(
    make: Make, qtbot: QtBot, tmp_path: Path
) -> None:
    preview = make()
    broken = tmp_path / "broken.mp3"
    broken.write_bytes(b"\x00\x01 not music" * 100)
    preview.show_record(done(Scope.AUDIO, [broken]))
    qtbot.waitUntil(lambda: "could not be read" in preview.waveform.sentence(), timeout=10000)
    qtbot.waitUntil(preview.error_shown, timeout=10000)  # the player cannot play it either
    assert "cannot be played" in preview.error_text.text()
    running = done(Scope.AUDIO, [], TaskState.RUNNING)
    preview.show_record(running)
    assert preview.pages.currentWidget() is preview.message
