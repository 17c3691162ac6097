"""Thumbnails for the gallery, made off the GUI thread and cached on disk.

Images are scaled down while decoding (QImageReader, safe in a worker thread); videos
get a drawn placeholder (a frame would need a media player per file); audio gets a
note with its duration when the file tells it (WAV).
"""

from __future__ import annotations

import asyncio
import hashlib
import wave
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QImage, QImageReader, QPainter, QPainterPath

from genstudio.api.snapshot import Scope

SIZE = 160


def _canvas(colour: str) -> QImage:
    image = QImage(SIZE, SIZE, QImage.Format.Format_ARGB32)
    image.fill(QColor(colour))
    return image


def _video_placeholder() -> QImage:
    image = _canvas("#2b2f3a")
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setBrush(QColor("#ffffff"))
    painter.setPen(Qt.PenStyle.NoPen)
    path = QPainterPath()
    path.moveTo(62, 50)
    path.lineTo(112, 80)
    path.lineTo(62, 110)
    path.closeSubpath()
    painter.drawPath(path)
    painter.end()
    return image


def _audio_tile(seconds: float | None) -> QImage:
    image = _canvas("#1f4d3a")
    painter = QPainter(image)
    painter.setPen(QColor("#ffffff"))
    font = QFont()
    font.setPixelSize(56)
    painter.setFont(font)
    painter.drawText(QRectF(0, 20, SIZE, 80), Qt.AlignmentFlag.AlignCenter, "♪")
    if seconds is not None:
        font.setPixelSize(22)
        painter.setFont(font)
        text = f"{int(seconds) // 60}:{int(seconds) % 60:02d}"
        painter.drawText(QRectF(0, 100, SIZE, 40), Qt.AlignmentFlag.AlignCenter, text)
    painter.end()
    return image


def _wav_seconds(path: Path) -> float | None:
    try:
        with wave.open(str(path)) as audio:
            frames: int = audio.getnframes()
            rate: int = audio.getframerate()
        return frames / float(rate)
    except (wave.Error, OSError, EOFError, ZeroDivisionError):
        return None


def make_thumbnail(path: Path, scope: Scope, cache: Path) -> QImage:
    """The cached thumbnail of ``path``, made (and cached) on first use. Thread-safe."""
    key = hashlib.sha256(f"{path}:{path.stat().st_mtime_ns}:{scope.value}".encode()).hexdigest()
    cached = cache / f"{key}.png"
    if cached.exists():
        image = QImage(str(cached))
        if not image.isNull():
            return image
    if scope is Scope.IMAGES:
        reader = QImageReader(str(path))
        size = reader.size()
        if size.isValid():
            reader.setScaledSize(size.scaled(QSize(SIZE, SIZE), Qt.AspectRatioMode.KeepAspectRatio))
        image = reader.read()
        if image.isNull():
            image = _canvas("#6b2b2b")
    elif scope is Scope.VIDEOS:
        image = _video_placeholder()
    else:
        image = _audio_tile(_wav_seconds(path) if path.suffix.lower() == ".wav" else None)
    cache.mkdir(parents=True, exist_ok=True)
    tmp = cached.with_suffix(".tmp.png")
    if image.save(str(tmp), "PNG"):  # type: ignore[call-overload]
        tmp.replace(cached)
    return image


class ThumbnailMaker:
    """Runs :func:`make_thumbnail` in two worker threads."""

    def __init__(self, cache: Path) -> None:
        self.cache = cache
        self._pool = ThreadPoolExecutor(max_workers=2, thread_name_prefix="thumbnails")

    async def make(self, path: Path, scope: Scope) -> QImage:
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._pool, make_thumbnail, path, scope, self.cache)

    def shutdown(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)
