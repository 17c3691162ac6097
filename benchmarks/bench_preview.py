"""From SUCCESS to the image on screen: how long the previewer takes.

Opens the real window (offscreen unless QT_QPA_PLATFORM says otherwise) over the
simulator (in its own process), submits 4-megapixel images one at a time with the
task selected, and measures from the moment the task service marks the task Done to
the previewer's ``loaded`` signal. Target: at most 200 ms.
The anchor: urllib fetching the same PNG and QImage decoding it.
Run: ``python -m benchmarks.bench_preview``.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from benchmarks.child_launch import use_bench_screen
from benchmarks.figures import Figure, run_main
from benchmarks.sim_process import sim_service, simulator_process


async def measure(runs: int, base_url: str, tmp: Path) -> tuple[list[float], list[float]]:
    from genstudio.api.kinds import Scope
    from genstudio.api.request import GenerationRequest
    from genstudio.tasks.events import TaskEvent
    from genstudio.tasks.policy import PollPolicy
    from genstudio.tasks.states import TaskState
    from genstudio.ui.window.main_window import MainWindow

    prefs, vault, service = sim_service(
        base_url, tmp, PollPolicy(first=0.5, min_cap=0.5, max_cap=0.5, jitter=0.0)
    )
    window = MainWindow(service, prefs, vault, lambda: None)
    window.resize(1400, 860)
    window.show()
    done_at: dict[int, float] = {}
    timings: list[float] = []

    def on_event(event: TaskEvent) -> None:
        for record in event.records:
            if record.state is TaskState.DONE and record.id not in done_at:
                done_at[record.id] = time.perf_counter()

    service.subscribe(on_event)
    for i in range(runs):
        shown = asyncio.Event()
        request = GenerationRequest(
            Scope.IMAGES, f"[[seconds:1]] big picture {i}", "m", size="2048x2048"
        )
        record = await service.submit("sim", request)
        # Selected by its id, as a click on its notification does: its row may still be on
        # its way to the list (new rows are gathered while others keep changing).
        window.selection.select_task(record.id)

        def loaded(record_id: int = record.id, event: asyncio.Event = shown) -> None:
            if record_id in done_at and not event.is_set():
                timings.append(time.perf_counter() - done_at[record_id])
                event.set()

        window.preview.loaded.connect(loaded)
        await asyncio.wait_for(shown.wait(), 30)
        window.preview.loaded.disconnect(loaded)
    window.close()
    urls = [r.outputs[0] for r in service.records.values() if r.outputs]
    await service.aclose()
    await service.clients.aclose()
    service.store.close()
    return timings, [bare_show(url) for url in urls]


def bare_show(url: str) -> float:
    """The anchor: fetch the same PNG with urllib and decode it into a QImage."""
    from PySide6.QtGui import QImage

    started = time.perf_counter()
    with urllib.request.urlopen(url) as answer:
        image = QImage.fromData(answer.read())
    assert not image.isNull()
    return time.perf_counter() - started


def main() -> list[Figure]:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--quick", action="store_true", help="3 runs")
    args = parser.parse_args()
    if args.quick:
        args.runs = min(args.runs, 3)
    use_bench_screen(os.environ)
    os.environ.setdefault("QT_LOGGING_RULES", "qt.multimedia.*=false")
    import qasync
    from PySide6.QtWidgets import QApplication

    app = QApplication(sys.argv[:1])
    app.setQuitOnLastWindowClosed(False)
    with (
        simulator_process() as base_url,
        tempfile.TemporaryDirectory() as tmp,
        asyncio.Runner(loop_factory=lambda: qasync.QEventLoop(app)) as runner,
    ):
        timings, bare = runner.run(measure(args.runs, base_url, Path(tmp)))
    ms = sorted(t * 1000 for t in timings)
    print(
        f"4-megapixel PNG, Done -> shown in the previewer over loopback: median "
        f"{statistics.median(ms):.0f} ms, max {ms[-1]:.0f} ms ({len(ms)} runs: "
        f"{', '.join(f'{t:.0f}' for t in ms)})"
    )
    return [
        Figure(
            "Done → 4-megapixel image shown in the previewer",
            "ms",
            statistics.median(ms),
            statistics.median(bare) * 1000,
            "urllib + QImage",
            limit=200.0,
            why=f"median of {len(ms)}; the anchor fetches and decodes the same PNG",
        )
    ]


if __name__ == "__main__":
    run_main(main)
