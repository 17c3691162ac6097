"""Launch the real app (``genstudio.app.main``) in a child process and run a scenario in it.

The parent prepares a home (history_home.py) and calls :func:`launch`. The child starts
GenStudio exactly as a user would, except that the first ``MainWindow.show`` also
schedules the scenario, ``module:function``, a coroutine given the window and the
parameters (and calls the module's ``on_show(window, params)`` first, if it has one, for
what must watch the window from its first paint); what it returns is printed as one
``RESULT {json}`` line, then the window closes the usual way. Keys come from
:mod:`benchmarks.memory_keyring`, never the machine's keyring.
"""

from __future__ import annotations

import asyncio
import atexit
import importlib
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
import traceback
from collections.abc import Awaitable, Callable, MutableMapping
from pathlib import Path
from typing import Any

from benchmarks.figures import LAUNCHED_AT

RESULT = "RESULT "

Scenario = Callable[[Any, dict[str, Any]], Awaitable[dict[str, Any]]]


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


def _child(scenario: str, params: dict[str, Any]) -> int:
    module_name, function_name = scenario.split(":")
    module = importlib.import_module(module_name)
    function: Scenario = getattr(module, function_name)
    on_show: Callable[[Any, dict[str, Any]], None] | None = getattr(module, "on_show", None)

    from genstudio import app

    # The hook goes on Qt's class once the app has loaded Qt, so that every module loads
    # when and as it does for a user (the window's after the QApplication, with Python's
    # collector paused): importing MainWindow here first timed a start no user has.
    original_run = app.run
    running: list[asyncio.Task[None]] = []

    async def scenario_run(window: Any) -> None:
        try:
            result = await function(window, params)
        except Exception:
            result = {"error": traceback.format_exc()}
        print(RESULT + json.dumps(result), flush=True)
        window.close()

    async def run(*args: Any, **kwargs: Any) -> int:
        from PySide6.QtWidgets import QMainWindow

        original_show = QMainWindow.show

        def show(self: QMainWindow) -> None:
            first = not running and type(self).__name__ == "MainWindow"
            if first and on_show is not None:
                on_show(self, params)
            original_show(self)
            if first:  # a later show is the window brought forward
                running.append(asyncio.ensure_future(scenario_run(self)))

        QMainWindow.show = show  # type: ignore[method-assign,assignment]
        return await original_run(*args, **kwargs)

    app.run = run
    return app.main([])


if __name__ == "__main__":
    sys.exit(_child(sys.argv[1], json.loads(sys.argv[2])))
