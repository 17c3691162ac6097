"""Thumbnails of saved outputs as icons, shared by the gallery and the task list.

An icon is asked for when a tile or row is first drawn; it is made in a worker thread
(``ThumbnailMaker``) and announced with ``ready``, so a long history costs nothing until
it is scrolled into sight. The last few hundred are kept; one dropped is read again from
the thumbnail cache on disk, not decoded again.
"""

from __future__ import annotations

from collections import OrderedDict
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QIcon, QImage, QPixmap

from genstudio.api.snapshot import Scope
from genstudio.tasks.background import BackgroundTasks
from genstudio.ui.tasklist.thumbnails import ThumbnailMaker

ICONS_KEPT = 600  # a few screens of the gallery (each icon up to 140 px square)


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
        # The icons used last, a few hundred: scrolling through 100,000 jobs must not
        # keep a picture of each (an icon dropped is read again from the disk cache).
        self._icons: OrderedDict[str, QIcon] = OrderedDict()
        self._requested: set[str] = set()

    def icon(self, path: str, scope: Scope) -> QIcon | None:
        """The icon if made; else ``None``, and it is made (once) in the background."""
        icon = self._icons.get(path)
        if icon is not None:
            self._icons.move_to_end(path)
        elif self._maker is not None and path not in self._requested:
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
        self._requested.discard(path)
        while len(self._icons) > ICONS_KEPT:
            self._icons.popitem(last=False)
        self.ready.emit(path)
