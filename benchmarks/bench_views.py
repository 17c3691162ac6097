"""Search and sort at 10,000 and 100,000 jobs, through the window as a user drives it.

Launches the real app (app_child.py) over a history of N jobs (history_home.py), then
types into the window's own search box (a key every 80 ms, as a quick typist does) and
clicks the table's column headers: those shown as the window opens, then every other
column once shown (as a user does from the header's menu). Each figure is wall time from
the last keystroke (or the click) until the table shows the answer (its first rows all
hold the word, or its first row is the job that the raw values, sorted in Python, put
first) and has painted it: the end of Qt's own first paint pass that drew the answer, so
it measures whatever implementation is there: synchronous, debounced or on a worker. A
lag probe (lag_probe.py) runs meanwhile: its longest stall says whether the window froze.
(The figures once ended with a repaint forced after the answer was noticed: the rows were
painted twice, and the probe counted both paints as one stall.) The anchor is SQLite
alone on the same file: the search as a LIKE (its first 100 rows), the sort as the
question the app asks (every id, in that column's ORDER BY).
Targets (issue 13): search ≤ 30 ms after the last keystroke, sort ≤ 100 ms, at 100,000.
Run: ``python -m benchmarks.bench_views [--quick]``.
"""

from __future__ import annotations

import argparse
import asyncio
import sqlite3
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from benchmarks.bench_startup import HOMES
from benchmarks.child_launch import launch
from benchmarks.figures import Figure, median, run_main
from benchmarks.history_home import launch_home, make_home, matching
from benchmarks.start_scenario import until

KEY_GAP = 0.08  # seconds between keystrokes
SHOWN = 20  # rows checked on screen


def _column(view: Any, name: str) -> int | None:
    from PySide6.QtCore import Qt

    model = view.model()
    header = view.horizontalHeader()
    for section in range(model.columnCount()):
        text = model.headerData(section, Qt.Orientation.Horizontal)
        if text == name and not header.isSectionHidden(section):
            return section
    return None


def _cell(view: Any, row: int, column: int) -> str:
    return " ".join(str(view.model().index(row, column).data() or "").split())


class _Painted:
    """When the viewport's first paint pass that began with ``shown()`` true ended: the
    moment the user sees the answer. A zero-timer posted as the pass begins runs once
    the pass is over (as first_paint.py times the window's first paint)."""

    def __init__(self, view: Any, shown: Callable[[], bool]) -> None:
        from PySide6.QtCore import QEvent, QObject, QTimer

        self.at: float | None = None
        watch = self

        class Filter(QObject):
            def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
                if watch.at is None and event.type() == QEvent.Type.Paint and shown():
                    QTimer.singleShot(0, watch._passed)
                return False

        self._viewport = view.viewport()
        self._filter = Filter()
        self._viewport.installEventFilter(self._filter)

    def _passed(self) -> None:
        if self.at is None:
            self.at = time.perf_counter()

    async def wait(self, timeout: float) -> float | None:
        """The end of that pass; None if it did not come within ``timeout`` seconds."""
        shown = await until(lambda: self.at is not None, timeout)
        self._viewport.removeEventFilter(self._filter)
        return self.at if shown else None


def _search_shown(view: Any, column: int, word: str, expected: int) -> bool:
    count = view.model().rowCount()
    if (expected <= SHOWN and count != expected) or count < min(expected, SHOWN):
        return False
    return all(word in _cell(view, row, column).lower() for row in range(min(expected, SHOWN)))


async def _search(
    window: Any, column: int, word: str, expected: int, rows: int
) -> tuple[float, float]:
    from PySide6.QtTest import QTest

    view, box = window.table, window.search
    box.clear()
    await until(lambda: view.model().rowCount() >= min(rows, SHOWN), 120)
    await asyncio.sleep(0.5)  # whatever the clearing started has settled
    blocked = 0.0
    for key in word[:-1]:
        started = time.perf_counter()
        QTest.keyClicks(box, key)
        blocked = max(blocked, time.perf_counter() - started)
        await asyncio.sleep(KEY_GAP)
    started = time.perf_counter()
    QTest.keyClicks(box, word[-1])
    blocked = max(blocked, time.perf_counter() - started)
    painted = await _Painted(view, lambda: _search_shown(view, column, word, expected)).wait(120)
    if painted is None:
        raise RuntimeError(f"the search for {word!r} never showed its {expected} rows")
    return painted - started, blocked


