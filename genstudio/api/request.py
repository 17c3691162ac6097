"""The generation request and the JSON body it becomes."""

from __future__ import annotations

import base64
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from genstudio.api.kinds import Scope
from genstudio.i18n import translate
from genstudio.record_base import FrozenRecord

DEFAULT_MAX_IMAGE_BYTES = 10 * 1024 * 1024


class InvalidRequestError(ValueError):
    """The request cannot be sent as it is; the message says what to change."""


@dataclass(frozen=True, repr=False, eq=False)
class WireField(FrozenRecord):
    """How one of the form's fields goes into the body for a given model: under which
    name (``ratio`` for ``aspect_ratio``) and whether as a JSON string (``"10"``)."""

    name: str
    as_string: bool = False


@dataclass(frozen=True, repr=False, eq=False)
class GenerationRequest(FrozenRecord):
    """What the user asked for. ``None`` / empty means "not set": left out of the body."""

    scope: Scope
    prompt: str
    model: str
    duration: int | None = None
    aspect_ratio: str | None = None
    size: str | None = None
    resolution: str | None = None
    images: tuple[str, ...] = ()
    videos: tuple[str, ...] = ()
    watermark: bool | None = None
    extra: Mapping[str, Any] = field(default_factory=dict)
    # What the user calls each reference image ("beach.png"), in ``images`` order, for
    # the details pane: kept in the history, never sent (a data: URL has no name).
    image_names: tuple[str, ...] = field(default=(), compare=False)
    # Per field, the model's own name and JSON type (from the model catalog); a field
    # not listed goes out under its own name, as the form holds it.
    wire: Mapping[str, WireField] = field(default_factory=dict)

    def image_label(self, index: int) -> str | None:
        """The user's name for reference image ``index``, if the form knew one."""
        return self.image_names[index] if index < len(self.image_names) else None

    def validate(self) -> None:
        """Raise :class:`InvalidRequestError` with a sentence for the first problem."""
        if not self.prompt.strip():
            raise InvalidRequestError(
                translate(
                    "Messages",
                    "The prompt is empty: describe what you want to make.",
                )
            )
        if not self.model.strip():
            raise InvalidRequestError(
                translate(
                    "Messages",
                    "No model is chosen: pick or type the provider's model name, for example veo3.",
                )
            )
        if self.duration is not None and self.duration <= 0:
            raise InvalidRequestError(
                translate(
                    "Messages",
                    "The duration must be a positive number of seconds.",
                )
            )
        for image in self.images:
            check_image_reference(image)
        for video in self.videos:
            if not is_http_url(video):
                raise InvalidRequestError(
                    translate(
                        "Messages",
                        "Reference videos must be http(s) links; {link} is not one.",
                    ).format(link=_short(video))
                )

    def to_body(self) -> dict[str, Any]:
        """The JSON body: unset fields left out, extras merged last (they win)."""
        body: dict[str, Any] = {"prompt": self.prompt, "model": self.model}
        fields: dict[str, Any] = {
            "duration": self.duration,
            "aspect_ratio": self.aspect_ratio or None,
            "size": self.size or None,
            "resolution": self.resolution or None,
        }
        for name, value in fields.items():
            if value is None:
                continue
            wire = self.wire.get(name)
            if wire is None:
                body[name] = value
            else:
                body[wire.name] = str(value) if wire.as_string else value
        if self.images:
            body["images"] = list(self.images)
        if self.videos:
            body["videos"] = list(self.videos)
        if self.watermark is not None:
            body["watermark"] = self.watermark
        body.update(self.extra)
        return body

    def to_json_dict(self) -> dict[str, Any]:
        """Everything needed to rebuild this request (for the history and sidecars)."""
        return {
            "scope": self.scope.value,
            "prompt": self.prompt,
            "model": self.model,
            "duration": self.duration,
            "aspect_ratio": self.aspect_ratio,
            "size": self.size,
            "resolution": self.resolution,
            "images": list(self.images),
            "videos": list(self.videos),
            "watermark": self.watermark,
            "extra": dict(self.extra),
            "image_names": list(self.image_names),
            "wire": {
                name: {"name": w.name, "as_string": w.as_string} for name, w in self.wire.items()
            },
        }

    @classmethod
    def from_json_dict(cls, data: Mapping[str, Any]) -> GenerationRequest:
        """Inverse of :meth:`to_json_dict`; tolerant of missing keys."""
        duration = data.get("duration")
        watermark = data.get("watermark")
        extra = data.get("extra")
        return cls(
            scope=_scope_of(data.get("scope", "images")),
            prompt=str(data.get("prompt", "")),
            model=str(data.get("model", "")),
            duration=int(duration) if isinstance(duration, int | float) else None,
            aspect_ratio=_opt_str(data.get("aspect_ratio")),
            size=_opt_str(data.get("size")),
            resolution=_opt_str(data.get("resolution")),
            images=tuple(str(x) for x in data.get("images") or ()),
            videos=tuple(str(x) for x in data.get("videos") or ()),
            watermark=watermark if isinstance(watermark, bool) else None,
            extra=dict(extra) if isinstance(extra, Mapping) else {},
            image_names=tuple(str(x) for x in data.get("image_names") or ()),
            wire=_wire_of(data.get("wire")),
        )


