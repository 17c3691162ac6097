"""A choice box for an optional request field."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QComboBox

from genstudio.api import presets

if TYPE_CHECKING:
    from genstudio.api.kinds import Scope


def generic_choices(scope: Scope, field: str) -> tuple[str, ...]:
    """The usual values of a field, for a model the catalog does not know."""
    return {
        "duration": tuple(str(d) for d in presets.DURATIONS[scope]),
        "aspect_ratio": presets.ASPECT_RATIOS,
        "size": presets.SIZES,
        "resolution": presets.RESOLUTIONS,
    }[field]


class OptionCombo(QComboBox):
    """A combo whose first entry, "Default", means: leave the field out.

    For a model the catalog knows, it holds only that model's choices, with no
    "Default" entry and no typing (:meth:`set_choices`).
    """

    def __init__(self, values: tuple[str, ...], editable: bool, default_text: str) -> None:
        super().__init__()
        self._has_default_entry = True
        self.setEditable(editable)
        # Narrow by default: the form must fit beside the list on a 1024-pixel screen.
        self.setMinimumContentsLength(6)
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.set_values(values, default_text)

    def set_values(self, values: tuple[str, ...], default_text: str) -> None:
        """Any value may be typed; "Default" leaves the field out."""
        current = self.value()
        self.blockSignals(True)
        self._has_default_entry = True
        self.setEditable(True)
        self.clear()
        self.addItem(default_text, None)
        for value in values:
            self.addItem(value, value)
        self.blockSignals(False)
        self.set_value(current)

    def set_choices(self, values: tuple[str, ...], preferred: str | None) -> None:
        """Only ``values``; keeps the current value when allowed, else ``preferred``."""
        current = self.value()
        self.blockSignals(True)
        self._has_default_entry = False
        self.setEditable(False)
        self.clear()
        for value in values:
            self.addItem(value, value)
        self.blockSignals(False)
        self.set_value(current if current in values else preferred)

    def value(self) -> str | None:
        text = self.currentText().strip()
        if not text:
            return None
        if self._has_default_entry and self.currentIndex() == 0 and text == self.itemText(0):
            return None
        return text

    def set_value(self, value: object) -> None:
        if value is None or value == "":
            self.setCurrentIndex(0)
            return
        index = self.findData(str(value))
        if index >= 0:
            self.setCurrentIndex(index)
        elif self.isEditable():
            self.setEditText(str(value))
        else:
            self.setCurrentIndex(0)
