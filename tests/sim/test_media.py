"""The simulator's media decode as real files."""

from __future__ import annotations

import io
import wave

import pytest
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication

from genstudio.sim.media import clip_for, image_size, render_png, render_wav


@pytest.mark.parametrize(
    ("size", "ratio", "expected"),
    [
        ("1280x720", None, (1280, 720)),
        (None, "16:9", (1024, 576)),
        (None, "9:16", (576, 1024)),
        (None, None, (1024, 1024)),
        ("99999x5", None, (4096, 5)),
        ("bad", "2:3", (683, 1024)),
    ],
)
def test_image_size(size: str | None, ratio: str | None, expected: tuple[int, int]) -> None:
    assert image_size(size, ratio) == expected


def test_png_decodes_in_qt(qapp: QApplication) -> None:
    data = render_png("A lighthouse on a cliff, 中文, émoji 🚀", 640, 360)
    image = QImage.fromData(data)
    assert not image.isNull()
    assert (image.width(), image.height()) == (640, 360)
    # The prompt is drawn in white on a darker pattern.
    whites = sum(
        image.pixelColor(x, y).lightness() > 250
        for x in range(0, 640, 2)
        for y in range(150, 210, 2)
    )
    assert whites > 20


def test_wav_opens_with_wave() -> None:
    for variant in (0, 1):
        with wave.open(io.BytesIO(render_wav(3.0, variant))) as audio:
            assert audio.getnchannels() == 1
            assert audio.getframerate() == 22050
            assert audio.getnframes() == 3 * 22050
    assert render_wav(3.0, 0) != render_wav(3.0, 1)


@pytest.mark.parametrize("ratio", ["16:9", "9:16", "1:1"])
def test_shipped_clips_are_mp4(ratio: str) -> None:
    data = clip_for(ratio, None).read_bytes()
    assert data[4:8] == b"ftyp"
    assert len(data) > 10_000