async def _sort(window: Any, column: int, firsts: tuple[int, int]) -> float | None:
    """Seconds until the first row is the job the sort puts first (by its id: many
    columns hold equal values); None if it never is (another order than the one asked)."""
    from PySide6.QtCore import QPoint, Qt
    from PySide6.QtTest import QTest

    from genstudio.ui.tasklist.task_columns import ID_ROLE

    view = window.table
    header = view.horizontalHeader()
    middle = QPoint(
        header.sectionViewportPosition(column) + header.sectionSize(column) // 2,
        header.height() // 2,
    )
    started = time.perf_counter()
    QTest.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=middle)

    def first_id() -> object:
        return view.model().index(0, column).data(ID_ROLE)

    def sorted_shown() -> bool:
        ascending = header.sortIndicatorOrder() == Qt.SortOrder.AscendingOrder
        want = firsts[0] if ascending else firsts[1]
        return header.sortIndicatorSection() == column and first_id() == want

    painted = await _Painted(view, sorted_shown).wait(60)
    if painted is None:
        print(f"sorting column {column}: first row is job {first_id()!r}", flush=True)
        return None
    return painted - started


async def _sorts(
    window: Any,
    firsts: dict[str, list[int]],
    clicks: int,
    into: dict[str, list[float]],
    failed: list[str],
) -> list[str]:
    """Each shown column not tried yet, ``clicks`` times: the columns tried. A column
    whose first row never became the expected job goes to ``failed``."""
    from genstudio.ui.tasklist.task_columns import Column

    tried = []
    for name, first in firsts.items():
        column = Column[name]
        if window.table.isColumnHidden(column) or name in into or name in failed:
            continue  # hidden at this width, or done
        tried.append(name)
        for _ in range(clicks):
            seconds = await _sort(window, column, (first[0], first[1]))
            if seconds is None:
                failed.append(name)
                into.pop(name, None)
                break
            into.setdefault(name, []).append(seconds)
            await asyncio.sleep(0.3)  # a user's pause: the probe's stalls are one click's
    return tried


async def scenario(window: Any, params: dict[str, Any]) -> dict[str, Any]:
    from PySide6.QtCore import Qt

    from benchmarks.lag_probe import LagProbe
    from genstudio.ui.tasklist.task_columns import Column

    rows = params["rows"]
    view = window.table
    await until(lambda: view.model().rowCount() > 0, 300)
    prompt = _column(view, "Prompt")
    if prompt is None:
        raise RuntimeError("no Prompt column in the table")
    probe = LagProbe()
    probe.start()
    searches, blocks = [], []
    for word, expected in params["terms"]:
        took, blocked = await _search(window, prompt, word, expected, rows)
        searches.append(took)
        blocks.append(blocked)
    window.search.clear()
    await until(lambda: view.model().rowCount() >= min(rows, SHOWN), 120)
    await asyncio.sleep(0.5)
    search_lag = probe.stop()
    probe.start()
    sorts: dict[str, list[float]] = {}
    failed: list[str] = []
    shown_first = await _sorts(window, params["sorts"], params["clicks"], sorts, failed)
    # The others, as a user shows them (the header's menu) on a wide window: every column.
    window.resize(1900, 1000)
    window.splitter.setSizes([300, 1300, 300])
    for column in Column:
        view.set_chosen(column, True)
    await until(lambda: not any(view.isColumnHidden(c) for c in Column), 30)
    await asyncio.sleep(0.5)
    await _sorts(window, params["sorts"], params["clicks"], sorts, failed)
    sort_lag = probe.stop()
    failed += [name for name in params["sorts"] if name not in sorts and name not in failed]
    return {
        "search": searches,
        "search_keystroke_block": blocks,
        "search_max_stall_ms": search_lag.max_ms,
        "sorts": sorts,
        "headers": {c.name: view.model().headerData(c, Qt.Orientation.Horizontal) for c in Column},
        "shown_first": shown_first,
        "sorts_failed": failed,  # never in the expected order, or never shown
        "sort_max_stall_ms": sort_lag.max_ms,
    }


def _sqlite_anchor(history: Path, words: list[str]) -> tuple[float, dict[str, float]]:
    """Median seconds for SQLite alone: the search (LIKE), and per column the sort the
    app asks (every id in its ORDER BY: the list holds the whole order)."""
    from genstudio.tasks.history_query import order_clause
    from genstudio.tasks.query import HistoryQuery
    from genstudio.ui.tasklist.task_columns import SORT_KEYS

    with sqlite3.connect(history) as db:
        search = []
        for word in words * 2:
            started = time.perf_counter()
            db.execute(
                "SELECT id FROM tasks WHERE prompt LIKE ? ORDER BY created_at DESC LIMIT 100",
                (f"%{word}%",),
            ).fetchall()
            search.append(time.perf_counter() - started)
        sort: dict[str, float] = {}
        for column, key in SORT_KEYS.items():
            times = []
            for descending in (False, True, False, True):
                order = order_clause(HistoryQuery(sort=key, descending=descending))
                started = time.perf_counter()
                db.execute(f"SELECT id FROM tasks{order}").fetchall()
                times.append(time.perf_counter() - started)
            sort[column.name] = statistics.median(times)
    return statistics.median(search), sort


