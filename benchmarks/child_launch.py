"""Starting a benchmark's child process (app_child.py, or a script such as bare_window.py)
over a prepared home, offscreen on a desktop-sized screen, and reading its result.

Kept apart from app_child.py so that the child loads none of what only the parent uses.
"""

from __future__ import annotations

import atexit
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import MutableMapping
from pathlib import Path
from typing import Any

from benchmarks.app_child import RESULT
from benchmarks.figures import LAUNCHED_AT

# Qt's offscreen screen is small unless told otherwise: a desktop-sized one, so that both
# windows keep the 1,400 x 860 they ask for (GenStudio fits its window to the screen).
SCREEN = {"name": "bench", "x": 0, "y": 0, "width": 1920, "height": 1080, "logicalDpi": 96}
_screen_config: list[str] = []


def use_bench_screen(env: MutableMapping[str, str]) -> None:
    """``env``'s Qt platform becomes offscreen with that screen, unless it names another."""
    if env.get("QT_QPA_PLATFORM", "offscreen") == "offscreen":
        env["QT_QPA_PLATFORM"] = _offscreen_platform()


def _offscreen_platform() -> str:
    """``offscreen`` with that screen, from a file of this run's own (written once)."""
    if not _screen_config:
        handle, name = tempfile.mkstemp(prefix="genstudio-bench-screen-", suffix=".json")
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            json.dump({"screens": [SCREEN]}, out)
        atexit.register(os.unlink, name)
        _screen_config.append(name)
    return f"offscreen:configfile={_screen_config[0]}"


def child_env(home: dict[str, str]) -> dict[str, str]:
    env = {**os.environ, **home}
    env["PYTHON_KEYRING_BACKEND"] = "benchmarks.memory_keyring.DemoKeyring"
    use_bench_screen(env)
    env.setdefault("QT_LOGGING_RULES", "qt.multimedia.*=false")
    # An installed program runs from bytecode compiled once (pip and PyInstaller compile
    # at install). With PYTHONDONTWRITEBYTECODE from the caller's shell every launch
    # compiled each project module again (about 0.1 s of GenStudio's start, a few ms of
    # the bare script's): the warm-up launch now compiles, into a folder of its own.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env.setdefault("PYTHONPYCACHEPREFIX", str(Path(tempfile.gettempdir()) / "genstudio-bench-pyc"))
    cwd = str(Path.cwd())
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [cwd, env.get("PYTHONPATH", "")]))
    return env


def launch(
    scenario: str, params: dict[str, Any], home: dict[str, str], timeout: float = 600
) -> dict[str, Any]:
    """Run the app with ``scenario`` in a new process; its result."""
    return run_script(["benchmarks.app_child", scenario, json.dumps(params)], home, timeout)


def run_script(args: list[str], home: dict[str, str], timeout: float = 600) -> dict[str, Any]:
    """``python -m ARGS`` in ``home``: the dict on its ``RESULT`` line."""
    env = child_env(home)
    with tempfile.TemporaryFile("w+") as err:
        env[LAUNCHED_AT] = repr(time.time())
        proc = subprocess.Popen(
            [sys.executable, "-m", *args], stdout=subprocess.PIPE, stderr=err, text=True, env=env
        )
        killer = threading.Timer(timeout, proc.kill)  # a hung child ends the wait
        killer.start()
        result: dict[str, Any] | None = None
        try:
            assert proc.stdout is not None
            for line in proc.stdout:
                if line.startswith(RESULT):
                    result = json.loads(line[len(RESULT) :])
                    break
                if line.strip():
                    print("    " + line.rstrip(), flush=True)
            try:  # it closes the usual way; a child that does not is not waited for
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
        finally:
            killer.cancel()
            if proc.stdout is not None:
                proc.stdout.close()
        err.seek(0)
        problem = err.read()[-3000:]
    if result is None:
        raise RuntimeError(f"{args[:2]}: no result (exit {proc.returncode})\n{problem}")
    if "error" in result:
        raise RuntimeError(f"{args[:2]} failed:\n{result['error']}")
    return result
