"""How fast the client and the simulator handle many tasks polled at once.

Submits N tasks, then fetches every task's status concurrently (bounded by a cap on
requests in flight) for a number of rounds, and prints submits/s, fetches/s and the
latency percentiles of a status check. Run: ``python -m benchmarks.bench_polling``.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import statistics
import time
from collections.abc import Iterator

from benchmarks.figures import Figure, run_main
from benchmarks.sim_process import simulator_process
from genstudio.api.client import GenerationClient
from genstudio.api.kinds import Scope
from genstudio.api.request import GenerationRequest
from genstudio.sim import DEMO_KEY, Simulator, SimulatorConfig


@contextlib.contextmanager
def simulator_thread() -> Iterator[str]:
    with Simulator(SimulatorConfig(task_seconds=3600)) as sim:
        yield sim.base_url


async def run(tasks: int, rounds: int, in_flight: int, same_process: bool) -> list[Figure]:
    where = simulator_thread() if same_process else simulator_process()
    with where as base_url:
        async with GenerationClient(base_url, DEMO_KEY) as client:
            gate = asyncio.Semaphore(in_flight)

            async def submit(i: int) -> str:
                async with gate:
                    return await client.submit(GenerationRequest(Scope.VIDEOS, f"p{i}", "m"))

            started = time.perf_counter()
            ids = await asyncio.gather(*(submit(i) for i in range(tasks)))
            submit_s = time.perf_counter() - started

            latencies: list[float] = []

            async def fetch(task_id: str) -> None:
                async with gate:
                    t0 = time.perf_counter()
                    await client.fetch(Scope.VIDEOS, task_id)
                    latencies.append(time.perf_counter() - t0)

            started = time.perf_counter()
            for _ in range(rounds):
                await asyncio.gather(*(fetch(task_id) for task_id in ids))
            fetch_s = time.perf_counter() - started

    latencies.sort()
    q = statistics.quantiles(latencies, n=100)
    place = "in this process" if same_process else "in its own process"
    print(f"tasks={tasks} rounds={rounds} in_flight={in_flight} simulator {place}")
    print(f"submit: {tasks / submit_s:8.0f} /s")
    print(f"fetch:  {len(latencies) / fetch_s:8.0f} /s")
    print(
        f"fetch latency ms: p50={q[49] * 1000:.1f} p95={q[94] * 1000:.1f} "
        f"p99={q[98] * 1000:.1f} max={latencies[-1] * 1000:.1f}"
    )
    return [
        Figure(
            f"status checks/s, client library + simulator, {in_flight} in flight",
            "/s",
            len(latencies) / fetch_s,
            why="throughput of GenerationClient against the simulator; no target",
        )
    ]


def main() -> list[Figure]:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--tasks", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--in-flight", type=int, default=16)
    parser.add_argument(
        "--same-process", action="store_true", help="run the simulator in a thread of this process"
    )
    parser.add_argument("--quick", action="store_true", help="one round")
    args = parser.parse_args()
    rounds = 1 if args.quick else args.rounds
    return asyncio.run(run(args.tasks, rounds, args.in_flight, args.same_process))


if __name__ == "__main__":
    run_main(main)