def _first_jobs(history: Path) -> dict[str, tuple[int, int]]:
    """Per column (by its ``Column`` name): the job an ascending and a descending sort
    puts first, found in Python from the raw values (not the app's SQL). Equal values go
    by the job's number in the same direction; an empty value (NULL) comes first when
    ascending, as in SQLite."""
    with sqlite3.connect(history) as db:
        rows = db.execute(
            "SELECT id, created_at, scope, model, prompt, state, progress,"
            " finished_at - created_at, task_id, price_usd FROM tasks"
        ).fetchall()
    keys = {  # column -> the value of a row it sorts by
        "CREATED": lambda r: r[1],
        "SCOPE": lambda r: r[2],
        "MODEL": lambda r: r[3].lower(),  # COLLATE NOCASE: the texts are ASCII
        "PROMPT": lambda r: r[4].lower(),
        "STATUS": lambda r: r[5],
        "PROGRESS": lambda r: r[6],
        "ELAPSED": lambda r: r[7],
        "TASK_ID": lambda r: r[8],
        "PRICE": lambda r: r[9],
    }
    found = {}
    for name, key in keys.items():

        def order(row: tuple[Any, ...], key: Any = key) -> tuple[bool, Any, int]:
            value = key(row)
            return (value is not None, value if value is not None else 0, row[0])

        found[name] = (min(rows, key=order)[0], max(rows, key=order)[0])
    return found


def measure(rows: int, clicks: int) -> list[Figure]:
    template = make_home(HOMES / str(rows), rows)
    words = [f"ref{n:06d}" for n in (rows // 7, rows // 2, rows - 3)]
    words += ["lighthouse", "flamingo"]
    terms = [(w, 1 if w.startswith("ref") else matching(rows, w)) for w in words]
    sorts = _first_jobs(template / "history.sqlite3")  # each measured if shown
    with tempfile.TemporaryDirectory(prefix="genstudio-bench-") as tmp:
        home = launch_home(template, Path(tmp))
        params = {"rows": rows, "terms": terms, "sorts": sorts, "clicks": clicks}
        got = launch("benchmarks.bench_views:scenario", params, home, timeout=1800)
        anchor_search, anchor_sort = _sqlite_anchor(template / "history.sqlite3", words)
    label = f"{rows:,} jobs"
    search = median(got["search"])
    per_column = {name: statistics.median(times) for name, times in got["sorts"].items()}
    slowest = max(per_column, key=per_column.__getitem__) if per_column else None
    header = got["headers"]  # the window's words for each column
    failed = [header[name] for name in got["sorts_failed"]]
    print(
        f"{label}: search {[round(t * 1000) for t in got['search']]} ms after the last key "
        f"(the key itself blocked up to {max(got['search_keystroke_block']) * 1000:.0f} ms; "
        f"longest stall {got['search_max_stall_ms']:.0f} ms); sort "
        + ", ".join(
            f"{header[n]} {[round(t * 1000) for t in ts]} ms" for n, ts in got["sorts"].items()
        )
        + f" (longest stall {got['sort_max_stall_ms']:.0f} ms)",
        flush=True,
    )
    big = rows >= 100_000
    return [
        Figure(
            f"search, last keystroke → shown, {label}",
            "ms",
            None if search is None else search * 1000,
            anchor_search * 1000,
            "SQLite LIKE",
            limit=30.0 if big else None,
            why=f"median of {len(got['search'])} searches; any debounce is inside the "
            "figure (the issue's 30 ms follows 'a short debounce')",
        ),
        Figure(
            f"window frozen while searching (longest stall), {label}",
            "ms",
            got["search_max_stall_ms"],
            limit=50.0 if big else None,
            why="the issue asks for never blocking; 50 ms is its loop-lag bound",
        ),
        Figure(
            f"sort, header click → shown, {label}",
            "ms",
            None if slowest is None else per_column[slowest] * 1000,
            None if slowest is None else anchor_sort[slowest] * 1000,
            "SQLite ORDER BY",
            limit=100.0 if big else None,
            why=(
                f"the slowest of {len(per_column)} columns "
                f"({', '.join(header[n] for n in got['shown_first'])}"
                f" as the window opens, the others once shown): {header[slowest]}, median of "
                f"{clicks} clicks; the anchor: SQLite's own time for that column's order"
                if slowest
                else "no column could be measured"
            )
            + (
                f"; never in the expected order or never shown: {', '.join(failed)}"
                if failed
                else ""
            ),
            failed=bool(failed),
        ),
        Figure(
            f"window frozen while sorting (longest stall), {label}",
            "ms",
            got["sort_max_stall_ms"],
            limit=50.0 if big else None,
        ),
    ]


def main() -> list[Figure]:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--clicks", type=int, default=4)
    parser.add_argument("--quick", action="store_true", help="10,000 jobs only, 2 clicks")
    args = parser.parse_args()
    if args.quick:
        return measure(10_000, 2)
    return measure(10_000, args.clicks) + measure(100_000, args.clicks)


if __name__ == "__main__":
    run_main(main)
