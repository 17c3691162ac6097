"""The GUI thread with many tasks polling: event-loop lag per unit of time, and CPU.

Runs the real app (app_child.py, offscreen) against the simulator in its own process.
First the idle window's loop lag (the anchor for lag). Then ``--tasks`` submits in a
burst (16 in flight) through the window's task service, then ``--seconds`` of polling
them; four more bursts, each in a fresh app, make the burst figure a median of five.
Lag is measured per 10 ms of wall time by lag_probe.py, so a stall counts for as
long as it lasted and missed ticks are not lost. CPU: the GUI thread's (``thread_time``)
and the whole client's per status check, next to the simulator's own CPU per check read
from /proc over the same seconds. Then ``--many`` tasks already running at the provider
are resumed from the history at start and polled at the policy's own intervals: the
client's CPU against the simulator's.
Targets (issue 13): ≤ 0.5 ms GUI-thread CPU per check; with 1,000 polling loop lag p99 ≤
16 ms and max ≤ 50 ms; a 1,000-submit burst p99 ≤ 16 ms; 10,000 polling ≤ 2× the
simulator's CPU. Run: ``python -m benchmarks.bench_gui_lag [--quick]``.
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import pstats
import statistics
import tempfile
import time
from dataclasses import asdict
from pathlib import Path
from typing import Any

import httpx

from benchmarks.child_launch import launch
from benchmarks.figures import Figure, process_cpu, run_main
from benchmarks.history_home import launch_home
from benchmarks.sim_process import simulator

RICH = ("--balance", "1000000")  # 10,000 jobs would spend the default balance


async def _checks(base_url: str) -> int:
    async with httpx.AsyncClient() as http:
        return int((await http.get(f"{base_url}/_sim/stats")).json()["fetch"])


async def _polling(sim_pid: int, base_url: str, seconds: float) -> dict[str, Any]:
    """Lag and CPU over ``seconds`` of whatever the window is doing."""
    from benchmarks.lag_probe import LagProbe

    checks = await _checks(base_url)
    gui, client, sim = time.thread_time(), time.process_time(), process_cpu(sim_pid)
    probe = LagProbe()
    probe.start()
    await asyncio.sleep(seconds)
    lag = probe.stop()
    gui, client = time.thread_time() - gui, time.process_time() - client
    sim = process_cpu(sim_pid) - sim
    checks = await _checks(base_url) - checks
    return {
        "lag": asdict(lag),
        "lag_words": lag.words(),
        "checks": checks,
        "gui_cpu": gui,
        "client_cpu": client,
        "sim_cpu": sim,
        "seconds": lag.seconds,
    }


async def _burst(window: Any, tasks: int) -> tuple[Any, float]:
    """``tasks`` submits through the window's service, 16 in flight: the lag, seconds."""
    from benchmarks.lag_probe import LagProbe
    from genstudio.api.kinds import Scope
    from genstudio.api.request import GenerationRequest

    service = window.service
    gate = asyncio.Semaphore(0)

    async def submit(i: int) -> None:
        async with gate:
            await service.submit("sim", GenerationRequest(Scope.IMAGES, f"job {i}", "m"))

    # The benchmark's own 1,000 tasks are made and parked before the probe starts (made
    # in one turn of the window's loop, they were a 25 ms stall of their own, measured).
    submits = asyncio.gather(*(submit(i) for i in range(tasks)))
    await asyncio.sleep(0.5)
    probe = LagProbe()
    probe.start()
    started = time.perf_counter()
    for _ in range(16):  # 16 in flight
        gate.release()
    await submits
    took = time.perf_counter() - started
    return probe.stop(), took


async def burst_only_scenario(window: Any, params: dict[str, Any]) -> dict[str, Any]:
    """Another burst in a fresh app, for the median over several."""
    await asyncio.sleep(2.0)  # the start's own work is not the burst's
    burst, took = await _burst(window, params["tasks"])
    return {"burst": asdict(burst), "burst_words": burst.words(), "submit_seconds": took}


async def burst_scenario(window: Any, params: dict[str, Any]) -> dict[str, Any]:
    base_url, sim_pid = params["base_url"], params["sim_pid"]
    await asyncio.sleep(2.0)  # the start's own work is not the idle window's
    idle = await _polling(sim_pid, base_url, params["idle_seconds"])
    burst, took = await _burst(window, params["tasks"])
    profiler = cProfile.Profile() if params.get("profile") else None
    if profiler is not None:  # the GUI thread only: cProfile follows the thread it starts on
        profiler.enable()
    polling = await _polling(sim_pid, base_url, params["seconds"])
    if profiler is not None:
        profiler.disable()
        profiler.dump_stats(params["profile"])
    return {
        "idle": idle,
        "burst": asdict(burst),
        "burst_words": burst.words(),
        "submit_seconds": took,
        "polling": polling,
    }


