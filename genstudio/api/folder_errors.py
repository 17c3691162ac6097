"""What kept a downloaded file out of its folder: full, read-only, missing or other.

The saver pauses on these (``tasks/save_pause``) and the CLI gives advice for each, so
the cause is read once, here, from the system's error number.
"""

from __future__ import annotations

import errno
from pathlib import Path

from genstudio.api.errors import FolderWriteError
from genstudio.i18n import translate

_FULL = {errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)}
_READ_ONLY = {errno.EROFS, errno.EACCES, errno.EPERM}
_MISSING = {errno.ENOENT, errno.ENOTDIR, errno.ENODEV, errno.ENXIO}


def write_cause(folder: Path, exc: OSError) -> str:
    """``full``, ``read_only``, ``missing`` or ``other``: what kept a file out of ``folder``."""
    if exc.errno in _FULL:
        return "full"
    if exc.errno in _MISSING or not folder.is_dir():
        return "missing"  # e.g. on a drive that is not connected
    if exc.errno in _READ_ONLY:
        return "read_only"
    return "other"


def folder_write_error(folder: Path, exc: OSError, needed: int | None) -> FolderWriteError:
    cause = write_cause(folder, exc)
    problem = exc.strerror or str(exc)
    return FolderWriteError(
        translate(
            "Messages",
            "The output could not be written into {folder}: {problem}.",
        ).format(folder=folder, problem=problem),
        f"{folder}: {type(exc).__name__}: {exc}",
        folder=str(folder),
        cause=cause,
        needed=needed,
        problem=problem,
    )
