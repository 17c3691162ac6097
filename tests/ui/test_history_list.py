"""A history read lazily, in the window: rows another process writes appear, the
selection survives a sort and a search, next/previous and bring-into-view work on rows
not read yet, and the details and actions get the task's whole record."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from genstudio.api.kinds import Scope
from genstudio.api.request import GenerationRequest
from genstudio.tasks.shared_history import SharedHistory
from genstudio.tasks.states import TaskState
from genstudio.tasks.store import HistoryStore
from genstudio.ui.tasklist.task_columns import Column
from tests.conftest import until
from tests.ui.conftest import App, QLoop

MakeApp = Callable[[], App]

PROMPTS = ["b lantern", "d harbour", "a kite", "c lantern"]


def finished_history(path: Path, count: int = 0) -> None:
    """Finished jobs written before the window opens (ids 1..), oldest first."""
    store = HistoryStore(path)
    with store._transaction():
        for i, prompt in enumerate(PROMPTS + [f"filler {n}" for n in range(count)]):
            record = store.insert("sim", GenerationRequest(Scope.IMAGES, prompt, "m"), 1000.0 + i)
            record.state, record.task_id, record.finished_at = TaskState.FAILED, f"t{i}", 2000.0
            record.fail_reason = "quota exceeded" if prompt == "a kite" else None
            store.update(record)
    store.close()


def shown_ids(app: App) -> list[int]:
    model = app.window.model
    return [model.id_at(r) for r in range(model.rowCount())]


def selected_ids(app: App) -> list[int]:
    return app.window.selection.ids()


def test_selection_survives_a_sort_and_a_search(
    qtbot: QtBot, qloop: QLoop, make_app: MakeApp, tmp_path: Path
) -> None:
    finished_history(tmp_path / "history.sqlite3")

    async def body() -> None:
        app = make_app()
        window = app.window
        assert app.service.records == {}  # finished long ago: nothing read whole
        assert shown_ids(app) == [4, 3, 2, 1]  # newest first
        window.table.selectRow(1)  # "a kite"
        assert selected_ids(app) == [3]
        assert window.details.record is not None and window.details.record.id == 3
        window.table.horizontalHeader().setSortIndicator(Column.PROMPT, Qt.SortOrder.AscendingOrder)
        await until(lambda: shown_ids(app) == [3, 1, 4, 2])  # a, b, c, d: read off the thread
        assert selected_ids(app) == [3] and window.table.currentIndex().row() == 0
        qtbot.keyClicks(window.search, "quo")  # waits for a pause in the typing
        await until(lambda: window.search.text() == "quo" and shown_ids(app) == [3])
        assert selected_ids(app) == [3]
        window.search.setText("a")  # every row has an "a": too short for FTS, LIKE
        await until(lambda: window.proxy.rowCount() == 4)
        assert shown_ids(app) == [3, 1, 4, 2] and selected_ids(app) == [3]
        window.search.setText("quota")  # the failure reason
        await until(lambda: shown_ids(app) == [3])
        assert selected_ids(app) == [3]  # still selected, still the current row
        window.search.setText("lantern")  # it does not match: not selected any more ...
        await until(lambda: shown_ids(app) == [1, 4])  # ... in the sorted order
        assert selected_ids(app) == []

    qloop.run(body())


def test_next_previous_and_bring_into_view_on_a_large_history(
    qtbot: QtBot, qloop: QLoop, make_app: MakeApp, tmp_path: Path
) -> None:
    finished_history(tmp_path / "history.sqlite3", count=3000)

    async def body() -> None:
        app = make_app()
        window = app.window
        history = app.service.history
        assert window.model.rowCount() == 3004
        assert history.rows_read <= 300  # a page or two of the 3,004
        window.selection.step(1)
        assert selected_ids(app) == [3004]
        window.selection.step(1)
        assert selected_ids(app) == [3003]
        window.search.setText("filler 12")  # the task is brought into view unfiltered
        await until(lambda: 0 < window.proxy.rowCount() < 3004)
        window.bring_task_into_view(2)  # "d harbour", near the bottom, never painted
        assert window.search.text() == "" and window.proxy.rowCount() == 3004
        assert selected_ids(app) == [2] and window.table.currentIndex().row() == 3002
        assert window.details.record is not None and window.details.record.request.prompt == (
            "d harbour"
        )
        assert set(app.service.records) <= {3004, 3003, 2}  # what was selected, read whole
        # Delete and Undo on a row read on demand.
        window.actions_.delete.trigger()
        assert window.model.rowCount() == 3003 and window.model.row_of(2) is None
        window.actions_.undo_last()
        assert window.model.row_of(2) == 3002

    qloop.run(body())


def test_a_row_another_process_writes_appears(
    qtbot: QtBot, qloop: QLoop, make_app: MakeApp, tmp_path: Path
) -> None:
    path = tmp_path / "history.sqlite3"
    finished_history(path)

    async def body() -> None:
        app = make_app()
        shared = SharedHistory(app.service)
        cli = HistoryStore(path)  # genstudio-cli, as another connection
        written = cli.insert("sim", GenerationRequest(Scope.IMAGES, "from the cli", "m"))
        written.state, written.task_id, written.finished_at = TaskState.STOPPED, "c1", 3000.0
        cli.update(written)
        old = cli.load_one(2)  # a finished row the window never read whole
        assert old is not None
        old.fail_reason = "refunded by the provider"
        cli.update(old)
        shared.tick()
        model = app.window.model
        await until(lambda: model.rowCount() == 5)  # new rows come in at the turn's end
        assert model.id_at(0) == written.id
        assert model.index(0, Column.PROMPT).data() == "from the cli"
        row = model.row_of(2)
        assert row is not None
        tooltip = model.index(row, Column.STATUS).data(Qt.ItemDataRole.ToolTipRole)
        assert tooltip == "refunded by the provider"
        cli.close()
        shared.close()

    qloop.run(body())
