"""The simulator in a process of its own, for benchmarks (so it does not share our GIL)."""

from __future__ import annotations

import contextlib
import re
import subprocess
import sys
from collections.abc import Iterator


@contextlib.contextmanager
def simulator_process(task_seconds: float = 3600) -> Iterator[str]:
    """The simulator in its own process, so that it does not share our GIL."""
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "genstudio.cli.main",
            "sim",
            "--port",
            "0",
            "--task-seconds",
            str(task_seconds),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert proc.stdout is not None
        line = proc.stdout.readline()
        match = re.search(r"http://127\.0\.0\.1:\d+", line)
        if not match:
            raise RuntimeError(f"the simulator did not start: {line!r}")
        yield match.group(0)
    finally:
        proc.terminate()
        proc.wait(timeout=10)
