"""GUI responsiveness with many tasks polling: the event loop's lag.

Opens the real main window (offscreen unless QT_QPA_PLATFORM says otherwise) over the
real task service, submits ``--tasks`` jobs to the simulator (in its own process),
then for ``--seconds`` measures how late a 5 ms timer fires while every task is
polled and the table updates. Target: p99 lag <= 16 ms with 1,000 tasks.
Run: ``python -m benchmarks.bench_gui_lag``.
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

import httpx

from benchmarks.sim_process import sim_service, simulator_process


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * q))]


async def measure(tasks: int, seconds: float, base_url: str, tmp: Path) -> None:
    from PySide6.QtCore import QTimer

    from genstudio.api.request import GenerationRequest
    from genstudio.api.snapshot import Scope
    from genstudio.ui.window.main_window import MainWindow

    prefs, vault, service = sim_service(base_url, tmp)
    window = MainWindow(service, prefs, vault, lambda: None)
    window.show_history(service.load())
    window.show()

    lags: list[float] = []
    last = [time.perf_counter()]
    interval = 0.005

    def tick() -> None:
        now = time.perf_counter()
        lags.append(max(0.0, now - last[0] - interval))
        last[0] = now

    timer = QTimer()
    timer.setInterval(int(interval * 1000))
    timer.timeout.connect(tick)
    timer.start()

    started = time.perf_counter()
    gate = asyncio.Semaphore(16)

    async def submit(i: int) -> None:
        async with gate:
            await service.submit("sim", GenerationRequest(Scope.IMAGES, f"job {i}", "m"))

    await asyncio.gather(*(submit(i) for i in range(tasks)))
    submit_s = time.perf_counter() - started
    submit_lags = list(lags)
    lags.clear()
    async with httpx.AsyncClient() as http:
        before = (await http.get(f"{base_url}/_sim/stats")).json()["fetch"]
        await asyncio.sleep(seconds)
        after = (await http.get(f"{base_url}/_sim/stats")).json()["fetch"]
    timer.stop()
    window.close()
    await service.aclose()
    await service.clients.aclose()
    service.store.close()

    print(
        f"{tasks} tasks submitted in {submit_s:.1f} s; loop lag while submitting: "
        f"p50 {statistics.median(submit_lags) * 1000:.1f} ms, "
        f"p99 {percentile(submit_lags, 0.99) * 1000:.1f} ms"
    )
    print(
        f"polling for {seconds:.0f} s: {(after - before) / seconds:.0f} status checks/s; "
        f"loop lag p50 {statistics.median(lags) * 1000:.1f} ms, "
        f"p99 {percentile(lags, 0.99) * 1000:.1f} ms, max {max(lags) * 1000:.1f} ms "
        f"({len(lags)} ticks)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--tasks", type=int, default=1000)
    parser.add_argument("--seconds", type=float, default=30.0)
    args = parser.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    import qasync
    from PySide6.QtWidgets import QApplication

    app = QApplication(sys.argv[:1])
    app.setQuitOnLastWindowClosed(False)  # closing the window must not stop the loop
    with (
        simulator_process() as base_url,
        tempfile.TemporaryDirectory() as tmp,
        asyncio.Runner(loop_factory=lambda: qasync.QEventLoop(app)) as runner,
    ):
        runner.run(measure(args.tasks, args.seconds, base_url, Path(tmp)))


if __name__ == "__main__":
    main()
