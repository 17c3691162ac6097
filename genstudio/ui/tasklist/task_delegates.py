"""How a task row is drawn: the prompt beside its result, the state with its progress.

A row is two lines high: the prompt over what the hidden columns would say (model,
time made), so a narrow window still shows everything that matters without scrolling.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QColor, QFontMetrics, QIcon, QPainter, QPalette
from PySide6.QtWidgets import (
    QApplication,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionProgressBar,
    QStyleOptionViewItem,
    QWidget,
)

from genstudio.ui.tasklist.task_columns import BAR_ROLE, CELL_ROLE

# QStyle and its options are made with the window, not at the first row painted: the
# first rows of a burst of submits then paid for them, and the burst's loop-lag p99
# went 9 -> 18 ms (5 bursts each, measured).

AnyIndex = QModelIndex | QPersistentModelIndex
ROW_HEIGHT = 46
THUMB = 36


def _background(painter: QPainter, option: QStyleOptionViewItem) -> None:
    # The view's option already has what the panel needs (state, palette, alternate
    # rows); initStyleOption would ask the model for ten roles more per cell.
    style = option.widget.style() if option.widget is not None else QApplication.style()
    style.drawPrimitive(
        QStyle.PrimitiveElement.PE_PanelItemViewItem, option, painter, option.widget
    )


def _text_colour(option: QStyleOptionViewItem, dim: bool = False) -> QColor:
    selected = bool(option.state & QStyle.StateFlag.State_Selected)
    role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
    colour = QColor(option.palette.color(role))
    if dim:
        colour.setAlphaF(0.65)
    return colour


def _cell(index: AnyIndex, size: int) -> tuple[Any, ...]:
    """The cell's roles (task_columns.CELL_ROLES) in one call to the model."""
    values = index.data(CELL_ROLE)
    return values if isinstance(values, tuple) and len(values) == size else (None,) * size


class PromptDelegate(QStyledItemDelegate):
    """The result's thumbnail (the kind's icon until there is one), the prompt, and
    under it whatever the hidden columns would have said."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.second_line = True

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: AnyIndex) -> None:
        _background(painter, option)
        rect = option.rect.adjusted(4, 0, -4, 0)
        prompt, second, icon = _cell(index, 3)
        if isinstance(icon, QIcon):
            box = QRect(rect.left(), rect.top() + (rect.height() - THUMB) // 2, THUMB, THUMB)
            icon.paint(painter, box, Qt.AlignmentFlag.AlignCenter)
        left = rect.adjusted(THUMB + 8, 0, 0, 0)
        prompt = str(prompt or "")
        second = str(second or "") if self.second_line else ""
        font = option.font
        metrics = QFontMetrics(font)
        painter.save()
        painter.setFont(font)
        painter.setPen(_text_colour(option))
        if second:
            top = left.adjusted(0, 4, 0, -left.height() // 2)
            painter.drawText(
                top,
                int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom),
                metrics.elidedText(prompt, Qt.TextElideMode.ElideRight, top.width()),
            )
            small = painter.font()
            small.setPointSizeF(max(6.0, font.pointSizeF() * 0.88))
            painter.setFont(small)
            painter.setPen(_text_colour(option, dim=True))
            bottom = left.adjusted(0, left.height() // 2 + 1, 0, -3)
            painter.drawText(
                bottom,
                int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop),
                QFontMetrics(small).elidedText(second, Qt.TextElideMode.ElideRight, bottom.width()),
            )
        else:
            painter.drawText(
                left,
                int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                metrics.elidedText(prompt, Qt.TextElideMode.ElideRight, left.width()),
            )
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: AnyIndex) -> QSize:
        return QSize(200, ROW_HEIGHT)


class StatusDelegate(QStyledItemDelegate):
    """The state in its colour, with progress as words and a thin bar under them."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: AnyIndex) -> None:
        _background(painter, option)
        words, progress, bar, colour = _cell(index, 4)
        words = str(words or "")
        progress = str(progress or "")
        if progress:
            words = f"{words} · {progress}"
        value = bar if progress and isinstance(bar, int) else None
        rect = option.rect.adjusted(4, 0, -4, 0)
        painter.save()
        if option.state & QStyle.StateFlag.State_Selected or not isinstance(colour, QColor):
            colour = _text_colour(option)
        painter.setPen(colour)
        metrics = QFontMetrics(option.font)
        text_rect = rect.adjusted(0, 0, 0, -12) if value is not None else rect
        align = Qt.AlignmentFlag.AlignBottom if value is not None else Qt.AlignmentFlag.AlignVCenter
        painter.drawText(
            text_rect,
            int(Qt.AlignmentFlag.AlignLeft | align),
            metrics.elidedText(words, Qt.TextElideMode.ElideRight, text_rect.width()),
        )
        painter.restore()
        if value is not None:
            bar = QStyleOptionProgressBar()
            bar.rect = QRect(rect.left(), rect.bottom() - 10, rect.width(), 6)
            bar.minimum = 0
            bar.maximum = 100
            bar.progress = value
            bar.textVisible = False
            # Qt 6 has no orientation field: without State_Horizontal, Fusion fills upwards.
            bar.state = option.state | QStyle.StateFlag.State_Horizontal
            style = option.widget.style() if option.widget is not None else QApplication.style()
            style.drawControl(QStyle.ControlElement.CE_ProgressBar, bar, painter)


class ProgressDelegate(QStyledItemDelegate):
    """The optional Progress column, drawn as a bar with its figure."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: AnyIndex) -> None:
        bar = index.data(BAR_ROLE)
        value = bar if isinstance(bar, int) else None
        if value is None:
            super().paint(painter, option, index)
            return
        _background(painter, option)
        bar = QStyleOptionProgressBar()
        bar.rect = option.rect.adjusted(3, 10, -3, -10)
        bar.minimum = 0
        bar.maximum = 100
        bar.progress = value
        bar.text = str(index.data(Qt.ItemDataRole.DisplayRole))
        bar.textVisible = True
        bar.state = option.state | QStyle.StateFlag.State_Horizontal
        style = option.widget.style() if option.widget is not None else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ProgressBar, bar, painter)
