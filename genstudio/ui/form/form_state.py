"""The form's values, kept per kind: Video's duration never leaks into Audio.

Plain data, no Qt, so it can be saved to the settings file and read back whatever
an older version (or a hand edit) left there.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass, field
from typing import Any

from genstudio.api.kinds import Scope
from genstudio.record_base import Record


def _opt_str(value: object) -> str | None:
    if isinstance(value, str | int | float) and not isinstance(value, bool):
        text = str(value).strip()
        return text or None
    return None


@dataclass(repr=False, eq=False)
class KindValues(Record):
    """What one kind's form holds. References and extras stay for this run only: they can
    be big, and an extra forgotten for weeks could change a paid job."""

    model: str = ""
    duration: str | None = None
    aspect_ratio: str | None = None
    size: str | None = None
    resolution: str | None = None
    watermark: bool = False
    images: tuple[str, ...] = ()
    image_names: tuple[str, ...] = ()
    videos: tuple[str, ...] = ()
    extra: dict[str, Any] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {
            "model": self.model,
            "duration": self.duration,
            "aspect_ratio": self.aspect_ratio,
            "size": self.size,
            "resolution": self.resolution,
            "watermark": self.watermark,
        }

    @classmethod
    def from_json(cls, data: object) -> KindValues:
        if not isinstance(data, dict):
            return cls()
        model = data.get("model")
        return cls(
            model=model.strip() if isinstance(model, str) else "",
            duration=_opt_str(data.get("duration")),
            aspect_ratio=_opt_str(data.get("aspect_ratio")),
            size=_opt_str(data.get("size")),
            resolution=_opt_str(data.get("resolution")),
            watermark=data.get("watermark") is True,
        )


@dataclass(repr=False, eq=False)
class FormState(Record):
    """The kind shown, the prompt (shared: one writes it, then picks the kind) and each
    kind's own values."""

    scope: Scope = Scope.IMAGES
    prompt: str = ""
    kinds: dict[Scope, KindValues] = field(
        default_factory=lambda: {scope: KindValues() for scope in Scope}
    )

    def to_json(self) -> dict[str, Any]:
        return {
            "scope": self.scope.value,
            "prompt": self.prompt,
            "kinds": {scope.value: values.to_json() for scope, values in self.kinds.items()},
        }

    @classmethod
    def from_json(cls, data: object) -> FormState:
        """Tolerant: the old flat format applies to its kind; anything else is ignored."""
        state = cls()
        if not isinstance(data, dict):
            return state
        with contextlib.suppress(ValueError):  # an unknown kind: keep the first
            state.scope = Scope.parse(str(data.get("scope", "images")))
        prompt = data.get("prompt")
        state.prompt = prompt if isinstance(prompt, str) else ""
        kinds = data.get("kinds")
        if isinstance(kinds, dict):
            for scope in Scope:
                state.kinds[scope] = KindValues.from_json(kinds.get(scope.value))
        else:  # before per-kind values: one set, for the kind that was shown
            state.kinds[state.scope] = KindValues.from_json(data)
        return state
