"""The peaks of a sound, for its waveform: a few hundred (low, high) pairs.

Plain Python, no Qt: it runs on a worker thread. The work is bounded whatever the
file: at most ``MAX_SECONDS`` of sound are read, a chunk at a time, and at most about
``SAMPLE_BUDGET`` samples are looked at, so memory stays at one chunk and the time at
well under a second of arithmetic.
"""

from __future__ import annotations

import array
import math
import sys
import wave
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

BUCKETS = 400
MAX_SECONDS = 30 * 60
CHUNK_FRAMES = 1 << 16
# Past this many samples only every n-th one is looked at. A waveform a few hundred
# pixels wide cannot show what that skips, and min/max over this many takes ~0.3 s.
SAMPLE_BUDGET = 16_000_000
# Blocks of samples kept before the final merge: enough that the merge into BUCKETS
# stays even, few enough to be small (two floats each).
BLOCKS = BUCKETS * 4


@dataclass(frozen=True)
class Waveform:
    peaks: tuple[tuple[float, float], ...]  # (low, high) per bucket, within -1..1
    seconds: float  # how much of the sound the peaks cover
    cut_short: bool  # the sound goes on past what was read


class PeakAccumulator:
    """Low and high per block of ``block`` samples, merged into buckets at the end.

    Samples arrive in pieces of any size; a block may straddle two pieces.
    """

    def __init__(self, block: int) -> None:
        self._block = max(1, block)
        self._lows: array.array[float] = array.array("f")
        self._highs: array.array[float] = array.array("f")
        self._low = 0.0
        self._high = 0.0
        self._count = 0

    def feed(
        self, samples: array.array[int] | array.array[float], zero: float, scale: float
    ) -> None:
        """Add raw samples; ``(sample - zero) / scale`` is the sound within -1..1."""
        start, total = 0, len(samples)
        while start < total:
            take = min(self._block - self._count, total - start)
            part = samples[start : start + take]
            low, high = (min(part) - zero) / scale, (max(part) - zero) / scale
            if self._count == 0:
                self._low, self._high = low, high
            else:
                self._low, self._high = min(self._low, low), max(self._high, high)
            self._count += take
            start += take
            if self._count == self._block:
                self._close_block()

    def _close_block(self) -> None:
        self._lows.append(self._low)
        self._highs.append(self._high)
        self._count = 0

    def finish(self, buckets: int = BUCKETS) -> tuple[tuple[float, float], ...]:
        if self._count:
            self._close_block()
        blocks = len(self._lows)
        count = min(buckets, blocks)
        result = []
        for index in range(count):
            first, end = index * blocks // count, (index + 1) * blocks // count
            low = max(-1.0, min(self._lows[first:end]))
            high = min(1.0, max(self._highs[first:end]))
            result.append((low, high))
        return tuple(result)


def samples_of(data: bytes, width: int) -> tuple[array.array[int], float, float]:
    """Little-endian PCM ``data`` of ``width`` bytes per sample: (samples, zero, scale)."""
    if width == 1:  # unsigned, silence at 128
        return array.array("B", data), 128.0, 128.0
    if width == 2:
        samples = array.array("h", data)
        scale = 32768.0
    elif width == 3:
        # Widen to 32 bits (the low byte zero) with slicing, which runs in C.
        count = len(data) // 3
        wide = bytearray(count * 4)
        wide[1::4], wide[2::4], wide[3::4] = data[0 : count * 3 : 3], data[1::3], data[2::3]
        samples, scale = array.array("i", bytes(wide)), 2.0**31
    elif width == 4:
        samples, scale = array.array("i", data), 2.0**31
    else:
        raise wave.Error(f"unsupported sample width: {width}")
    if sys.byteorder != "little":
        samples.byteswap()
    return samples, 0.0, scale


_ZERO_AND_SCALE = {"B": (128.0, 128.0), "h": (0.0, 32768.0), "i": (0.0, 2.0**31), "f": (0.0, 1.0)}


def typed_samples(
    data: bytes, kind: str
) -> tuple[array.array[int] | array.array[float], float, float]:
    """Native-order samples of array typecode ``kind``: (samples, zero, scale)."""
    usable = len(data) - len(data) % array.array(kind).itemsize
    zero, scale = _ZERO_AND_SCALE[kind]
    return array.array(kind, data[:usable]), zero, scale


def wav_peaks(path: Path, stopped: Callable[[], bool] = lambda: False) -> Waveform | None:
    """The peaks of a PCM WAV file, or None when ``stopped`` said so first.

    Raises ``wave.Error`` or ``EOFError`` for what is not a PCM WAV (the caller may try
    another decoder) and ``OSError`` when the file cannot be read at all.
    """
    with wave.open(str(path), "rb") as sound:
        channels, width, rate = sound.getnchannels(), sound.getsampwidth(), sound.getframerate()
        if rate <= 0 or channels <= 0:
            raise wave.Error("no sample rate or channels")
        frames = sound.getnframes()
        wanted = min(frames, MAX_SECONDS * rate)
        stride = max(1, math.ceil(wanted * channels / SAMPLE_BUDGET))
        looked_at = math.ceil(wanted * channels / stride)
        peaks = PeakAccumulator(math.ceil(looked_at / BLOCKS))
        read = 0
        skip = 0  # where the next looked-at sample is in the next chunk
        while read < wanted:
            if stopped():
                return None
            data = sound.readframes(min(CHUNK_FRAMES, wanted - read))
            got = len(data) // (width * channels)
            if got == 0:
                break  # the header promised more than the file holds (cut short)
            samples, zero, scale = samples_of(data[: got * width * channels], width)
            picked = samples[skip::stride] if stride > 1 else samples
            skip = (skip - len(samples)) % stride
            peaks.feed(picked, zero, scale)
            read += got
    if read == 0:
        raise EOFError("no sound in the file")
    return Waveform(peaks.finish(), read / rate, cut_short=frames > read)
