"""Thumbnails of saved outputs as icons, shared by the gallery and the task list.

An icon is asked for when a tile or row is first drawn; it is made in a worker thread
(``ThumbnailMaker``) and announced with ``ready``, so a long history costs nothing until
it is scrolled into sight. The newest requests are made first (what is on the screen
now) and only the last ``WAITING_KEPT`` wait: a fast scroll through 100,000 jobs leaves
no backlog of rows long gone. The last ``ICONS_KEPT`` icons are kept, at the gallery's
size; one dropped is read again from the thumbnail cache on disk, not decoded again.
"""

from __future__ import annotations

from collections import OrderedDict
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QIcon, QPixmap

from genstudio.ui.tasklist.thumbnail_maker import ICON_SIZE

if TYPE_CHECKING:
    from PySide6.QtGui import QImage

    from genstudio.api.kinds import Scope
    from genstudio.tasks.background import BackgroundTasks
    from genstudio.ui.tasklist.thumbnail_maker import ThumbnailMaker

ICONS_KEPT = 240  # six screens of a full-screen gallery, about 19 MB at 140 px
WAITING_KEPT = 120  # requests not started yet; older ones are forgotten (asked again if seen)
MAKING_AT_ONCE = 2  # the maker's worker threads


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
        if background is None:
            from genstudio.tasks.background import BackgroundTasks

            background = BackgroundTasks()
        self._background = background
        # The icons used last, a few hundred: scrolling through 100,000 jobs must not
        # keep a picture of each (an icon dropped is read again from the disk cache).
        self._icons: OrderedDict[str, QIcon] = OrderedDict()
        self._waiting: OrderedDict[str, Scope] = OrderedDict()  # newest last
        self._making: set[str] = set()

    @property
    def _requested(self) -> set[str]:
        """Paths asked for and not made yet (waiting or being made)."""
        return set(self._waiting) | self._making

    def icon(self, path: str, scope: Scope) -> QIcon | None:
        """The icon if made; else ``None``, and it is made (once) in the background."""
        icon = self._icons.get(path)
        if icon is not None:
            self._icons.move_to_end(path)
        elif self._maker is not None and path not in self._making:
            self._waiting[path] = scope
            self._waiting.move_to_end(path)
            while len(self._waiting) > WAITING_KEPT:
                self._waiting.popitem(last=False)
            self._start_next()
        return icon

    def has(self, path: str) -> bool:
        return path in self._icons

    def _start_next(self) -> None:
        while self._waiting and len(self._making) < MAKING_AT_ONCE:
            path, scope = self._waiting.popitem(last=True)
            self._making.add(path)
            self._background.start(self._make(path, scope), "thumbnail")

    async def _make(self, path: str, scope: Scope) -> None:
        assert self._maker is not None
        image: QImage | None = None
        try:
            image = await self._maker.make(Path(path), scope, ICON_SIZE)
        except (OSError, RuntimeError):  # file gone, or the app is closing
            pass
        finally:  # cancelled (closing): nothing more is started
            self._making.discard(path)
        if image is not None:
            self._icons[path] = QIcon(QPixmap.fromImage(image))
            while len(self._icons) > ICONS_KEPT:
                self._icons.popitem(last=False)
            self.ready.emit(path)
        self._start_next()
