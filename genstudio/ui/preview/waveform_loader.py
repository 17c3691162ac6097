"""Computing a sound file's waveform off the GUI thread.

WAV files (what the simulator makes) are read with the standard library entirely in a
worker. Anything else (mp3, m4a, ogg, flac from real providers) is decoded by
QtMultimedia's ``QAudioDecoder``, which hands its buffers over on the GUI thread: they
are only copied there, and reduced to peaks in the worker. The decoder is asked for
8 kHz mono, which is plenty for a picture and keeps the buffers small.
"""

from __future__ import annotations

import queue
import threading
import wave
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, QRunnable, QThreadPool, QUrl, Signal

from genstudio.ui.preview import multimedia, peaks
from genstudio.ui.preview.peaks import Waveform
from genstudio.ui.preview.player_control import queue_call

if TYPE_CHECKING:
    from PySide6.QtMultimedia import QAudioDecoder

_DECODED_RATE = 8000
_POLL_SECONDS = 0.1  # how often a waiting worker checks whether it was cancelled
_GIVE_UP_SECONDS = 10.0  # short: a widget deleted unreleased waits this long for its pool


def unreadable_sentence() -> str:
    return QCoreApplication.translate(
        "MediaPreview", "This sound file could not be read, so there is no waveform to show."
    )


@dataclass(frozen=True)
class _Piece:
    data: bytes
    kind: str  # an array typecode: "B", "h", "i" or "f"


@dataclass(frozen=True)
class _End:
    seconds: float
    cut_short: bool


class _Failed:
    pass


class _Signals(QObject):
    # Request number, then a Waveform, a sentence (str), or None: try the decoder.
    done = Signal(int, object)


class _WavJob(QRunnable):
    def __init__(self, number: int, path: Path, cancel: threading.Event, signals: _Signals):
        super().__init__()
        self._number, self._path, self._cancel, self._signals = number, path, cancel, signals

    def run(self) -> None:
        result: Waveform | str | None
        try:
            result = peaks.wav_peaks(self._path, self._cancel.is_set)
        except (wave.Error, EOFError):
            result = None  # not a WAV this module reads: the decoder may
        except OSError:
            result = unreadable_sentence()
        else:
            if result is None:
                return  # cancelled: nobody is waiting
        self._signals.done.emit(self._number, result)


