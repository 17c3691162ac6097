"""The three big choices at the top of the form: Image, Video, Audio."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QButtonGroup, QHBoxLayout, QSizePolicy, QToolButton, QWidget

from genstudio.api.kinds import Scope
from genstudio.ui.icons import scope_icon


class KindButtons(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        self.group = QButtonGroup(self)
        self.buttons: dict[Scope, QToolButton] = {}
        labels = {
            Scope.IMAGES: self.tr("Image"),
            Scope.VIDEOS: self.tr("Video"),
            Scope.AUDIO: self.tr("Audio"),
        }
        for scope, text in labels.items():
            button = QToolButton()
            button.setText(text)
            button.setIcon(scope_icon(scope))
            button.setCheckable(True)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextUnderIcon)
            button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            button.setMinimumHeight(56)
            button.setMinimumWidth(button.fontMetrics().horizontalAdvance(text) + 16)
            button.setAccessibleName(self.tr("Make %1").replace("%1", text.lower()))
            self.group.addButton(button)
            self.buttons[scope] = button
            row.addWidget(button)