def _wire_of(data: object) -> dict[str, WireField]:
    if not isinstance(data, Mapping):
        return {}
    wire = {}
    for name, item in data.items():
        if isinstance(name, str) and isinstance(item, Mapping):
            wire_name = item.get("name")
            if isinstance(wire_name, str) and wire_name:
                wire[name] = WireField(wire_name, item.get("as_string") is True)
    return wire


def parse_extra_value(text: str) -> Any:
    """An extra field's value: JSON when it parses (``42``, ``true``, ``"10"``), else text."""
    try:
        return json.loads(text)
    except ValueError:
        return text


def check_extra_key(key: str) -> None:
    if not key.strip():
        raise InvalidRequestError(
            translate(
                "Messages",
                "An extra parameter has no name: type its field name.",
            )
        )
    if key.strip() != key or any(ch.isspace() for ch in key):
        raise InvalidRequestError(
            translate(
                "Messages",
                "The parameter name {key!r} contains spaces; field names have none.",
            ).format(key=key)
        )


_SCOPES = {scope.value: scope for scope in Scope}


def _scope_of(value: object) -> Scope:
    if isinstance(value, str):
        known = _SCOPES.get(value)
        if known is not None:
            return known
    return Scope.parse(str(value))


def _opt_str(value: object) -> str | None:
    return value if isinstance(value, str) and value else None


def _short(text: str, limit: int = 60) -> str:
    return repr(text if len(text) <= limit else text[: limit - 1] + "…")


_BASE64_RE = re.compile(r"^[A-Za-z0-9+/_\-\s]+={0,2}\s*$")


def is_http_url(text: str) -> bool:
    parts = urlsplit(text.strip())
    return parts.scheme in ("http", "https") and bool(parts.netloc)


def _unreadable(path: Path, exc: OSError) -> InvalidRequestError:
    return InvalidRequestError(
        translate("Messages", "Cannot read {path}: {problem}.").format(
            path=path, problem=exc.strerror or exc
        )
    )


def check_image_reference(value: str) -> None:
    """An image reference is an http(s) URL, a data: URL or bare base64."""
    text = value.strip()
    if not text:
        raise InvalidRequestError(
            translate(
                "Messages",
                "A reference image is empty: remove it or give a link.",
            )
        )
    if is_http_url(text):
        return
    if text.startswith("data:"):
        header, _, payload = text.partition(",")
        if not header.endswith(";base64") or not payload:
            raise InvalidRequestError(
                translate(
                    "Messages",
                    "A reference image data: URL must be base64-encoded "
                    "(data:image/png;base64,...).",
                )
            )
        return
    if "://" in text:
        raise InvalidRequestError(
            translate(
                "Messages",
                "Reference images must be http(s) links or image data; {link} is neither.",
            ).format(link=_short(text))
        )
    if len(text) < 16 or not _BASE64_RE.match(text):
        raise InvalidRequestError(
            translate(
                "Messages",
                "{link} is not a link or base64 image data: give an http(s) link or a local file.",
            ).format(link=_short(text))
        )


def image_file_to_data_url(path: Path, max_bytes: int = DEFAULT_MAX_IMAGE_BYTES) -> str:
    """Read a local image and return it as ``data:<mime>;base64,...``.

    Refuses files over ``max_bytes`` before reading them, and files that are not images.
    """
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise _unreadable(path, exc) from exc
    if not path.is_file():
        raise InvalidRequestError(
            translate(
                "Messages",
                "{path} is not a file.",
            ).format(path=path)
        )
    if size > max_bytes:
        raise InvalidRequestError(
            translate(
                "Messages",
                "{name} is {size:.1f} MB, over the {limit:.0f} MB limit for "
                "reference images: make it smaller or give a link to it instead.",
            ).format(name=path.name, size=size / 1e6, limit=max_bytes / 1e6)
        )
    import mimetypes  # reads the system's type tables: for a file given, not at the start

    mime, _ = mimetypes.guess_type(path.name)
    if not mime or not mime.startswith("image/"):
        raise InvalidRequestError(
            translate(
                "Messages",
                "{name} does not look like an image (png, jpeg, webp…).",
            ).format(name=path.name)
        )
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise _unreadable(path, exc) from exc
    return f"data:{mime};base64,{base64.b64encode(data).decode('ascii')}"
