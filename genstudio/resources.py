"""Where the shipped resources are, installed or in a source checkout."""

from __future__ import annotations

from functools import cache
from pathlib import Path


@cache
def resources_dir() -> Path:
    """The ``resources`` folder: inside the package when installed from a wheel,
    at the repository root in a source checkout or editable install."""
    package = Path(__file__).resolve().parent
    for candidate in (package / "resources", package.parent / "resources"):
        if (candidate / "sim").is_dir():
            return candidate
    raise FileNotFoundError("GenStudio's resources folder is missing; reinstall GenStudio.")


def resource_path(*parts: str) -> Path:
    """A file below ``resources/``, e.g. ``resource_path("sim", "font.json")``."""
    return resources_dir().joinpath(*parts)
