"""The red sentence shown under a field that needs fixing."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel


def error_label() -> QLabel:
    label = QLabel()
    label.setWordWrap(True)
    label.setStyleSheet("color: #d64545;")
    label.hide()
    return label


def show_error(label: QLabel, text: str) -> None:
    """Show ``text`` under the field, or hide the label when it is empty."""
    label.setText(text)
    label.setVisible(bool(text))
