"""Whether Qt's multimedia modules work here: playback and video frames are optional.

QtMultimedia and its FFmpeg plugin link to system libraries (libpulse, libXrandr on
Linux) that a bare machine may lack: then the modules fail to import, or import with no
backend. Either way the window still starts: images preview as usual, and the previewer
says in words what is missing. Modules that use QtMultimedia import it only after
:func:`available` said yes.
"""

from __future__ import annotations

import importlib
import logging
import sys

from PySide6.QtCore import QCoreApplication

from genstudio import preflight

log = logging.getLogger(__name__)

_MODULES = ("PySide6.QtMultimedia", "PySide6.QtMultimediaWidgets")
_problem: str | None = None
_packages: list[str] = []  # Debian packages that would fix it
_checked = False


def available(load: preflight.Loader = preflight.loadable) -> bool:
    """True when QtMultimedia can play here; the first failure is logged, once."""
    global _checked, _problem, _packages
    if not _checked:
        _checked = True
        if sys.platform.startswith("linux"):
            _packages = preflight.missing_packages(preflight.MULTIMEDIA_LIBRARIES, load)
            if _packages:
                _problem = "missing system libraries: " + " ".join(_packages)
        if _problem is None:
            try:
                for name in _MODULES:
                    importlib.import_module(name)
            except (ImportError, OSError) as exc:
                _problem = str(exc) or type(exc).__name__
        if _problem is not None:
            log.warning("video and audio playback is off: %s", _problem)
    return _problem is None


def missing_sentence() -> str:
    """What is missing, in words, and how to get it (empty when nothing is)."""
    if available() or _problem is None:
        return ""
    if _packages:
        return QCoreApplication.translate(
            "MediaPreview",
            "Videos and music can't play inside GenStudio: this computer lacks the system "
            "libraries {packages}. Install them with “{command}” and restart GenStudio, or "
            "open the file with your system's player.",
        ).format(packages=", ".join(_packages), command=preflight.install_line(_packages))
    return QCoreApplication.translate(
        "MediaPreview",
        "Videos and music can't play inside GenStudio: Qt's multimedia part did not "
        "load ({problem}). Open the file with your system's player.",
    ).format(problem=_problem)


def sound_output_present() -> bool:
    """Whether there is a sound output to play to; call only when :func:`available`.

    Without one (no sound card, no sound server) Qt plays to nothing, in silence.
    """
    from PySide6.QtMultimedia import QMediaDevices

    return bool(QMediaDevices.audioOutputs()) and not QMediaDevices.defaultAudioOutput().isNull()


def reset() -> None:
    """Check again on the next call (tests)."""
    global _checked, _problem, _packages
    _checked = False
    _problem = None
    _packages = []
