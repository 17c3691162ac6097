"""The task table model: qtmodeltester, per-row updates, sorting and filtering."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QTableView
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from genstudio.api.request import GenerationRequest
from genstudio.api.snapshot import Scope
from genstudio.tasks.events import TaskEvent
from genstudio.tasks.record import FileState, SavedFile, TaskRecord, TaskState
from genstudio.ui.tasklist.task_delegates import ProgressDelegate
from genstudio.ui.tasklist.task_table import (
    RECORD_ROLE,
    Column,
    TaskFilterProxy,
    TaskTableModel,
    bar_value,
)


def record(i: int, state: TaskState = TaskState.RUNNING, prompt: str = "a cat") -> TaskRecord:
    scope = list(Scope)[i % 3]
    return TaskRecord(
        id=i,
        profile="p",
        request=GenerationRequest(scope, f"{prompt} {i}", "m"),
        created_at=1_700_000_000 + i,
        state=state,
        task_id=f"t{i}",
        progress=float(i % 100),
    )


def test_model_passes_qtmodeltester(qtmodeltester: ModelTester) -> None:
    model = TaskTableModel()
    model.set_records([record(i) for i in range(5)])
    qtmodeltester.check(model, force_py=True)
    model.apply(TaskEvent("added", (record(10),)))
    model.apply(TaskEvent("removed", (record(2),)))
    qtmodeltester.check(model, force_py=True)


def test_proxy_passes_qtmodeltester(qtmodeltester: ModelTester) -> None:
    model = TaskTableModel()
    model.set_records([record(i) for i in range(5)])
    proxy = TaskFilterProxy()
    proxy.setSourceModel(model)
    proxy.set_search("cat 3")
    qtmodeltester.check(proxy, force_py=True)


def test_status_change_emits_data_changed_for_that_row_only(qtbot: QtBot) -> None:
    model = TaskTableModel()
    model.set_records([record(i) for i in reversed(range(3))])
    seen: list[tuple[int, int, int, int]] = []
    resets: list[bool] = []
    model.dataChanged.connect(
        lambda a, b, *_: seen.append((a.row(), a.column(), b.row(), b.column()))
    )
    model.modelReset.connect(lambda: resets.append(True))
    changed = record(0, TaskState.DONE)  # the oldest: the last row
    model.apply(TaskEvent("changed", (changed,)))
    assert seen == [(2, 0, 2, len(Column) - 1)]
    assert resets == []
    index = model.index(2, Column.STATUS)
    assert model.data(index) == "Done"
    assert model.data(index, Qt.ItemDataRole.ForegroundRole).name() == "#2e9d4f"


def test_inserts_use_begin_insert_rows() -> None:
    model = TaskTableModel()
    model.set_records([record(0)])
    inserted: list[tuple[int, int]] = []
    model.rowsInserted.connect(lambda _p, first, last: inserted.append((first, last)))
    model.apply(TaskEvent("added", (record(1), record(2))))
    assert inserted == [(0, 0), (0, 0)]  # new tasks go on top
    assert model.rowCount() == 3
    assert [model.record_at(r).id for r in range(3)] == [2, 1, 0]
    assert model.row_of(0) == 2


def test_a_task_brought_back_goes_where_it_was() -> None:
    model = TaskTableModel()
    model.set_records([record(3), record(1), record(0)])
    inserted: list[tuple[int, int]] = []
    model.rowsInserted.connect(lambda _p, first, last: inserted.append((first, last)))
    model.apply(TaskEvent("added", (record(2),)))  # undo of a delete: created between
    assert inserted == [(1, 1)]
    assert [model.record_at(r).id for r in range(4)] == [3, 2, 1, 0]
    assert [model.row_of(i) for i in range(4)] == [3, 2, 1, 0]


def data(model: Any, row: int, column: Column, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
    return model.data(model.index(row, column), role)


def test_columns_show_words() -> None:
    model = TaskTableModel()
    model.set_records([record(1, TaskState.UNREACHABLE, prompt="line one\nline two")])
    assert data(model, 0, Column.STATUS) == "Can't reach provider — retrying"
    assert data(model, 0, Column.SCOPE) is None  # an icon only
    assert data(model, 0, Column.SCOPE, Qt.ItemDataRole.ToolTipRole) == "Video"
    assert data(model, 0, Column.SCOPE, Qt.ItemDataRole.AccessibleTextRole) == "Video"
    assert data(model, 0, Column.PROMPT) == "line one line two 1"
    assert data(model, 0, Column.PROMPT, Qt.ItemDataRole.ToolTipRole) == "line one\nline two 1"
    assert data(model, 0, Column.PROGRESS) == "1%"
    assert data(model, 0, Column.TASK_ID) == "t1"
    assert data(model, 0, Column.SCOPE, Qt.ItemDataRole.DecorationRole) is not None
    assert model.headerData(Column.STATUS, Qt.Orientation.Horizontal) == "Status"


def test_every_state_has_words() -> None:
    model = TaskTableModel()
    model.set_records([record(i, state) for i, state in enumerate(TaskState)])
    words = {data(model, row, Column.STATUS) for row in range(model.rowCount())}
    # Waiting and Queued both mean "not started yet": one word for both.
    assert len(words) == len(TaskState) - 1
    assert {
        "Queued",
        "Running",
        "Done",
        "Failed",
        "Checking…",
        "Timed out — may still finish",
        "Finished without output",
        "Submission unknown",
    } <= words


def test_newest_first_and_filters() -> None:
    model = TaskTableModel()
    newest_first = [
        record(i, TaskState.DONE if i % 2 else TaskState.FAILED) for i in reversed(range(6))
    ]
    model.set_records(newest_first)
    proxy = TaskFilterProxy()
    proxy.setSourceModel(model)
    ids = [proxy.index(r, 0).data(RECORD_ROLE).id for r in range(proxy.rowCount())]
    assert ids == [5, 4, 3, 2, 1, 0]  # unsorted: the model's newest-first order
    proxy.sort(Column.CREATED, Qt.SortOrder.AscendingOrder)
    assert proxy.index(0, 0).data(RECORD_ROLE).id == 0
    proxy.sort(-1)
    proxy.set_states(frozenset({TaskState.FAILED}))
    assert proxy.rowCount() == 3
    proxy.set_states(None)
    proxy.set_search("T3")  # task ids match, case-insensitively
    assert proxy.rowCount() == 1
    proxy.set_search("")
    assert proxy.rowCount() == 6
    assert not proxy.index(0, 0).parent().isValid()
    assert QModelIndex().isValid() is False


def test_saving_shows_the_download_share() -> None:
    done = record(1, TaskState.DONE)
    done.outputs = ("http://127.0.0.1/a.mp4",)
    done.files = (SavedFile("http://127.0.0.1/a.mp4"),)
    model = TaskTableModel()
    model.set_records([done])
    assert data(model, 0, Column.PROGRESS) == "Saving…"  # size not known yet
    assert bar_value(done) is None
    done.save_fraction = 0.42
    model.apply(TaskEvent("changed", (done,)))
    assert data(model, 0, Column.PROGRESS) == "Saving 42%"
    assert bar_value(done) == 42
    # Paused for room in the folder (or a failed try waiting to be repeated): not "Saving".
    done.files = (SavedFile("http://127.0.0.1/a.mp4", error="Waiting for room in /x."),)
    model.apply(TaskEvent("changed", (done,)))
    assert data(model, 0, Column.PROGRESS) == "Waiting to save"
    done.files = (SavedFile("http://127.0.0.1/a.mp4", FileState.SAVED, "/x/a.mp4"),)
    done.save_fraction = None
    model.apply(TaskEvent("changed", (done,)))
    assert data(model, 0, Column.PROGRESS) == "1%"  # back to the task's own figure


def test_no_bar_for_tasks_that_ended_without_a_result() -> None:
    failed = record(1, TaskState.FAILED)
    failed.progress = 0.0
    model = TaskTableModel()
    model.set_records([failed])
    assert bar_value(failed) is None
    assert data(model, 0, Column.PROGRESS) == ""


def test_progress_bar_fills_from_the_left(qtbot: QtBot) -> None:
    view = QTableView()
    qtbot.addWidget(view)
    model = TaskTableModel()
    running = record(1, TaskState.RUNNING)
    running.progress = 50.0
    model.set_records([running])
    view.setModel(model)
    view.setItemDelegateForColumn(Column.PROGRESS, ProgressDelegate(view))
    view.setColumnWidth(Column.PROGRESS, 120)
    view.verticalHeader().setDefaultSectionSize(28)
    view.resize(1000, 200)
    view.show()
    qtbot.waitExposed(view)
    rect = view.visualRect(model.index(0, Column.PROGRESS))
    image = view.viewport().grab(rect).toImage()
    y = image.height() // 2
    left = image.pixelColor(12, y)
    right = image.pixelColor(image.width() - 12, y)
    # Half full: the left end has the highlight colour, the right end does not.
    assert left.name() != right.name(), (left.name(), right.name())
