"""The picture of a sound: its peaks, the played part highlighted, and a playhead.

A click or a drag asks to seek there (``seek_requested``); the arrow keys step five
seconds. Colours come from the palette, so light and dark themes both read well.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QLineF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
)
from PySide6.QtWidgets import QSizePolicy, QWidget

if TYPE_CHECKING:
    from genstudio.ui.preview.peaks import Waveform

STEP_MS = 5000


def _mix(a: QColor, b: QColor) -> QColor:
    return QColor(
        (a.red() + b.red()) // 2, (a.green() + b.green()) // 2, (a.blue() + b.blue()) // 2
    )


class WaveformView(QWidget):
    seek_requested = Signal(int)  # milliseconds

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._waveform: Waveform | None = None
        self._sentence = ""
        self._duration_ms = 0  # the player's, once it knows it
        self._position_ms = 0
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumHeight(48)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAccessibleName(self.tr("Waveform"))
        self.setToolTip(self.tr("Click to jump to a moment"))

    def sizeHint(self) -> QSize:
        return QSize(400, 120)

    # -- what it shows ------------------------------------------------------------------------

    def set_waveform(self, waveform: Waveform) -> None:
        self._waveform = waveform
        self._sentence = ""
        self.update()

    def set_sentence(self, text: str) -> None:
        """Words instead of a waveform: still drawing, or why there is none."""
        self._waveform = None
        self._sentence = text
        self.update()

    def clear(self) -> None:
        self._waveform = None
        self._sentence = ""
        self._duration_ms = self._position_ms = 0
        self.update()

    def waveform(self) -> Waveform | None:
        return self._waveform

    def sentence(self) -> str:
        return self._sentence

    def set_duration(self, ms: int) -> None:
        self._duration_ms = max(0, ms)
        self.update()

    def set_position(self, ms: int) -> None:
        self._position_ms = max(0, ms)
        self.update()

    def position(self) -> int:
        return self._position_ms

    def total_ms(self) -> int:
        """The length the width stands for: the player's, else what the peaks cover."""
        if self._duration_ms:
            return self._duration_ms
        return round(self._waveform.seconds * 1000) if self._waveform else 0

    def x_of(self, ms: int) -> float:
        total = self.total_ms()
        return self.width() * min(1.0, ms / total) if total else 0.0

    def ms_at(self, x: float) -> int:
        fraction = min(1.0, max(0.0, x / max(1, self.width())))
        return round(fraction * self.total_ms())

    # -- drawing ------------------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        palette = self.palette()
        painter.fillRect(self.rect(), palette.color(QPalette.ColorRole.Base))
        text = palette.color(QPalette.ColorRole.Text)
        if self._waveform is None:
            if self._sentence:
                painter.setPen(text)
                painter.drawText(
                    QRectF(self.rect()).adjusted(8, 0, -8, 0),
                    Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap,
                    self._sentence,
                )
            painter.end()
            return
        played, unplayed = self._columns()
        painter.setPen(QPen(palette.color(QPalette.ColorRole.Highlight), 1))
        painter.drawLines(played)
        painter.setPen(QPen(_mix(text, palette.color(QPalette.ColorRole.Base)), 1))
        painter.drawLines(unplayed)
        head = self.x_of(self._position_ms)
        painter.setPen(QPen(text, 2))
        painter.drawLine(QLineF(head, 0, head, self.height()))
        painter.end()

    def _columns(self) -> tuple[list[QLineF], list[QLineF]]:
        """A vertical line per pixel column, split at the playhead."""
        assert self._waveform is not None
        peaks = self._waveform.peaks
        total = self.total_ms()
        covered = self._waveform.seconds * 1000
        # A sound longer than what was read: its peaks take only their share of the width.
        span = round(self.width() * min(1.0, covered / total)) if total else self.width()
        middle, half = self.height() / 2, self.height() / 2 - 2
        head = self.x_of(self._position_ms)
        played: list[QLineF] = []
        unplayed: list[QLineF] = []
        for x in range(span if peaks else 0):
            low, high = peaks[x * len(peaks) // span]
            # At least a pixel high, so that silence shows as a line, not as nothing.
            top, bottom = middle - high * half, max(middle - low * half, middle - high * half + 1)
            (played if x + 0.5 < head else unplayed).append(QLineF(x + 0.5, top, x + 0.5, bottom))
        return played, unplayed

    # -- seeking ------------------------------------------------------------------------------

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._seek(self.ms_at(event.position().x()))

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if event.buttons() & Qt.MouseButton.LeftButton:
            self._seek(self.ms_at(event.position().x()))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        steps = {Qt.Key.Key_Left: -STEP_MS, Qt.Key.Key_Right: STEP_MS}
        step = steps.get(Qt.Key(event.key()))
        if step is None or not self.total_ms():
            super().keyPressEvent(event)
            return
        self._seek(min(self.total_ms(), max(0, self._position_ms + step)))

    def _seek(self, ms: int) -> None:
        if not self.total_ms():
            return
        self.set_position(ms)  # at once, not when the player next reports
        self.seek_requested.emit(ms)
