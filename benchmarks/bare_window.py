"""The anchor for start time and memory: a bare PySide6 script over the same rows.

A ``QMainWindow`` with a ``QTableView`` over a Python ``QAbstractTableModel`` holding the
history's rows (read with one plain SELECT from the same SQLite file), and a
``QListView`` in icon mode over the same model standing in for the gallery. It is timed
and exercised exactly as GenStudio's window is (:func:`scroll_steps`): the process's age
at the first painted window, then scrolling, then the list shown, then peak memory.
Run by bench_startup: ``python -m benchmarks.bare_window HISTORY``.
"""

from __future__ import annotations

import json
import sqlite3
import sys
import time
from pathlib import Path
from typing import Any

from benchmarks.figures import peak_rss_mib
from benchmarks.first_paint import watch_first_paint

RESULT = "RESULT "
SETTLE_SECONDS = 1.0  # both sides wait this long on their event loop before memory is read


def scroll_steps(view: Any, notches: bool = True) -> list[float]:
    """Seconds per step: mouse-wheel notches (3 rows) over the first 1,500 rows, then 40
    jumps spread over the whole list, each painted at once."""
    bar = view.verticalScrollBar()
    viewport = view.viewport()
    steps: list[float] = []
    notch = 3 * max(1, bar.singleStep())
    for value in range(0, min(bar.maximum(), 1500) + 1 if notches else 0, notch):
        started = time.perf_counter()
        bar.setValue(value)
        viewport.repaint()
        steps.append(time.perf_counter() - started)
    for n in range(41):
        started = time.perf_counter()
        bar.setValue(bar.maximum() * n // 40)
        viewport.repaint()
        steps.append(time.perf_counter() - started)
    return steps


def _rows(history: Path) -> list[tuple[str, ...]]:
    if not history.exists():
        return []
    with sqlite3.connect(history) as db:
        return [
            (str(prompt), str(model), str(scope), str(state), str(created))
            for prompt, model, scope, state, created in db.execute(
                "SELECT prompt, model, scope, state, created_at FROM tasks ORDER BY created_at DESC"
            )
        ]


def main(history: Path) -> None:
    from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
    from PySide6.QtGui import QPalette
    from PySide6.QtWidgets import (
        QApplication,
        QListView,
        QMainWindow,
        QStackedWidget,
        QTableView,
        QWidget,
    )

    class Model(QAbstractTableModel):
        headers = ("Prompt", "Model", "Kind", "Status", "Created")

        def __init__(self, rows: list[tuple[str, ...]]) -> None:
            super().__init__()
            self.rows = rows

        def rowCount(  # noqa: N802 (Qt's name)
            self,
            parent: QModelIndex | QPersistentModelIndex = QModelIndex(),  # noqa: B008
        ) -> int:
            return 0 if parent.isValid() else len(self.rows)

        def columnCount(  # noqa: N802
            self,
            parent: QModelIndex | QPersistentModelIndex = QModelIndex(),  # noqa: B008
        ) -> int:
            return 0 if parent.isValid() else len(self.headers)

        def data(self, index: QModelIndex | QPersistentModelIndex, role: int = 0) -> str | None:
            if role != Qt.ItemDataRole.DisplayRole:
                return None
            return self.rows[index.row()][index.column()]

        def headerData(  # noqa: N802
            self, section: int, orientation: Qt.Orientation, role: int = 0
        ) -> Any:
            if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
                return self.headers[section]
            return None

    app = QApplication(sys.argv[:1])
    model = Model(_rows(history))
    window = QMainWindow()
    window.resize(1400, 860)
    stack = QStackedWidget()
    table = QTableView()
    # Its viewport made here, as GenStudio's list makes its own: the first-paint watch
    # asks for it, and PySide names a plain QWidget it did not make by loading every
    # QtWidgets type first (10 ms neither side's user waits for).
    viewport = QWidget()
    viewport.setObjectName("qt_scrollarea_viewport")
    viewport.setBackgroundRole(QPalette.ColorRole.Base)
    viewport.setAutoFillBackground(True)
    table.setViewport(viewport)
    table.setModel(model)
    stack.addWidget(table)
    grid = QListView()  # GenStudio's gallery exists from the start too
    grid.setViewMode(QListView.ViewMode.IconMode)
    grid.setUniformItemSizes(True)
    grid.setModel(model)
    stack.addWidget(grid)
    window.setCentralWidget(stack)
    first = watch_first_paint(window, table, bool(model.rows))
    window.show()
    while first.ready is None:
        app.processEvents()
    shown, ready = first.painted, first.ready
    steps = scroll_steps(table)

    started = time.perf_counter()
    stack.setCurrentWidget(grid)
    grid.viewport().repaint()
    gallery = time.perf_counter() - started
    gallery_steps = scroll_steps(grid, notches=False)
    end = time.monotonic() + SETTLE_SECONDS
    while time.monotonic() < end:
        app.processEvents()
        time.sleep(0.005)
    result = {
        "shown": shown,
        "ready": ready,
        "rows": model.rowCount(),
        "steps": steps,
        "gallery": gallery,
        "gallery_steps": gallery_steps,
        "peak_mib": peak_rss_mib(),
    }
    print(RESULT + json.dumps(result), flush=True)


if __name__ == "__main__":
    main(Path(sys.argv[1]))
