"""How task rows are drawn: text placed as Qt's own alignment would place it, elided as
Qt would elide it, one question to the model a cell, and the warm-up before the first
rows."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, Qt
from PySide6.QtGui import QColor, QFontMetrics, QImage, QPainter, QPalette
from PySide6.QtWidgets import QApplication, QStyle, QStyleOptionViewItem
from pytestqt.qtbot import QtBot

from genstudio.api.kinds import Scope
from genstudio.api.request import GenerationRequest
from genstudio.tasks.record import TaskRecord
from genstudio.tasks.states import TaskState
from genstudio.tasks.store import HistoryStore
from genstudio.ui.icons import scope_icon
from genstudio.ui.tasklist import task_delegates
from genstudio.ui.tasklist.task_columns import CELL_ROLE, Column, created_words
from genstudio.ui.tasklist.task_delegates import PAD, _elided, _Look, warm_up
from genstudio.ui.tasklist.task_table import TaskTableModel
from genstudio.ui.tasklist.task_view import TaskView
from tests.ui.history_models import history_of
from tests.ui.test_deferred_start import fresh_interpreter

AnyIndex = QModelIndex | QPersistentModelIndex


def record(i: int, prompt: str = "a cat", state: TaskState = TaskState.DONE) -> TaskRecord:
    return TaskRecord(
        id=i,
        profile="p",
        request=GenerationRequest(Scope.IMAGES, f"{prompt} {i}", "model-x"),
        created_at=1_700_000_000 + i,
        state=state,
        task_id=f"t{i}",
        finished_at=1_700_000_000 + i + 5,
    )


def blank() -> QImage:
    image = QImage(300, 60, QImage.Format.Format_ARGB32)
    image.fill(QColor("white"))
    return image


def ink(image: QImage, background: int | None = None) -> tuple[int, int, int, int] | None:
    """The box (left, top, right, bottom) of every pixel not of ``background`` (white)."""
    if background is None:
        background = QColor("white").rgb()
    xs: list[int] = []
    ys: list[int] = []
    for y in range(image.height()):
        for x in range(image.width()):
            if image.pixel(x, y) != background:
                xs.append(x)
                ys.append(y)
    return (min(xs), min(ys), max(xs), max(ys)) if xs else None


def drawn(paint: Any) -> tuple[int, int, int, int] | None:
    image = blank()
    painter = QPainter(image)
    painter.setFont(QApplication.font())
    painter.setPen(QColor("black"))
    paint(painter)
    painter.end()
    return ink(image)


@pytest.mark.usefixtures("qapp")
@pytest.mark.parametrize("text", ["job 7", "Águas de março", "gyp|ÉQ"])
def test_text_stands_where_qt_s_own_alignment_puts_it(text: str) -> None:
    look = _Look(QApplication.font(), QApplication.palette())
    rect = QRect(10, 5, 250, 46)
    flags = Qt.AlignmentFlag.AlignLeft
    middle = int(flags | Qt.AlignmentFlag.AlignVCenter)
    bottom = int(flags | Qt.AlignmentFlag.AlignBottom)
    top = int(flags | Qt.AlignmentFlag.AlignTop)
    cases = [
        (middle, look.middle(rect.y(), rect.height())),
        (bottom, rect.y() + rect.height() - look.descent),
        (top, rect.y() + look.ascent),
    ]
    for qt_flags, baseline in cases:
        by_qt = drawn(lambda p, f=qt_flags: p.drawText(rect, f, text))
        ours = drawn(lambda p, y=baseline: p.drawText(rect.x(), y, text))
        assert by_qt is not None and ours is not None
        # Qt centres on fractional pixels: one pixel apart at most, never more.
        assert all(abs(a - b) <= 1 for a, b in zip(by_qt, ours, strict=True)), (
            qt_flags,
            by_qt,
            ours,
        )


@pytest.mark.usefixtures("qapp")
@pytest.mark.parametrize(
    "text",
    [
        "",
        "a cat",
        "a red kite over the dunes at dusk, with long shadows and a sky of gold " * 6,
        "i" * 900,
        "." * 900,
        "AVAVAVAVAVAVAVAVAVAVAVAVAVAVAVAVAVAVAV" * 10,
        "ljljljljljljljljljljljljljljljljljlj" * 10,
        "日本語のプロンプト、とても長い文章です" * 20,
        "e\u0301" * 400,  # combining accents: narrower than any ASCII letter
    ],
)
def test_elided_text_is_what_qt_would_elide(text: str) -> None:
    metrics = QFontMetrics(QApplication.font())
    narrowest = _Look(QApplication.font(), QApplication.palette()).narrowest
    for width in (0, 1, 5, 17, 40, 99, 150, 300, 640, 1500):
        assert _elided(metrics, text, width, narrowest) == metrics.elidedText(
            text, Qt.TextElideMode.ElideRight, width
        ), width


class CountingModel(TaskTableModel):
    """Counts the roles the view asks of each column."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.asked: dict[int, set[int]] = {}

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        self.asked.setdefault(index.column(), set()).add(int(role))
        return super().data(index, role)


