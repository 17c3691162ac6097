"""An inline message strip above the content: what happened, and a button for what next."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QToolButton, QWidget

_STYLES = {
    "info": "background: #e8f1fb; color: #1d4f7c; border: 1px solid #b9d3ee;",
    "demo": "background: #f3ecfb; color: #4d2f7c; border: 1px solid #d4c3ee;",
    "warning": "background: #fdf3e6; color: #7a4a12; border: 1px solid #f0d3a8;",
    "error": "background: #fbeaea; color: #7c1d1d; border: 1px solid #eeb9b9;",
}


class Banner(QFrame):
    action_clicked = Signal()

    def __init__(self, parent: QWidget | None = None, closable: bool = True) -> None:
        super().__init__(parent)
        self.setObjectName("banner")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 6, 6, 6)
        self.label = QLabel()
        self.label.setWordWrap(True)
        layout.addWidget(self.label, 1)
        self.action = QPushButton()
        self.action.hide()
        self.action.clicked.connect(self.action_clicked)
        layout.addWidget(self.action)
        self.close_button = QToolButton()
        self.close_button.setText("✕")
        self.close_button.setAccessibleName(self.tr("Close message"))
        self.close_button.clicked.connect(self.hide)
        self.close_button.setVisible(closable)
        layout.addWidget(self.close_button)
        self.hide()

    def show_message(
        self, text: str, level: str = "info", action: str = "", details: str = ""
    ) -> None:
        self.setStyleSheet(
            f"QFrame#banner {{ {_STYLES.get(level, _STYLES['info'])} "
            "border-radius: 4px; } QLabel { background: transparent; border: 0; }"
        )
        self.label.setText(text)
        self.label.setToolTip(details)
        self.action.setText(action)
        self.action.setVisible(bool(action))
        self.show()
