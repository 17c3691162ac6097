"""The red sentence shown under a field that needs fixing."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel

ERROR_COLOUR = "#d64545"  # readable on light and dark windows alike


def error_label() -> QLabel:
    label = QLabel()
    label.setWordWrap(True)
    label.setStyleSheet(f"color: {ERROR_COLOUR};")
    label.hide()
    return label


def show_error(label: QLabel, text: str) -> None:
    """Show ``text`` under the field, or hide the label when it is empty."""
    label.setText(text)
    label.setVisible(bool(text))
