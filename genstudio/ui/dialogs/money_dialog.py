"""Prices and budget for one provider: daily and monthly limits, the amount above which
Generate asks first, the user's own prices per model, and the gateway's quota units."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from genstudio.settings.money import MAX_USD, QUOTA_PER_USD, Budget, UserPrice
from genstudio.ui.inline_error import error_label, show_error


@dataclass(frozen=True)
class MoneySettings:
    prices: dict[str, UserPrice]
    budget: Budget
    quota_per_usd: float


class _InvalidError(ValueError):
    pass


class MoneyDialog(QDialog):
    def __init__(
        self,
        provider: str,
        current: MoneySettings,
        models: Sequence[str],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Prices and budget — %1").replace("%1", provider))
        self.resize(560, 520)
        self._models = list(models)
        self._result = current
        layout = QVBoxLayout(self)

        budget = QGroupBox(self.tr("Budget"))
        budget_form = QFormLayout(budget)
        note = QLabel(
            self.tr(
                "Generate refuses a job that would go over a limit, and asks before one "
                "over the amount you set. Jobs already sent are never stopped."
            )
        )
        note.setWordWrap(True)
        budget_form.addRow(note)
        self.daily = self._amount_edit(current.budget.daily_cap_usd, self.tr("No limit"))
        self.monthly = self._amount_edit(current.budget.monthly_cap_usd, self.tr("No limit"))
        self.confirm = self._amount_edit(current.budget.confirm_above_usd, self.tr("Never ask"))
        budget_form.addRow(self.tr("Daily limit ($)"), self.daily)
        budget_form.addRow(self.tr("Monthly limit ($)"), self.monthly)
        budget_form.addRow(self.tr("Ask before jobs over ($)"), self.confirm)
        layout.addWidget(budget)

        prices = QGroupBox(self.tr("Your prices"))
        prices_layout = QVBoxLayout(prices)
        hint = QLabel(
            self.tr(
                "Where your provider publishes no prices, enter what a model costs, to see "
                "it before Generate and in Spending."
            )
        )
        hint.setWordWrap(True)
        prices_layout.addWidget(hint)
        self.table = QTableWidget(0, 3)
        self.table.setHorizontalHeaderLabels(
            [self.tr("Model"), self.tr("Price ($)"), self.tr("Per")]
        )
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        prices_layout.addWidget(self.table, 1)
        buttons_row = QHBoxLayout()
        self.add_button = QPushButton(self.tr("Add a price"))
        self.add_button.clicked.connect(lambda: self.add_row())
        self.remove_button = QPushButton(self.tr("Remove"))
        self.remove_button.clicked.connect(self.remove_selected)
        buttons_row.addWidget(self.add_button)
        buttons_row.addWidget(self.remove_button)
        buttons_row.addStretch(1)
        prices_layout.addLayout(buttons_row)
        layout.addWidget(prices, 1)
        for model, price in current.prices.items():
            self.add_row(model, price)

        quota_row = QFormLayout()
        self.quota = QLineEdit(self._number_text(current.quota_per_usd, 0))
        self.quota.setToolTip(
            self.tr(
                "Gateways count balance in quota units; most use 500,000 per US dollar. "
                "Change this only if your provider says so."
            )
        )
        quota_row.addRow(self.tr("Quota units per dollar"), self.quota)
        layout.addLayout(quota_row)

        self.error = error_label()
        layout.addWidget(self.error)
        box = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        box.accepted.connect(self.try_accept)
        box.rejected.connect(self.reject)
        layout.addWidget(box)

    # -- rows -------------------------------------------------------------------------------

    def add_row(self, model: str = "", price: UserPrice | None = None) -> None:
        row = self.table.rowCount()
        self.table.insertRow(row)
        name = QLineEdit(model)
        name.setPlaceholderText(self.tr("model name"))
        completer = QCompleter(self._models, name)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        name.setCompleter(completer)
        self.table.setCellWidget(row, 0, name)
        amount = QLineEdit(self._number_text(price.usd, 4) if price else "")
        amount.setPlaceholderText("0.40")
        self.table.setCellWidget(row, 1, amount)
        per = QComboBox()
        per.addItem(self.tr("a job"), False)
        per.addItem(self.tr("a second"), True)
        per.setCurrentIndex(1 if price is not None and price.per_second else 0)
        self.table.setCellWidget(row, 2, per)
        self.table.setItem(row, 0, QTableWidgetItem())
        if not model:
            name.setFocus()

    def remove_selected(self) -> None:
        rows = sorted({index.row() for index in self.table.selectedIndexes()}, reverse=True)
        for row in rows:
            self.table.removeRow(row)

    def rows(self) -> list[tuple[QLineEdit, QLineEdit, QComboBox]]:
        found = []
        for row in range(self.table.rowCount()):
            name, amount, per = (self.table.cellWidget(row, c) for c in range(3))
            assert isinstance(name, QLineEdit) and isinstance(amount, QLineEdit)
            assert isinstance(per, QComboBox)
            found.append((name, amount, per))
        return found

    # -- reading what was typed ---------------------------------------------------------------

    def _amount_edit(self, value: float | None, placeholder: str) -> QLineEdit:
        edit = QLineEdit("" if value is None else self._number_text(value, 2))
        edit.setPlaceholderText(placeholder)
        edit.textEdited.connect(lambda _t: show_error(self.error, ""))
        return edit

    def _number_text(self, value: float, decimals: int) -> str:
        text = f"{value:.{decimals}f}"
        return text.rstrip("0").rstrip(".") if "." in text else text

    def _parse(self, text: str) -> float | None:
        """A dollar amount as typed here: "1.50", "$1.50", or "1,50" where the comma
        is the decimal mark. Empty means none."""
        text = text.strip().replace("$", "").replace(" ", "")
        if not text:
            return None
        value, ok = self.locale().toDouble(text)
        if not ok:
            value, ok = QLocale.c().toDouble(text)
        if not ok or not 0 <= value <= MAX_USD:
            raise _InvalidError
        return value

    def _read(self) -> MoneySettings:
        limits = []
        for edit, what in (
            (self.daily, self.tr("The daily limit")),
            (self.monthly, self.tr("The monthly limit")),
            (self.confirm, self.tr("The amount to ask above")),
        ):
            try:
                limits.append(self._parse(edit.text()))
            except _InvalidError:
                edit.setFocus()
                raise _InvalidError(
                    self.tr("%1 must be an amount in dollars, like 10, or empty for none.").replace(
                        "%1", what
                    )
                ) from None
        prices: dict[str, UserPrice] = {}
        for name, amount, per in self.rows():
            model = name.text().strip()
            if not model and not amount.text().strip():
                continue  # an empty row
            if not model:
                name.setFocus()
                raise _InvalidError(self.tr("A price has no model: type the model's name."))
            if model in prices:
                name.setFocus()
                raise _InvalidError(
                    self.tr("%1 is in the table twice: keep one.").replace("%1", model)
                )
            try:
                usd = self._parse(amount.text())
            except _InvalidError:
                usd = None
            if usd is None:
                amount.setFocus()
                raise _InvalidError(
                    self.tr("The price of %1 must be an amount in dollars, like 0.40.").replace(
                        "%1", model
                    )
                )
            prices[model] = UserPrice(usd, bool(per.currentData()))
        quota_text = self.quota.text().strip().replace(",", "").replace(" ", "")
        if not quota_text.isdigit() or int(quota_text) <= 0:
            self.quota.setFocus()
            raise _InvalidError(
                self.tr("Quota units per dollar must be a whole number above 0, like 500000.")
            )
        return MoneySettings(prices, Budget(*limits), float(quota_text or QUOTA_PER_USD))

    def try_accept(self) -> None:
        try:
            self._result = self._read()
        except _InvalidError as problem:
            show_error(self.error, str(problem))
            return
        show_error(self.error, "")
        self.accept()

    def settings(self) -> MoneySettings:
        return self._result
