"""Whether Qt's multimedia modules load here: playback and video frames are optional.

QtMultimedia links to system libraries (PulseAudio's libpulse on Linux) that a bare
machine may lack. Without them the window still starts: images preview as usual, and
the previewer says in words what is missing. Modules that use QtMultimedia import it
only after :func:`available` said yes.
"""

from __future__ import annotations

import importlib
import logging
import os
import shutil
import sys

from PySide6.QtCore import QCoreApplication

log = logging.getLogger(__name__)

_MODULES = ("PySide6.QtMultimedia", "PySide6.QtMultimediaWidgets")
_problem: str | None = None
_checked = False


def available() -> bool:
    """True when QtMultimedia loaded; the first failure is logged, once."""
    global _checked, _problem
    if not _checked:
        _checked = True
        try:
            for name in _MODULES:
                importlib.import_module(name)
        except (ImportError, OSError) as exc:
            _problem = str(exc) or type(exc).__name__
            log.warning("video and audio playback is off: %s", _problem)
    return _problem is None


def missing_sentence() -> str:
    """What is missing, in words, and how to get it (empty when nothing is)."""
    if available() or _problem is None:
        return ""
    if "libpulse" in _problem and sys.platform.startswith("linux"):
        command = "apt-get install libpulse0"
        if shutil.which("sudo") and hasattr(os, "geteuid") and os.geteuid() != 0:
            command = "sudo " + command
        return QCoreApplication.translate(
            "MediaPreview",
            "Videos and music can't play inside GenStudio: this computer lacks the "
            "PulseAudio library. Install it with “{command}” and restart GenStudio, or "
            "open the file with your system's player.",
        ).format(command=command)
    return QCoreApplication.translate(
        "MediaPreview",
        "Videos and music can't play inside GenStudio: Qt's multimedia part did not "
        "load ({problem}). Open the file with your system's player.",
    ).format(problem=_problem)


def reset() -> None:
    """Check again on the next call (tests)."""
    global _checked, _problem
    _checked = False
    _problem = None
