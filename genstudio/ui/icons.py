"""Small icons drawn in code, so the table needs no image files; and the app's own icon."""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPainterPath, QPen, QPixmap

from genstudio.api.kinds import Scope
from genstudio.resources import resource_path

_SCOPE_COLOURS = {Scope.IMAGES: "#3b82c4", Scope.VIDEOS: "#c4553b", Scope.AUDIO: "#2e9d4f"}


@cache
def scope_icon(scope: Scope) -> QIcon:
    size = 32
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    colour = QColor(_SCOPE_COLOURS[scope])
    painter.setBrush(colour)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.drawRoundedRect(QRectF(2, 2, 28, 28), 6, 6)
    painter.setBrush(Qt.GlobalColor.white)
    painter.setPen(QPen(Qt.GlobalColor.white, 2))
    if scope is Scope.IMAGES:  # mountains and a sun
        path = QPainterPath()
        path.moveTo(6, 24)
        path.lineTo(13, 14)
        path.lineTo(18, 20)
        path.lineTo(21, 16)
        path.lineTo(26, 24)
        path.closeSubpath()
        painter.drawPath(path)
        painter.drawEllipse(QRectF(19, 7, 5, 5))
    elif scope is Scope.VIDEOS:  # a play triangle
        path = QPainterPath()
        path.moveTo(12, 9)
        path.lineTo(23, 16)
        path.lineTo(12, 23)
        path.closeSubpath()
        painter.drawPath(path)
    else:  # a note
        painter.drawEllipse(QRectF(8, 19, 7, 5))
        painter.drawEllipse(QRectF(17, 17, 7, 5))
        painter.drawLine(14, 21, 14, 8)
        painter.drawLine(23, 19, 23, 6)
        painter.drawLine(14, 8, 23, 6)
    painter.end()
    return QIcon(pixmap)


@cache
def app_icon() -> QIcon:
    """GenStudio's own icon, every size drawn from ``resources/icons/genstudio.svg``.
    Made once (the app, the window and the tray icon share it: 0.9 ms each time)."""
    icon = QIcon()
    for size in (16, 24, 32, 48, 64, 128, 256, 512):
        icon.addFile(str(resource_path("icons", f"genstudio-{size}.png")), QSize(size, size))
    return icon
