"""The API's two enumerations: what a job makes (its URL scope) and the status words a
server answers with, read tolerantly. Apart from the snapshot, so that the window, which
names them everywhere, is built without the parsing (the first paint waits on it)."""

from __future__ import annotations

import enum


class Scope(enum.StrEnum):
    """The three kinds of generation, as they appear in the URL path."""

    IMAGES = "images"
    VIDEOS = "videos"
    AUDIO = "audio"

    @classmethod
    def parse(cls, text: str) -> Scope:
        """Accept the scope in any case, singular or plural ("image", "Videos")."""
        key = text.strip().lower()
        aliases = {"image": "images", "video": "videos", "music": "audio", "sound": "audio"}
        key = aliases.get(key, key)
        try:
            return cls(key)
        except ValueError:
            raise ValueError(f"Unknown kind {text!r}: use images, videos or audio.") from None


class TaskStatus(enum.StrEnum):
    NOT_START = "NOT_START"
    SUBMITTED = "SUBMITTED"
    QUEUED = "QUEUED"
    IN_PROGRESS = "IN_PROGRESS"
    SUCCESS = "SUCCESS"
    FAILURE = "FAILURE"
    UNKNOWN = "UNKNOWN"

    @classmethod
    def parse(cls, value: object) -> TaskStatus:
        if not isinstance(value, str):
            return cls.UNKNOWN
        key = value.strip().upper().replace(" ", "_").replace("-", "_")
        key = _STATUS_ALIASES.get(key, key)
        try:
            return cls(key)
        except ValueError:
            return cls.UNKNOWN


# Spellings seen from gateways that wrap other upstreams.
_STATUS_ALIASES = {
    "NOT_STARTED": "NOT_START",
    "PENDING": "QUEUED",
    "PROCESSING": "IN_PROGRESS",
    "RUNNING": "IN_PROGRESS",
    "SUCCEEDED": "SUCCESS",
    "SUCCESSFUL": "SUCCESS",
    "COMPLETED": "SUCCESS",
    "FAILED": "FAILURE",
    "FAIL": "FAILURE",
    "ERROR": "FAILURE",
}