def test_a_drawn_cell_asks_the_model_one_question(qtbot: QtBot, tmp_path: Path) -> None:
    store = history_of(tmp_path, [record(i) for i in range(1, 6)])
    model = CountingModel(store.reader())
    model.refresh()
    view = TaskView(model)
    qtbot.addWidget(view)
    for column in (Column.MODEL, Column.CREATED, Column.PRICE):
        view.set_chosen(column, True)
    view.resize(1300, 400)
    view.show()
    qtbot.waitExposed(view)
    view.fit_columns()
    shown = set(view.shown_columns())
    assert {Column.PROMPT, Column.STATUS, Column.ELAPSED, Column.MODEL} <= shown
    model.asked.clear()
    view.viewport().update()
    qtbot.waitUntil(lambda: Column.PROMPT in model.asked)
    assert set(model.asked) >= shown - {Column.SCOPE, Column.PROGRESS}
    for column in shown - {Column.SCOPE, Column.PROGRESS}:
        assert model.asked[column] == {int(CELL_ROLE)}, Column(column)


def shown_view(
    qtbot: QtBot,
    tmp_path: Path,
    records: list[TaskRecord],
    width: int,
    *chosen: Column,
    direction: Qt.LayoutDirection = Qt.LayoutDirection.LeftToRight,
) -> tuple[TaskView, TaskTableModel, HistoryStore]:
    """The task list over ``records``, on screen, with the ``chosen`` columns asked for."""
    store = history_of(tmp_path, records)
    model = TaskTableModel(store.reader())
    model.refresh()
    view = TaskView(model)
    qtbot.addWidget(view)
    view.setLayoutDirection(direction)
    for column in chosen:
        view.set_chosen(column, True)
    view.resize(width, 300)
    view.show()
    qtbot.waitExposed(view)
    view.fit_columns()
    return view, model, store


def cell_image(view: TaskView, row: int, column: Column) -> tuple[QRect, QImage]:
    rect = view.visualRect(view.model().index(row, column))
    image = view.viewport().grab(rect).toImage().convertToFormat(QImage.Format.Format_ARGB32)
    return rect, image


def cell_ink(view: TaskView, row: int, column: Column) -> tuple[QRect, tuple[int, ...]]:
    rect, image = cell_image(view, row, column)
    box = ink(image, image.pixel(1, 1))
    assert box is not None, f"nothing drawn in {column.name}"
    return rect, box


def test_time_taken_stands_right_and_the_model_left(qtbot: QtBot, tmp_path: Path) -> None:
    view, _model, _store = shown_view(qtbot, tmp_path, [record(1)], 1300, Column.MODEL)
    rect, (left, top, right, bottom) = cell_ink(view, 0, Column.ELAPSED)
    assert rect.width() - 1 - PAD - 2 <= right <= rect.width() - PAD
    assert left > PAD + 10  # "5 s" is much shorter than the column
    assert top > 2 and bottom < rect.height() - 3  # centred, inside the row
    rect, (left, _top, right, _bottom) = cell_ink(view, 0, Column.MODEL)
    assert PAD <= left <= PAD + 2
    assert right < rect.width() - PAD


