"""An inline message strip above the content: what happened, and a button for what next."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Signal
from PySide6.QtGui import QGuiApplication, QPalette
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QToolButton, QWidget

# (background, text, border) per level, for light and for dark palettes.
_LIGHT = {
    "info": ("#e8f1fb", "#1d4f7c", "#b9d3ee"),
    "demo": ("#f3ecfb", "#4d2f7c", "#d4c3ee"),
    "warning": ("#fdf3e6", "#7a4a12", "#f0d3a8"),
    "error": ("#fbeaea", "#7c1d1d", "#eeb9b9"),
}
_DARK = {
    "info": ("#1d3346", "#cfe3f7", "#2f5578"),
    "demo": ("#2e2540", "#e2d6f7", "#4a3b6b"),
    "warning": ("#3d2f1a", "#f5dcb5", "#6b5230"),
    "error": ("#43201f", "#f7cfcf", "#6e3433"),
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
        self._level: str | None = None
        self.hide()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        # Light turned dark (or back) while a message shows: its colours follow.
        changes = (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange)
        if event.type() in changes:
            self.restyle()

    def restyle(self) -> None:
        """Colours for the palette now. Its window calls this on a change of the
        application's palette: a frame with a style sheet is not told itself."""
        if self._level is not None:
            self._style(self._level)

    def _style(self, level: str) -> None:
        self._level = level
        # The application's palette: this frame's own is coloured by its style sheet.
        dark = QGuiApplication.palette().color(QPalette.ColorRole.Window).lightness() < 128
        styles = _DARK if dark else _LIGHT
        background, text_colour, border = styles.get(level, styles["info"])
        # The text colour goes on the label itself: a frame's colour does not reach it.
        sheet = (
            f"QFrame#banner {{ background: {background}; border: 1px solid {border}; "
            "border-radius: 4px; } "
            f"QFrame#banner QLabel {{ background: transparent; border: 0; color: {text_colour}; }}"
        )
        if sheet != self.styleSheet():  # a style sheet set again would come back here
            self.setStyleSheet(sheet)

    def show_message(
        self, text: str, level: str = "info", action: str = "", details: str = ""
    ) -> None:
        self._style(level)
        self.label.setText(text)
        self.label.setToolTip(details)
        self.action.setText(action)
        self.action.setVisible(bool(action))
        self.show()
