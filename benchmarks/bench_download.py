"""Saving a large output: throughput and memory next to curl on the same URL.

The simulator (in its own process) serves a ``--mb`` megabyte video. One
``OutputDownloader`` (as the app keeps one) saves it each round, streamed to a temporary
file in the folder, hashed and renamed; curl saves the same URL into a file in the same
folder (the same job) and to /dev/null (the network alone). Both sides get a warm-up
round first that is not counted; then ``--rounds`` rounds, alternating who goes first;
medians. Memory per round: this process's resident memory before, its peak during
(the kernel's high-water mark reset before each round) and after, so growth after round
1 shows; the figure is the highest peak over the memory before the first download;
curl's own peak is beside it. Targets: at least 0.9× curl to a file; at most
20 MB extra memory. Run: ``python -m benchmarks.bench_download [--mb 200] [--rounds 7]``.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import shutil
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

from benchmarks.figures import (
    Figure,
    peak_since_reset_mib,
    reset_peak,
    rss_mib,
    run_main,
)
from benchmarks.sim_process import simulator_process
from genstudio.api.client import GenerationClient
from genstudio.api.download import OutputDownloader
from genstudio.api.kinds import Scope
from genstudio.api.request import GenerationRequest
from genstudio.api.waiting import wait_for_task
from genstudio.sim import DEMO_KEY


async def submit_big(base_url: str, megabytes: int) -> str:
    async with GenerationClient(base_url, DEMO_KEY) as client:
        request = GenerationRequest(Scope.VIDEOS, f"[[big:{megabytes}]] [[seconds:0]]", "m")
        task_id = await client.submit(request)
        snapshot = await wait_for_task(client, Scope.VIDEOS, task_id, timeout=60)
    return snapshot.outputs[0]


def curl(url: str, target: str) -> tuple[float, float]:
    """curl's speed (MB/s, by its own count) and its peak memory (MiB)."""
    proc = subprocess.Popen(
        ["curl", "-s", "-o", target, "-w", "%{speed_download}", url],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout is not None
    out = proc.stdout.read()
    proc.stdout.close()
    _pid, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode:
        raise RuntimeError(f"curl failed with {proc.returncode}")
    return float(out) / 1e6, usage.ru_maxrss / 1024


class Round:
    def __init__(self) -> None:
        self.ours = 0.0
        self.to_file = 0.0
        self.to_null = 0.0
        self.curl_mib = 0.0
        self.before = self.peak = self.after = 0.0


async def rounds(url: str, folder: Path, count: int) -> tuple[list[Round], float]:
    """Round 0 warms both sides and is dropped; the rest are measured."""
    done: list[Round] = []
    baseline = rss_mib()
    async with OutputDownloader() as downloader:
        for n in range(count + 1):
            this = Round()

            async def ours(this: Round = this) -> None:
                this.before = rss_mib()
                reset_peak()
                started = time.perf_counter()
                # The simulator is on loopback, so its outputs may be too.
                saved = await downloader.download(
                    url, folder, "big", Scope.VIDEOS, provider_url=url
                )
                this.ours = saved.size / (time.perf_counter() - started) / 1e6
                this.peak = peak_since_reset_mib()
                this.after = rss_mib()
                saved.path.unlink()

            def theirs(this: Round = this) -> None:
                this.to_file, this.curl_mib = curl(url, str(folder / "curl.bin"))
                (folder / "curl.bin").unlink()

            if n % 2:
                await ours()
                theirs()
            else:
                theirs()
                await ours()
            this.to_null, _ = curl(url, "/dev/null")
            if n:
                done.append(this)
                print(
                    f"round {n}: GenStudio {this.ours:.0f} MB/s, curl to a file "
                    f"{this.to_file:.0f} MB/s, to /dev/null {this.to_null:.0f}; memory "
                    f"{this.before:.0f} → peak {this.peak:.0f} → {this.after:.0f} MiB "
                    f"(curl's peak {this.curl_mib:.0f} MiB)",
                    flush=True,
                )
    return done, baseline


def run(megabytes: int, count: int) -> list[Figure]:
    if shutil.which("curl") is None:
        why = "curl is not installed: no anchor"
        return [Figure(f"{megabytes} MB download", "MB/s", None, why=why)]
    with simulator_process() as base_url, tempfile.TemporaryDirectory(dir=".") as tmp:
        url = asyncio.run(submit_big(base_url, megabytes))
        done, baseline = asyncio.run(rounds(url, Path(tmp), count))
    extra = [r.peak - r.before for r in done]
    growth = done[-1].after - done[0].after
    per_round = ", ".join(f"{x:.1f}" for x in extra)
    # Over the memory before the first download: what a round added plus what stayed.
    worst = max(r.peak for r in done) - baseline
    return [
        Figure(
            f"{megabytes} MB download, median of {count}",
            "MB/s",
            statistics.median(r.ours for r in done),
            statistics.median(r.to_file for r in done),
            "curl to a file",
            ratio_target=0.9,
            at_least=True,
            why=f"curl to /dev/null: {statistics.median(r.to_null for r in done):.0f} MB/s",
        ),
        Figure(
            f"extra memory with {megabytes} MB downloads (peak over the start)",
            "MB",
            worst * 1.048576,
            statistics.median(r.curl_mib for r in done) * 1.048576,
            "curl's whole peak",
            limit=20.0,
            comparable=False,
            why=f"{baseline:.0f} MiB before the warm-up; each round's peak over its own "
            f"start (MiB): {per_round}; resident after round 1 → {count}: {growth:+.1f} MiB",
        ),
    ]


def main() -> list[Figure]:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--mb", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--quick", action="store_true", help="5 rounds")
    args = parser.parse_args()
    return run(args.mb, 5 if args.quick else max(5, args.rounds))


if __name__ == "__main__":
    run_main(main)
