"""The kill test (issue 12): nothing lost, nothing paid twice, nothing half-written.

The task service (history, polling, saving; no window) runs in a child process against
the simulator in another. The child is SIGKILLed at ``--kills`` moments chosen at random
just after it starts a submit, a status check or a download (in turn), and started again
on the same history, as a user reopening GenStudio would. A last, unkilled run imports
every "Submission unknown" job that the provider did take (as a user pasting its id from
the provider's site would) and finishes everything. Then the simulator's own task book
is compared with the history and the library folders, and each figure is printed next to
its target.

Run: ``python -m benchmarks.faults`` (about two minutes; ``--kills 24 --seed 1``).
"""

from __future__ import annotations

import argparse
import asyncio
import hashlib
import json
import os
import queue
import random
import signal
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path
from typing import Any

from benchmarks.sim_process import sim_service, simulator_process
from genstudio.api.kinds import Scope
from genstudio.api.request import GenerationRequest
from genstudio.tasks.events import TaskEvent
from genstudio.tasks.policy import PollPolicy
from genstudio.tasks.record import TaskRecord
from genstudio.tasks.service import TaskService
from genstudio.tasks.states import FileState, TaskState
from genstudio.tasks.store import HistoryStore

PHASES = ("submit", "check", "save")
PREFIX = "fault job "
HISTORY = "history.sqlite3"
JOBS_PER_RUN = 8
# Quick checks, so that a run of a few seconds checks and saves many times.
POLICY = PollPolicy(first=0.3, min_cap=0.5, max_cap=1.0, error_first=0.3, error_cap=2.0)


def _service(folder: Path, base_url: str) -> TaskService:
    _prefs, _vault, service = sim_service(
        base_url,
        folder,
        POLICY,
        history=HISTORY,
        library=lambda scope: folder / "library" / scope.value,
    )
    return service


def _prompt_number(prompt: str) -> int:
    return int(prompt[len(PREFIX) :].split()[0]) if prompt.startswith(PREFIX) else 0


def _job_number(record: TaskRecord) -> int:
    return _prompt_number(record.request.prompt)


# -- the child: one launch of the service --------------------------------------------------


async def _worker(folder: Path, base_url: str, jobs: int, seed: int) -> None:
    rng = random.Random(seed)
    service = _service(folder, base_url)

    def say(word: str) -> None:
        sys.stdout.write(word + "\n")
        sys.stdout.flush()

    def seen(event: TaskEvent) -> None:
        for record in event.records:
            if record.save_fraction is not None:
                say("save")
            elif record.state.is_polled and record.task_id:
                say("check")

    service.subscribe(seen)
    records = service.load()
    first = max((_job_number(r) for r in records), default=0) + 1
    say("ready")
    sends = []
    for number in range(first, first + jobs):
        scope = Scope.AUDIO if number % 4 == 0 else Scope.IMAGES
        big = " [[big:3]]" if number % 3 == 0 else ""  # a download long enough to be hit
        prompt = f"{PREFIX}{number} [[seconds:{rng.uniform(0.5, 2.5):.1f}]]{big}"
        say("submit")
        sends.append(
            asyncio.ensure_future(
                service.submit("sim", GenerationRequest(scope, prompt, "sim-model"))
            )
        )
        await asyncio.sleep(rng.uniform(0.1, 0.4))
    await asyncio.gather(*sends)
    await asyncio.sleep(3600)  # checks and saves go on until the parent kills us


async def _drain(folder: Path, base_url: str, taken: dict[int, str]) -> dict[str, Any]:
    """The last launch: import what the provider took for "Submission unknown" rows,
    then run until every task is finished and saved (or 120 s)."""
    service = _service(folder, base_url)
    records = service.load()
    at_start = {r.task_id for r in records if r.task_id}
    unknown = [r for r in records if r.state is TaskState.SUBMISSION_UNKNOWN]
    imported = []
    for record in unknown:
        task_id = taken.get(_job_number(record))
        if task_id is not None:
            service.attach_id(record.id, task_id)  # "Paste its ID…"
            imported.append(record.id)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        busy = [
            r
            for r in service.records.values()
            # What the provider never took stays "Submission unknown", for the user.
            if r.saving or not (r.state.is_final or r.state is TaskState.SUBMISSION_UNKNOWN)
        ]
        if not busy and not (service.saver and service.saver.busy):
            break
        await asyncio.sleep(0.2)
    await service.aclose()
    return {
        "ids_at_start": sorted(at_start),
        "unknown": [r.id for r in unknown],
        "imported": imported,
    }


