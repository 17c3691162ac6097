"""How a task row is drawn: the prompt beside its result, the state with its progress.

A row is two lines high: the prompt over what the hidden columns would say (model,
time made), so a narrow window still shows everything that matters without scrolling.

Painting makes no Qt object per cell (no QRect, QColor, QFont; text is drawn at its
baseline, not laid out in a rect). PySide lets go of the GIL in every call that makes
one, and while the network thread ran Python each such call waited for it: 80-180 us
apiece instead of 0.3, which doubled a burst's repaints (measured with a busy thread).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPalette
from PySide6.QtWidgets import QApplication, QStyledItemDelegate, QWidget

if TYPE_CHECKING:
    from PySide6.QtGui import QFont, QFontMetrics
    from PySide6.QtWidgets import QStyle, QStyleOptionProgressBar, QStyleOptionViewItem

from genstudio.api.kinds import Scope
from genstudio.tasks.states import TaskState
from genstudio.ui.icons import scope_icon
from genstudio.ui.tasklist.status_text import state_colour
from genstudio.ui.tasklist.task_columns import BAR_ROLE, CELL_ROLE

# QStyle is imported by the first paint with rows (or warm_up, just after the window's
# first paint), not with this module: importing it makes all its eleven enums (566
# members), 7 ms of the start before the first paint. The first rows of a burst must not
# pay for it either (they once did, and the burst's loop-lag p99 went 9 -> 18 ms). QFont,
# QFontMetrics and QImage too: an empty list is painted without their twelve enums.

AnyIndex = QModelIndex | QPersistentModelIndex
ROW_HEIGHT = 46
THUMB = 36
PAD = 4  # between a cell's edge and its text
_ELIDE = Qt.TextElideMode.ElideRight
_CENTER = Qt.AlignmentFlag.AlignCenter
_RIGHT = int(Qt.AlignmentFlag.AlignRight)


def _style(option: QStyleOptionViewItem) -> QStyle:
    return option.widget.style() if option.widget is not None else QApplication.style()


def _background(painter: QPainter, option: QStyleOptionViewItem, look: _Look) -> None:
    # The view's option already has what the panel needs (state, palette, alternate
    # rows); initStyleOption would ask the model for ten roles more per cell.
    _style(option).drawPrimitive(look.panel, option, painter, option.widget)


class _Look:
    """What every cell of a repaint shares: the fonts, their metrics and the text colours.

    Made again only when the view's font or palette changes: making them per cell was
    a third of a row's paint (a burst repaints 16 new rows every 100 ms).
    """

    def __init__(self, font: QFont, palette: QPalette) -> None:
        from PySide6.QtGui import QFont, QFontMetrics  # as QStyle, with the first rows
        from PySide6.QtWidgets import QStyle

        self.panel = QStyle.PrimitiveElement.PE_PanelItemViewItem
        self.progress_bar = QStyle.ControlElement.CE_ProgressBar
        self.selected = QStyle.StateFlag.State_Selected
        # Qt 6 has no orientation field: without State_Horizontal, Fusion fills upwards.
        self.horizontal = QStyle.StateFlag.State_Horizontal
        self.enabled = QStyle.StateFlag.State_Enabled
        self.font = QFont(font)
        self.palette_key = palette.cacheKey()
        self.metrics = QFontMetrics(self.font)
        self.ascent = self.metrics.ascent()
        self.descent = self.metrics.descent()
        self.small = QFont(self.font)
        self.small.setPointSizeF(max(6.0, self.font.pointSizeF() * 0.88))
        self.small_metrics = QFontMetrics(self.small)
        self.small_ascent = self.small_metrics.ascent()
        self.palette = QPalette(palette)
        # (colour group, selected) -> the text's colour and its dimmed one: an inactive
        # window's selection and a disabled list have colours of their own.
        self._colours: dict[tuple[QPalette.ColorGroup, bool], tuple[QColor, QColor]] = {}
        # The narrowest printable ASCII character: a longer text is cut before eliding
        # (eliding costs by length; a 200-character prompt took twice a short one).
        self.narrowest = max(1, min(self.metrics.horizontalAdvance(chr(c)) for c in range(32, 127)))

    def fits(self, option: QStyleOptionViewItem) -> bool:
        return option.palette.cacheKey() == self.palette_key and option.font == self.font

    def bar(self) -> QStyleOptionProgressBar:
        from PySide6.QtWidgets import QStyleOptionProgressBar

        bar = QStyleOptionProgressBar()
        bar.minimum = 0
        bar.maximum = 100
        return bar

    def is_selected(self, option: QStyleOptionViewItem) -> bool:
        return bool(option.state & self.selected)

    def colours(self, option: QStyleOptionViewItem) -> tuple[QColor, QColor]:
        """The text colour for ``option``'s cell, and the same dimmed for a second line."""
        return self.colours_for(option.palette.currentColorGroup(), self.is_selected(option))

    def colours_for(self, group: QPalette.ColorGroup, selected: bool) -> tuple[QColor, QColor]:
        found = self._colours.get((group, selected))
        if found is None:
            role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
            colour = QColor(self.palette.color(group, role))
            dim = QColor(colour)
            dim.setAlphaF(0.65)
            found = self._colours[group, selected] = (colour, dim)
        return found

    def middle(self, top: int, height: int) -> int:
        """The baseline of one line of text centred in ``height`` from ``top``."""
        return top + (height - self.ascent - self.descent) // 2 + self.ascent


