"""A choice box for an optional request field."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox


class OptionCombo(QComboBox):
    """A combo whose first entry, "Default", means: leave the field out."""

    def __init__(self, values: tuple[str, ...], editable: bool, default_text: str) -> None:
        super().__init__()
        self.setEditable(editable)
        # Narrow by default: the form must fit beside the list on a 1024-pixel screen.
        self.setMinimumContentsLength(6)
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.set_values(values, default_text)

    def set_values(self, values: tuple[str, ...], default_text: str) -> None:
        current = self.value()
        self.clear()
        self.addItem(default_text, None)
        for value in values:
            self.addItem(value, value)
        self.set_value(current)

    def value(self) -> str | None:
        text = self.currentText().strip()
        if not text or (self.currentIndex() == 0 and text == self.itemText(0)):
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
