"""What a long task costs: status requests made, and how late its completion shows.

Submits ``--tasks`` tasks (default 30) of ``--seconds`` (default 90) at once to the
simulator (in its own process, keeping its task book with ``--state``) through the real
task service and default poll policy. Lateness is measured from the simulator's own
finish time, ``created + run_seconds`` as its task book records them (to the
microsecond; its answers' ``finish_time`` is whole seconds), to the moment the service
marks the task Done; both clocks are this machine's. Targets: at most 12 requests for a
90 s task; completion shown within 3 s or 10 % of the run time, whichever is longer.
Run: ``python -m benchmarks.bench_task_cost``.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import tempfile
import time
from pathlib import Path

import httpx

from benchmarks.figures import Figure, percentile, run_main
from benchmarks.sim_process import sim_service, simulator_process
from genstudio.api.kinds import Scope
from genstudio.api.request import GenerationRequest
from genstudio.tasks.events import TaskEvent
from genstudio.tasks.states import TaskState


def finish_times(journal: Path) -> dict[str, float]:
    """task id -> when the simulator finishes it (its clock, from its task book)."""
    found = {}
    for line in journal.read_text(encoding="utf-8").splitlines():
        raw = json.loads(line)
        found[str(raw["task_id"])] = float(raw["created"]) + float(raw["run_seconds"])
    return found


async def run(seconds: float, tasks: int) -> list[Figure]:
    with tempfile.TemporaryDirectory() as tmp:
        state = Path(tmp) / "sim"
        with simulator_process(extra=["--state", str(state)]) as base_url:
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
            records = await asyncio.gather(
                *(
                    service.submit(
                        "sim",
                        GenerationRequest(Scope.VIDEOS, f"[[seconds:{seconds}]] cost {i}", "veo3"),
                    )
                    for i in range(tasks)
                )
            )
            await asyncio.wait_for(all_done.wait(), seconds * 3 + 120)
            async with httpx.AsyncClient() as http:
                stats = (await http.get(f"{base_url}/_sim/stats")).json()
            await service.aclose()
            await service.clients.aclose()
            service.store.close()
        finished = finish_times(state / "tasks.jsonl")
    per_task = stats["fetches_per_task"]
    requests, late = [], []
    for record in records:
        assert record.task_id is not None
        requests.append(per_task[record.task_id])
        late.append(done_at[record.id] - finished[record.task_id])
    print(
        f"{tasks} tasks of {seconds:.0f} s, default poll policy: status requests "
        f"{sorted(requests)}; shown after the simulator finished (s): "
        f"{sorted(round(x, 2) for x in late)}",
        flush=True,
    )
    allowed = max(3.0, 0.1 * seconds)
    worst = percentile(late, 1.0)
    return [
        Figure(
            f"status requests per {seconds:.0f} s task (most of {tasks})",
            "",
            max(requests),
            limit=12.0 if seconds == 90 else None,
            why=f"median {statistics.median(requests):g}",
        ),
        Figure(
            f"completion shown after the simulator's finish, {seconds:.0f} s task (latest)",
            "s",
            worst,
            limit=allowed,
            why=f"median of {tasks}: {statistics.median(late):.2f} s",
        ),
    ]


def main() -> list[Figure]:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=float, default=90.0)
    parser.add_argument("--tasks", type=int, default=30)
    parser.add_argument("--quick", action="store_true", help="ignored: one run is quick")
    args = parser.parse_args()
    return asyncio.run(run(args.seconds, args.tasks))


if __name__ == "__main__":
    run_main(main)
