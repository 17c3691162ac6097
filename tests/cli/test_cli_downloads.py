"""``--download`` in the terminal: a signal removes the temporary file, permanent
problems are said once. Real subprocesses against the simulator and a hand-written
hostile provider, both on loopback."""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from genstudio.sim import DEMO_KEY, Simulator, SimulatorConfig


def cli_env(base_url: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("GENSTUDIO_")}
    env.update(
        {
            "GENSTUDIO_BASE_URL": base_url,
            "GENSTUDIO_API_KEY": DEMO_KEY,
            "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring",
        }
    )
    return env


@pytest.fixture
def slow_sim() -> Iterator[Simulator]:
    # Outputs trickle at 500 kB/s: a 20 MB video takes some 40 s to save.
    with Simulator(SimulatorConfig(task_seconds=0.2, output_rate=500_000)) as simulator:
        yield simulator


def wait_for(condition: object, timeout: float = 60.0) -> None:
    assert callable(condition)
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("condition not met in time")
        time.sleep(0.05)


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP])
def test_a_signal_mid_download_removes_the_temporary_file(
    signum: signal.Signals, slow_sim: Simulator, tmp_path: Path
) -> None:
    folder = tmp_path / "out"
    child = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "genstudio.cli.main",
            "submit",
            "videos",
            "--model",
            "veo3",
            "--prompt",
            "waves [[big:20]]",
            "--download",
            str(folder),
        ],
        env=cli_env(slow_sim.base_url),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        # Mid-download: its temporary file is there and growing.
        wait_for(lambda: folder.exists() and any(p.suffix == ".part" for p in folder.iterdir()))
        (part,) = folder.iterdir()
        wait_for(lambda: part.stat().st_size > 0)
        child.send_signal(signum)
        _out, err = child.communicate(timeout=30)
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
    assert list(folder.iterdir()) == []  # nothing half-written stays behind
    assert child.returncode == 130
    assert f"stopped by {signum.name}" in err and "genstudio-cli wait videos" in err
    assert "Traceback" not in err


class HostileProvider:
    """A provider on loopback whose one finished task has the output link the test
    sets, and which serves a few hostile files; counts the requests for each path."""

    def __init__(self) -> None:
        self.output = ""
        self.hits: dict[str, int] = {}
        provider = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self) -> None:
                provider.hits[self.path] = provider.hits.get(self.path, 0) + 1
                if self.path.startswith("/v2/images/generations/"):
                    body = json.dumps(
                        {
                            "task_id": "t1",
                            "status": "SUCCESS",
                            "progress": "100%",
                            "data": {"output": provider.output},
                        }
                    ).encode()
                    self._answer(200, {"Content-Type": "application/json"}, body)
                elif self.path == "/huge.png":  # says it is 3 GB
                    self._answer(200, {"Content-Length": "3000000000"}, b"\x89PNG")
                elif self.path == "/to-metadata.png":
                    self._answer(302, {"Location": "http://169.254.169.254/latest/"}, b"")
                else:
                    self._answer(404, {}, b"")

            def _answer(self, status: int, headers: dict[str, str], body: bytes) -> None:
                self.send_response(status)
                headers.setdefault("Content-Length", str(len(body)))
                for name, value in headers.items():
                    self.send_header(name, value)
                self.send_header("Connection", "close")
                self.end_headers()
                with contextlib.suppress(OSError):
                    self.wfile.write(body)
                self.close_connection = True

            def log_message(self, *_args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        threading.Thread(
            target=self.server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
        ).start()
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def hostile() -> Iterator[HostileProvider]:
    provider = HostileProvider()
    yield provider
    provider.close()


@pytest.mark.parametrize(
    ("output", "path", "words"),
    [
        ("file:///etc/passwd", None, "not a web"),
        ("javascript:alert(1)", None, "not a web"),
        ("data:image/png;base64,iVBORw0KGgo=", None, "not a web"),
        ("/outputs/relative.png", None, "not a web"),
        ("{base}/to-metadata.png", "/to-metadata.png", "does not download from"),
        ("{base}/huge.png", "/huge.png", "larger than"),
    ],
)
def test_a_permanent_problem_is_said_once_and_not_retried(
    output: str, path: str | None, words: str, hostile: HostileProvider, tmp_path: Path
) -> None:
    hostile.output = output.format(base=hostile.url)
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "genstudio.cli.main",
            "wait",
            "images",
            "t1",
            "--download",
            str(tmp_path),
        ],
        env=cli_env(hostile.url),
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 4
    assert words in result.stderr and "attempt" not in result.stderr
    assert "Settings" not in result.stderr  # the CLI has no Settings: it speaks of itself
    said = [line for line in result.stderr.splitlines() if line.startswith("genstudio-cli:")]
    assert len(said) == 1 and said[0].count(words) == 1  # one sentence, once
    if path is not None:
        assert hostile.hits[path] == 1
    assert list(tmp_path.iterdir()) == []
