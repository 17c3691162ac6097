"""Saving paused for want of a writable library folder: weather, not failure.

A full disk, a read-only folder or a folder on a drive that is not connected stops
saving; the outputs stay pending (their links still work for about a day) and saving
resumes by itself once :class:`Disk` says the folder has room again. The saver asks
``Disk`` (tests hand in their own) at start, before each file and periodically while
paused.
"""

from __future__ import annotations

import enum
import os
import shutil
import stat
from dataclasses import dataclass
from pathlib import Path

from genstudio.i18n import translate

ROOM_CHECK_EVERY = 30.0  # seconds between looks at a paused folder
MARGIN = 1_000_000  # bytes kept free beyond what a file needs (its sidecar, the file system)


class Cause(enum.StrEnum):
    FULL = "full"
    READ_ONLY = "read_only"
    MISSING = "missing"
    OTHER = "other"


@dataclass(frozen=True)
class SavePause:
    """One library folder saving waits for."""

    folder: Path
    cause: Cause
    needed: int | None  # bytes the waiting outputs need, when known
    problem: str = ""  # the system's words, for OTHER

    def sentence(self) -> str:
        """What is wrong and what to do, for the window's banner."""
        folder = str(self.folder)
        match self.cause:
            case Cause.FULL:
                if self.needed:
                    text = translate(
                        "Messages",
                        "Saving is paused: {folder} is full, and the outputs waiting need "
                        "{size} free there. Free some space or choose another library folder "
                        "in Settings; saving resumes by itself.",
                    ).format(folder=folder, size=size_words(self.needed + MARGIN))
                else:
                    # Found before a download began (its size not known yet): at
                    # least the margin is needed.
                    text = translate(
                        "Messages",
                        "Saving is paused: {folder} is full (less than {size} free). Free some "
                        "space or choose another library folder in Settings; saving resumes "
                        "by itself.",
                    ).format(folder=folder, size=size_words(MARGIN))
            case Cause.READ_ONLY:
                text = translate(
                    "Messages",
                    "Saving is paused: {folder} cannot be written to (it is read-only or "
                    "not yours). Make it writable or choose another library folder in "
                    "Settings; saving resumes by itself.",
                ).format(folder=folder)
            case Cause.MISSING:
                text = translate(
                    "Messages",
                    "Saving is paused: {folder} is not there (is its drive connected?). "
                    "Connect it or choose another library folder in Settings; saving "
                    "resumes by itself.",
                ).format(folder=folder)
            case _:
                text = translate(
                    "Messages",
                    "Saving is paused: GenStudio cannot write into {folder} ({problem}). "
                    "Choose another library folder in Settings if this lasts; saving "
                    "resumes by itself.",
                ).format(folder=folder, problem=self.problem)
        return text

    def file_note(self) -> str:
        """Beside each output that waits."""
        return translate(
            "Messages", "Waiting for room in {folder}; saving resumes by itself."
        ).format(folder=self.folder)


def size_words(size: int) -> str:
    if size >= 1_000_000_000:
        return translate("Messages", "{size:.1f} GB").format(size=size / 1e9)
    return translate("Messages", "{size:.0f} MB").format(size=max(1.0, size / 1e6))


class Disk:
    """What the saver asks of the file system, in one place it can be replaced."""

    def room(self, folder: Path, needed: int) -> Cause | None:
        """``None`` when ``needed`` more bytes (plus a margin) fit into ``folder``,
        else why not. A folder not made yet counts as its nearest existing parent (the
        download creates it), unless that cannot be written either."""
        existing = folder
        while True:
            # One look per level: another save may create the folder meanwhile (two
            # kinds saved at once on a first run), and a folder that appeared between
            # two looks was taken for a file, so saving paused as "missing".
            try:
                is_dir = stat.S_ISDIR(existing.stat().st_mode)
            except OSError:  # not there (yet): its parent decides
                if existing.parent == existing:
                    return Cause.MISSING
                existing = existing.parent
                continue
            if not is_dir:  # a file where the folder should be
                return Cause.MISSING
            break
        if not os.access(existing, os.W_OK | os.X_OK):  # EROFS counts as not writable
            return Cause.MISSING if existing != folder else Cause.READ_ONLY
        try:
            free = shutil.disk_usage(existing).free
        except OSError:
            return Cause.MISSING
        return Cause.FULL if free < needed + MARGIN else None
