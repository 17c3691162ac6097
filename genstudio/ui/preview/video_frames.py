"""One frame from a video file, for its gallery thumbnail.

A single QMediaPlayer (no audio output: silent) feeds a QVideoSink; videos are
taken one at a time. Decoding runs in FFmpeg's threads and the frame is handed
back as a ``QVideoFrame``, so turning it into an image can happen on a worker thread.
"""

from __future__ import annotations

import asyncio
import logging
from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtMultimedia import QMediaPlayer, QVideoFrame, QVideoSink

from genstudio.ui.preview.player_control import queue_call, url_arg

log = logging.getLogger(__name__)

FRAME_AT_MS = 1000  # past a fade-in, but no further than a tenth of the clip


class VideoFrameGrabber:
    def __init__(self, timeout: float = 8.0) -> None:
        self.timeout = timeout
        self._player: QMediaPlayer | None = None
        self._sink: QVideoSink | None = None
        self._lock = asyncio.Lock()

    async def grab(self, path: Path) -> QVideoFrame | None:
        """A frame of ``path``, or None when it cannot be decoded in time."""
        async with self._lock:
            if self._player is None:
                self._player = QMediaPlayer()  # loads the FFmpeg backend: 12 ms
                self._sink = QVideoSink()
                self._player.setVideoSink(self._sink)
                await asyncio.sleep(0)  # a turn of the loop before the first source
            player, sink = self._player, self._sink
            assert sink is not None
            got: asyncio.Future[QVideoFrame | None] = asyncio.get_running_loop().create_future()
            started = False

            def on_status(status: QMediaPlayer.MediaStatus) -> None:
                nonlocal started
                if status is QMediaPlayer.MediaStatus.LoadedMedia and not started:
                    started = True
                    player.setPosition(min(FRAME_AT_MS, max(0, player.duration() // 10)))
                    queue_call(player, "play")
                elif status is QMediaPlayer.MediaStatus.InvalidMedia and not got.done():
                    got.set_result(None)

            def on_frame(frame: QVideoFrame) -> None:
                if frame.isValid() and not got.done():
                    got.set_result(QVideoFrame(frame))

            def on_error(_error: QMediaPlayer.Error, text: str) -> None:
                log.info("no frame from %s: %s", path.name, text)
                if not got.done():
                    got.set_result(None)

            player.mediaStatusChanged.connect(on_status)
            player.errorOccurred.connect(on_error)
            sink.videoFrameChanged.connect(on_frame)
            try:
                queue_call(player, "setSource", url_arg(QUrl.fromLocalFile(str(path))))
                return await asyncio.wait_for(got, self.timeout)
            except TimeoutError:
                log.info("no frame from %s within %.0f s", path.name, self.timeout)
                return None
            finally:
                player.mediaStatusChanged.disconnect(on_status)
                player.errorOccurred.disconnect(on_error)
                sink.videoFrameChanged.disconnect(on_frame)
                queue_call(player, "stop")
                queue_call(player, "setSource", url_arg(QUrl()))

    def close(self) -> None:
        if self._player is not None:
            queue_call(self._player, "stop")
            queue_call(self._player, "setSource", url_arg(QUrl()))
            self._player.deleteLater()  # posted after the calls above, so it runs last
            self._player = None
        if self._sink is not None:
            self._sink.deleteLater()
            self._sink = None
