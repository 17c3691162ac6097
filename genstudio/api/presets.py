"""Common values per scope, for the form's choices (from the providers' documentation)."""

from __future__ import annotations

from genstudio.api.kinds import Scope

MODELS: dict[Scope, tuple[str, ...]] = {
    Scope.IMAGES: ("gpt-image-1", "flux-pro", "flux-dev", "flux-schnell", "seedream-3"),
    Scope.VIDEOS: (
        "veo3",
        "veo3-fast",
        "veo3.1",
        "sora-2",
        "sora-2-pro",
        "grok-video-3",
        "wan2.5-t2v-preview",
        "wan2.5-i2v-preview",
        "seedance-1-pro",
        "seedance-1-lite",
    ),
    Scope.AUDIO: ("suno-v4", "suno-v3.5", "minimax-tts"),
}

ASPECT_RATIOS = ("16:9", "9:16", "1:1", "4:3", "3:4", "2:3", "3:2", "21:9")
SIZES = ("1024x1024", "1536x1024", "1024x1536", "1280x720", "720x1280", "1920x1080")
RESOLUTIONS = ("480P", "720P", "1080P", "4K")
DURATIONS: dict[Scope, tuple[int, ...]] = {
    Scope.VIDEOS: (4, 5, 6, 8, 10, 12, 15),
    Scope.AUDIO: (15, 30, 60, 120, 240),
    Scope.IMAGES: (),
}

# Which optional fields the form shows for each scope; any other can go in the extras.
FIELDS: dict[Scope, frozenset[str]] = {
    Scope.IMAGES: frozenset({"aspect_ratio", "size", "images"}),
    Scope.VIDEOS: frozenset({"duration", "aspect_ratio", "resolution", "images", "videos"}),
    Scope.AUDIO: frozenset({"duration"}),
}
PROMPT_LIMIT = 4000  # characters; the usual most among these providers (per model later)
