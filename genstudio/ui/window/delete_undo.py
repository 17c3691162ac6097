"""Delete at once, undo any time this session: nothing vanishes by accident.

A deleted task leaves the table and the gallery at once; its saved files stay in the
library unless the user chose to move them to the system trash, and Undo (Ctrl+Z, or
the status bar's button) brings back the tasks, and the files from the trash.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6 import QtCore
from PySide6.QtCore import QObject, Signal

from genstudio.tasks.actions import saved_paths

if TYPE_CHECKING:
    from genstudio.tasks.record import TaskRecord
    from genstudio.tasks.service import TaskService

log = logging.getLogger(__name__)


class Deletion:
    """One delete, as undo puts it back. A plain class: the window loads this module
    before its first paint, and a dataclass would compile its methods then."""

    __slots__ = ("not_trashed", "records", "trashed")

    def __init__(self, records: list[TaskRecord]) -> None:
        self.records = records
        self.trashed: list[tuple[Path, Path]] = []  # (original, in trash)
        self.not_trashed: list[Path] = []


class DeleteUndo(QObject):
    changed = Signal()  # whether there is something to undo may have changed

    def __init__(self, service: Callable[[], TaskService], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._service = service
        self._done: list[Deletion] = []

    @property
    def can_undo(self) -> bool:
        return bool(self._done)

    def delete(self, records: list[TaskRecord], to_trash: bool = False) -> Deletion | None:
        removed = self._service().delete(r.id for r in records)
        if not removed:
            return None
        deletion = Deletion(removed)
        if to_trash:
            for record in removed:
                for path in map(Path, saved_paths(record)):
                    moved = _to_trash(path)
                    if moved is None:
                        deletion.not_trashed.append(path)
                    else:
                        deletion.trashed.append((path, moved))
        self._done.append(deletion)
        self.changed.emit()
        return deletion

    def undo(self) -> Deletion | None:
        """Bring back the last deletion: files first, so the tasks find them."""
        if not self._done:
            return None
        deletion = self._done.pop()
        for original, in_trash in deletion.trashed:
            _from_trash(original, in_trash)
        self._service().restore(deletion.records)
        self.changed.emit()
        return deletion


def _to_trash(path: Path) -> Path | None:
    """Where the file went in the trash, or ``None`` when there is no trash here (the
    file then stays where it is: nothing is deleted for good)."""
    if not path.exists():
        return None
    file = QtCore.QFile(str(path))  # made at the first delete, not with the window
    if not file.moveToTrash():
        log.warning("could not move %s to the trash", path.name)
        return None
    return Path(file.fileName())


def _from_trash(original: Path, in_trash: Path) -> None:
    if original.exists() or not in_trash.exists():
        return
    try:
        in_trash.rename(original)
    except OSError as exc:
        log.warning("could not bring %s back from the trash: %s", original.name, exc)
        return
    # The freedesktop trash keeps a note per file; without its file it is an orphan.
    info = in_trash.parent.parent / "info" / f"{in_trash.name}.trashinfo"
    info.unlink(missing_ok=True)