_look: _Look | None = None


def _look_for(option: QStyleOptionViewItem) -> _Look:
    global _look
    if _look is None or not _look.fits(option):
        _look = _Look(option.font, option.palette)
    return _look


def _elided(metrics: QFontMetrics, text: str, width: int, narrowest: int) -> str:
    """``text`` cut with "…" to ``width``. An ASCII text longer than could fit is cut
    before eliding; should that cut still fit whole (kerning), the whole text is elided."""
    longest = width // narrowest + 2
    if len(text) > longest and text.isascii():
        cut = text[:longest]
        shown = metrics.elidedText(cut, _ELIDE, width)
        if shown != cut:
            return shown
    return metrics.elidedText(text, _ELIDE, width)


def _right_to_left(option: QStyleOptionViewItem) -> bool:
    return option.direction == Qt.LayoutDirection.RightToLeft


def _start(x: int, width: int, metrics: QFontMetrics, text: str, at_right: bool) -> int:
    """Where ``text`` begins in the ``width`` from ``x``: there, or so that it ends there."""
    return x + width - metrics.horizontalAdvance(text) if at_right else x


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
        look = _look_for(option)
        _background(painter, option, look)
        cell = option.rect
        x, y, width, height = cell.x() + PAD, cell.y(), cell.width() - 2 * PAD, cell.height()
        prompt, second, icon = _cell(index, 3)
        mirrored = _right_to_left(option)  # the icon on the right, the words end at it
        if isinstance(icon, QIcon):
            icon_x = x + width - THUMB if mirrored else x
            icon.paint(painter, icon_x, y + (height - THUMB) // 2, THUMB, THUMB, _CENTER)
        width -= THUMB + 8
        if not mirrored:
            x += THUMB + 8
        prompt = _elided(look.metrics, str(prompt or ""), width, look.narrowest)
        second = str(second or "") if self.second_line else ""
        colour, dim = look.colours(option)
        painter.save()
        painter.setFont(look.font)
        painter.setPen(colour)
        if second:
            # The prompt's line sits on the middle, the second line hangs from it.
            middle = y + height - height // 2
            start = _start(x, width, look.metrics, prompt, mirrored)
            painter.drawText(start, middle - look.descent, prompt)
            second = _elided(look.small_metrics, second, width, look.narrowest)
            start = _start(x, width, look.small_metrics, second, mirrored)
            painter.setFont(look.small)
            painter.setPen(dim)
            painter.drawText(start, middle + 1 + look.small_ascent, second)
        else:
            start = _start(x, width, look.metrics, prompt, mirrored)
            painter.drawText(start, look.middle(y, height), prompt)
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: AnyIndex) -> QSize:
        return QSize(200, ROW_HEIGHT)


