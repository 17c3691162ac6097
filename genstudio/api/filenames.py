"""Safe file names for saved outputs: nothing that escapes a folder or upsets a file system."""

from __future__ import annotations

import re
import unicodedata
from pathlib import PurePosixPath
from urllib.parse import unquote, urlsplit

from genstudio.api.kinds import Scope

_WINDOWS_RESERVED = {
    "CON",
    "PRN",
    "AUX",
    "NUL",
    *(f"COM{i}" for i in range(1, 10)),
    *(f"LPT{i}" for i in range(1, 10)),
}
_UNSAFE = re.compile(r"[^\w\-.]+", re.UNICODE)
_MAX_NAME_BYTES = 180  # well under the 255-byte limit of common file systems

# What a saved output may be called, per kind: a server-chosen name never makes an output
# a script (.sh, .exe, .desktop, ...). Anything else gets the kind's default.
ALLOWED_EXTENSIONS: dict[Scope, tuple[str, ...]] = {
    Scope.IMAGES: (".png", ".jpg", ".webp", ".gif"),
    Scope.VIDEOS: (".mp4", ".webm", ".mov"),
    Scope.AUDIO: (".mp3", ".wav", ".m4a", ".flac", ".ogg"),
}
DEFAULT_EXTENSION = {scope: allowed[0] for scope, allowed in ALLOWED_EXTENSIONS.items()}

# Media types to extensions (mimetypes gives odd or platform-dependent answers).
_EXTENSIONS = {
    "image/jpeg": ".jpg",
    "image/jpg": ".jpg",
    "image/pjpeg": ".jpg",
    "image/png": ".png",
    "image/webp": ".webp",
    "image/gif": ".gif",
    "video/mp4": ".mp4",
    "video/webm": ".webm",
    "video/quicktime": ".mov",
    "audio/mpeg": ".mp3",
    "audio/mp3": ".mp3",
    "audio/wav": ".wav",
    "audio/x-wav": ".wav",
    "audio/wave": ".wav",
    "audio/vnd.wave": ".wav",
    "audio/ogg": ".ogg",
    "audio/flac": ".flac",
    "audio/x-flac": ".flac",
    "audio/mp4": ".m4a",
    "audio/x-m4a": ".m4a",
}
_SAME = {".jpeg": ".jpg", ".jpe": ".jpg", ".qt": ".mov", ".oga": ".ogg"}


def safe_filename_part(text: str, max_bytes: int = _MAX_NAME_BYTES) -> str:
    """Reduce ``text`` to letters, digits, ``-``, ``_`` and ``.``, never empty or hidden."""
    text = unicodedata.normalize("NFC", text)
    text = "".join(ch for ch in text if unicodedata.category(ch)[0] != "C")
    text = _UNSAFE.sub("-", text)
    text = re.sub(r"-{2,}", "-", text).strip("-._ ")
    encoded = text.encode("utf-8")[:max_bytes]
    text = encoded.decode("utf-8", errors="ignore").strip("-._ ")
    if not text:
        return "output"
    if text.split(".")[0].upper() in _WINDOWS_RESERVED:
        text = f"_{text}"
    return text


def extension_for(content_type: str | None, url: str, kind: Scope) -> str:
    """``.png`` etc.: from the Content-Type, else from the URL's path, when the kind
    allows it; else the kind's default."""
    allowed = ALLOWED_EXTENSIONS[kind]
    if content_type:
        mime = content_type.split(";")[0].strip().lower()
        ext = _EXTENSIONS.get(mime)
        if ext in allowed:
            return ext
    suffix = PurePosixPath(unquote(urlsplit(url).path)).suffix.lower()
    suffix = _SAME.get(suffix, suffix)
    if suffix in allowed:
        return suffix
    return DEFAULT_EXTENSION[kind]


_MARKUP_RE = re.compile(r"\[\[[^\]]*\]\]")


def output_stem(
    *, date: str, model: str | None, prompt: str | None, fallback: str, index: int
) -> str:
    """``<date>_<model>_<few words of the prompt>_<n>``, every part made safe."""
    words = " ".join(_MARKUP_RE.sub(" ", prompt or "").split()[:6])
    parts = [safe_filename_part(date, 20)]
    if model:
        parts.append(safe_filename_part(model, 40))
    parts.append(
        safe_filename_part(words, 60) if words.strip() else safe_filename_part(fallback, 60)
    )
    parts.append(str(index))
    return "_".join(parts)
