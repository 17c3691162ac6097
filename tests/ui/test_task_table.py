"""The task table model over a real history: qtmodeltester, per-row updates, sorting and
filtering in SQL, rows read only when shown."""

from __future__ import annotations

import threading
from concurrent.futures import Future
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QTableView
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from genstudio.api.kinds import Scope
from genstudio.api.request import GenerationRequest
from genstudio.tasks.events import TaskEvent
from genstudio.tasks.history_query import TaskHistory
from genstudio.tasks.query import HistoryQuery
from genstudio.tasks.record import SavedFile, TaskRecord
from genstudio.tasks.states import FileState, TaskState
from genstudio.tasks.store import HistoryStore
from genstudio.ui.tasklist.task_columns import (
    BAR_ROLE,
    ID_ROLE,
    RECORD_ROLE,
    SORT_KEYS,
    Column,
    bar_value,
)
from genstudio.ui.tasklist.task_delegates import ProgressDelegate
from genstudio.ui.tasklist.task_table import TaskFilterProxy, TaskTableModel
from genstudio.ui.tasklist.task_view import TaskView
from tests.ui.history_models import history_of, table_over


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


def test_model_passes_qtmodeltester(qtmodeltester: ModelTester, tmp_path: Path) -> None:
    model, store = table_over(tmp_path, [record(i) for i in range(5)])
    # Checked now, and every change below is checked as it is signalled.
    qtmodeltester.check(model, force_py=True)
    added = store.insert("p", GenerationRequest(Scope.IMAGES, "new", "m"), 1_800_000_000.0)
    model.apply(TaskEvent("added", (added,)))
    store.delete([2])
    model.apply(TaskEvent("removed", (record(2),)))
    model.sort(Column.PROMPT, Qt.SortOrder.AscendingOrder)
    model.set_search("cat")
    assert model.rowCount() == 4


def test_proxy_passes_qtmodeltester(qtmodeltester: ModelTester, tmp_path: Path) -> None:
    model, _store = table_over(tmp_path, [record(i) for i in range(5)])
    proxy = TaskFilterProxy()
    proxy.setSourceModel(model)
    proxy.set_search("cat 3")
    assert proxy.rowCount() == 1
    qtmodeltester.check(proxy, force_py=True)


def test_status_change_emits_data_changed_for_that_row_only(qtbot: QtBot, tmp_path: Path) -> None:
    model, _store = table_over(tmp_path, [record(i) for i in range(3)])
    shown_rows(model)
    seen: list[tuple[int, int, int, int]] = []
    resets: list[bool] = []
    model.dataChanged.connect(
        lambda a, b, *_: seen.append((a.row(), a.column(), b.row(), b.column()))
    )
    model.modelReset.connect(lambda: resets.append(True))
    changed = record(0, TaskState.DONE)  # the oldest: the last row
    model.apply(TaskEvent("changed", (changed,)))
    model.apply(TaskEvent("changed", (changed,)))  # twice in one moment: one repaint
    qtbot.waitUntil(lambda: bool(seen))
    qtbot.wait(60)
    assert seen == [(2, 0, 2, len(Column) - 1)]
    assert resets == []
    index = model.index(2, Column.STATUS)
    assert model.data(index) == "Done"
    assert model.data(index, Qt.ItemDataRole.ForegroundRole).name() == "#2e9d4f"


def test_live_progress_of_a_running_task_updates_its_row(qtbot: QtBot, tmp_path: Path) -> None:
    store = history_of(tmp_path, [record(i) for i in range(3)])
    running = store.load_one(2)
    assert running is not None
    live = {running.id: running}  # what the service holds in memory and updates
    model = TaskTableModel(store.reader(live))
    model.refresh()
    shown_rows(model)
    changes: list[int] = []
    model.dataChanged.connect(lambda a, *_: changes.append(a.row()))
    running.progress = 64.0  # a status answer; not written to the file yet
    model.apply(TaskEvent("changed", (running,)))
    assert data(model, 0, Column.PROGRESS) == "64%"  # read afresh at once ...
    qtbot.waitUntil(lambda: changes == [0])  # ... and repainted with the next changes
    assert model.data(model.index(0, Column.STATUS), BAR_ROLE) == 64


