"""Make the simulator's shipped media once: the bitmap font and the MP4 clips.

Run from the repository root: ``python packaging/make_sim_media.py``. Needs ffmpeg
(with libx264) on PATH and PySide6. The outputs are committed in ``resources/sim/``,
so neither tool is needed at run time.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "resources" / "sim"
FONT_FILE = "/usr/share/fonts/truetype/dejavu/DejaVuSansMono-Bold.ttf"
CLIPS = {"16x9": (384, 216), "9x16": (216, 384), "1x1": (288, 288)}


def make_font() -> None:
    """Render printable ASCII into 1-bit glyphs (rows as bit masks) with Qt."""
    import os

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QFont, QFontDatabase, QGuiApplication, QImage, QPainter

    app = QGuiApplication(sys.argv)
    family = QFontDatabase.applicationFontFamilies(QFontDatabase.addApplicationFont(FONT_FILE))
    font = QFont(family[0] if family else "monospace")
    font.setPixelSize(13)
    font.setStyleStrategy(QFont.StyleStrategy.NoAntialias)
    width, height = 8, 15
    glyphs: dict[str, list[int]] = {}
    for code in range(32, 127):
        image = QImage(width, height, QImage.Format.Format_RGB32)
        image.fill(Qt.GlobalColor.white)
        painter = QPainter(image)
        painter.setFont(font)
        painter.setPen(Qt.GlobalColor.black)
        painter.drawText(0, 0, width, height, Qt.AlignmentFlag.AlignCenter, chr(code))
        painter.end()
        rows = []
        for y in range(height):
            mask = 0
            for x in range(width):
                if image.pixelColor(x, y).lightness() < 128:
                    mask |= 1 << (width - 1 - x)
            rows.append(mask)
        glyphs[chr(code)] = rows
    (OUT / "font.json").write_text(
        json.dumps({"width": width, "height": height, "glyphs": glyphs}, separators=(",", ":"))
    )
    del app


def make_clips() -> None:
    ffmpeg = shutil.which("ffmpeg")
    if not ffmpeg:
        sys.exit("ffmpeg is needed: apt-get install ffmpeg")
    for name, (w, h) in CLIPS.items():
        target = OUT / f"clip_{name}.mp4"
        subprocess.run(
            [
                ffmpeg,
                "-y",
                "-loglevel",
                "error",
                "-f",
                "lavfi",
                "-i",
                f"testsrc2=size={w}x{h}:rate=24:duration=4",
                "-f",
                "lavfi",
                "-i",
                "sine=frequency=330:beep_factor=2:duration=4",
                "-vf",
                (
                    f"drawtext=fontfile={FONT_FILE}:text='GenStudio simulator':"
                    "fontcolor=white:fontsize=16:box=1:boxcolor=black@0.6:"
                    "x=(w-text_w)/2:y=h-th-12"
                ),
                "-c:v",
                "libx264",
                "-profile:v",
                "baseline",
                "-pix_fmt",
                "yuv420p",
                "-crf",
                "32",
                "-preset",
                "veryslow",
                "-c:a",
                "aac",
                "-b:a",
                "48k",
                "-ac",
                "1",
                "-movflags",
                "+faststart",
                "-shortest",
                str(target),
            ],
            check=True,
        )
        print(f"{target.name}: {target.stat().st_size} bytes")


if __name__ == "__main__":
    OUT.mkdir(parents=True, exist_ok=True)
    make_font()
    make_clips()
