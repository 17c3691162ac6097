"""The model box: the models this key can use first, the others marked, and a line
under it that says what the chosen model is (or that GenStudio does not know it)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QComboBox, QLabel, QWidget

if TYPE_CHECKING:
    from genstudio.api.catalog import ModelSpec

NOT_OFFERED_ROLE = Qt.ItemDataRole.UserRole + 1


class ModelBox(QComboBox):
    """An editable combo of model names; any other name can be typed."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setEditable(True)
        self.setMinimumContentsLength(8)
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.setAccessibleName(self.tr("Model"))
        self.setToolTip(self.tr("The provider's model name; type any other name"))
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.note.setTextFormat(Qt.TextFormat.PlainText)

    def fill(
        self,
        names: Iterable[str],
        offered: frozenset[str] | None,
        provider: str,
        specs: dict[str, ModelSpec],
        keep: str,
    ) -> None:
        """``offered`` None: the provider does not say, so nothing is marked."""
        names = list(dict.fromkeys(names))
        if offered is not None:
            names.sort(key=lambda n: n not in offered)  # stable: recent first in each group
        model = QStandardItemModel(self)
        header_added = False
        for name in names:
            missing = offered is not None and name not in offered
            if missing and not header_added:
                header_added = True
                header = QStandardItem(
                    self.tr("Not offered by %1:").replace(
                        "%1", provider or self.tr("this provider")
                    )
                )
                header.setEnabled(False)
                header.setSelectable(False)
                font = header.font()
                font.setItalic(True)
                header.setFont(font)
                model.appendRow(header)
            item = QStandardItem(name)
            spec = specs.get(name)
            tip = f"{spec.name} · {spec.maker}" if spec is not None and spec.maker else ""
            if missing:
                item.setData(True, NOT_OFFERED_ROLE)
                item.setForeground(self.palette().placeholderText())
                tip = (tip + "\n" if tip else "") + self.tr(
                    "Your key is not listed for this model: the provider will probably refuse it."
                )
            if tip:
                item.setToolTip(tip)
            model.appendRow(item)
        self.blockSignals(True)
        self.setModel(model)
        self.setEditText(keep or (names[0] if names else ""))
        self.blockSignals(False)

    def describe(
        self, spec: ModelSpec | None, offered: frozenset[str] | None, provider: str
    ) -> None:
        """The line under the box, for the model typed or chosen."""
        name = self.currentText().strip()
        parts = []
        if spec is not None:
            parts.append(
                self.tr("%1 by %2").replace("%1", spec.name).replace("%2", spec.maker)
                if spec.maker
                else spec.name
            )
        elif name:
            parts.append(self.tr("GenStudio does not know this model, so every setting is shown."))
        if name and offered is not None and name not in offered:
            parts.append(
                self.tr("Not offered by %1 for your key.").replace(
                    "%1", provider or self.tr("this provider")
                )
            )
        self.note.setText(" ".join(parts))
        self.note.setVisible(bool(parts))
        self.note.setEnabled(not (name and offered is not None and name not in offered))
