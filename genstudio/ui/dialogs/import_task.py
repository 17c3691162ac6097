"""Find a paid task again by its id: Tasks → Import task ID…, and "Paste its ID…" on a
task whose submission is unknown. The dialogs only ask; the task service tracks it."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from genstudio.api.kinds import Scope
from genstudio.api.request import InvalidRequestError
from genstudio.api.task_ids import check_task_id
from genstudio.ui.inline_error import error_label, show_error
from genstudio.ui.tasklist.status_text import scope_words


class TaskIdDialog(QDialog):
    """The id field with what it is for; OK only once it looks like an id. With
    ``providers``, also which provider and kind it belongs to (a new row)."""

    def __init__(
        self,
        title: str,
        explanation: str,
        providers: Sequence[str] = (),
        current: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(460)
        layout = QVBoxLayout(self)
        text = QLabel(explanation)
        text.setWordWrap(True)
        layout.addWidget(text)
        form = QFormLayout()
        self.provider = QComboBox()
        self.provider.addItems(list(providers))
        if current is not None and current in providers:
            self.provider.setCurrentText(current)
        self.scope = QComboBox()
        for scope in Scope:
            self.scope.addItem(scope_words(scope), scope)
        self.task_id = QLineEdit()
        self.task_id.setAccessibleName(self.tr("Task ID"))
        self.task_id.setPlaceholderText(self.tr("e.g. task_01J9ZK3…"))
        self.model = QLineEdit()
        self.model.setPlaceholderText(self.tr("Optional: the model, if you know it"))
        if providers:
            form.addRow(self.tr("Provider"), self.provider)
            form.addRow(self.tr("Kind"), self.scope)
        form.addRow(self.tr("Task ID"), self.task_id)
        if providers:
            form.addRow(self.tr("Model"), self.model)
        layout.addLayout(form)
        self.error = error_label()
        layout.addWidget(self.error)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.try_accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.task_id.textChanged.connect(lambda _t: show_error(self.error, ""))
        self.task_id.setFocus()

    def try_accept(self) -> None:
        try:
            check_task_id(self.task_id.text())
        except InvalidRequestError as exc:
            show_error(self.error, str(exc))  # stays open: what was pasted is kept
            self.task_id.setFocus()
            return
        self.accept()

    def chosen(self) -> tuple[str, Scope, str, str]:
        """Provider, kind, task id and model (empty when not given)."""
        scope = self.scope.currentData()
        return (
            self.provider.currentText(),
            scope if isinstance(scope, Scope) else Scope.IMAGES,
            check_task_id(self.task_id.text()),
            self.model.text().strip(),
        )
