"""The controls under a video or a waveform: seek bar, play, time, mute, volume, loop.

When the computer has no sound output (a server, a virtual machine, the test runs) a
note says the sound plays silently, so a counting clock with no sound is not a mystery.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QSlider,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from genstudio.ui.preview.player_control import queue_call

if TYPE_CHECKING:
    from PySide6.QtMultimedia import QAudioOutput, QMediaPlayer


def clock(ms: int) -> str:
    seconds = max(0, ms) // 1000
    return f"{seconds // 60}:{seconds % 60:02d}"


class PlayerControls(QWidget):
    # Its words keep the previewer's context, where they were first translated.

    def __init__(self, sound_device: Callable[[], bool], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._sound_device = sound_device
        self._player: QMediaPlayer | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.play_button = QToolButton()
        self.play_button.setText("▶")
        self.play_button.setAccessibleName(
            QCoreApplication.translate("MediaPreview", "Play or pause")
        )
        self.play_button.setShortcut(Qt.Key.Key_Space)
        self.seek = QSlider(Qt.Orientation.Horizontal)
        self.seek.setAccessibleName(QCoreApplication.translate("MediaPreview", "Position"))
        self.time_label = QLabel("0:00 / 0:00")
        self.silent_note = QLabel(
            QCoreApplication.translate("MediaPreview", "No sound device — playing silently")
        )
        self.silent_note.setWordWrap(True)
        self.silent_note.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.silent_note.hide()
        self.mute = QToolButton()
        self.mute.setText(QCoreApplication.translate("MediaPreview", "Mute"))
        self.mute.setCheckable(True)
        self.mute.setAccessibleName(QCoreApplication.translate("MediaPreview", "Mute"))
        self.volume = QSlider(Qt.Orientation.Horizontal)
        self.volume.setRange(0, 100)
        self.volume.setValue(80)
        self.volume.setMaximumWidth(80)
        self.volume.setAccessibleName(QCoreApplication.translate("MediaPreview", "Volume"))
        self.loop = QCheckBox(QCoreApplication.translate("MediaPreview", "Loop"))
        # The seek bar gets a row of its own: beside the buttons a narrow pane left it
        # a few pixels wide.
        layout.addWidget(self.seek)
        transport = QHBoxLayout()
        transport.addWidget(self.play_button)
        transport.addWidget(self.time_label)
        transport.addStretch(1)
        for control in (self.mute, self.volume, self.loop):
            transport.addWidget(control)
        layout.addLayout(transport)
        # Under the buttons, not between them: there a laptop's pane left it two letters
        # a line ("No so…").
        layout.addWidget(self.silent_note)

    def attach(self, player: QMediaPlayer, audio: QAudioOutput) -> None:
        from PySide6.QtMultimedia import QMediaPlayer

        self._player = player
        audio.setVolume(self.volume.value() / 100)
        player.durationChanged.connect(self._duration)
        player.positionChanged.connect(self._position)
        player.playbackStateChanged.connect(self._playback)
        player.hasAudioChanged.connect(self._update_silent_note)
        self.play_button.clicked.connect(self.toggle_play)
        self.seek.sliderMoved.connect(player.setPosition)
        self.volume.valueChanged.connect(lambda v: audio.setVolume(v / 100))
        self.mute.toggled.connect(audio.setMuted)
        self.loop.toggled.connect(
            lambda on: player.setLoops(QMediaPlayer.Loops.Infinite if on else 1)
        )

    def toggle_play(self) -> None:
        if self._player is None:
            return
        from PySide6.QtMultimedia import QMediaPlayer

        if self._player.playbackState() == QMediaPlayer.PlaybackState.PlayingState:
            queue_call(self._player, "pause")
        else:
            queue_call(self._player, "play")

    # These are connected only when there is a player.
    def _duration(self, ms: int) -> None:
        assert self._player is not None
        self.seek.setRange(0, ms)
        self.time_label.setText(f"{clock(self._player.position())} / {clock(ms)}")

    def _position(self, ms: int) -> None:
        assert self._player is not None
        if not self.seek.isSliderDown():
            self.seek.setValue(ms)
        self.time_label.setText(f"{clock(ms)} / {clock(self._player.duration())}")

    def _playback(self, state: QMediaPlayer.PlaybackState) -> None:
        from PySide6.QtMultimedia import QMediaPlayer

        playing = state == QMediaPlayer.PlaybackState.PlayingState
        self.play_button.setText("❚❚" if playing else "▶")
        self._update_silent_note()

    def _update_silent_note(self) -> None:
        """Shown while something with sound plays and there is nowhere to hear it."""
        from PySide6.QtMultimedia import QMediaPlayer

        player = self._player
        assert player is not None
        playing = player.playbackState() == QMediaPlayer.PlaybackState.PlayingState
        # The device is asked each time: headphones may have been plugged in meanwhile.
        self.silent_note.setVisible(playing and player.hasAudio() and not self._sound_device())