class _StreamJob(QRunnable):
    """Reduces the decoder's pieces to peaks as they come, so only the pieces not yet
    reduced are ever in memory."""

    def __init__(
        self,
        number: int,
        pieces: queue.SimpleQueue[_Piece | _End | _Failed],
        cancel: threading.Event,
        signals: _Signals,
    ) -> None:
        super().__init__()
        self._number, self._pieces, self._cancel, self._signals = number, pieces, cancel, signals

    def run(self) -> None:
        accumulator = peaks.PeakAccumulator(_DECODED_RATE // 20)  # 50 ms blocks
        waited = 0.0
        while not self._cancel.is_set():
            try:
                piece = self._pieces.get(timeout=_POLL_SECONDS)
            except queue.Empty:
                waited += _POLL_SECONDS
                if waited > _GIVE_UP_SECONDS:  # a decoder that went quiet
                    self._signals.done.emit(self._number, unreadable_sentence())
                    return
                continue
            waited = 0.0
            if isinstance(piece, _Failed):
                self._signals.done.emit(self._number, unreadable_sentence())
                return
            if isinstance(piece, _End):
                found = accumulator.finish()
                result = Waveform(found, piece.seconds, piece.cut_short)
                self._signals.done.emit(self._number, result if found else unreadable_sentence())
                return
            accumulator.feed(*peaks.typed_samples(piece.data, piece.kind))


class _DecoderFeed(QObject):
    """One file through QAudioDecoder, its buffers copied into the worker's queue."""

    def __init__(
        self, path: Path, pieces: queue.SimpleQueue[_Piece | _End | _Failed], parent: QObject
    ) -> None:
        # A parent, so that dropping the Python reference never deletes the decoder
        # synchronously; stop() deletes it later, after a queued stop.
        super().__init__(parent)
        from PySide6.QtMultimedia import QAudioDecoder, QAudioFormat

        self._pieces = pieces
        self._ended = False
        self._stopped = False
        wanted = QAudioFormat()
        wanted.setSampleFormat(QAudioFormat.SampleFormat.Int16)
        wanted.setChannelCount(1)
        wanted.setSampleRate(_DECODED_RATE)
        self._decoder: QAudioDecoder = QAudioDecoder(self)
        self._decoder.setAudioFormat(wanted)
        self._decoder.setSource(QUrl.fromLocalFile(str(path)))
        self._decoder.bufferReady.connect(self._buffer)
        self._decoder.finished.connect(self._finished)
        self._decoder.error.connect(self._error)
        self._seconds = 0.0
        self._decoder.start()

    def _buffer(self) -> None:
        from PySide6.QtMultimedia import QAudioFormat

        buffer = self._decoder.read()
        if self._ended or not buffer.isValid():
            return
        kinds = {
            QAudioFormat.SampleFormat.UInt8: "B",
            QAudioFormat.SampleFormat.Int16: "h",
            QAudioFormat.SampleFormat.Int32: "i",
            QAudioFormat.SampleFormat.Float: "f",
        }
        kind = kinds.get(buffer.format().sampleFormat())
        if kind is None:
            self._end(_Failed())
            return
        self._pieces.put(_Piece(bytes(buffer.constData()), kind))
        self._seconds = (buffer.startTime() + buffer.duration()) / 1e6
        if self._seconds >= peaks.MAX_SECONDS:
            self._end(_End(self._seconds, cut_short=True))

    def _finished(self) -> None:
        self._end(_End(self._seconds, cut_short=False))

    def _error(self) -> None:
        self._end(_Failed())

    def _end(self, last: _End | _Failed) -> None:
        if not self._ended:
            self._ended = True
            self._pieces.put(last)
        self.stop()

    def stop(self) -> None:
        if self._stopped:
            return
        self._stopped = True
        # Queued, as for the players: a decoder stopped while holding the GIL may wait
        # on FFmpeg threads that need it.
        queue_call(self._decoder, "stop")
        self.deleteLater()  # posted after the stop, so it runs after it


class WaveformLoader(QObject):
    """``load(path)`` then one of ``ready(Waveform)`` or ``failed(sentence)``; a newer
    ``load`` or ``cancel`` silences the one before."""

    ready = Signal(object)  # a Waveform
    failed = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        # Its own pool, a child: deleting the loader waits for a job in flight.
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(2)  # a decoder's worker must not wait behind a WAV
        self._signals = _Signals(self)
        self._signals.done.connect(self._done)
        self._number = 0
        self._cancel = threading.Event()
        self._feed: _DecoderFeed | None = None
        self._path = Path()

    def load(self, path: Path) -> None:
        self.cancel()
        self._path = path
        self._pool.start(_WavJob(self._number, path, self._cancel, self._signals))

    def cancel(self) -> None:
        self._number += 1
        self._cancel.set()
        self._cancel = threading.Event()
        if self._feed is not None:
            self._feed.stop()
            self._feed = None

    def wait(self, msecs: int = -1) -> bool:
        """Wait for the workers (tests, and before the loader goes)."""
        return self._pool.waitForDone(msecs)

    def _done(self, number: int, result: Waveform | str | None) -> None:
        if number != self._number:
            return  # an older request's answer
        if isinstance(result, Waveform):
            self._feed = None
            self.ready.emit(result)
        elif isinstance(result, str):
            self._feed = None
            self.failed.emit(result)
        elif multimedia.available():
            pieces: queue.SimpleQueue[_Piece | _End | _Failed] = queue.SimpleQueue()
            self._pool.start(_StreamJob(self._number, pieces, self._cancel, self._signals))
            self._feed = _DecoderFeed(self._path, pieces, self)
        else:
            self.failed.emit(unreadable_sentence())