def test_right_to_left_mirrors_the_row(qtbot: QtBot, tmp_path: Path) -> None:
    """Arabic, Hebrew or Persian: the icon and the words start on the right, and the
    time taken stands on the left, as Qt's own delegate would put it."""
    view, _model, _store = shown_view(
        qtbot,
        tmp_path,
        [record(1)],
        1300,
        Column.MODEL,
        direction=Qt.LayoutDirection.RightToLeft,
    )
    rect, (left, _top, right, _bottom) = cell_ink(view, 0, Column.ELAPSED)
    assert PAD - 1 <= left <= PAD + 2
    assert right < rect.width() - PAD - 10
    rect, (left, _top, right, _bottom) = cell_ink(view, 0, Column.MODEL)
    assert rect.width() - 1 - PAD - 2 <= right <= rect.width() - PAD
    assert left > PAD + 10
    rect, (left, _top, right, _bottom) = cell_ink(view, 0, Column.PROMPT)
    assert right >= rect.width() - PAD - 8  # the kind's icon at the right edge
    assert left > rect.width() // 2  # a short prompt, ending at the icon


@pytest.mark.usefixtures("qapp")
def test_text_colours_follow_the_window_s_state() -> None:
    """A selection in a window without focus, and a list disabled while the window
    closes, draw their words in the palette's colours for that state."""
    palette = QPalette(QApplication.palette())
    palette.setColor(
        QPalette.ColorGroup.Active, QPalette.ColorRole.HighlightedText, QColor("#ffffff")
    )
    palette.setColor(
        QPalette.ColorGroup.Inactive, QPalette.ColorRole.HighlightedText, QColor("#101010")
    )
    palette.setColor(QPalette.ColorGroup.Active, QPalette.ColorRole.Text, QColor("#000000"))
    palette.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text, QColor("#999999"))
    look = _Look(QApplication.font(), palette)
    group = QPalette.ColorGroup
    cases = [
        (group.Active, True, "#ffffff"),
        (group.Inactive, True, "#101010"),
        (group.Active, False, "#000000"),
        (group.Disabled, False, "#999999"),
    ]
    for current, selected, expected in cases:
        option = QStyleOptionViewItem()
        option.font = QApplication.font()
        shown = QPalette(palette)
        shown.setCurrentColorGroup(current)
        option.palette = shown
        if selected:
            option.state = option.state | QStyle.StateFlag.State_Selected
        assert look.fits(option)
        colour, dim = look.colours(option)
        assert colour.name() == expected, (current, selected)
        assert dim.name() == expected and dim.alphaF() < 1.0


def test_the_prompt_over_its_second_line_inside_the_row(qtbot: QtBot, tmp_path: Path) -> None:
    long = "a red kite over the dunes at dusk, with long shadows and a sky of gold " * 5
    view, _model, _store = shown_view(qtbot, tmp_path, [record(1, prompt=long)], 900)
    rect, (left, top, right, bottom) = cell_ink(view, 0, Column.PROMPT)
    assert left >= PAD  # the kind's icon first
    assert right < rect.width() - PAD  # elided, not cut at the edge
    assert top > 1 and bottom < rect.height() - 1
    # Two lines: a blank row of pixels between the prompt and the line under it.
    rect, image = cell_image(view, 0, Column.PROMPT)
    background = image.pixel(1, 1)
    text_left = PAD + task_delegates.THUMB + 8
    inked = [
        any(image.pixel(x, y) != background for x in range(text_left, rect.width()))
        for y in range(rect.height())
    ]
    first = inked.index(True)
    last = len(inked) - 1 - inked[::-1].index(True)
    assert False in inked[first:last], "the two lines run into each other"


