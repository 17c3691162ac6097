"""bench_views' "shown": the end of Qt's own first paint that drew the answer, with no
repaint of its own (a forced one painted the rows twice inside the measured stall)."""

from __future__ import annotations

from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QTableView
from pytestqt.qtbot import QtBot

from benchmarks.bench_views import _Painted
from tests.conftest import until
from tests.ui.conftest import QLoop


def test_shown_is_the_end_of_the_first_paint_that_drew_the_answer(
    qtbot: QtBot, qloop: QLoop
) -> None:
    model = QStandardItemModel(0, 1)
    view = QTableView()
    view.setModel(model)
    qtbot.addWidget(view)
    view.show()
    qtbot.waitExposed(view)
    paints: list[bool] = []  # for each paint of the viewport: did it show the answer?

    def shown() -> bool:
        answer = model.rowCount() == 1
        paints.append(answer)
        return answer

    async def body() -> None:
        watch = _Painted(view, shown)
        view.viewport().update()  # a paint before the answer does not count
        await until(lambda: len(paints) >= 1)
        assert watch.at is None
        model.appendRow(QStandardItem("the answer"))  # Qt repaints: that one counts
        at = await watch.wait(5)
        assert at is not None and paints[-1] is True
        seen = len(paints)
        view.viewport().repaint()  # after the wait the viewport is no longer watched
        assert len(paints) == seen

    qloop.run(body())
