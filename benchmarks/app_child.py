"""The child process of a benchmark: the real app (``genstudio.app.main``) and a scenario.

``child_launch.py`` starts it over a prepared home (history_home.py). It starts
GenStudio exactly as a user would, except that the first ``MainWindow.show`` also
schedules the scenario, ``module:function``, a coroutine given the window and the
parameters (and calls the module's ``on_show(window, params)`` first, if it has one, for
what must watch the window from its first paint); what it returns is printed as one
``RESULT {json}`` line, then the window closes the usual way. Keys come from
:mod:`benchmarks.memory_keyring`, never the machine's keyring. It imports only what the
child needs: a module loaded here and not by a user's launch is charged to GenStudio's
start (tests/test_benchmark_child.py checks).
"""

from __future__ import annotations

import asyncio
import importlib
import json
import sys
import traceback
from collections.abc import Awaitable, Callable
from typing import Any

RESULT = "RESULT "

Scenario = Callable[[Any, dict[str, Any]], Awaitable[dict[str, Any]]]


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
