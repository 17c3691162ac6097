"""Saving a large output: throughput and memory next to curl on the same URL.

The simulator (in its own process) serves a ``--mb`` megabyte video; GenStudio's
``OutputDownloader`` saves it (streamed to a temporary file, hashed, renamed), then
curl fetches the same URL to /dev/null. Prints both throughputs and this process's
peak memory growth. Targets: at least 0.9x curl; at most 20 MB more memory.
Run: ``python -m benchmarks.bench_download``.
"""

from __future__ import annotations

import argparse
import asyncio
import resource
import shutil
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
        saved = await downloader.download(url, folder, "big", ".mp4")
        return saved, time.perf_counter() - started


def run(megabytes: int) -> None:
    curl = shutil.which("curl")
    with simulator_process() as base_url, tempfile.TemporaryDirectory() as tmp:
        url = asyncio.run(submit_big(base_url, megabytes))
        if curl:  # warm the simulator's cache so both downloads measure the transfer only
            subprocess.run([curl, "-s", "-o", "/dev/null", url], check=True)
        before = peak_rss_mb()
        saved, seconds = asyncio.run(save(url, Path(tmp)))
        growth = peak_rss_mb() - before
        line = (
            f"{saved.size / 1e6:.0f} MB: GenStudio {saved.size / seconds / 1e6:.0f} MB/s "
            f"({seconds:.2f} s, sha256 {saved.sha256[:12]}…), peak memory +{growth:.1f} MB"
        )
        if curl:
            out = subprocess.run(
                [curl, "-s", "-o", "/dev/null", "-w", "%{speed_download}", url],
                capture_output=True,
                text=True,
                check=True,
            ).stdout
            speed = float(out)
            line += (
                f"; curl {speed / 1e6:.0f} MB/s; ratio {(saved.size / seconds) / speed:.2f}x curl"
            )
    print(line)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--mb", type=int, default=200)
    args = parser.parse_args()
    run(args.mb)


if __name__ == "__main__":
    main()
