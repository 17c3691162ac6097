"""What one long task costs: status requests made, and how late its completion shows.

Submits tasks that take ``--seconds`` (default 90) at the simulator (run in its own
process) through the real task service and default poll policy, then prints per task
the number of status requests and the delay between the provider finishing and the
service seeing it. Targets: at most 12 requests for 90 s; completion shown within
3 s or 10 % of the run time. Run: ``python -m benchmarks.bench_task_cost``.
"""

from __future__ import annotations

import argparse
import asyncio
import tempfile
import time
from pathlib import Path

import httpx

from benchmarks.sim_process import sim_service, simulator_process
from genstudio.api.request import GenerationRequest
from genstudio.api.snapshot import Scope
from genstudio.tasks.events import TaskEvent
from genstudio.tasks.record import TaskState


async def run(seconds: float, tasks: int) -> None:
    with simulator_process() as base_url, tempfile.TemporaryDirectory() as tmp:
        _prefs, _vault, service = sim_service(base_url, Path(tmp))
        done_at: dict[int, float] = {}
        all_done = asyncio.Event()

        def on_event(event: TaskEvent) -> None:
            for record in event.records:
                if record.state is TaskState.DONE and record.id not in done_at:
                    done_at[record.id] = time.time()
            if len(done_at) == tasks:
                all_done.set()

        service.subscribe(on_event)
        records = [
            await service.submit(
                "sim",
                GenerationRequest(Scope.VIDEOS, f"[[seconds:{seconds}]] benchmark {i}", "veo3"),
            )
            for i in range(tasks)
        ]
        await all_done.wait()
        async with httpx.AsyncClient() as http:
            stats = (await http.get(f"{base_url}/_sim/stats")).json()
        await service.aclose()
        await service.clients.aclose()
    per_task = stats["fetches_per_task"]
    print(f"task length {seconds:.0f} s, {tasks} task(s), default poll policy")
    for record in records:
        assert record.task_id is not None and record.submit_time is not None
        finished = record.submit_time + seconds  # the simulator's own clock, whole seconds
        delay = done_at[record.id] - (record.created_at + seconds)
        print(
            f"  {record.task_id}: {per_task[record.task_id]} status requests, "
            f"completion shown {delay:.1f} s after it finished (submit_time {finished:.0f})"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=float, default=90.0)
    parser.add_argument("--tasks", type=int, default=3)
    args = parser.parse_args()
    asyncio.run(run(args.seconds, args.tasks))


if __name__ == "__main__":
    main()
