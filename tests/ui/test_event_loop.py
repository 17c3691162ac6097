"""The app's event loop: qasync's, with worker threads that start as work comes."""

from __future__ import annotations

import asyncio
import threading

from PySide6.QtWidgets import QApplication

from genstudio.app import WORKER_THREADS, event_loop


def workers() -> list[str]:
    """The loop's worker threads alive now (other tests' threads may come and go)."""
    return [t.name for t in threading.enumerate() if t.name.startswith("genstudio-worker")]


def test_to_thread_starts_one_thread_for_one_job(qapp: QApplication) -> None:
    """qasync's own default executor started ten threads at the first to_thread, before
    the window's first paint; this one starts a thread per job waiting, up to a bound."""

    async def one_job() -> tuple[str, list[str]]:
        name = await asyncio.to_thread(lambda: threading.current_thread().name)
        return name, workers()

    assert workers() == []
    loop = event_loop(qapp)
    try:
        name, during = loop.run_until_complete(one_job())
    finally:
        loop.close()  # shuts the executor down: its thread ends
    assert name.startswith("genstudio-worker")
    assert during == [name]
    assert workers() == []
    assert WORKER_THREADS >= 4  # the keyring, the sweep and copies can wait side by side