async def resumed_scenario(window: Any, params: dict[str, Any]) -> dict[str, Any]:
    await asyncio.sleep(params["settle"])  # the first round of checks after start
    return await _polling(params["sim_pid"], params["base_url"], params["seconds"])


async def _presubmit(base_url: str, tasks: int) -> list[tuple[str, float]]:
    """Tasks taken by the provider before this launch: (task id, when sent)."""
    from genstudio.api.client import GenerationClient
    from genstudio.api.kinds import Scope
    from genstudio.api.request import GenerationRequest
    from genstudio.sim import DEMO_KEY

    gate = asyncio.Semaphore(32)
    async with GenerationClient(base_url, DEMO_KEY) as client:

        async def one(i: int) -> tuple[str, float]:
            async with gate:
                sent = time.time()
                request = GenerationRequest(Scope.IMAGES, f"resumed job {i}", "m")
                return await client.submit(request), sent

        return await asyncio.gather(*(one(i) for i in range(tasks)))


def _running_home(root: Path, base_url: str, tasks: int) -> None:
    from genstudio.api.kinds import Scope
    from genstudio.api.request import GenerationRequest
    from genstudio.tasks.record import TaskRecord
    from genstudio.tasks.states import TaskState
    from genstudio.tasks.store import HistoryStore

    taken = asyncio.run(_presubmit(base_url, tasks))
    root.mkdir(parents=True, exist_ok=True)
    store = HistoryStore(root / "history.sqlite3")
    store.restore(
        [
            TaskRecord(
                id=n + 1,
                profile="sim",
                request=GenerationRequest(Scope.IMAGES, f"resumed job {n}", "m"),
                created_at=sent,
                state=TaskState.RUNNING,
                task_id=task_id,
                submit_time=sent,
            )
            for n, (task_id, sent) in enumerate(taken)
        ]
    )
    store.close()


def _per_check_ms(cpu: float, checks: int) -> float | None:
    return cpu / checks * 1000 if checks else None


