"""Thumbnails for the gallery, made off the GUI thread and cached on disk.

Images are scaled down while decoding (QImageReader, safe in a worker thread); videos
show a frame (grabbed by ``VideoFrameGrabber``, converted here) with a play badge, or a
drawn placeholder when no frame can be had; audio gets a note with its duration when
the file tells it (WAV). Run by :class:`~genstudio.ui.tasklist.thumbnail_maker.ThumbnailMaker`.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QIcon, QImage, QImageReader, QPainter, QPainterPath

from genstudio.api.kinds import Scope

if TYPE_CHECKING:
    from PySide6.QtMultimedia import QVideoFrame

SIZE = 160  # as made and cached on disk


def _canvas(colour: str) -> QImage:
    image = QImage(SIZE, SIZE, QImage.Format.Format_ARGB32)
    image.fill(QColor(colour))
    return image


def _play_triangle(painter: QPainter, cx: float, cy: float, r: float) -> None:
    path = QPainterPath()
    path.moveTo(cx - r * 0.45, cy - r * 0.6)
    path.lineTo(cx + r * 0.65, cy)
    path.lineTo(cx - r * 0.45, cy + r * 0.6)
    path.closeSubpath()
    painter.drawPath(path)


def _video_placeholder() -> QImage:
    image = _canvas("#2b2f3a")
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setBrush(QColor("#ffffff"))
    painter.setPen(Qt.PenStyle.NoPen)
    _play_triangle(painter, SIZE / 2, SIZE / 2, 50)
    painter.end()
    return image


def _video_frame(frame: QVideoFrame) -> QImage | None:
    """The frame scaled into the tile, with a play badge so it reads as a video."""
    image = frame.toImage()
    if image.isNull():
        return None
    image = image.scaled(
        QSize(SIZE, SIZE),
        Qt.AspectRatioMode.KeepAspectRatio,
        Qt.TransformationMode.SmoothTransformation,
    ).convertToFormat(QImage.Format.Format_ARGB32)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    radius = 16.0
    cx, cy = image.width() - radius - 6, image.height() - radius - 6
    painter.setBrush(QColor(0, 0, 0, 150))
    painter.drawEllipse(QRectF(cx - radius, cy - radius, 2 * radius, 2 * radius))
    painter.setBrush(QColor("#ffffff"))
    _play_triangle(painter, cx, cy, radius * 0.7)
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


def status_tile(icon: QIcon, text: str) -> QImage:
    """A tile for an output without a thumbnail yet: its kind's icon, large, and a word
    on where it stands ("Saving…", "Link expired")."""
    image = _canvas("#e8e8ec")
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    icon.paint(painter, int(SIZE / 2 - 32), 36, 64, 64)
    painter.setPen(QColor("#444444"))
    font = QFont()
    font.setPixelSize(16)
    painter.setFont(font)
    painter.drawText(QRectF(0, 108, SIZE, 30), Qt.AlignmentFlag.AlignCenter, text)
    painter.end()
    return image


def _wav_seconds(path: Path) -> float | None:
    import wave  # with the first audio thumbnail, not the start

    try:
        with wave.open(str(path)) as audio:
            frames: int = audio.getnframes()
            rate: int = audio.getframerate()
        return frames / float(rate)
    except (wave.Error, OSError, EOFError, ZeroDivisionError):
        return None


def _cache_file(path: Path, scope: Scope, cache: Path) -> Path:
    import hashlib  # with the first thumbnail: it loads OpenSSL, not needed to paint

    key = hashlib.sha256(f"{path}:{path.stat().st_mtime_ns}:{scope.value}".encode()).hexdigest()
    return cache / f"{key}.png"


def _read_cached(cached: Path) -> QImage | None:
    if cached.exists():
        image = QImage(str(cached))
        if not image.isNull():
            return image
    return None


def cached_thumbnail(path: Path, scope: Scope, cache: Path) -> QImage | None:
    return _read_cached(_cache_file(path, scope, cache))


def make_thumbnail(
    path: Path, scope: Scope, cache: Path, frame: QVideoFrame | None = None, keep: bool = True
) -> QImage:
    """The cached thumbnail of ``path``, made (and cached, unless not ``keep``) on first
    use. Thread-safe. For a video, ``frame`` is the frame to show; without one it gets
    a placeholder.
    """
    cached = _cache_file(path, scope, cache)
    cached_image = _read_cached(cached)
    if cached_image is not None:
        return cached_image
    if scope is Scope.IMAGES:
        reader = QImageReader(str(path))
        size = reader.size()
        if size.isValid():
            reader.setScaledSize(size.scaled(QSize(SIZE, SIZE), Qt.AspectRatioMode.KeepAspectRatio))
        image = reader.read()
        if image.isNull():
            image = _canvas("#6b2b2b")
    elif scope is Scope.VIDEOS:
        image = (_video_frame(frame) if frame is not None else None) or _video_placeholder()
    else:
        image = _audio_tile(_wav_seconds(path) if path.suffix.lower() == ".wav" else None)
    if not keep:
        return image
    cache.mkdir(parents=True, exist_ok=True)
    tmp = cached.with_suffix(".tmp.png")
    if image.save(str(tmp), "PNG"):  # type: ignore[call-overload]
        tmp.replace(cached)
    return image


def fit(image: QImage, size: int) -> QImage:
    """``image`` scaled down to fit ``size``; as it is when it fits already."""
    if image.width() <= size and image.height() <= size:
        return image
    return image.scaled(
        QSize(size, size),
        Qt.AspectRatioMode.KeepAspectRatio,
        Qt.TransformationMode.SmoothTransformation,
    )
