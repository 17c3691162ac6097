"""Extra settings for the provider (fields the form has no box for), one per row,
checked as the user types. How a value will be sent is said in its tooltip; only
problems are said in words under the row."""

from __future__ import annotations

import json
from typing import Any

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import (
    QGridLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from genstudio.api.request import InvalidRequestError, check_extra_key, parse_extra_value
from genstudio.ui.inline_error import ERROR_COLOUR

STANDARD_FIELDS = {
    "prompt",
    "model",
    "duration",
    "aspect_ratio",
    "size",
    "resolution",
    "images",
    "videos",
    "watermark",
}


def describe_value(text: str) -> tuple[str, bool]:
    """(what the value will be sent as, whether it is acceptable)."""
    stripped = text.strip()
    if stripped[:1] in ("{", "[", '"'):
        try:
            json.loads(stripped)
        except json.JSONDecodeError as exc:
            return (
                QCoreApplication.translate(
                    "ExtraParamsEditor",
                    "starts like a list or a group but is not complete ({0}, column {1})",
                ).format(exc.msg, exc.colno),
                False,
            )
    value = parse_extra_value(stripped)
    if isinstance(value, bool):
        return (QCoreApplication.translate("ExtraParamsEditor", "sent as true/false"), True)
    if isinstance(value, int | float):
        return (QCoreApplication.translate("ExtraParamsEditor", "sent as a number"), True)
    if value is None:
        return (QCoreApplication.translate("ExtraParamsEditor", "sent as null"), True)
    if isinstance(value, dict | list):
        return (QCoreApplication.translate("ExtraParamsEditor", "sent as a list or a group"), True)
    return (QCoreApplication.translate("ExtraParamsEditor", "sent as text"), True)


class ExtraParamsEditor(QWidget):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rows: list[tuple[QLineEdit, QLineEdit, QLabel, QToolButton]] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self._grid = QGridLayout()
        layout.addLayout(self._grid)
        self._add = QPushButton(self.tr("Add a setting"))
        self._add.setAccessibleName(self.tr("Add an extra setting"))
        self._add.clicked.connect(lambda: self.add_row())
        layout.addWidget(self._add)
        hint = QLabel(
            self.tr(
                "Settings this model understands that the form has no box for, sent with "
                "the job as written. For example: seed 42, or negative_prompt blurry."
            )
        )
        hint.setToolTip(
            self.tr(
                "Numbers, true and false are sent as such; lists like [1, 2] and groups as "
                'JSON; anything else as text. Quote a number ("10") to send it as text.'
            )
        )
        hint.setWordWrap(True)
        hint.setEnabled(False)
        layout.addWidget(hint)

    def add_row(self, key: str = "", value: str = "") -> None:
        key_edit = QLineEdit(key)
        key_edit.setPlaceholderText(self.tr("setting, e.g. seed"))
        key_edit.setAccessibleName(self.tr("Setting"))
        value_edit = QLineEdit(value)
        value_edit.setPlaceholderText(self.tr("value, e.g. 42"))
        value_edit.setAccessibleName(self.tr("Value"))
        note = QLabel()
        note.setWordWrap(True)
        remove = QToolButton()
        remove.setText("✕")
        remove.setToolTip(self.tr("Remove this setting"))
        remove.setAccessibleName(self.tr("Remove setting"))
        row = (key_edit, value_edit, note, remove)
        self._rows.append(row)
        index = len(self._rows) - 1
        self._grid.addWidget(key_edit, index * 2, 0)
        self._grid.addWidget(value_edit, index * 2, 1)
        self._grid.addWidget(remove, index * 2, 2)
        self._grid.addWidget(note, index * 2 + 1, 0, 1, 3)
        key_edit.textChanged.connect(self._revalidate)
        value_edit.textChanged.connect(self._revalidate)
        remove.clicked.connect(lambda: self._remove(row))
        self._revalidate()
        if not key:
            key_edit.setFocus()

    def _remove(self, row: tuple[QLineEdit, QLineEdit, QLabel, QToolButton]) -> None:
        self._rows.remove(row)
        for widget in row:
            self._grid.removeWidget(widget)
            widget.deleteLater()
        self._relayout()
        self._revalidate()

    def _relayout(self) -> None:
        for index, (key_edit, value_edit, note, remove) in enumerate(self._rows):
            self._grid.addWidget(key_edit, index * 2, 0)
            self._grid.addWidget(value_edit, index * 2, 1)
            self._grid.addWidget(remove, index * 2, 2)
            self._grid.addWidget(note, index * 2 + 1, 0, 1, 3)

    def clear(self) -> None:
        for row in list(self._rows):
            self._remove(row)

    def _revalidate(self) -> None:
        self.problems()
        self.changed.emit()

    def problems(self) -> list[str]:
        """Check every row, show each row's note, and return the problems."""
        problems: list[str] = []
        seen: set[str] = set()
        for key_edit, value_edit, note, _ in self._rows:
            key, value = key_edit.text(), value_edit.text()
            message, ok = "", True
            if not key and not value:
                note.clear()
                note.hide()
                continue
            try:
                check_extra_key(key)
            except InvalidRequestError as exc:
                message, ok = str(exc), False
            if ok and key in seen:
                message, ok = self.tr("“%1” is set twice; remove one.").replace("%1", key), False
            warning = ""
            if ok:
                message, ok = describe_value(value)
                if ok and key in STANDARD_FIELDS:
                    warning = self.tr("Replaces the form's own “%1” choice.").replace("%1", key)
            seen.add(key)
            # How it will be sent is a technical note: the tooltip. Problems are words.
            value_edit.setToolTip(message if ok else "")
            note.setText(warning if ok else message)
            note.setVisible(bool(note.text()))
            note.setStyleSheet("" if ok else f"color: {ERROR_COLOUR};")
            if not ok:
                problems.append(f"{key or '?'}: {message}")
        return problems

    def values(self) -> dict[str, Any]:
        return {
            k.text(): parse_extra_value(v.text().strip()) for k, v, _, _ in self._rows if k.text()
        }

    def set_values(self, values: dict[str, Any]) -> None:
        self.clear()
        for key, value in values.items():
            text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
            self.add_row(key, text)
