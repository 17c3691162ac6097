"""A scenario for ``benchmarks.app_child``: what the real start had loaded when its
window was first painted, and whether the window had its service by its first job."""

from __future__ import annotations

import sys
from typing import Any

from PySide6.QtCore import QEvent, QObject

LATE = ("asyncio", "qasync", "ssl", "genstudio.tasks.service", "genstudio.tasks.store")
_seen: dict[str, Any] = {}


def on_show(window: Any, params: dict[str, Any]) -> None:
    class Watch(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint and "loaded" not in _seen:
                _seen["loaded"] = sorted(m for m in LATE if m in sys.modules)
                _seen["attached"] = window._service is not None
            return False

    window.installEventFilter(Watch(window))


async def scenario(window: Any, params: dict[str, Any]) -> dict[str, Any]:
    """Runs once the window's after-first-paint jobs do, on the app's loop."""
    return {**_seen, "attached_then": window._service is not None, "enabled": window.isEnabled()}
