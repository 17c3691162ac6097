"""Real media for the simulator: PNG drawn with the prompt, WAV tones, shipped MP4 clips.

Standard library only, so the simulator runs without Qt or numpy.
"""

from __future__ import annotations

import array
import hashlib
import io
import json
import math
import re
import struct
import sys
import textwrap
import wave
import zlib
from functools import cache, lru_cache
from pathlib import Path

from genstudio.resources import resource_path

MAX_SIDE = 4096
DEFAULT_LONG_SIDE = 1024
_RATIO_RE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*[:x/]\s*(\d+(?:\.\d+)?)\s*$")
_SIZE_RE = re.compile(r"^\s*(\d{1,5})\s*[x×*]\s*(\d{1,5})\s*$", re.IGNORECASE)


def image_size(
    size: object, aspect_ratio: object, long_side: int = DEFAULT_LONG_SIDE
) -> tuple[int, int]:
    """Pixel size from ``size`` ("1280x720") or ``aspect_ratio`` ("16:9"), else square."""
    if isinstance(size, str) and (m := _SIZE_RE.match(size)):
        w, h = int(m.group(1)), int(m.group(2))
        if w > 0 and h > 0:
            return min(w, MAX_SIDE), min(h, MAX_SIDE)
    if isinstance(aspect_ratio, str) and (m := _RATIO_RE.match(aspect_ratio)):
        rw, rh = float(m.group(1)), float(m.group(2))
        if rw > 0 and rh > 0:
            if rw >= rh:
                return long_side, max(16, round(long_side * rh / rw))
            return max(16, round(long_side * rw / rh)), long_side
    return long_side, long_side


@cache
def _font() -> tuple[int, int, dict[str, list[int]]]:
    data = json.loads(resource_path("sim", "font.json").read_text())
    return int(data["width"]), int(data["height"]), data["glyphs"]


def _colour(seed: bytes, index: int) -> tuple[int, int, int]:
    r, g, b = seed[index * 3 : index * 3 + 3]
    return 40 + r // 2, 40 + g // 2, 60 + b // 2


def render_png(text: str, width: int, height: int) -> bytes:
    """A gradient with diagonal stripes and ``text`` drawn on it, as PNG bytes."""
    seed = hashlib.sha256(text.encode("utf-8", "replace")).digest()
    top, bottom = _colour(seed, 0), _colour(seed, 1)
    period = 48
    rows: list[bytearray] = []
    for y in range(height):
        t = y / max(1, height - 1)
        base = [round(a + (b - a) * t) for a, b in zip(top, bottom, strict=True)]
        light = bytes(min(255, c + 28) for c in base)
        tile = bytes(base) * (period // 2) + light * (period // 2)
        offset = (y % period) * 3
        line = tile * (width // period + 2)
        rows.append(bytearray(line[offset : offset + width * 3]))
    _draw_text(rows, text, width, height)
    raw = b"".join(b"\x00" + bytes(row) for row in rows)
    return _png_chunks(width, height, zlib.compress(raw, 1))  # level 1: twice as fast


def _draw_text(rows: list[bytearray], text: str, width: int, height: int) -> None:
    gw, gh, glyphs = _font()
    scale = max(1, min(width, height) // 200)
    columns = max(8, (width - 4 * gw * scale) // (gw * scale))
    lines = textwrap.wrap(text.encode("ascii", "replace").decode(), columns)[:8] or ["(empty)"]
    total_h = len(lines) * gh * scale
    y0 = max(0, (height - total_h) // 2)
    ink = b"\xff\xff\xff"
    for li, line in enumerate(lines):
        x0 = max(0, (width - len(line) * gw * scale) // 2)
        for ci, ch in enumerate(line):
            bitmap = glyphs.get(ch) or glyphs["?"]
            gx = x0 + ci * gw * scale
            for gy, mask in enumerate(bitmap):
                if not mask:
                    continue
                for bit in range(gw):
                    if not mask & (1 << (gw - 1 - bit)):
                        continue
                    px = gx + bit * scale
                    if px + scale > width:
                        continue
                    block = ink * scale
                    for dy in range(scale):
                        py = y0 + (li * gh + gy) * scale + dy
                        if py < height:
                            rows[py][px * 3 : (px + scale) * 3] = block


def _png_chunks(width: int, height: int, compressed: bytes) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data))
            + kind
            + data
            + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
        )

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)  # 8-bit RGB
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", compressed)
        + chunk(b"IEND", b"")
    )


# A pentatonic phrase per variant, so the two outputs of a music task differ audibly.
_MELODIES = ((0, 2, 4, 7, 9, 7, 4, 2), (9, 7, 4, 2, 0, 2, 4, 7))


@lru_cache(maxsize=16)
def render_wav(seconds: float, variant: int = 0, rate: int = 22050) -> bytes:
    """A short mono 16-bit melody with soft note edges."""
    seconds = max(0.5, min(seconds, 60.0))
    total = int(seconds * rate)
    melody = _MELODIES[variant % len(_MELODIES)]
    note_len = max(1, int(rate * 0.25))
    samples = array.array("h", bytes(2 * total))
    fade = max(1, note_len // 10)
    for start in range(0, total, note_len):
        step = melody[(start // note_len) % len(melody)]
        freq = 261.63 * 2 ** (step / 12)
        omega = 2 * math.pi * freq / rate
        end = min(total, start + note_len)
        for i in range(start, end):
            k = i - start
            envelope = min(1.0, k / fade, (end - i) / fade)
            samples[i] = int(9000 * envelope * math.sin(omega * k))
    if sys.byteorder != "little":
        samples.byteswap()
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(rate)
        out.writeframes(samples.tobytes())
    return buffer.getvalue()


def clip_for(aspect_ratio: object, size: object) -> Path:
    """The shipped MP4 whose shape is nearest to the requested one."""
    w, h = image_size(size, aspect_ratio)
    ratio = w / h
    name = "16x9" if ratio > 1.2 else "9x16" if ratio < 0.83 else "1x1"
    return resource_path("sim", f"clip_{name}.mp4")
