"""The inline previewer: the selected task's images, video or audio, right in the window.

It plays the saved local copy when there is one, else streams from the output URL.
Music shows as a waveform (``waveform_view``, computed by ``waveform_loader``) whose
playhead follows the player. When media cannot be loaded it says so in words, with the
player's error, and offers to open the file with the system's player or the link in a
browser.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Qt, QThreadPool, QUrl, Signal
from PySide6.QtGui import QCloseEvent, QDesktopServices, QIcon, QImage, QPixmap
from PySide6.QtNetwork import QNetworkAccessManager, QNetworkReply, QNetworkRequest
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from genstudio.api.kinds import Scope
from genstudio.printable import printable
from genstudio.tasks.states import FileState, TaskState
from genstudio.ui.elided_label import ElidedLabel
from genstudio.ui.preview import multimedia
from genstudio.ui.preview.empty_preview import nothing_selected
from genstudio.ui.preview.image_view import STRIP_ICON, DecodedImages, ImageDecodeJob, ImageView
from genstudio.ui.preview.player_control import queue_call, url_arg
from genstudio.ui.preview.player_controls import PlayerControls
from genstudio.ui.preview.waveform_loader import WaveformLoader
from genstudio.ui.preview.waveform_view import WaveformView
from genstudio.ui.tasklist.status_text import state_words

if TYPE_CHECKING:
    from PySide6.QtMultimedia import QAudioOutput, QMediaPlayer

    from genstudio.tasks.record import TaskRecord
    from genstudio.ui.preview.peaks import Waveform


def sources_of(record: TaskRecord) -> list[tuple[QUrl, str]]:
    """(what to load, the original link) per output: the local copy when saved."""
    saved = {f.url: f.path for f in record.files if f.state is FileState.SAVED and f.path}
    result = []
    for url in record.outputs:
        local = saved.get(url)
        result.append((QUrl.fromLocalFile(local) if local else QUrl(url), url))
    return result


class MediaPreview(QWidget):
    loaded = Signal()  # media ready (image shown, or player loaded)

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        sound_device: Callable[[], bool] = multimedia.sound_output_present,
    ) -> None:
        """``sound_device`` says whether there is a sound output (tests pass their own)."""
        super().__init__(parent)
        self._record: TaskRecord | None = None
        self._sources: list[tuple[QUrl, str]] = []
        self._current = 0
        # Made when a remote image is first shown: no credentials, outputs are elsewhere.
        self._network: QNetworkAccessManager | None = None
        self._reply: QNetworkReply | None = None
        # Its own pool, a child of this widget: deleting the widget waits for a decode
        # in flight instead of letting it signal a deleted object.
        self._decoder = QThreadPool(self)
        self._decoder.setMaxThreadCount(1)
        self._decoded = DecodedImages(self)
        self._decoded.done.connect(self._image_decoded)
        self._decode_number = 0
        self._decode_problem = ""
        self._waveforms = WaveformLoader(self)
        self._waveforms.ready.connect(self._waveform_ready)
        self._waveforms.failed.connect(self._waveform_failed)
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
        # QtMultimedia (and FFmpeg) load when a video or a tune is first played, not with
        # the window; without them (a library missing) the player page is never shown.
        self.player: QMediaPlayer | None = None
        self.audio: QAudioOutput | None = None
        self._player_tried = False
        self.video = QWidget()  # the QVideoWidget takes its place with the player
        player_layout.addWidget(self.video, 1)
        self._player_layout = player_layout
        self.audio_label = ElidedLabel()  # the file's name, above its waveform
        self.audio_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        # A long file name must not widen the pane (and the window past a laptop's screen).
        self.audio_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        player_layout.addWidget(self.audio_label)
        self.waveform = WaveformView()
        player_layout.addWidget(self.waveform, 1)
        self.controls = PlayerControls(sound_device)
        player_layout.addWidget(self.controls)
        # The controls stay reachable under their old names.
        self.play_button, self.seek = self.controls.play_button, self.controls.seek
        self.time_label, self.silent_note = self.controls.time_label, self.controls.silent_note
        self.mute, self.volume = self.controls.mute, self.controls.volume
        self.loop = self.controls.loop
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

        self.open_system.clicked.connect(self._open_system)
        self.open_browser.clicked.connect(self._open_browser)
        self.show_record(None)

    def _ensure_player(self) -> QMediaPlayer | None:
        """The player, made on first use; None when QtMultimedia cannot play here."""
        if not self._player_tried:
            self._player_tried = True
            if multimedia.available():
                self._make_player()
        return self.player

    def _make_player(self) -> None:
        from PySide6.QtMultimedia import QAudioOutput, QMediaPlayer
        from PySide6.QtMultimediaWidgets import QVideoWidget

        video = QVideoWidget()
        self._player_layout.replaceWidget(self.video, video)
        self.video.deleteLater()
        self.video = video
        player = self.player = QMediaPlayer(self)
        # Without an audio output, audio never reaches its end, even with no sound
        # device to hear it on: it stays attached either way.
        self.audio = QAudioOutput(self)
        player.setAudioOutput(self.audio)
        player.setVideoOutput(video)
        player.mediaStatusChanged.connect(self._status)
        player.errorOccurred.connect(self._player_error)
        player.durationChanged.connect(self.waveform.set_duration)
        player.positionChanged.connect(self.waveform.set_position)
        # Queued, like every other call into the player (see player_control).
        self.waveform.seek_requested.connect(player.setPosition, Qt.ConnectionType.QueuedConnection)
        self.controls.attach(player, self.audio)

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
            self._say(nothing_selected())
            return
        if record.state is not TaskState.DONE:
            self._stop()
            if record.state is TaskState.FAILED:
                self._say(self.tr("Failed: %1").replace("%1", printable(record.fail_reason or "")))
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
        self._drop_waveform()
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
            self._drop_waveform()
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
        if self._network is None:
            self._network = QNetworkAccessManager(self)
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
        self._decoder.start(ImageDecodeJob(self._decode_number, source, self._decoded))

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
        player = self._ensure_player()
        if player is None:
            self._fail(multimedia.missing_sentence())
            return
        self.video.setVisible(video)
        self.audio_label.setVisible(not video)
        self.waveform.setVisible(not video)
        self.audio_label.setText(f"♪ {Path(source.path()).name}")
        self.audio_label.setToolTip(Path(source.path()).name)
        self._drop_waveform()
        if not video:
            self._draw_waveform(source)
        self.pages.setCurrentIndex(2)
        queue_call(player, "setSource", url_arg(source))

    def toggle_play(self) -> None:
        self.controls.toggle_play()

    # -- waveforms ----------------------------------------------------------------------------

    def _draw_waveform(self, source: QUrl) -> None:
        if source.isLocalFile():
            self.waveform.set_sentence(self.tr("Drawing the waveform…"))
            self._waveforms.load(Path(source.toLocalFile()))
        else:
            self.waveform.set_sentence(self.tr("The waveform will show once the file is saved."))

    def _drop_waveform(self) -> None:
        self._waveforms.cancel()
        self.waveform.clear()

    def _waveform_ready(self, waveform: Waveform) -> None:
        self.waveform.set_waveform(waveform)

    def _waveform_failed(self, sentence: str) -> None:
        self.waveform.set_sentence(sentence)

    def release_media(self) -> None:
        """Stop playing and let go of the file before the widget goes: a player
        deleted while its decoder threads run can crash in FFmpeg."""
        self._decode_number += 1
        self._waveforms.cancel()
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