def _journal(path: Path) -> list[tuple[str, str]]:
    """(task id, prompt) of every task the simulator created, from its task book."""
    found = []
    for line in path.read_text(encoding="utf-8").splitlines():
        try:
            raw = json.loads(line)
        except ValueError:
            continue  # a line cut short: the simulator never answered that submit
        prompt = str(raw.get("body", {}).get("prompt", ""))
        if prompt.startswith(PREFIX):
            found.append((str(raw["task_id"]), prompt))
    return found


# -- the parent: kills, then counts -------------------------------------------------------


def _launch(args: list[str]) -> tuple[subprocess.Popen[str], queue.Queue[str]]:
    proc = subprocess.Popen(
        [sys.executable, "-m", "benchmarks.faults", *args],
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    lines: queue.Queue[str] = queue.Queue()

    def pump() -> None:
        assert proc.stdout is not None
        for line in proc.stdout:
            lines.put(line.strip())

    threading.Thread(target=pump, daemon=True).start()
    return proc, lines


def _wait_for(lines: queue.Queue[str], word: str, timeout: float) -> bool:
    end = time.monotonic() + timeout
    while (left := end - time.monotonic()) > 0:
        try:
            if lines.get(timeout=left) == word:
                return True
        except queue.Empty:
            break
    return False


def _kill_runs(folder: Path, base_url: str, kills: int, rng: random.Random) -> Counter[str]:
    hit: Counter[str] = Counter()
    for number in range(kills):
        phase = PHASES[number % len(PHASES)]
        proc, lines = _launch(["--worker", str(folder), base_url, str(rng.randrange(1 << 30))])
        _wait_for(lines, "ready", 60)
        # A few of them first, so that the kill lands at a different point each time.
        for _ in range(rng.randrange(1, 4)):
            if not _wait_for(lines, phase, 30):
                break
        else:
            hit[phase] += 1
        # A download takes about a second: land anywhere in it, or just after.
        time.sleep(rng.uniform(0.0, 1.2 if phase == "save" else 0.3))
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        if proc.stdout is not None:
            proc.stdout.close()
    return hit


def _files_report(folder: Path, records: list[TaskRecord]) -> dict[str, int]:
    library = folder / "library"
    on_disk = [p for p in library.rglob("*") if p.is_file()] if library.exists() else []
    partial = [p for p in on_disk if p.name.endswith(".part") or p.name.startswith(".")]
    media = {p for p in on_disk if p not in partial and not p.name.endswith(".json")}
    sidecars = {p for p in on_disk if p.name.endswith(".json")}
    referenced: set[Path] = set()
    mismatches = 0
    missing = 0
    for record in records:
        for file in record.files:
            if file.state is not FileState.SAVED or file.path is None:
                continue
            path = Path(file.path)
            referenced.add(path)
            sidecar = path.with_name(path.name + ".json")
            if not path.exists() or not sidecar.exists():
                missing += 1
                continue
            data = json.loads(sidecar.read_text(encoding="utf-8"))
            digest = hashlib.sha256(path.read_bytes()).hexdigest()
            if (
                data.get("task_id") != record.task_id
                or data.get("size") != path.stat().st_size
                or data.get("sha256") != digest
                or file.size != path.stat().st_size
            ):
                mismatches += 1
    lonely_sidecars = sum(1 for s in sidecars if s.with_name(s.name[: -len(".json")]) not in media)
    for path in sorted(partial) + sorted(media - referenced):
        print(f"  left in the library: {path.relative_to(library)}")
    return {
        "saved files": len(referenced),
        "partial files": len(partial),
        "sidecar mismatches": mismatches + lonely_sidecars,
        "saved files missing": missing,
        "copies the history does not know": len(media - referenced),
        "outputs not saved": sum(
            1
            for r in records
            if r.state is TaskState.DONE
            for f in r.files
            if f.state is not FileState.SAVED
        ),
    }


def run(kills: int, seed: int) -> int:
    rng = random.Random(seed)
    with tempfile.TemporaryDirectory(prefix="genstudio-faults-") as tmp:
        folder = Path(tmp) / "app"
        state = Path(tmp) / "sim"
        folder.mkdir()
        extra = ["--state", str(state), "--latency", "0.1", "--answer-delay", "0.1"]
        extra += ["--output-rate", "3000", "--balance", "1000000"]
        started = time.perf_counter()
        with simulator_process(task_seconds=2, extra=extra) as base_url:
            hit = _kill_runs(folder, base_url, kills, rng)
            report = Path(tmp) / "drain.json"
            journal = state / "tasks.jsonl"
            proc, _lines = _launch(["--drain", str(folder), base_url, str(journal), str(report)])
            proc.wait(timeout=300)
            taken = _journal(journal)
        elapsed = time.perf_counter() - started
        drained = json.loads(report.read_text())
        store = HistoryStore(folder / HISTORY)
        records = store.load()
        store.close()
        with sqlite3.connect(folder / HISTORY) as db:
            integrity = db.execute("PRAGMA integrity_check").fetchone()[0]
        files = _files_report(folder, records)

    per_job = Counter(_prompt_number(p) for _task_id, p in taken)
    ids_now = {r.task_id for r in records if r.task_id}
    imported = {r.id: r for r in records if r.id in set(drained["imported"])}
    unknown = len(drained["unknown"])
    recovered = sum(1 for r in imported.values() if r.state is TaskState.DONE)
    unfinished = [
        r
        for r in records
        if not r.state.is_final and not (r.state is TaskState.SUBMISSION_UNKNOWN and not r.task_id)
    ]
    figures: list[tuple[str, object, str]] = [
        ("jobs written to the history", len(records), ""),
        ("accepted by the provider", len(taken), ""),
        (
            "accepted, in the history at restart",
            sum(1 for t, _p in taken if t in set(drained["ids_at_start"])),
            "",
        ),
        ("lost (accepted, not in the history)", sum(1 for t, _p in taken if t not in ids_now), "0"),
        ("resent (one job accepted twice)", sum(n - 1 for n in per_job.values() if n > 1), "0"),
        ("'Submission unknown' at restart", unknown, ""),
        ("  of them taken by the provider", len(imported), ""),
        ("  recovered by import", recovered, f"{len(imported)} (all taken)"),
        ("  not taken (nothing charged)", unknown - len(imported), ""),
        ("not finished after the last run", len(unfinished), "0"),
        ("saved files", files["saved files"], ""),
        ("partial files after restart", files["partial files"], "0"),
        ("sidecar mismatches", files["sidecar mismatches"], "0"),
        ("saved files missing", files["saved files missing"], "0"),
        ("copies the history does not know", files["copies the history does not know"], "0"),
        ("outputs of done tasks not saved", files["outputs not saved"], "0"),
        ("PRAGMA integrity_check", integrity, "ok"),
    ]
    print(f"kill test: {kills} SIGKILLs (seed {seed}) in {elapsed:.0f} s")
    print("kills just after: " + ", ".join(f"{p} {hit[p]}" for p in PHASES), end="")
    print(f" (the rest at a random moment: {kills - sum(hit.values())})")
    print(f"{'figure':<40} {'value':>8}  target")
    failed = 0
    for name, value, target in figures:
        bad = bool(target) and str(value) != target.split()[0]
        failed += bad
        print(f"{name:<40} {value!s:>8}  {target}{'  <- MISSED' if bad else ''}")
    return 1 if failed else 0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--kills", type=int, default=24)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--worker", nargs=3, metavar=("FOLDER", "BASE_URL", "SEED"))
    parser.add_argument("--drain", nargs=4, metavar=("FOLDER", "BASE_URL", "JOURNAL", "REPORT"))
    args = parser.parse_args()
    if args.worker:
        folder, base_url, seed = args.worker
        asyncio.run(_worker(Path(folder), base_url, JOBS_PER_RUN, int(seed)))
    elif args.drain:
        folder, base_url, journal, report = args.drain
        taken = {_prompt_number(p): task_id for task_id, p in _journal(Path(journal))}
        drained = asyncio.run(_drain(Path(folder), base_url, taken))
        Path(report).write_text(json.dumps(drained), encoding="utf-8")
    else:
        sys.exit(run(args.kills, args.seed))


if __name__ == "__main__":
    main()