def test_new_tasks_of_one_turn_go_in_as_one_insert(qtbot: QtBot, tmp_path: Path) -> None:
    model, store = table_over(tmp_path, [record(0)])
    inserted: list[tuple[int, int]] = []
    model.rowsInserted.connect(lambda _p, first, last: inserted.append((first, last)))
    for i in (1, 2):  # a burst of submits: one move of the rows, one repaint
        new = record(i)
        store.restore([new])
        model.apply(TaskEvent("added", (new,)))
    assert inserted == []  # at the end of the loop's turn
    qtbot.waitUntil(lambda: inserted != [])
    assert inserted == [(0, 1)]  # new tasks go on top
    assert model.rowCount() == 3
    assert [model.id_at(r) for r in range(3)] == [2, 1, 0]
    assert model.row_of(0) == 2
    new = record(3)
    store.restore([new])
    model.apply(TaskEvent("added", (new,)))
    assert model.row_of(3) == 0  # asked for at once (to select it): inserted at once
    assert inserted == [(0, 1), (0, 0)]
    qtbot.wait(10)
    assert inserted == [(0, 1), (0, 0)]  # not twice


def test_a_task_removed_before_its_insert_never_shows(qtbot: QtBot, tmp_path: Path) -> None:
    model, store = table_over(tmp_path, [record(0)])
    new = record(1)
    store.restore([new])
    model.apply(TaskEvent("added", (new,)))
    store.delete([1])
    model.apply(TaskEvent("removed", (new,)))
    qtbot.wait(10)
    assert [model.id_at(r) for r in range(model.rowCount())] == [0]


def test_a_task_brought_back_goes_where_it_was(qtbot: QtBot, tmp_path: Path) -> None:
    model, store = table_over(tmp_path, [record(3), record(1), record(0)])
    inserted: list[tuple[int, int]] = []
    model.rowsInserted.connect(lambda _p, first, last: inserted.append((first, last)))
    store.restore([record(2)])  # undo of a delete: created between
    model.apply(TaskEvent("added", (record(2),)))
    qtbot.waitUntil(lambda: inserted != [])
    assert inserted == [(1, 1)]
    assert [model.id_at(r) for r in range(4)] == [3, 2, 1, 0]
    assert [model.row_of(i) for i in range(4)] == [3, 2, 1, 0]


