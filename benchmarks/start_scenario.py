"""bench_startup's scenario, run in GenStudio's process (app_child.py): the first paint
with the first rows, scrolling, the gallery, then peak memory.

A module of its own so that the child loads no more than the bare script does before the
app starts (bare_window.py, figures.py, first_paint.py): the scenario module is imported
first, and bench_startup's own imports (the parent's history maker with hashlib, its
launch helpers) were charged to GenStudio's start.
"""

from __future__ import annotations

import time
from typing import Any

from benchmarks.bare_window import SETTLE_SECONDS, scroll_steps
from benchmarks.figures import peak_rss_mib, since_launch
from benchmarks.first_paint import FirstPaint, watch_first_paint


async def until(condition: Any, timeout: float, step: float = 0.001) -> bool:
    """Wait on the loop (never processEvents inside a coroutine) until ``condition()``."""
    import asyncio  # not before the first paint: GenStudio paints before it loads it

    end = time.perf_counter() + timeout
    while not condition():
        if time.perf_counter() > end:
            return False
        await asyncio.sleep(step)
    return True


_first_paint: list[FirstPaint] = []
_jobs_done: list[float] = []


def on_show(window: Any, params: dict[str, Any]) -> None:
    """Called as the window is first shown, before Qt paints it."""
    from PySide6.QtCore import QTimer

    _first_paint.append(watch_first_paint(window, window.table, bool(params["rows"])))
    # GenStudio paints its window before the window has its task service; what it leaves
    # for after that paint (the keyring, the previewer) waits for the service. Ready for
    # a first click: once those have run, and what they queued.
    window.startup.later(lambda: QTimer.singleShot(0, lambda: _jobs_done.append(since_launch())))


async def scenario(window: Any, params: dict[str, Any]) -> dict[str, Any]:
    """In the app: first paint with rows, scrolling, the gallery, peak memory."""
    view = window.table
    first = _first_paint[0]
    if not await until(lambda: first.ready is not None and bool(_jobs_done), 300):
        raise RuntimeError("the window was not painted with its rows within 300 s")
    steps = scroll_steps(view)
    started = time.perf_counter()
    window.view_toggle.setChecked(True)  # what Ctrl+G does
    gallery = window.gallery
    if params["rows"]:
        await until(lambda: gallery.model().rowCount() > 0, 300)
    gallery.viewport().repaint()
    opened = time.perf_counter() - started
    gallery_steps = scroll_steps(gallery, notches=False)
    import asyncio

    await asyncio.sleep(SETTLE_SECONDS)  # thumbnails are made meanwhile, as for a user
    return {
        "shown": first.painted,
        "ready": max(first.ready or 0.0, _jobs_done[0]),
        "rows": view.model().rowCount(),
        "steps": steps,
        "gallery": opened,
        "gallery_steps": gallery_steps,
        "peak_mib": peak_rss_mib(),
    }
