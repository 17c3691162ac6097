"""Launch time and scrolling: an empty history against one of 10,000 tasks.

Starts ``genstudio`` in a fresh process (offscreen unless QT_QPA_PLATFORM says
otherwise) and reports the process's age when the main window has been shown and
painted, then pages through the whole table, repainting each page, and reports
the frame times. Targets: shown within 0.8 s; 10,000 rows cost at most 0.5 s more.
Run: ``python -m benchmarks.bench_startup``.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any


def process_age() -> float:
    """Seconds since this process started (Linux /proc)."""
    stat = Path("/proc/self/stat").read_text().rsplit(")", 1)[1].split()
    start_ticks = int(stat[19])
    uptime = float(Path("/proc/uptime").read_text().split()[0])
    return uptime - start_ticks / os.sysconf("SC_CLK_TCK")


def child() -> None:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from genstudio.app import main
    from genstudio.ui.window.main_window import MainWindow

    original_show = MainWindow.show

    def show(self: MainWindow) -> None:
        original_show(self)
        QApplication.processEvents()
        self.repaint()
        shown = process_age()
        bar = self.table.verticalScrollBar()
        # As a mouse wheel does: three rows a notch, painted by Qt's own update path.
        frames = []
        for value in range(0, min(bar.maximum(), 1500) + 1, 3 * bar.singleStep()):
            started = time.perf_counter()
            bar.setValue(value)
            QApplication.processEvents()
            frames.append(time.perf_counter() - started)
        pages = []
        for value in range(0, bar.maximum() + 1, max(1, bar.pageStep())):
            started = time.perf_counter()
            bar.setValue(value)
            QApplication.processEvents()
            pages.append(time.perf_counter() - started)
        result = {"shown": shown, "rows": self.model.rowCount(), "frames": frames, "pages": pages}
        print(json.dumps(result), flush=True)
        QTimer.singleShot(0, self.close)  # after the app has started waiting for it

    MainWindow.show = show  # type: ignore[method-assign,assignment]
    sys.exit(main([]))


def make_home(rows: int) -> tempfile.TemporaryDirectory[str]:
    from genstudio.api.request import GenerationRequest
    from genstudio.api.snapshot import Scope
    from genstudio.tasks.record import TaskState
    from genstudio.tasks.store import HistoryStore

    home = tempfile.TemporaryDirectory()
    root = Path(home.name)
    config = root / "config" / "GenStudio"
    config.mkdir(parents=True)
    (config / "settings.json").write_text(
        json.dumps(
            {
                "profiles": [{"name": "Work", "base_url": "https://api.example.com"}],
                "current_profile": "Work",
            }
        )
    )
    store = HistoryStore(root / "data" / "GenStudio" / "history.sqlite3")
    with store._transaction():
        for i in range(rows):
            scope = list(Scope)[i % 3]
            record = store.insert(
                "Work",
                GenerationRequest(scope, f"prompt number {i}: a scene with some detail", "veo3"),
                created_at=1_700_000_000.0 + i,
                state=TaskState.DONE,
            )
            record.task_id = f"task-{i}"
            record.progress = 100.0
            record.outputs = (f"https://cdn.example.com/{i}.mp4",)
            store.update(record)
    store.close()
    return home


def launch(home: str) -> dict[str, Any]:
    env = {
        **os.environ,
        "XDG_CONFIG_HOME": f"{home}/config",
        "XDG_DATA_HOME": f"{home}/data",
        "XDG_STATE_HOME": f"{home}/state",
        "XDG_CACHE_HOME": f"{home}/cache",
        "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring",
    }
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    result = subprocess.run(
        [sys.executable, "-m", "benchmarks.bench_startup", "--child"],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=True,
    )
    line = next(ln for ln in result.stdout.splitlines() if ln.startswith("{"))
    data: dict[str, Any] = json.loads(line)
    return data


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    if args.child:
        child()
        return
    for rows in (0, args.rows):
        home = make_home(rows)
        shown = []
        notches: list[float] = []
        pages: list[float] = []
        for _ in range(args.runs):
            data = launch(home.name)
            shown.append(data["shown"])
            notches.extend(data["frames"])
            pages.extend(data["pages"])
        home.cleanup()
        print(
            f"{rows:6d} history rows: window shown after {statistics.median(shown):.2f} s "
            f"(median of {args.runs}; min {min(shown):.2f}, max {max(shown):.2f})",
            flush=True,
        )
        for label, times in (("wheel notches (3 rows)", notches), ("page jumps", pages)):
            if len(times) > 2:
                times.sort()
                print(
                    f"        {label}: {len(times)} steps, median "
                    f"{statistics.median(times) * 1000:.1f} ms, p95 "
                    f"{times[int(len(times) * 0.95)] * 1000:.1f} ms, "
                    f"max {times[-1] * 1000:.1f} ms",
                    flush=True,
                )


if __name__ == "__main__":
    main()