def test_the_list_fits_its_columns_without_naming_every_widget_type() -> None:
    """PySide names a plain QWidget it did not make (Qt's own viewport) by loading every
    QtWidgets type first, 10 ms of the start: the list makes its viewport itself."""
    probe = (
        "import tempfile, pathlib;"
        "from PySide6.QtWidgets import QApplication; app = QApplication([]);"
        "from PySide6 import QtWidgets;"
        "from genstudio.tasks.store import HistoryStore;"
        "from genstudio.ui.tasklist.task_table import TaskTableModel;"
        "from genstudio.ui.tasklist.task_view import TaskView;"
        "store = HistoryStore(pathlib.Path(tempfile.mkdtemp()) / 'h.sqlite3');"
        "view = TaskView(TaskTableModel(store.reader())); view.resize(900, 300);"
        "view.fit_columns(); width = view.viewport().width();"
        "print('QWizard' in vars(QtWidgets), width > 0); store.close()"
    )
    assert fresh_interpreter(probe).split() == ["False", "True"]


def test_the_list_s_own_viewport_is_as_qt_makes_it(qtbot: QtBot, tmp_path: Path) -> None:
    from PySide6.QtWidgets import QTableView, QWidget

    view, _model, _store = shown_view(qtbot, tmp_path, [record(1)], 700)
    plain = QTableView()
    qtbot.addWidget(plain)
    ours, qts = view.viewport(), plain.viewport()

    def looks(widget: QWidget) -> tuple[object, ...]:
        attributes = [a for a in Qt.WidgetAttribute if widget.testAttribute(a)]
        return (
            widget.objectName(),
            widget.backgroundRole(),
            widget.autoFillBackground(),
            widget.hasMouseTracking(),
            widget.focusPolicy(),
            widget.contextMenuPolicy(),
            widget.focusProxy() is not None,
            sorted(a.name for a in attributes if a != Qt.WidgetAttribute.WA_WState_Visible),
        )

    plain.resize(700, 300)
    plain.show()
    qtbot.waitExposed(plain)
    assert looks(ours) == looks(qts)


def test_warm_up_makes_what_the_first_rows_would(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    view, model, store = shown_view(qtbot, tmp_path, [], 900)
    scope_icon.cache_clear()
    monkeypatch.setattr(task_delegates, "_look", None)
    warm_up(view)
    look = task_delegates._look
    assert look is not None
    assert scope_icon.cache_info().currsize == len(Scope)
    store.restore([record(1, state=TaskState.RUNNING), record(2)])
    model.refresh()
    qtbot.waitUntil(lambda: view.model().rowCount() == 2)
    grabbed = view.viewport().grab()  # paints the rows now
    assert not grabbed.isNull()
    assert task_delegates._look is look  # the first rows painted made no look of their own


def test_warm_up_makes_the_qt_types_the_first_paint_would() -> None:
    """PySide makes a type and its enums the first time Python meets it: QStyle and the
    options a cell is painted with are made by warm_up, not by a burst's first rows."""
    probe = (
        "import sys, tempfile, pathlib;"
        "from PySide6.QtWidgets import QApplication; app = QApplication([]);"
        "from PySide6 import QtWidgets;"
        "from genstudio.tasks.store import HistoryStore;"
        "from genstudio.ui.tasklist.task_table import TaskTableModel;"
        "from genstudio.ui.tasklist.task_view import TaskView;"
        "from genstudio.ui.tasklist.task_delegates import warm_up;"
        "store = HistoryStore(pathlib.Path(tempfile.mkdtemp()) / 'h.sqlite3');"
        "view = TaskView(TaskTableModel(store.reader()));"
        "names = ('QStyle', 'QStyleOptionViewItem', 'QStyleOptionProgressBar');"
        "print([n in vars(QtWidgets) for n in names]); warm_up(view);"
        "print([n in vars(QtWidgets) for n in names]); store.close()"
    )
    found = fresh_interpreter(probe)
    assert found.split() == ["[False,", "False,", "False]", "[True,", "True,", "True]"]


def test_created_words_today_alone_and_other_days_with_the_date() -> None:
    now = time.mktime((2026, 12, 6, 15, 0, 0, 0, 0, -1))
    morning = time.mktime((2026, 12, 6, 9, 5, 7, 0, 0, -1))
    last_year = time.mktime((2025, 3, 1, 23, 59, 30, 0, 0, -1))
    assert created_words(morning, now) == "09:05:07"
    assert created_words(last_year, now) == "2025-03-01 23:59"
    assert created_words(1e300, now) == ""  # a broken clock's time: no words, no crash
