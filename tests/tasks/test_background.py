"""Background work stops with the app: none outlives ``aclose``."""

from __future__ import annotations

import asyncio

from genstudio.tasks.background import BackgroundTasks


async def test_work_started_while_or_after_closing_never_runs() -> None:
    background = BackgroundTasks()
    ran: list[str] = []

    async def late() -> None:
        ran.append("late")

    async def cleanup_starts_more() -> None:
        try:
            await asyncio.sleep(3600)
        finally:  # a cancelled task's cleanup (or an event) asks for more work
            background.start(late(), "late")

    background.start(cleanup_starts_more(), "first")
    await asyncio.sleep(0)
    await background.aclose()
    after = background.start(late(), "after")
    await asyncio.sleep(0)
    await asyncio.sleep(0)  # its done callback
    assert ran == [] and after.cancelled() and len(background) == 0
