"""Saving a large output: throughput and memory next to curl on the same URL.

The simulator (in its own process) serves a ``--mb`` megabyte video. Each round,
GenStudio's ``OutputDownloader`` saves it (streamed to a temporary file in the folder,
hashed, renamed), then curl fetches the same URL twice: into a file in the same folder
(the same job) and to /dev/null (the network alone). Prints every figure and this
process's peak memory growth. Targets: at least 0.9x curl; at most 20 MB more memory.
Run: ``python -m benchmarks.bench_download [--mb 200] [--rounds 3]``.
"""

from __future__ import annotations

import argparse
import asyncio
import resource
import shutil
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

from benchmarks.sim_process import simulator_process
from genstudio.api.client import GenerationClient
from genstudio.api.download import DownloadedFile, OutputDownloader
from genstudio.api.request import GenerationRequest
from genstudio.api.snapshot import Scope
from genstudio.api.waiting import wait_for_task
from genstudio.sim import DEMO_KEY


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: KiB


async def submit_big(base_url: str, megabytes: int) -> str:
    async with GenerationClient(base_url, DEMO_KEY) as client:
        request = GenerationRequest(Scope.VIDEOS, f"[[big:{megabytes}]] [[seconds:0]]", "m")
        task_id = await client.submit(request)
        snapshot = await wait_for_task(client, Scope.VIDEOS, task_id, timeout=60)
    return snapshot.outputs[0]


async def save(url: str, folder: Path) -> tuple[DownloadedFile, float]:
    async with OutputDownloader() as downloader:
        started = time.perf_counter()
        # The simulator is on loopback, so its outputs may be too.
        saved = await downloader.download(url, folder, "big", Scope.VIDEOS, provider_url=url)
        return saved, time.perf_counter() - started


def curl_speed(curl: str, url: str, target: str) -> float:
    out = subprocess.run(
        [curl, "-s", "-o", target, "-w", "%{speed_download}", url],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return float(out) / 1e6


def run(megabytes: int, rounds: int) -> None:
    curl = shutil.which("curl")
    ours: list[float] = []
    to_file: list[float] = []
    to_null: list[float] = []
    growth = 0.0
    with simulator_process() as base_url, tempfile.TemporaryDirectory(dir=".") as tmp:
        folder = Path(tmp)
        url = asyncio.run(submit_big(base_url, megabytes))
        if curl:  # warm the simulator's cache so every fetch measures the transfer only
            curl_speed(curl, url, "/dev/null")
        for n in range(rounds):
            before = peak_rss_mb()
            saved, seconds = asyncio.run(save(url, folder))
            growth = max(growth, peak_rss_mb() - before)
            ours.append(saved.size / seconds / 1e6)
            saved.path.unlink()
            line = f"round {n + 1}: GenStudio {ours[-1]:.0f} MB/s ({seconds:.2f} s)"
            if curl:
                to_file.append(curl_speed(curl, url, str(folder / "curl.bin")))
                (folder / "curl.bin").unlink()
                to_null.append(curl_speed(curl, url, "/dev/null"))
                line += f", curl to a file {to_file[-1]:.0f} MB/s, to /dev/null {to_null[-1]:.0f}"
            print(line, flush=True)
    print(
        f"{saved.size / 1e6:.0f} MB (sha256 {saved.sha256[:12]}…): GenStudio median "
        f"{statistics.median(ours):.0f} MB/s; peak memory +{growth:.1f} MB"
    )
    if curl:
        mine = statistics.median(ours)
        file_speed, null_speed = statistics.median(to_file), statistics.median(to_null)
        print(
            f"curl median: to a file in the same folder {file_speed:.0f} MB/s "
            f"(ratio {mine / file_speed:.2f}x), to /dev/null {null_speed:.0f} MB/s "
            f"(ratio {mine / null_speed:.2f}x)"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--mb", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    run(args.mb, args.rounds)


if __name__ == "__main__":
    main()
