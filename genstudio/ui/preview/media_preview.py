"""The inline previewer: the selected task's images, video or audio, right in the window.

It plays the saved local copy when there is one, else streams from the output URL.
When media cannot be loaded it says so in words, with the player's error, and offers
to open the file with the system's player or the link in a browser.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QObject,
    QRunnable,
    QSize,
    Qt,
    QThreadPool,
    QUrl,
    Signal,
)
from PySide6.QtGui import (
    QCloseEvent,
    QDesktopServices,
    QIcon,
    QImage,
    QPixmap,
    QResizeEvent,
    QWheelEvent,
)
from PySide6.QtNetwork import QNetworkAccessManager, QNetworkReply, QNetworkRequest
from PySide6.QtWidgets import (
    QCheckBox,
    QGraphicsPixmapItem,
    QGraphicsScene,
    QGraphicsView,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSlider,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from genstudio.api.snapshot import Scope
from genstudio.tasks.record import FileState, TaskRecord, TaskState
from genstudio.ui.preview import multimedia
from genstudio.ui.preview.player_control import queue_call, url_arg
from genstudio.ui.tasklist.status_text import state_words

if TYPE_CHECKING:
    from PySide6.QtMultimedia import QAudioOutput, QMediaPlayer


def sources_of(record: TaskRecord) -> list[tuple[QUrl, str]]:
    """(what to load, the original link) per output: the local copy when saved."""
    saved = {f.url: f.path for f in record.files if f.state is FileState.SAVED and f.path}
    result = []
    for url in record.outputs:
        local = saved.get(url)
        result.append((QUrl.fromLocalFile(local) if local else QUrl(url), url))
    return result


def _time(ms: int) -> str:
    seconds = max(0, ms) // 1000
    return f"{seconds // 60}:{seconds % 60:02d}"


class ImageView(QGraphicsView):
    """Fit to the pane by default; the wheel zooms, dragging pans."""

    def __init__(self) -> None:
        super().__init__()
        self.setScene(QGraphicsScene(self))
        self._item = QGraphicsPixmapItem()
        self._item.setTransformationMode(Qt.TransformationMode.SmoothTransformation)
        self.scene().addItem(self._item)
        self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.fit = True

    def set_image(self, image: QImage) -> None:
        self._item.setPixmap(QPixmap.fromImage(image))
        self.scene().setSceneRect(self._item.boundingRect())
        self.fit_to_pane()

    def fit_to_pane(self) -> None:
        self.fit = True
        self.fitInView(self._item, Qt.AspectRatioMode.KeepAspectRatio)

    def actual_size(self) -> None:
        self.fit = False
        self.resetTransform()

    def zoom_factor(self) -> float:
        return self.transform().m11()

    def wheelEvent(self, event: QWheelEvent) -> None:
        self.fit = False
        factor = 1.25 if event.angleDelta().y() > 0 else 0.8
        self.scale(factor, factor)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self.fit:
            self.fit_to_pane()


STRIP_ICON = 56


class _Decoded(QObject):
    done = Signal(int, QImage, QImage)  # request number, image, strip icon


class _DecodeJob(QRunnable):
    """Decode (and shrink for the strip) off the GUI thread: a 4-megapixel PNG takes
    tens of milliseconds, which would be a visible stutter."""

    def __init__(self, number: int, source: str | bytes, signals: _Decoded) -> None:
        super().__init__()
        self._number = number
        self._source = source
        self._signals = signals

    def run(self) -> None:
        if isinstance(self._source, str):
            image = QImage(self._source)
        else:
            image = QImage.fromData(self._source)
        icon = QImage()
        if not image.isNull():
            icon = image.scaled(
                STRIP_ICON,
                STRIP_ICON,
                Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.SmoothTransformation,
            )
        self._signals.done.emit(self._number, image, icon)


class MediaPreview(QWidget):
    loaded = Signal()  # media ready (image shown, or player loaded)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._record: TaskRecord | None = None
        self._sources: list[tuple[QUrl, str]] = []
        self._current = 0
        self._network = QNetworkAccessManager(self)  # no credentials: outputs are elsewhere
        self._reply: QNetworkReply | None = None
        # Its own pool, a child of this widget: deleting the widget waits for a decode
        # in flight instead of letting it signal a deleted object.
        self._decoder = QThreadPool(self)
        self._decoder.setMaxThreadCount(1)
        self._decoded = _Decoded(self)
        self._decoded.done.connect(self._image_decoded)
        self._decode_number = 0
        self._decode_problem = ""
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.pages = QStackedWidget()
        layout.addWidget(self.pages, 1)

        self.message = QLabel()
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setWordWrap(True)
        self.pages.addWidget(self.message)

        image_page = QWidget()
        image_layout = QVBoxLayout(image_page)
        image_layout.setContentsMargins(0, 0, 0, 0)
        self.image = ImageView()
        image_layout.addWidget(self.image, 1)
        zoom = QHBoxLayout()
        self.fit_button = QPushButton(self.tr("Fit"))
        self.fit_button.clicked.connect(self.image.fit_to_pane)
        self.actual_button = QPushButton("100 %")
        self.actual_button.clicked.connect(self.image.actual_size)
        zoom.addWidget(self.fit_button)
        zoom.addWidget(self.actual_button)
        zoom.addStretch(1)
        image_layout.addLayout(zoom)
        self.pages.addWidget(image_page)

        player_page = QWidget()
        player_layout = QVBoxLayout(player_page)
        player_layout.setContentsMargins(0, 0, 0, 0)
        # Without QtMultimedia (a library missing) the player page is never shown.
        self.player: QMediaPlayer | None = None
        self.audio: QAudioOutput | None = None
        self.video = QWidget()
        if multimedia.available():
            from PySide6.QtMultimediaWidgets import QVideoWidget

            self.video = QVideoWidget()
        player_layout.addWidget(self.video, 1)
        self.audio_label = QLabel()
        self.audio_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.audio_label.setWordWrap(True)
        player_layout.addWidget(self.audio_label, 1)
        transport = QHBoxLayout()
        self.play_button = QToolButton()
        self.play_button.setText("▶")
        self.play_button.setAccessibleName(self.tr("Play or pause"))
        self.play_button.setShortcut(Qt.Key.Key_Space)
        self.seek = QSlider(Qt.Orientation.Horizontal)
        self.seek.setAccessibleName(self.tr("Position"))
        self.time_label = QLabel("0:00 / 0:00")
        self.mute = QToolButton()
        self.mute.setText(self.tr("Mute"))
        self.mute.setCheckable(True)
        self.mute.setAccessibleName(self.tr("Mute"))
        self.volume = QSlider(Qt.Orientation.Horizontal)
        self.volume.setRange(0, 100)
        self.volume.setValue(80)
        self.volume.setMaximumWidth(80)
        self.volume.setAccessibleName(self.tr("Volume"))
        self.loop = QCheckBox(self.tr("Loop"))
        # The seek bar gets a row of its own: beside the buttons a narrow pane left it
        # a few pixels wide.
        player_layout.addWidget(self.seek)
        transport.addWidget(self.play_button)
        transport.addWidget(self.time_label)
        transport.addStretch(1)
        for control in (self.mute, self.volume, self.loop):
            transport.addWidget(control)
        player_layout.addLayout(transport)
        self.pages.addWidget(player_page)

        error_page = QWidget()
        error_layout = QVBoxLayout(error_page)
        self.error_text = QLabel()
        self.error_text.setWordWrap(True)
        self.error_text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        error_layout.addStretch(1)
        error_layout.addWidget(self.error_text)
        buttons = QHBoxLayout()
        self.open_system = QPushButton(self.tr("Open with system player"))
        self.open_browser = QPushButton(self.tr("Open link in browser"))
        buttons.addStretch(1)
        buttons.addWidget(self.open_system)
        buttons.addWidget(self.open_browser)
        buttons.addStretch(1)
        error_layout.addLayout(buttons)
        error_layout.addStretch(1)
        self.pages.addWidget(error_page)

        self.strip = QListWidget()
        self.strip.setViewMode(QListWidget.ViewMode.IconMode)
        self.strip.setFlow(QListWidget.Flow.LeftToRight)
        self.strip.setIconSize(QSize(STRIP_ICON, STRIP_ICON))
        self.strip.setFixedHeight(84)
        self.strip.setAccessibleName(self.tr("Outputs of this task"))
        self.strip.currentRowChanged.connect(self._pick)
        layout.addWidget(self.strip)

        if multimedia.available():
            self._make_player()
        self.open_system.clicked.connect(self._open_system)
        self.open_browser.clicked.connect(self._open_browser)
        self.show_record(None)

    def _make_player(self) -> None:
        from PySide6.QtMultimedia import QAudioOutput, QMediaPlayer
        from PySide6.QtMultimediaWidgets import QVideoWidget

        player = self.player = QMediaPlayer(self)
        # Without an audio output, audio never reaches its end (and cannot be heard).
        audio = self.audio = QAudioOutput(self)
        audio.setVolume(0.8)
        player.setAudioOutput(self.audio)
        assert isinstance(self.video, QVideoWidget)
        player.setVideoOutput(self.video)
        player.durationChanged.connect(self._duration)
        player.positionChanged.connect(self._position)
        player.mediaStatusChanged.connect(self._status)
        player.errorOccurred.connect(self._player_error)
        player.playbackStateChanged.connect(self._playback)
        self.play_button.clicked.connect(self.toggle_play)
        self.seek.sliderMoved.connect(player.setPosition)
        self.volume.valueChanged.connect(lambda v: audio.setVolume(v / 100))
        self.mute.toggled.connect(audio.setMuted)
        self.loop.toggled.connect(
            lambda on: player.setLoops(QMediaPlayer.Loops.Infinite if on else 1)
        )

    # -- what to show ------------------------------------------------------------------------

    def show_record(self, record: TaskRecord | None) -> None:
        same = (
            record is not None
            and self._record is not None
            and record.id == self._record.id
            and sources_of(record) == self._sources
        )
        self._record = record
        if record is None:
            self._stop()
            self._say(self.tr("Select a task to preview its result."))
            return
        if record.state is not TaskState.DONE:
            self._stop()
            if record.state is TaskState.FAILED:
                self._say(self.tr("Failed: %1").replace("%1", record.fail_reason or ""))
            else:
                progress = f" · {record.progress:.0f}%" if record.progress is not None else ""
                self._say(state_words(record.state) + progress)
            return
        if same:
            return  # nothing new: keep playing
        self._sources = sources_of(record)
        self.strip.blockSignals(True)
        self.strip.clear()
        images = record.request.scope is Scope.IMAGES
        # Images pick by thumbnail; takes of music and clips by name.
        self.strip.setViewMode(
            QListWidget.ViewMode.IconMode if images else QListWidget.ViewMode.ListMode
        )
        self.strip.setFixedHeight(84 if images else 24 * min(3, len(self._sources)) + 6)
        # Takes are picked by number: the current one's file name shows above the
        # controls, and every name is in its tooltip.
        self.strip.setIconSize(QSize(STRIP_ICON, STRIP_ICON) if images else QSize(0, 0))
        take = self.tr("Take %1") if record.request.scope is Scope.AUDIO else self.tr("Clip %1")
        for index, (source, _link) in enumerate(self._sources):
            label = str(index + 1) if images else take.replace("%1", str(index + 1))
            item = QListWidgetItem(QIcon(), label)
            item.setToolTip(Path(source.path()).name)
            self.strip.addItem(item)
        self.strip.setCurrentRow(0)
        self.strip.blockSignals(False)
        self.strip.setVisible(len(self._sources) > 1)
        self._pick(0)

    def _say(self, text: str) -> None:
        self._decode_number += 1  # an image still decoding must not replace these words
        self.message.setText(text)
        self.pages.setCurrentWidget(self.message)
        self.strip.hide()
        self._sources = []

    def _pick(self, index: int) -> None:
        if not 0 <= index < len(self._sources) or self._record is None:
            return
        self._current = index
        self._decode_number += 1
        source, _link = self._sources[index]
        if self._record.request.scope is Scope.IMAGES:
            self._stop()
            self._show_image(source)
        else:
            self._play(source, video=self._record.request.scope is Scope.VIDEOS)

    # -- images -------------------------------------------------------------------------------

    def _show_image(self, source: QUrl) -> None:
        self._decode_number += 1  # whatever is still being decoded is no longer wanted
        if source.isLocalFile():
            self._decode(source.toLocalFile(), self.tr("The image file could not be read."))
            return
        self.message.setText(self.tr("Loading the image…"))
        self.pages.setCurrentWidget(self.message)
        if self._reply is not None:
            self._reply.abort()
        reply = self._network.get(QNetworkRequest(source))
        self._reply = reply

        def done() -> None:
            if reply is not self._reply:
                reply.deleteLater()
                return
            self._reply = None
            if reply.error() != QNetworkReply.NetworkError.NoError:
                self._fail(
                    self.tr("The image could not be downloaded: %1").replace(
                        "%1", reply.errorString()
                    )
                )
            else:
                self._decode(
                    bytes(reply.readAll().data()), self.tr("The image could not be decoded.")
                )
            reply.deleteLater()

        reply.finished.connect(done)

    def _decode(self, source: str | bytes, problem: str) -> None:
        self._decode_problem = problem
        self._decoder.start(_DecodeJob(self._decode_number, source, self._decoded))

    def _image_decoded(self, number: int, image: QImage, icon: QImage) -> None:
        if number != self._decode_number or self._record is None:
            return  # another output or task was picked meanwhile
        if image.isNull():
            self._fail(self._decode_problem)
            return
        self.pages.setCurrentIndex(1)
        self.image.set_image(image)
        item = self.strip.item(self._current)
        if item is not None:
            item.setIcon(QIcon(QPixmap.fromImage(icon)))
        self.loaded.emit()

    # -- video and audio ----------------------------------------------------------------------

    def _play(self, source: QUrl, video: bool) -> None:
        if self.player is None:
            self._fail(multimedia.missing_sentence())
            return
        self.video.setVisible(video)
        self.audio_label.setVisible(not video)
        name = Path(source.path()).name
        self.audio_label.setText(f"♪ {name}")
        self.pages.setCurrentIndex(2)
        queue_call(self.player, "setSource", url_arg(source))

    def toggle_play(self) -> None:
        if self.player is None:
            return
        from PySide6.QtMultimedia import QMediaPlayer

        if self.player.playbackState() == QMediaPlayer.PlaybackState.PlayingState:
            queue_call(self.player, "pause")
        else:
            queue_call(self.player, "play")

    def release_media(self) -> None:
        """Stop playing and let go of the file before the widget goes: a player
        deleted while its decoder threads run can crash in FFmpeg."""
        self._decode_number += 1
        self._stop()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.release_media()
        super().closeEvent(event)

    def _stop(self) -> None:
        if self._reply is not None:
            self._reply.abort()
            self._reply = None
        if self.player is not None:
            queue_call(self.player, "stop")
            queue_call(self.player, "setSource", url_arg(QUrl()))

    # These are connected only when there is a player.
    def _duration(self, ms: int) -> None:
        assert self.player is not None
        self.seek.setRange(0, ms)
        self.time_label.setText(f"{_time(self.player.position())} / {_time(ms)}")

    def _position(self, ms: int) -> None:
        assert self.player is not None
        if not self.seek.isSliderDown():
            self.seek.setValue(ms)
        self.time_label.setText(f"{_time(ms)} / {_time(self.player.duration())}")

    def _playback(self, state: QMediaPlayer.PlaybackState) -> None:
        from PySide6.QtMultimedia import QMediaPlayer

        playing = state == QMediaPlayer.PlaybackState.PlayingState
        self.play_button.setText("❚❚" if playing else "▶")

    def _status(self, status: QMediaPlayer.MediaStatus) -> None:
        from PySide6.QtMultimedia import QMediaPlayer

        assert self.player is not None
        if status == QMediaPlayer.MediaStatus.LoadedMedia:
            self.loaded.emit()
        elif status == QMediaPlayer.MediaStatus.InvalidMedia:
            self._fail(
                self.tr("This file cannot be played here: %1").replace(
                    "%1", self.player.errorString() or self.tr("unknown format")
                )
            )

    def _player_error(self, error: QMediaPlayer.Error, text: str) -> None:
        from PySide6.QtMultimedia import QMediaPlayer

        if error != QMediaPlayer.Error.NoError:
            self._fail(self.tr("This file cannot be played here: %1").replace("%1", text))

    # -- when it cannot be shown ----------------------------------------------------------------

    def _fail(self, text: str) -> None:
        self.error_text.setText(text)
        self.pages.setCurrentIndex(3)

    def error_shown(self) -> bool:
        return self.pages.currentIndex() == 3

    def _open_system(self) -> None:
        if 0 <= self._current < len(self._sources):
            QDesktopServices.openUrl(self._sources[self._current][0])

    def _open_browser(self) -> None:
        if 0 <= self._current < len(self._sources):
            QDesktopServices.openUrl(QUrl(self._sources[self._current][1]))
