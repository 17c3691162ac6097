"""The previewer's picture: a zoomable view, and decoding pictures off the GUI thread."""

from __future__ import annotations

from PySide6.QtCore import QObject, QRunnable, Qt, Signal
from PySide6.QtGui import QImage, QPixmap, QResizeEvent, QWheelEvent
from PySide6.QtWidgets import QGraphicsPixmapItem, QGraphicsScene, QGraphicsView

STRIP_ICON = 56


class ImageView(QGraphicsView):
    """Fit to the pane by default; the wheel zooms, dragging pans."""

    def __init__(self) -> None:
        super().__init__()
        self.setScene(QGraphicsScene(self))
        self._item = QGraphicsPixmapItem()
        self._item.setTransformationMode(Qt.TransformationMode.SmoothTransformation)
        self.scene().addItem(self._item)
        self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.fit = True

    def set_image(self, image: QImage) -> None:
        self._item.setPixmap(QPixmap.fromImage(image))
        self.scene().setSceneRect(self._item.boundingRect())
        self.fit_to_pane()

    def fit_to_pane(self) -> None:
        self.fit = True
        self.fitInView(self._item, Qt.AspectRatioMode.KeepAspectRatio)

    def actual_size(self) -> None:
        self.fit = False
        self.resetTransform()

    def zoom_factor(self) -> float:
        return self.transform().m11()

    def wheelEvent(self, event: QWheelEvent) -> None:
        self.fit = False
        factor = 1.25 if event.angleDelta().y() > 0 else 0.8
        self.scale(factor, factor)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self.fit:
            self.fit_to_pane()


class DecodedImages(QObject):
    done = Signal(int, QImage, QImage)  # request number, image, strip icon


class ImageDecodeJob(QRunnable):
    """Decode (and shrink for the strip) off the GUI thread: a 4-megapixel PNG takes
    tens of milliseconds, which would be a visible stutter."""

    def __init__(self, number: int, source: str | bytes, signals: DecodedImages) -> None:
        super().__init__()
        self._number = number
        self._source = source
        self._signals = signals

    def run(self) -> None:
        if isinstance(self._source, str):
            image = QImage(self._source)
        else:
            image = QImage.fromData(self._source)
        icon = QImage()
        if not image.isNull():
            icon = image.scaled(
                STRIP_ICON,
                STRIP_ICON,
                Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.SmoothTransformation,
            )
        self._signals.done.emit(self._number, image, icon)