def measure(
    tasks: int,
    seconds: float,
    many: int,
    many_seconds: float,
    profile: str | None = None,
    bursts: int = 5,
) -> list[Figure]:
    figures: list[Figure] = []
    with (
        tempfile.TemporaryDirectory(prefix="genstudio-bench-") as tmp,
        simulator(extra=RICH) as sim,
    ):
        home = launch_home(Path(tmp) / "empty", Path(tmp) / "run1", sim.base_url)
        params = {
            "base_url": sim.base_url,
            "sim_pid": sim.pid,
            "tasks": tasks,
            "seconds": seconds,
            "idle_seconds": 5.0,
            "profile": profile and str(Path(profile).resolve()),
        }
        got = launch("benchmarks.bench_gui_lag:burst_scenario", params, home, timeout=3600)
        # More bursts, each in a fresh app over an empty history: the figure is their
        # median, as the issue asks (one burst's p99 rests on its two worst 10 ms).
        runs = [got]
        for k in range(1, bursts):
            again = launch_home(Path(tmp) / "empty", Path(tmp) / f"run{k + 1}", sim.base_url)
            runs.append(
                launch("benchmarks.bench_gui_lag:burst_only_scenario", params, again, timeout=600)
            )
    idle, polling = got["idle"], got["polling"]
    print(f"idle window: {idle['lag_words']}", flush=True)
    for run in runs:
        print(
            f"{tasks} submits in {run['submit_seconds']:.1f} s "
            f"({tasks / run['submit_seconds']:.0f}/s): {run['burst_words']}",
            flush=True,
        )
    burst = {
        key: statistics.median(run["burst"][key] for run in runs)
        for key in ("p99_ms", "max_ms", "stalls_per_minute")
    }
    rate_of_submits = statistics.median(tasks / run["submit_seconds"] for run in runs)
    rate = polling["checks"] / polling["seconds"]
    print(
        f"{tasks} polling, {polling['seconds']:.0f} s, {rate:.0f} checks/s: "
        f"{polling['lag_words']}; CPU: GUI thread {polling['gui_cpu']:.2f} s, client "
        f"{polling['client_cpu']:.2f} s, simulator {polling['sim_cpu']:.2f} s",
        flush=True,
    )
    n = f"{tasks:,}"
    lag, idle_lag = polling["lag"], idle["lag"]
    figures += [
        Figure(
            f"GUI-thread CPU per status check, {n} polling",
            "ms",
            _per_check_ms(polling["gui_cpu"], polling["checks"]),
            _per_check_ms(polling["sim_cpu"], polling["checks"]),
            "simulator",
            limit=0.5,
            why=f"{polling['checks']} checks in {polling['seconds']:.0f} s; anchor: the "
            "simulator's whole process CPU per check",
        ),
        Figure(
            f"client CPU per status check (all threads), {n} polling",
            "ms",
            _per_check_ms(polling["client_cpu"], polling["checks"]),
            _per_check_ms(polling["sim_cpu"], polling["checks"]),
            "simulator",
        ),
        Figure(
            f"loop lag p99, {n} polling",
            "ms",
            lag["p99_ms"],
            idle_lag["p99_ms"],
            "idle window",
            limit=16.0,
        ),
        Figure(
            f"loop lag max, {n} polling",
            "ms",
            lag["max_ms"],
            idle_lag["max_ms"],
            "idle window",
            limit=50.0,
            why=f"stalls > 50 ms: {lag['stalls_per_minute']:.1f} a minute; p50 "
            f"{lag['p50_ms']:.1f} ms",
        ),
        Figure(
            f"loop lag p99, burst of {n} submits",
            "ms",
            burst["p99_ms"],
            idle_lag["p99_ms"],
            "idle window",
            limit=16.0,
            why=f"median of {len(runs)} bursts, each in a fresh app: "
            f"{rate_of_submits:.0f} submits/s; max {burst['max_ms']:.0f} ms, "
            f"{burst['stalls_per_minute']:.1f} stalls > 50 ms a minute",
        ),
    ]
    if profile:
        stats = pstats.Stats(profile)
        stats.sort_stats("cumulative").print_stats(15)
    if many:
        figures.append(_many(many, many_seconds))
    return figures


def _many(many: int, seconds: float) -> Figure:
    with (
        tempfile.TemporaryDirectory(prefix="genstudio-bench-") as tmp,
        simulator(extra=RICH) as sim,
    ):
        started = time.perf_counter()
        _running_home(Path(tmp) / "home", sim.base_url, many)
        print(f"{many:,} tasks sent to the simulator in {time.perf_counter() - started:.0f} s")
        home = launch_home(Path(tmp) / "home", Path(tmp) / "run", sim.base_url)
        params = {"base_url": sim.base_url, "sim_pid": sim.pid, "seconds": seconds}
        params["settle"] = 15.0
        got = launch("benchmarks.bench_gui_lag:resumed_scenario", params, home, timeout=3600)
    rate = got["checks"] / got["seconds"]
    print(
        f"{many:,} resumed and polling, {got['seconds']:.0f} s, {rate:.0f} checks/s: "
        f"{got['lag_words']}; CPU: client {got['client_cpu']:.2f} s, GUI thread "
        f"{got['gui_cpu']:.2f} s, simulator {got['sim_cpu']:.2f} s",
        flush=True,
    )
    return Figure(
        f"client CPU, {many:,} polling (cores)",
        "cores",
        got["client_cpu"] / got["seconds"],
        got["sim_cpu"] / got["seconds"],
        "simulator",
        ratio_target=2.0,
        why=f"{rate:.0f} checks/s at the policy's intervals, after {params['settle']:.0f} s "
        f"of settling; loop lag p99 {got['lag']['p99_ms']:.0f} ms, max "
        f"{got['lag']['max_ms']:.0f} ms",
    )


def main() -> list[Figure]:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--tasks", type=int, default=1000)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--many", type=int, default=10_000)
    parser.add_argument("--many-seconds", type=float, default=60.0)
    parser.add_argument("--quick", action="store_true", help="20 s windows, 2,000 resumed")
    parser.add_argument(
        "--profile", metavar="FILE", help="cProfile the GUI thread while polling (0 --many)"
    )
    args = parser.parse_args()
    if args.quick:
        return measure(args.tasks, 20.0, 2000, 20.0, bursts=3)
    many = 0 if args.profile else args.many
    return measure(args.tasks, args.seconds, many, args.many_seconds, args.profile)


if __name__ == "__main__":
    run_main(main)
