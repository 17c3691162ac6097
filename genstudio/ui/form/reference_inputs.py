"""Reference images (links, files, drops, pastes) and reference videos (links only)."""

from __future__ import annotations

import base64
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QSize, Qt, Signal
from PySide6.QtGui import QGuiApplication, QIcon
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QListView,
    QListWidget,
    QListWidgetItem,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from genstudio.api.request import (
    InvalidRequestError,
    check_image_reference,
    image_file_to_data_url,
    is_http_url,
)
from genstudio.ui.inline_error import error_label, show_error

if TYPE_CHECKING:
    from PySide6.QtCore import QMimeData
    from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent, QImage

# Dialogs and image codecs are named where used: a click or a first reference needs
# them, the window's first paint does not (PySide makes a class at its first naming).

REF_ROLE = Qt.ItemDataRole.UserRole + 1
NAME_ROLE = Qt.ItemDataRole.UserRole + 2  # the file's name, for a picture from this computer


def image_to_data_url(image: QImage, max_bytes: int) -> str:
    """A pasted or dropped image as a PNG ``data:`` URL, refused when over ``max_bytes``."""
    from PySide6.QtCore import QBuffer, QIODevice

    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")  # type: ignore[call-overload]  # the stub wants bytes; str works
    data = bytes(buffer.data().data())
    if len(data) > max_bytes:
        raise InvalidRequestError(
            QCoreApplication.translate(
                "ReferenceImages",
                "The pasted image is {size:.1f} MB as PNG, over the {limit:.0f} MB limit: "
                "paste a smaller image or a link.",
            ).format(size=len(data) / 1e6, limit=max_bytes / 1e6)
        )
    return "data:image/png;base64," + base64.b64encode(data).decode("ascii")


def _thumbnail(reference: str) -> QIcon:
    from PySide6.QtCore import QByteArray
    from PySide6.QtGui import QImage, QPixmap
    from PySide6.QtWidgets import QStyle

    if reference.startswith("data:"):
        payload = reference.split(",", 1)[1]
        image = QImage()
        if image.loadFromData(QByteArray.fromBase64(payload.encode("ascii"))):
            return QIcon(
                QPixmap.fromImage(
                    image.scaled(
                        64,
                        64,
                        Qt.AspectRatioMode.KeepAspectRatio,
                        Qt.TransformationMode.SmoothTransformation,
                    )
                )
            )
    return QApplication.style().standardIcon(QStyle.StandardPixmap.SP_FileLinkIcon)


class _DropList(QListWidget):
    """A list that hands drops to a callback."""

    def __init__(self, on_drop: Callable[[QMimeData], None]) -> None:
        super().__init__()
        self._on_drop = on_drop
        self.setAcceptDrops(True)
        self.setDragDropMode(QListWidget.DragDropMode.DropOnly)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasUrls() or event.mimeData().hasImage() or event.mimeData().hasText():
            event.acceptProposedAction()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        self._on_drop(event.mimeData())
        event.acceptProposedAction()


