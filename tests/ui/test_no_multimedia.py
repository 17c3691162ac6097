"""Without a working QtMultimedia (libpulse missing, say) the window still starts."""

from __future__ import annotations

import logging
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from genstudio.api.kinds import Scope
from genstudio.resources import resource_path
from genstudio.sim.media import render_png, render_wav
from genstudio.tasks.states import TaskState
from genstudio.ui.preview import multimedia
from genstudio.ui.preview.media_preview import MediaPreview
from genstudio.ui.tasklist.thumbnail_maker import ThumbnailMaker
from genstudio.ui.tasklist.thumbnails import SIZE, cached_thumbnail
from tests.conftest import until
from tests.ui.conftest import App, QLoop
from tests.ui.test_media_preview import done
from tests.ui.test_window_e2e import MakeApp, fill_and_submit, states


@pytest.fixture
def no_multimedia(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Importing the multimedia modules fails, as when libpulse.so.0 is missing."""
    for name in ("PySide6.QtMultimedia", "PySide6.QtMultimediaWidgets"):
        monkeypatch.setitem(sys.modules, name, None)  # None: ImportError on import
    multimedia.reset()
    yield
    multimedia.reset()


def test_previewer_says_what_is_missing_and_offers_the_system_player(
    no_multimedia: None,
    qtbot: QtBot,
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    caplog.set_level(logging.WARNING, logger="genstudio.ui.preview.multimedia")
    preview = MediaPreview()
    qtbot.addWidget(preview)
    preview.resize(500, 400)
    preview.show()
    assert preview.player is None

    picture = tmp_path / "a.png"
    picture.write_bytes(render_png("still fine", 300, 200))
    with qtbot.waitSignal(preview.loaded, timeout=5000):
        preview.show_record(done(Scope.IMAGES, [picture]))
    assert preview.pages.currentIndex() == 1  # images preview as usual

    clip = tmp_path / "v.mp4"
    shutil.copy(resource_path("sim", "clip_16x9.mp4"), clip)
    song = tmp_path / "a.wav"
    song.write_bytes(render_wav(1.0))
    for scope, path in ((Scope.VIDEOS, clip), (Scope.AUDIO, song)):
        preview.show_record(done(scope, [path]))
        assert preview.error_shown()
        assert "can't play inside GenStudio" in preview.error_text.text()
        assert preview.open_system.isVisible()
        preview.toggle_play()  # Space does nothing rather than crash
    opened: list[str] = []
    monkeypatch.setattr(
        "genstudio.ui.preview.media_preview.QDesktopServices.openUrl",
        lambda url: not opened.append(url.toLocalFile()),  # type: ignore[func-returns-value]
    )
    preview.open_system.click()
    assert opened == [str(song)]
    # The log says why, once.
    assert multimedia.available() is False
    why = [r for r in caplog.records if "playback is off" in r.getMessage()]
    assert len(why) == 1


def test_video_tiles_get_the_kind_placeholder_uncached(
    no_multimedia: None, qloop: QLoop, tmp_path: Path
) -> None:
    clip = tmp_path / "v.mp4"
    shutil.copy(resource_path("sim", "clip_16x9.mp4"), clip)
    maker = ThumbnailMaker(tmp_path / "cache")

    async def body() -> None:
        try:
            tile = await maker.make(clip, Scope.VIDEOS)
        finally:
            maker.shutdown()
        assert (tile.width(), tile.height()) == (SIZE, SIZE)
        assert tile.pixelColor(4, 4).name() == "#2b2f3a"  # the video placeholder
        # Not cached: once the library is installed, the real frame is made.
        assert cached_thumbnail(clip, Scope.VIDEOS, tmp_path / "cache") is None

    qloop.run(body())


def test_the_window_starts_and_finishes_jobs_without_multimedia(
    no_multimedia: None, qtbot: QtBot, qloop: QLoop, make_app: MakeApp
) -> None:
    async def body() -> None:
        app: App = make_app()
        fill_and_submit(qtbot, app, "a clip", Scope.VIDEOS)
        await until(
            lambda: (
                states(app) == [TaskState.DONE]
                and not any(r.saving for r in app.service.records.values())
            )
        )
        app.window.table.selectRow(0)
        preview = app.window.preview
        await until(preview.error_shown)
        assert "can't play" in preview.error_text.text()

    qloop.run(body())


def test_a_missing_playback_library_is_named_with_its_install_line(
    qtbot: QtBot, caplog: pytest.LogCaptureFixture
) -> None:
    """libXrandr missing: QtMultimedia imports, but its FFmpeg plugin would not load."""
    multimedia.reset()
    try:
        assert not multimedia.available(lambda soname: soname != "libXrandr.so.2")
        sentence = multimedia.missing_sentence()
        assert "libxrandr2" in sentence and "apt-get install libxrandr2" in sentence
        preview = MediaPreview()
        qtbot.addWidget(preview)
        assert preview.player is None
    finally:
        multimedia.reset()
