"""Thumbnails of saved outputs as icons, shared by the gallery and the task list.

An icon is asked for when a tile or row is first drawn; it is made in a worker thread
(``ThumbnailMaker``) and announced with ``ready``, so a long history costs nothing until
it is scrolled into sight, and the same file is never decoded twice.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QIcon, QImage, QPixmap

from genstudio.api.snapshot import Scope
from genstudio.tasks.background import BackgroundTasks
from genstudio.ui.tasklist.thumbnails import ThumbnailMaker


class ThumbnailIcons(QObject):
    ready = Signal(str)  # the saved path whose icon is now known

    def __init__(
        self,
        maker: ThumbnailMaker | None,
        background: BackgroundTasks | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._maker = maker
        self._background = background or BackgroundTasks()
        self._icons: dict[str, QIcon] = {}
        self._requested: set[str] = set()

    def icon(self, path: str, scope: Scope) -> QIcon | None:
        """The icon if made; else ``None``, and it is made (once) in the background."""
        icon = self._icons.get(path)
        if icon is None and self._maker is not None and path not in self._requested:
            self._requested.add(path)
            self._background.start(self._make(path, scope), "thumbnail")
        return icon

    def has(self, path: str) -> bool:
        return path in self._icons

    async def _make(self, path: str, scope: Scope) -> None:
        assert self._maker is not None
        try:
            image: QImage = await self._maker.make(Path(path), scope)
        except (OSError, RuntimeError):  # file gone, or the app is closing
            return
        self._icons[path] = QIcon(QPixmap.fromImage(image))
        self.ready.emit(path)