def data(model: Any, row: int, column: Column, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
    return model.data(model.index(row, column), role)


def shown_rows(model: Any) -> None:
    """As a view painting every row does."""
    for row in range(model.rowCount()):
        data(model, row, Column.PROMPT)


def test_columns_show_words(tmp_path: Path) -> None:
    model, _store = table_over(tmp_path, [record(1, TaskState.UNREACHABLE, "line one\nline two")])
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


def test_every_state_has_words(tmp_path: Path) -> None:
    model, _store = table_over(tmp_path, [record(i, s) for i, s in enumerate(TaskState)])
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


def test_newest_first_and_filters(tmp_path: Path) -> None:
    newest_first = [
        record(i, TaskState.DONE if i % 2 else TaskState.FAILED) for i in reversed(range(6))
    ]
    model, _store = table_over(tmp_path, newest_first)
    proxy = TaskFilterProxy()
    proxy.setSourceModel(model)
    ids = [proxy.index(r, 0).data(ID_ROLE) for r in range(proxy.rowCount())]
    assert ids == [5, 4, 3, 2, 1, 0]  # unsorted: newest first
    proxy.sort(Column.CREATED, Qt.SortOrder.AscendingOrder)
    assert proxy.index(0, 0).data(ID_ROLE) == 0
    proxy.sort(-1)
    assert proxy.index(0, 0).data(ID_ROLE) == 5
    proxy.set_states(frozenset({TaskState.FAILED}))
    assert proxy.rowCount() == 3
    proxy.set_search("T3")  # task ids match, case-insensitively; with the state filter
    assert proxy.rowCount() == 0
    proxy.set_states(None)
    assert proxy.rowCount() == 1 and proxy.index(0, 0).data(RECORD_ROLE).id == 3
    proxy.set_search("")
    assert proxy.rowCount() == 6
    assert not proxy.index(0, 0).parent().isValid()
    assert QModelIndex().isValid() is False


@pytest.mark.parametrize("column", list(Column))
def test_sort_order_per_column(tmp_path: Path, column: Column) -> None:
    records = [
        record(i, list(TaskState)[i * 5 % len(TaskState)], f"{'zyx'[i % 3]}") for i in range(9)
    ]
    for i, r in enumerate(records):
        r.price_usd = None if i == 4 else float(i % 4)
        r.finished_at = r.created_at + (i * 7) % 5
        r.request = GenerationRequest(r.request.scope, r.request.prompt, "MmNn"[i % 4])
    model, store = table_over(tmp_path, records)
    for order in (Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder):
        model.sort(column, order)
        shown = [model.id_at(r) for r in range(model.rowCount())]
        query = HistoryQuery(
            sort=SORT_KEYS[column], descending=order == Qt.SortOrder.DescendingOrder
        )
        assert shown == list(store.reader().ids(query))
        assert sorted(shown) == list(range(9))


def test_ten_thousand_rows_show_without_reading_them_all(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = HistoryStore(tmp_path / "history.sqlite3")
    with store._transaction():
        for i in range(10_000):
            store.insert("p", GenerationRequest(Scope.IMAGES, f"job {i}", "m"), float(i))
    parsed: list[object] = []
    original = GenerationRequest.from_json_dict

    def counted(data: dict[str, Any]) -> GenerationRequest:
        parsed.append(data)
        return original(data)

    monkeypatch.setattr(GenerationRequest, "from_json_dict", staticmethod(counted))
    history = store.reader()
    model = TaskTableModel(history)
    model.refresh()
    proxy = TaskFilterProxy()
    proxy.setSourceModel(model)
    view = TaskView(proxy)
    qtbot.addWidget(view)
    view.resize(800, 600)
    view.show()
    qtbot.waitExposed(view)
    assert model.rowCount() == 10_000
    assert proxy.index(0, Column.PROMPT).data() == "job 9999"
    assert 0 < history.rows_read <= 200 and parsed == []  # a page or two, no JSON
    view.scrollToBottom()
    qtbot.wait(10)
    assert proxy.index(9999, Column.PROMPT).data() == "job 0"
    assert history.rows_read <= 400 and parsed == []


def test_saving_shows_the_download_share(tmp_path: Path) -> None:
    done = record(1, TaskState.DONE)
    done.outputs = ("http://127.0.0.1/a.mp4",)
    done.files = (SavedFile("http://127.0.0.1/a.mp4"),)
    model, _store = table_over(tmp_path, [done])
    shown_rows(model)
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


def test_no_bar_for_tasks_that_ended_without_a_result(tmp_path: Path) -> None:
    failed = record(1, TaskState.FAILED)
    failed.progress = 0.0
    model, _store = table_over(tmp_path, [failed])
    assert bar_value(failed) is None
    assert data(model, 0, Column.PROGRESS) == ""


def test_progress_bar_fills_from_the_left(qtbot: QtBot, tmp_path: Path) -> None:
    view = QTableView()
    qtbot.addWidget(view)
    running = record(1, TaskState.RUNNING)
    running.progress = 50.0
    model, _store = table_over(tmp_path, [running])
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


def test_searches_are_read_off_the_gui_thread_and_the_last_one_wins(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    model, store = table_over(tmp_path, [record(i) for i in range(5)], background=True)
    threads: list[str] = []
    original = TaskHistory.ids

    def ids(history: TaskHistory, query: HistoryQuery) -> Any:
        threads.append(threading.current_thread().name)
        return original(history, query)

    monkeypatch.setattr(TaskHistory, "ids", ids)
    model.set_search("cat 1")
    model.set_search("cat 3")  # typed on before the first answer came
    assert model.rowCount() == 5  # the rows stay as they were until the answer
    qtbot.waitUntil(lambda: model.rowCount() == 1)
    assert model.id_at(0) == 3 and model.query.search == "cat 3"
    assert threads and all(name.startswith("history-search") for name in threads)
    model.show_all()  # bringing a task into view: at once, here
    assert model.rowCount() == 5 and threads[-1] == threading.current_thread().name
    store.close()  # the reading thread ends with the history


def test_a_task_leaving_the_filter_is_removed_once_changes_settle(
    qtbot: QtBot, tmp_path: Path
) -> None:
    model, store = table_over(tmp_path, [record(i) for i in range(3)])
    model.set_states(frozenset({TaskState.RUNNING}))
    assert model.rowCount() == 3
    done = store.load_one(1)
    assert done is not None
    done.state = TaskState.DONE
    store.update(done)
    removed: list[tuple[int, int]] = []
    resets: list[bool] = []
    model.rowsRemoved.connect(lambda _p, first, last: removed.append((first, last)))
    model.modelReset.connect(lambda: resets.append(True))
    model.apply(TaskEvent("changed", (done,)))
    qtbot.waitUntil(lambda: model.rowCount() == 2)
    assert removed == [(1, 1)] and resets == []
    assert [model.id_at(r) for r in range(2)] == [2, 0]


def test_an_answer_ready_at_once_still_comes_from_the_event_loop(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A search read so fast that it is done before its callback is set: the list still
    changes after set_search returns (it failed once in CI), not inside it."""
    model, store = table_over(tmp_path, [record(i) for i in range(5)], background=True)

    def at_once(history: TaskHistory, read: Any) -> Future[Any]:
        done: Future[Any] = Future()
        done.set_result(read(history))
        return done

    monkeypatch.setattr(TaskHistory, "later", at_once)
    model.set_search("cat 3")
    assert model.rowCount() == 5
    qtbot.waitUntil(lambda: model.rowCount() == 1)
    store.close()


def _reads_on(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The names of the threads the model's questions are read on."""
    threads: list[str] = []
    original = TaskHistory.ids

    def ids(history: TaskHistory, query: HistoryQuery) -> Any:
        threads.append(threading.current_thread().name)
        return original(history, query)

    monkeypatch.setattr(TaskHistory, "ids", ids)
    return threads


def _held_reads(monkeypatch: pytest.MonkeyPatch) -> list[tuple[Any, Future[Any]]]:
    """The model's questions, each read at once and answered when the test says:
    (what was read, the future to answer it with)."""
    held: list[tuple[Any, Future[Any]]] = []

    def later(history: TaskHistory, read: Any) -> Future[Any]:
        answer: Future[Any] = Future()
        held.append((read(history), answer))
        return answer

    monkeypatch.setattr(TaskHistory, "later", later)
    return held


def test_a_sort_is_read_off_the_gui_thread_and_the_selection_follows(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    prompts = ["d", "b", "a", "c"]
    records = [replace_prompt(record(i), p) for i, p in enumerate(prompts)]
    model, store = table_over(tmp_path, records, background=True)
    view = QTableView()
    view.setModel(model)
    view.setCurrentIndex(model.index(model.row_of(2) or 0, Column.PROMPT))  # "a"
    threads = _reads_on(monkeypatch)
    resets: list[bool] = []
    model.modelReset.connect(lambda: resets.append(True))
    model.sort(Column.PROMPT, Qt.SortOrder.AscendingOrder)
    assert [model.id_at(r) for r in range(4)] == [3, 2, 1, 0]  # until the answer comes
    qtbot.waitUntil(lambda: [model.id_at(r) for r in range(4)] == [2, 1, 3, 0])
    assert threads and all(name.startswith("history-search") for name in threads)
    assert view.currentIndex().row() == 0 and resets == []  # moved, not reset
    view.deleteLater()
    store.close()


def test_a_filter_that_follows_changes_is_read_off_the_gui_thread(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    model, store = table_over(tmp_path, [record(i) for i in range(3)], background=True)
    model.set_states(frozenset({TaskState.RUNNING}))
    qtbot.waitUntil(lambda: model.query.states is not None)
    threads = _reads_on(monkeypatch)
    done = store.load_one(1)
    assert done is not None
    done.state = TaskState.DONE
    store.update(done)
    model.apply(TaskEvent("changed", (done,)))
    qtbot.waitUntil(lambda: model.rowCount() == 2)
    assert threads and all(name.startswith("history-search") for name in threads)
    store.close()


def test_a_task_added_while_an_answer_is_read_is_not_lost(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The answer was read before the task was written: the list asks again after it."""
    model, store = table_over(tmp_path, [record(i) for i in range(3)], background=True)
    held = _held_reads(monkeypatch)
    model.sort(Column.PROMPT, Qt.SortOrder.AscendingOrder)
    added = store.insert("p", GenerationRequest(Scope.IMAGES, "a new dog", "m"), 1_800_000_000.0)
    model.apply(TaskEvent("added", (added,)))
    qtbot.waitUntil(lambda: len(held) >= 1)
    ids, answer = held[0]
    assert added.id not in ids
    answer.set_result(ids)
    qtbot.waitUntil(lambda: len(held) == 2)  # asked again once the changes settled
    ids, answer = held[1]
    answer.set_result(ids)
    qtbot.waitUntil(lambda: model.row_of(added.id) == 3)  # "a new dog" after "a cat …"
    store.close()


def replace_prompt(task: TaskRecord, prompt: str) -> TaskRecord:
    task.request = GenerationRequest(task.request.scope, prompt, task.request.model)
    return task


def test_typing_asks_one_question_at_a_time_and_the_newest_after_it(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    model, store = table_over(tmp_path, [record(i) for i in range(5)], background=True)
    held = _held_reads(monkeypatch)
    for typed in ("cat", "cat 1", "cat 2", "cat 3"):
        model.set_search(typed)
    assert len(held) == 1  # the first is read; the others wait for it
    held[0][1].set_result(held[0][0])
    qtbot.waitUntil(lambda: len(held) == 2)  # then only the newest
    assert list(held[1][0]) == [3]
    held[1][1].set_result(held[1][0])
    qtbot.waitUntil(lambda: model.rowCount() == 1)
    assert model.id_at(0) == 3 and model.query.search == "cat 3" and len(held) == 2
    store.close()
