"""From SUCCESS to the image on screen: how long the previewer takes.

Opens the real window (offscreen unless QT_QPA_PLATFORM says otherwise) over the
simulator (in its own process), submits 4-megapixel images one at a time with the
task selected, and measures from the moment the task service marks the task Done to
the previewer's ``loaded`` signal. Target: at most 200 ms.
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
from pathlib import Path

from benchmarks.sim_process import sim_service, simulator_process


async def measure(runs: int, base_url: str, tmp: Path) -> list[float]:
    from genstudio.api.request import GenerationRequest
    from genstudio.api.snapshot import Scope
    from genstudio.tasks.events import TaskEvent
    from genstudio.tasks.policy import PollPolicy
    from genstudio.tasks.record import TaskState
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
        submitting = asyncio.ensure_future(service.submit("sim", request))
        await asyncio.sleep(0)
        window.table.selectRow(0)
        record = await submitting
        window.table.selectRow(0)

        def loaded(record_id: int = record.id, event: asyncio.Event = shown) -> None:
            if record_id in done_at and not event.is_set():
                timings.append(time.perf_counter() - done_at[record_id])
                event.set()

        window.preview.loaded.connect(loaded)
        await asyncio.wait_for(shown.wait(), 30)
        window.preview.loaded.disconnect(loaded)
    window.close()
    await service.aclose()
    await service.clients.aclose()
    service.store.close()
    return timings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
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
        timings = runner.run(measure(args.runs, base_url, Path(tmp)))
    ms = sorted(t * 1000 for t in timings)
    print(
        f"4-megapixel PNG, Done -> shown in the previewer over loopback: median "
        f"{statistics.median(ms):.0f} ms, max {ms[-1]:.0f} ms ({len(ms)} runs: "
        f"{', '.join(f'{t:.0f}' for t in ms)})"
    )


if __name__ == "__main__":
    main()