class _ReferenceList(QWidget):
    """A drop-enabled list of references, a row of buttons and an error line.

    Each item holds its reference (a link or a ``data:`` URL) under ``REF_ROLE``. The
    error line is placed by the owner (the form shows its problems in one place, so a
    sentence appearing never moves the fields).
    """

    changed = Signal()

    def __init__(self, list_name: str, height: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self.list = _DropList(self.add_mime)
        self.list.setFixedHeight(height)
        self.list.setAccessibleName(list_name)
        self._layout.addWidget(self.list)
        self._buttons = QHBoxLayout()
        self._layout.addLayout(self._buttons)
        self.error = error_label()

    def _add_button(self, text: str, slot: Callable[[], object]) -> None:
        # Tool buttons: four of them fit the form's narrowest width (push buttons do not).
        button = QToolButton()
        button.setText(text)
        button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        button.clicked.connect(slot)
        self._buttons.addWidget(button)

    def add_reference(self, reference: str, name: str = "") -> bool:
        raise NotImplementedError

    def add_mime(self, mime: QMimeData) -> None:
        raise NotImplementedError

    def _append(self, item: QListWidgetItem, reference: str, name: str = "") -> None:
        item.setData(REF_ROLE, reference)
        item.setData(NAME_ROLE, name)
        self.list.addItem(item)
        self.show_error("")
        self.changed.emit()

    def _remove(self) -> None:
        rows = [self.list.row(item) for item in self.list.selectedItems()]
        if not rows and self.list.count():
            rows = [self.list.count() - 1]  # nothing selected: the last one added
        for row in sorted(rows, reverse=True):
            self.list.takeItem(row)
        self.changed.emit()

    def show_error(self, text: str) -> None:
        show_error(self.error, text)

    def references(self) -> tuple[str, ...]:
        return tuple(str(self.list.item(i).data(REF_ROLE)) for i in range(self.list.count()))

    def names(self) -> tuple[str, ...]:
        """Each reference's file name ("" for a link or a pasted picture), in order."""
        return tuple(str(self.list.item(i).data(NAME_ROLE) or "") for i in range(self.list.count()))

    def set_references(
        self, references: tuple[str, ...] | list[str], names: tuple[str, ...] = ()
    ) -> None:
        self.list.clear()
        for index, reference in enumerate(references):
            self.add_reference(reference, names[index] if index < len(names) else "")
        self.show_error("")


class ReferenceImages(_ReferenceList):
    """Thumbnails of the reference images: links, files, drops and pastes."""

    def __init__(self, max_bytes: Callable[[], int], parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Reference images"), 96, parent)
        self._max_bytes = max_bytes
        self.list.setViewMode(QListView.ViewMode.IconMode)
        self.list.setIconSize(QSize(64, 64))
        self.list.setToolTip(self.tr("Drop images or image files here, or paste with Ctrl+V"))
        self._add_button(self.tr("Link…"), self._ask_url)
        self._add_button(self.tr("File…"), self._ask_file)
        self._add_button(self.tr("Paste"), self.paste)
        self._add_button(self.tr("Remove"), self._remove)

    def add_reference(self, reference: str, name: str = "") -> bool:
        try:
            check_image_reference(reference)
        except InvalidRequestError as exc:
            self.show_error(str(exc))
            return False
        item = QListWidgetItem(_thumbnail(reference), "")
        if not reference.startswith("data:"):
            item.setToolTip(reference)
        elif name:
            item.setToolTip(self.tr("%1, from this computer").replace("%1", name))
        else:
            item.setToolTip(self.tr("A picture from this computer"))
        self._append(item, reference, name)
        return True

    def add_file(self, path: Path) -> bool:
        try:
            return self.add_reference(image_file_to_data_url(path, self._max_bytes()), path.name)
        except InvalidRequestError as exc:
            self.show_error(str(exc))
            return False

    def add_image(self, image: QImage) -> bool:
        try:
            return self.add_reference(image_to_data_url(image, self._max_bytes()))
        except InvalidRequestError as exc:
            self.show_error(str(exc))
            return False

    def add_mime(self, mime: QMimeData) -> None:
        if mime.hasUrls():
            for url in mime.urls():
                if url.isLocalFile():
                    self.add_file(Path(url.toLocalFile()))
                elif url.scheme() in ("http", "https"):
                    self.add_reference(url.toString())
            return
        if mime.hasImage():
            from PySide6.QtGui import QImage

            image = QImage(mime.imageData())
            if not image.isNull():
                self.add_image(image)
                return
        text = mime.text().strip()
        if text:
            self.add_reference(text)

    def paste(self) -> None:
        mime = QGuiApplication.clipboard().mimeData()
        if mime is None or not (mime.hasUrls() or mime.hasImage() or mime.hasText()):
            self.show_error(self.tr("The clipboard holds no image or link."))
            return
        self.add_mime(mime)

    def _ask_url(self) -> None:
        from PySide6.QtWidgets import QInputDialog

        text, ok = QInputDialog.getText(
            self, self.tr("Add image link"), self.tr("Link to the image (https://…):")
        )
        if ok and text.strip():
            self.add_reference(text.strip())

    def _ask_file(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        paths, _ = QFileDialog.getOpenFileNames(
            self,
            self.tr("Add reference images"),
            str(Path.home()),
            self.tr("Images (*.png *.jpg *.jpeg *.webp *.gif *.bmp)"),
        )
        for path in paths:
            self.add_file(Path(path))


class ReferenceVideos(_ReferenceList):
    """Links to reference videos; a dropped local video is refused with the reason."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Reference videos"), 64, parent)
        self._add_button(self.tr("Link…"), self._ask_url)
        self._add_button(self.tr("Remove"), self._remove)
        self._buttons.addStretch(1)

    def add_reference(self, reference: str, name: str = "") -> bool:
        text = reference.strip()
        if not is_http_url(text):
            self.show_error(
                self.tr("“%1” is not an http(s) link to a video.").replace("%1", text[:80])
            )
            return False
        self._append(QListWidgetItem(text), text)
        return True

    add_url = add_reference

    def add_mime(self, mime: QMimeData) -> None:
        if mime.hasUrls():
            for url in mime.urls():
                if url.isLocalFile():
                    name = Path(url.toLocalFile()).name
                    self.show_error(
                        self.tr(
                            "“%1” is a file on this computer. Reference videos must be links: "
                            "the provider downloads them itself. Upload the video somewhere and "
                            "add its link."
                        ).replace("%1", name)
                    )
                else:
                    self.add_reference(url.toString())
        elif mime.hasText():
            self.add_reference(mime.text())

    def _ask_url(self) -> None:
        from PySide6.QtWidgets import QInputDialog

        text, ok = QInputDialog.getText(
            self, self.tr("Add video link"), self.tr("Link to the video (https://…):")
        )
        if ok and text.strip():
            self.add_reference(text)
