"""The child process of a benchmark: the real app (``genstudio.app.main``) and a scenario.

``child_launch.py`` starts it over a prepared home (history_home.py). It starts
GenStudio exactly as a user would, except that the first ``MainWindow.show`` also
schedules the scenario, ``module:function``, a coroutine given the window and the
parameters, for just after the window's first paint once the app's loop runs (and calls
the module's ``on_show(window, params)`` first, if it has one, for what must watch the
window from its first paint); what it returns is printed as one
``RESULT {json}`` line, then the window closes the usual way. Keys come from
:mod:`benchmarks.memory_keyring`, never the machine's keyring. It imports only what the
child needs: a module loaded here and not by a user's launch is charged to GenStudio's
start (tests/test_benchmark_child.py checks).
"""

from __future__ import annotations

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

    # The hook goes on Qt's class once the app has made its QApplication (setup_logging
    # is its first step after that, before any window), so that every module loads when
    # and as it does for a user: importing MainWindow here first timed a start no user
    # has. asyncio is not imported here either: the app paints before it loads it.
    original_setup_logging = app.setup_logging
    shown: list[Any] = []
    running: list[Any] = []

    async def scenario_run(window: Any) -> None:
        try:
            result = await function(window, params)
        except Exception:
            result = {"error": traceback.format_exc()}
        print(RESULT + json.dumps(result), flush=True)
        window.close()

    def start_scenario(window: Any) -> None:
        import asyncio

        running.append(asyncio.ensure_future(scenario_run(window)))

    def setup_logging(vault: Any) -> str:
        from PySide6.QtWidgets import QMainWindow

        original_show = QMainWindow.show

        def show(self: QMainWindow) -> None:
            first = not shown and type(self).__name__ == "MainWindow"
            if first:
                shown.append(self)
                if on_show is not None:
                    on_show(self, params)
            original_show(self)
            if first:  # a later show is the window brought forward
                # Once the app's loop runs: the window's after-first-paint jobs do.
                self.startup.later(lambda: start_scenario(self))  # type: ignore[attr-defined]

        QMainWindow.show = show  # type: ignore[method-assign,assignment]
        return original_setup_logging(vault)

    app.setup_logging = setup_logging
    return app.main([])


if __name__ == "__main__":
    sys.exit(_child(sys.argv[1], json.loads(sys.argv[2])))