class StatusDelegate(QStyledItemDelegate):
    """The state in its colour, with progress as words and a thin bar under them."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._bar: QStyleOptionProgressBar | None = None  # filled in per cell, made once
        self._bar_rect = QRect()

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: AnyIndex) -> None:
        look = _look_for(option)
        _background(painter, option, look)
        words, progress, bar, colour = _cell(index, 4)
        words = str(words or "")
        progress = str(progress or "")
        if progress:
            words = f"{words} · {progress}"
        value = bar if progress and isinstance(bar, int) else None
        cell = option.rect
        x, y, width, height = cell.x() + PAD, cell.y(), cell.width() - 2 * PAD, cell.height()
        if look.is_selected(option) or not isinstance(colour, QColor):
            colour = look.colours(option)[0]
        words = _elided(look.metrics, words, width, look.narrowest)
        mirrored = _right_to_left(option)
        start = _start(x, width, look.metrics, words, mirrored)
        painter.save()
        painter.setFont(look.font)
        painter.setPen(colour)
        # With a bar the words stand on it, else they are centred.
        baseline = y + height - 12 - look.descent if value is not None else look.middle(y, height)
        painter.drawText(start, baseline, words)
        painter.restore()
        if value is not None:
            if self._bar is None:
                self._bar = look.bar()
                self._bar.textVisible = False
            self._bar_rect.setRect(x, y + height - 11, width, 6)
            self._bar.rect = self._bar_rect
            self._bar.progress = value
            self._bar.direction = option.direction  # fills from the right, right to left
            self._bar.state = option.state | look.horizontal
            _style(option).drawControl(look.progress_bar, self._bar, painter)


class TextDelegate(QStyledItemDelegate):
    """A column of plain words (the time taken, when made, model, id, price).

    Qt's own delegate asks the model for seven roles a cell and lays its text out in
    general; a burst's repaint spent more on the time-taken column than on the prompt.
    """

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: AnyIndex) -> None:
        look = _look_for(option)
        _background(painter, option, look)
        text, align = _cell(index, 2)
        cell = option.rect
        x, width = cell.x() + PAD, cell.width() - 2 * PAD
        shown = _elided(look.metrics, str(text or ""), width, look.narrowest)
        # Qt's own rule: left and right swap when the layout runs right to left.
        at_right = (isinstance(align, int) and bool(align & _RIGHT)) != _right_to_left(option)
        painter.save()
        painter.setFont(look.font)
        painter.setPen(look.colours(option)[0])
        painter.drawText(
            _start(x, width, look.metrics, shown, at_right),
            look.middle(cell.y(), cell.height()),
            shown,
        )
        painter.restore()


def warm_up(view: QWidget) -> None:
    """Make now, before the first click, what the first rows painted would otherwise make
    in the middle of a burst of submits: the shared look, the kinds' icons, the glyphs of
    both fonts, the state colours and a progress bar. (The first repaint with rows took
    1.6-5 ms for its first cell alone, while the network thread wanted the GIL.)"""
    from PySide6.QtGui import QImage
    from PySide6.QtWidgets import QStyleOptionViewItem

    global _look
    _look = look = _Look(view.font(), view.palette())
    QStyleOptionViewItem()  # named here, PySide makes the type and its five enums now
    image = QImage(4 * THUMB, ROW_HEIGHT, QImage.Format.Format_ARGB32_Premultiplied)
    painter = QPainter(image)
    for number, scope in enumerate(Scope):
        scope_icon(scope).paint(painter, number * THUMB, 0, THUMB, THUMB, _CENTER)
    sample = "".join(chr(c) for c in range(32, 127)) + " · …"
    painter.setFont(look.font)
    painter.drawText(0, look.ascent, sample)
    painter.setFont(look.small)
    painter.drawText(0, ROW_HEIGHT - look.descent, sample)
    for state in TaskState:
        state_colour(state)
    for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive):
        look.colours_for(group, False)
        look.colours_for(group, True)
    bar = look.bar()
    bar.rect = QRect(0, ROW_HEIGHT - 6, 4 * THUMB, 6)
    bar.progress = 50
    bar.state = look.enabled | look.horizontal
    view.style().drawControl(look.progress_bar, bar, painter)
    painter.end()


class ProgressDelegate(QStyledItemDelegate):
    """The optional Progress column, drawn as a bar with its figure."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: AnyIndex) -> None:
        bar = index.data(BAR_ROLE)
        value = bar if isinstance(bar, int) else None
        if value is None:
            super().paint(painter, option, index)
            return
        look = _look_for(option)
        _background(painter, option, look)
        bar = look.bar()
        bar.rect = option.rect.adjusted(3, 10, -3, -10)
        bar.progress = value
        bar.text = str(index.data(Qt.ItemDataRole.DisplayRole))
        bar.textVisible = True
        bar.direction = option.direction
        bar.state = option.state | look.horizontal
        _style(option).drawControl(look.progress_bar, bar, painter)
