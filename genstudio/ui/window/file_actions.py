"""What the window does with saved results: open, show in folder, save copies, copy to
the clipboard, load settings from a sidecar. The copying itself is ``tasks.file_copies``.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6 import QtCore, QtGui, QtWidgets
from PySide6.QtCore import QObject
from PySide6.QtGui import QGuiApplication

from genstudio.tasks.actions import saved_paths

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from genstudio.api.kinds import Scope
    from genstudio.tasks.record import TaskRecord
    from genstudio.ui.form.generation_form import GenerationForm

Say = Callable[[str], None]

# Dialogs, URLs and the desktop's opener are reached through their modules when a click
# needs them: made with the window, they were part of its first paint.


class FileActions(QObject):
    def __init__(
        self,
        window: QWidget,
        form: GenerationForm,
        say: Say,
        warn: Say,
        library: Callable[[Scope], Path] | None,
    ) -> None:
        super().__init__(window)
        self._window = window
        self._form = form
        self._say = say
        self._warn = warn
        self._library = library

    def open(self, records: list[TaskRecord]) -> None:
        for record in records:
            saved = saved_paths(record)
            if saved:  # the local copy first: the link may have expired
                QtGui.QDesktopServices.openUrl(QtCore.QUrl.fromLocalFile(saved[0]))
            elif record.outputs:
                QtGui.QDesktopServices.openUrl(QtCore.QUrl(record.outputs[0]))

    def show_in_folder(self, records: list[TaskRecord]) -> None:
        for record in records:
            paths = saved_paths(record)
            if paths:
                QtGui.QDesktopServices.openUrl(
                    QtCore.QUrl.fromLocalFile(str(Path(paths[0]).parent))
                )
                return

    def save_as(self, records: list[TaskRecord]) -> None:
        paths = saved_paths(records[0]) if len(records) == 1 else []
        if not paths:
            return
        source = Path(paths[0])
        target, _ = QtWidgets.QFileDialog.getSaveFileName(
            self._window, self.tr("Save as"), str(Path.home() / source.name)
        )
        if target:
            from genstudio.tasks.file_copies import CopyError, copy_file  # with the click

            try:
                where = copy_file(source, Path(target))
            except CopyError as exc:
                self._warn(str(exc))
                return
            self._say(self.tr("Saved a copy as %1.").replace("%1", str(where)))

    def save_all(self, records: list[TaskRecord]) -> None:
        sources = [Path(p) for r in records for p in saved_paths(r)]
        if not sources:
            return
        folder = QtWidgets.QFileDialog.getExistingDirectory(
            self._window, self.tr("Save all to folder"), str(Path.home())
        )
        if folder:
            from genstudio.tasks.file_copies import CopyError, copy_files  # with the click

            try:
                copy_files(sources, Path(folder))
            except CopyError as exc:
                self._warn(str(exc))
                return
            self._say(self.tr("Copied %n file(s) to %1.", "", len(sources)).replace("%1", folder))

    def copy_image(self, records: list[TaskRecord]) -> None:
        paths = saved_paths(records[0]) if len(records) == 1 else []
        image = QtGui.QImage(paths[0]) if paths else QtGui.QImage()
        if not image.isNull():
            QGuiApplication.clipboard().setImage(image)
            self._say(self.tr("Image copied."))

    def copy_links(self, records: list[TaskRecord]) -> None:
        links = [url for r in records for url in r.outputs]
        if links:
            QGuiApplication.clipboard().setText("\n".join(links))
            self._say(self.tr("Copied %n link(s).", "", len(links)))

    def copy_ids(self, records: list[TaskRecord]) -> None:
        ids = [r.task_id for r in records if r.task_id]
        if ids:
            QGuiApplication.clipboard().setText("\n".join(ids))
            self._say(self.tr("Copied %n task ID(s).", "", len(ids)))

    def use_as_reference(self, records: list[TaskRecord], scope: Scope | None) -> None:
        paths = saved_paths(records[0]) if len(records) == 1 else []
        if paths and self._form.use_as_reference(Path(paths[0]), scope):
            self._say(self.tr("Added to the form's reference images."))

    @property
    def library(self) -> Callable[[Scope], Path] | None:
        return self._library

    def open_library(self) -> None:
        if self._library is None:
            return
        folder = self._library(self._form.scope)
        folder.mkdir(parents=True, exist_ok=True)
        QtGui.QDesktopServices.openUrl(QtCore.QUrl.fromLocalFile(str(folder)))

    def reuse_from_file(self, path: Path | None = None) -> None:
        if path is None:
            chosen, _ = QtWidgets.QFileDialog.getOpenFileName(
                self._window,
                self.tr("Reuse settings"),
                str(Path.home()),
                self.tr("GenStudio settings files (*.json)"),
            )
            if not chosen:
                return
            path = Path(chosen)
        from genstudio.tasks.sidecar import SidecarError, read_sidecar  # with the click

        try:
            request = read_sidecar(path)
        except SidecarError as exc:
            self._warn(str(exc))
            return
        self._form.load_request(request)
        self._say(self.tr("Settings loaded from %1.").replace("%1", path.name))
