"""Copies of saved outputs to where the user asks ("Save as", "Save all to folder").

A copy is written beside its target under a temporary name and renamed when complete,
so a full disk or a crash never leaves a half-written file under the real name, and an
existing file is never overwritten: "beach.png" becomes "beach (2).png".
"""

from __future__ import annotations

import shutil
from pathlib import Path

from genstudio.i18n import translate


class CopyError(OSError):
    """A copy failed; ``str()`` is a sentence for the user."""


def free_name(folder: Path, name: str) -> Path:
    """``folder/name``, or ``name (2)``, ``name (3)``… when that is taken."""
    target = folder / name
    stem, suffix = Path(name).stem, Path(name).suffix
    number = 2
    while target.exists():
        target = folder / f"{stem} ({number}){suffix}"
        number += 1
    return target


def copy_file(source: Path, target: Path) -> Path:
    """Copy ``source`` to ``target`` (a free name next to it if taken); returns where."""
    target = free_name(target.parent, target.name)
    partial = target.with_name(f".{target.name}.part")
    try:
        shutil.copy2(source, partial)
        partial.replace(target)
    except OSError as exc:
        partial.unlink(missing_ok=True)
        raise CopyError(
            translate("Messages", "Could not copy {name}: {reason}").format(
                name=source.name, reason=exc.strerror or str(exc)
            )
        ) from exc
    return target


def copy_files(sources: list[Path], folder: Path) -> list[Path]:
    """Copy each file into ``folder``; stops at the first failure (already copied stay)."""
    return [copy_file(source, folder / source.name) for source in sources]
