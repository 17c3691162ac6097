"""An output a killed run saved but never recorded: kept, instead of a second copy.

A run can be killed after a download is renamed into the library folder and before the
history says it is saved (with or without its sidecar). The next run saves it again,
and the new copy takes the next free name (``<stem>_2.png``). Before its sidecar is
written, the earlier names of that stem are looked at: one whose sidecar names this
task, or one without a sidecar written before this process started that holds the same
bytes, is kept, and the new copy is removed. (A file of this run without its sidecar
yet is another task's being saved right now: never taken.)
"""

from __future__ import annotations

import hashlib
import json
import logging
import time
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from genstudio.api.filenames import safe_filename_part

if TYPE_CHECKING:  # the downloads (http.client, certifi) load when one starts
    from genstudio.api.download import DownloadedFile

log = logging.getLogger(__name__)

_CHUNK = 1 << 20
_STARTED = time.time()  # files older than this were written by an earlier run


def keep_earlier_copy(saved: DownloadedFile, stem: str, task_id: str | None) -> DownloadedFile:
    """``saved``, or the earlier identical copy of the same output (``saved`` removed).
    Blocking (it may hash a file): call it off the event loop."""
    for earlier in _earlier_names(saved.path, safe_filename_part(stem)):
        if _same_output(earlier, saved, task_id):
            log.info("%s was saved by an earlier run: keeping it", earlier.name)
            saved.path.unlink(missing_ok=True)
            return replace(saved, path=earlier)
    return saved


def _earlier_names(path: Path, safe_stem: str) -> list[Path]:
    """The names ``download._claim_name`` tried before ``path``'s: stem, stem_2, …"""
    ext = path.suffix
    name = path.name
    if not (name.startswith(safe_stem + "_") and name.endswith(ext)):
        return []  # the first free name: nothing came before it
    number = name[len(safe_stem) + 1 : len(name) - len(ext)]
    if not number.isdigit():
        return []
    names = [f"{safe_stem}{ext}"] + [f"{safe_stem}_{n}{ext}" for n in range(2, int(number))]
    return [path.with_name(n) for n in names]


def _same_output(path: Path, saved: DownloadedFile, task_id: str | None) -> bool:
    try:
        if path.stat().st_size != saved.size:
            return False
        sidecar = path.with_name(path.name + ".json")
        if sidecar.exists():  # it says whose it is
            data = json.loads(sidecar.read_text(encoding="utf-8"))
            return (
                isinstance(data, dict)
                and data.get("task_id") == task_id
                and data.get("sha256") == saved.sha256
            )
        if path.stat().st_mtime >= _STARTED:
            return False  # this run's: a save in progress, its sidecar still to come
        return _sha256(path) == saved.sha256  # no sidecar: the bytes must say it
    except (OSError, ValueError):
        return False


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as file:
        while chunk := file.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()
