"""Waveform peaks: the right shape, bounded work, off the GUI thread, words when unreadable."""

from __future__ import annotations

import io
import math
import struct
import threading
import wave
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from genstudio.sim.media import render_wav
from genstudio.ui.preview import multimedia, peaks, waveform_loader
from genstudio.ui.preview.peaks import Waveform, wav_peaks
from genstudio.ui.preview.waveform_loader import WaveformLoader

RATE = 22050


def loud_then_silent(path: Path, seconds: float = 2.0) -> Path:
    """The simulator's melody for the first half, silence for the second."""
    with wave.open(io.BytesIO(render_wav(seconds / 2, rate=RATE)), "rb") as melody:
        frames = melody.readframes(melody.getnframes())
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(RATE)
        out.writeframes(frames + bytes(len(frames)))
    return path


def float_wav(path: Path, rate: int = 8000, seconds: float = 2.0) -> Path:
    """32-bit float samples (format 3), which the standard library's wave refuses."""
    total = int(rate * seconds)
    data = b"".join(
        struct.pack("<f", 0.8 * math.sin(i * 0.3) if i < total // 2 else 0.0) for i in range(total)
    )
    fmt = struct.pack("<HHIIHH", 3, 1, rate, rate * 4, 4, 32)
    body = b"WAVE" + b"fmt " + struct.pack("<I", len(fmt)) + fmt
    body += b"data" + struct.pack("<I", len(data)) + data
    path.write_bytes(b"RIFF" + struct.pack("<I", len(body)) + body)
    return path


def assert_loud_then_silent(waveform: Waveform, loud: float) -> None:
    half = len(waveform.peaks) // 2
    first, second = waveform.peaks[: half - 2], waveform.peaks[half + 2 :]
    highs = sorted(high for _low, high in first)
    assert highs[len(highs) // 2] > loud * 0.7  # most of the first half is loud
    assert max(high for _low, high in first) == pytest.approx(loud, abs=0.02)
    assert min(low for low, _high in first) == pytest.approx(-loud, abs=0.02)
    assert all(abs(low) < 0.01 and abs(high) < 0.01 for low, high in second)


def test_a_loud_half_and_a_silent_half(tmp_path: Path) -> None:
    waveform = wav_peaks(loud_then_silent(tmp_path / "a.wav"))
    assert waveform is not None
    assert len(waveform.peaks) == peaks.BUCKETS
    assert waveform.seconds == pytest.approx(2.0, abs=0.01)
    assert not waveform.cut_short
    assert_loud_then_silent(waveform, 9000 / 32768)  # render_wav's amplitude


def test_long_files_are_sampled_sparsely_with_the_same_shape(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(peaks, "SAMPLE_BUDGET", 5000)
    monkeypatch.setattr(peaks, "CHUNK_FRAMES", 1000)  # many chunks: strides cross them
    waveform = wav_peaks(loud_then_silent(tmp_path / "a.wav"))
    assert waveform is not None
    half = len(waveform.peaks) // 2
    assert max(high for _low, high in waveform.peaks[:half]) > 0.2
    assert max(high for _low, high in waveform.peaks[half + 2 :]) < 0.01


def test_reading_stops_at_the_cap(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(peaks, "MAX_SECONDS", 1)
    path = loud_then_silent(tmp_path / "a.wav", seconds=4.0)
    read: list[int] = []
    real = wave.Wave_read.readframes

    def counting(self: wave.Wave_read, n: int) -> bytes:
        read.append(n)
        return real(self, n)

    monkeypatch.setattr(wave.Wave_read, "readframes", counting)
    waveform = wav_peaks(path)
    assert waveform is not None
    assert waveform.seconds == pytest.approx(1.0)
    assert waveform.cut_short
    assert sum(read) == RATE  # not a frame more than the first second
    assert max(read) <= peaks.CHUNK_FRAMES  # a chunk at a time


@pytest.mark.parametrize(("width", "silence", "loud"), [(1, 128, 255), (3, 0, 2**23 - 1)])
def test_other_sample_widths(tmp_path: Path, width: int, silence: int, loud: int) -> None:
    path = tmp_path / "w.wav"
    with wave.open(str(path), "wb") as out:
        out.setnchannels(2)
        out.setsampwidth(width)
        out.setframerate(8000)
        for value in (loud, silence):
            sample = value.to_bytes(width, "little", signed=width > 1)
            out.writeframes(sample * 2 * 8000)
    waveform = wav_peaks(path)
    assert waveform is not None
    assert waveform.peaks[0][1] == pytest.approx(1.0, abs=0.01)
    assert waveform.peaks[-1] == pytest.approx((0.0, 0.0), abs=0.01)


# -- the loader: worker threads and the decoder ---------------------------------------------


@pytest.fixture
def loader(qtbot: QtBot) -> Iterator[WaveformLoader]:
    made = WaveformLoader()
    yield made
    made.cancel()
    assert made.wait(5000)


def spy_threads(monkeypatch: pytest.MonkeyPatch, name: str) -> list[int]:
    """Records the thread every call of ``peaks.<name>`` runs on."""
    threads: list[int] = []
    real = getattr(peaks, name)

    def spy(*args: Any, **kwargs: Any) -> Any:
        threads.append(threading.get_ident())
        return real(*args, **kwargs)

    monkeypatch.setattr(peaks, name, spy)
    return threads


def test_a_wav_is_read_on_a_worker_thread(
    loader: WaveformLoader, qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    threads = spy_threads(monkeypatch, "wav_peaks")
    with qtbot.waitSignal(loader.ready, timeout=5000) as got:
        loader.load(loud_then_silent(tmp_path / "a.wav"))
    assert threads and threading.get_ident() not in threads
    assert_loud_then_silent(got.args[0], 9000 / 32768)


def test_other_formats_go_through_the_decoder_reduced_on_a_worker(
    loader: WaveformLoader, qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    threads = spy_threads(monkeypatch, "typed_samples")
    with qtbot.waitSignal(loader.ready, timeout=10000) as got:
        loader.load(float_wav(tmp_path / "f.wav"))
    waveform: Waveform = got.args[0]
    assert waveform.seconds == pytest.approx(2.0, abs=0.1)
    assert threads and threading.get_ident() not in threads
    assert_loud_then_silent(waveform, 0.8)


@pytest.mark.parametrize("content", [b"\x00\x01 this is not music" * 50, b"", None])
def test_an_unreadable_file_gives_a_sentence(
    loader: WaveformLoader, qtbot: QtBot, tmp_path: Path, content: bytes | None
) -> None:
    path = tmp_path / "broken.mp3"
    if content is not None:  # None: the file is gone
        path.write_bytes(content)
    with qtbot.waitSignal(loader.failed, timeout=10000) as got:
        loader.load(path)
    assert got.args[0] == waveform_loader.unreadable_sentence()
    assert "could not be read" in got.args[0]


def test_without_multimedia_a_non_wav_gives_the_sentence(
    loader: WaveformLoader, qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(multimedia, "available", lambda: False)
    with qtbot.waitSignal(loader.failed, timeout=5000):
        loader.load(float_wav(tmp_path / "f.wav"))


def test_a_newer_load_silences_the_older(
    loader: WaveformLoader, qtbot: QtBot, tmp_path: Path
) -> None:
    answers: list[Waveform] = []
    loader.ready.connect(answers.append)
    loader.load(float_wav(tmp_path / "f.wav"))  # the slower, decoder path
    with qtbot.waitSignal(loader.ready, timeout=5000):
        loader.load(loud_then_silent(tmp_path / "a.wav", seconds=3.0))
    assert loader.wait(5000)
    qtbot.waitUntil(lambda: len(answers) == 1)
    assert answers[0].seconds == pytest.approx(3.0, abs=0.01)
    loader.load(loud_then_silent(tmp_path / "b.wav"))
    loader.cancel()
    assert loader.wait(5000)
    assert len(answers) == 1  # a cancelled load says nothing
