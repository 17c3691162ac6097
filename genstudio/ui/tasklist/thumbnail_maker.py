"""The maker of thumbnails: :mod:`~genstudio.ui.tasklist.thumbnails`' drawing run in two
worker threads, video frames from one media player on the GUI thread.

The window makes one before its first paint; the drawing (QtGui's image, font and
reader classes, QtMultimedia's check) loads with the first thumbnail: 1.5-2 ms of the
start with an empty history.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from genstudio.api.kinds import Scope

if TYPE_CHECKING:
    from asyncio import Future
    from concurrent.futures import ThreadPoolExecutor
    from pathlib import Path

    from PySide6.QtGui import QImage

    from genstudio.ui.preview.video_frames import VideoFrameGrabber

ICON_SIZE = 140  # as kept in memory: the gallery's icon size (the list's is smaller)


class ThumbnailMaker:
    """Runs :func:`~genstudio.ui.tasklist.thumbnails.make_thumbnail` in two worker
    threads; video frames come from one media player on the GUI thread (decoded in
    FFmpeg's threads)."""

    def __init__(self, cache: Path) -> None:
        self.cache = cache
        self._pool: ThreadPoolExecutor | None = None  # made with the first thumbnail
        # Without QtMultimedia, videos get the placeholder, not cached: a frame can be
        # had once the missing library is installed. QtMultimedia loads with the first
        # video tile, not with the window.
        self._frames: VideoFrameGrabber | None = None
        self._frames_made: Future[VideoFrameGrabber | None] | None = None

    def _grabber(self) -> Future[VideoFrameGrabber | None]:
        """The grabber, made once for every video tile that asks (None without
        QtMultimedia)."""
        if self._frames_made is None:
            import asyncio

            self._frames_made = asyncio.ensure_future(self._make_grabber())
        return self._frames_made

    async def _make_grabber(self) -> VideoFrameGrabber | None:
        """QtMultimedia's import (12-20 ms) and its player (12 ms, made by the first grab)
        in turns of their own: the window paints and answers between them. Together,
        with a paint, they froze it for 45 ms once a first video row came into view."""
        import asyncio

        from genstudio.ui.preview import multimedia

        if not multimedia.available():
            return None
        await asyncio.sleep(0)
        from genstudio.ui.preview.video_frames import VideoFrameGrabber

        self._frames = VideoFrameGrabber()
        return self._frames

    def _workers(self) -> ThreadPoolExecutor:
        if self._pool is None:
            from concurrent.futures import ThreadPoolExecutor

            self._pool = ThreadPoolExecutor(max_workers=2, thread_name_prefix="thumbnails")
        return self._pool

    async def make(self, path: Path, scope: Scope, size: int | None = None) -> QImage:
        """The thumbnail, scaled to fit ``size`` when that is smaller than the size
        made and cached on disk (``thumbnails.SIZE``, the default)."""
        import asyncio

        from genstudio.ui.tasklist import thumbnails

        image = await self._make(path, scope)
        if size is None or size >= thumbnails.SIZE:
            return image
        return await asyncio.get_running_loop().run_in_executor(
            self._workers(), thumbnails.fit, image, size
        )

    async def _make(self, path: Path, scope: Scope) -> QImage:
        import asyncio

        from genstudio.ui.tasklist.thumbnails import cached_thumbnail, make_thumbnail

        loop = asyncio.get_running_loop()
        frame = None
        if scope is Scope.VIDEOS:
            cached = await loop.run_in_executor(
                self._workers(), cached_thumbnail, path, scope, self.cache
            )
            if cached is not None:
                return cached
            frames = await self._grabber()
            if frames is None:
                return await loop.run_in_executor(
                    self._workers(), make_thumbnail, path, scope, self.cache, None, False
                )
            frame = await frames.grab(path)
        return await loop.run_in_executor(
            self._workers(), make_thumbnail, path, scope, self.cache, frame
        )

    def shutdown(self) -> None:
        if self._frames is not None:
            self._frames.close()
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
