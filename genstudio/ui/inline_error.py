"""The red sentence shown under a field that needs fixing."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel

ERROR_COLOUR = "#d64545"  # readable on light and dark windows alike
GOOD_COLOUR = "#2e9d4f"


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


def show_outcome(label: QLabel, ok: bool, text: str, details: str = "") -> None:
    """A test's result: green when it worked, red when not, the details as a tooltip."""
    label.setStyleSheet(f"color: {GOOD_COLOUR if ok else ERROR_COLOUR};")
    label.setText(text)
    label.setToolTip(details)


def show_pending(label: QLabel, text: str) -> None:
    """A test under way: plain text, no colour from an earlier result."""
    label.setStyleSheet("")
    label.setText(text)
    label.setToolTip("")
