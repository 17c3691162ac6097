"""Prices and budget for one provider: daily and monthly limits, the amount above which
Generate asks first, the user's own prices per model, and the gateway's quota units.

The dialog only edits: OK checks what was typed and says the first problem in the
dialog, keeping it open; the window saves :meth:`MoneyDialog.settings` in the profile.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QLocale, QStringListModel, Qt
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
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from genstudio.settings.money import (
    MAX_USD,
    QUOTA_PER_USD,
    Budget,
    MoneySettings,
    UserPrice,
    is_amount,
)
from genstudio.ui.inline_error import error_label

# Profile.from_json keeps quota units only up to MAX_USD: a larger figure would be
# dropped silently on the next start, so the dialog refuses it now.
MAX_QUOTA_PER_USD = int(MAX_USD)
_SHORTEST = QLocale.FloatingPointPrecisionOption.FloatingPointShortest
# What may sit between digits as a group separator: spaces of every width (French uses
# U+202F) and an apostrophe (Swiss); removing them changes no number.
_SPACES = (" ", "\u00a0", "\u202f", "\u2009", "'", "’")


class _InputError(Exception):
    """The first thing to fix: a sentence, and the field to put the cursor in."""

    def __init__(self, text: str, field: QWidget) -> None:
        super().__init__(text)
        self.text = text
        self.field = field


class MoneyDialog(QDialog):
    def __init__(
        self,
        provider: str,
        current: MoneySettings,
        models: Sequence[str],
        parent: QWidget | None = None,
    ) -> None:
        """``models``: the names offered while typing a model (any other name is fine)."""
        super().__init__(parent)
        self.setWindowTitle(self.tr("Prices and budget — %1").replace("%1", provider))
        self.resize(560, 520)  # fits a 1024×640 screen; resizable
        self._result = current
        self._recheck = False  # after a refused OK, each edit says what is still wrong
        self._model_names = QStringListModel(list(models), self)
        layout = QVBoxLayout(self)
        layout.addWidget(self._budget_group(current.budget))
        layout.addWidget(self._prices_group(current.prices), 1)
        layout.addWidget(self._advanced_section(current.quota_per_usd))

        # Two lines kept for the sentence, so showing one never moves the fields.
        self.error = error_label()
        self.error.setMinimumHeight(self.error.fontMetrics().lineSpacing() * 2)
        self.error.show()
        layout.addWidget(self.error)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.try_accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

    # -- building -------------------------------------------------------------------------

    def _budget_group(self, budget: Budget) -> QGroupBox:
        group = QGroupBox(self.tr("Budget"))
        column = QVBoxLayout(group)
        # Above the form, full width: a wrapped label inside a form row gets clipped.
        note = QLabel(
            self.tr(
                "Generate refuses a job that would go over a limit, and asks before one "
                "over the amount you set. Jobs already sent are never stopped."
            )
        )
        note.setWordWrap(True)
        column.addWidget(note)
        form = QFormLayout()
        self.daily = self._amount_row(
            form, self.tr("Daily limit"), budget.daily_cap_usd, self.tr("No limit")
        )
        self.monthly = self._amount_row(
            form, self.tr("Monthly limit"), budget.monthly_cap_usd, self.tr("No limit")
        )
        self.confirm = self._amount_row(
            form, self.tr("Ask before jobs over"), budget.confirm_above_usd, self.tr("Never ask")
        )
        column.addLayout(form)
        return group

    def _amount_row(
        self, form: QFormLayout, label: str, value: float | None, placeholder: str
    ) -> QLineEdit:
        edit = QLineEdit("" if value is None else self._amount_text(value))
        edit.setPlaceholderText(placeholder)
        edit.setAccessibleName(label)
        # Wide enough for "1,000,000.00" and the placeholder, not the whole dialog.
        metrics = edit.fontMetrics()
        edit.setMinimumWidth(
            max(metrics.horizontalAdvance("0" * 13), metrics.horizontalAdvance(placeholder))
            + metrics.averageCharWidth() * 2
        )
        edit.textChanged.connect(self._edited)
        row = QHBoxLayout()
        row.addWidget(QLabel("$"))  # the currency, not a word: the same in every language
        row.addWidget(edit)
        row.addStretch(1)
        caption = QLabel(label)
        caption.setBuddy(edit)
        form.addRow(caption, row)
        return edit

    def _prices_group(self, prices: dict[str, UserPrice]) -> QGroupBox:
        group = QGroupBox(self.tr("Your prices"))
        column = QVBoxLayout(group)
        hint = QLabel(
            self.tr(
                "Where your provider publishes no prices, enter what a model costs, to see "
                "it before Generate and in Spending."
            )
        )
        hint.setWordWrap(True)
        column.addWidget(hint)
        self.table = QTableWidget(0, 3)
        self.table.setHorizontalHeaderLabels(
            [self.tr("Model"), self.tr("Price ($)"), self.tr("Per")]
        )
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        header.resizeSection(1, self.fontMetrics().horizontalAdvance("0" * 12))
        # Row numbers stay: clicking them (with Shift or Ctrl) selects rows to remove.
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setMinimumHeight(self.fontMetrics().lineSpacing() * 6)
        column.addWidget(self.table, 1)
        row = QHBoxLayout()
        self.add_button = QPushButton(self.tr("Add a price"))
        self.add_button.setAutoDefault(False)  # Enter in a field means OK, not another row
        self.add_button.clicked.connect(self._add_clicked)
        self.remove_button = QPushButton(self.tr("Remove"))
        self.remove_button.setAutoDefault(False)
        self.remove_button.setEnabled(False)
        self.remove_button.clicked.connect(self.remove_selected)
        row.addWidget(self.add_button)
        row.addWidget(self.remove_button)
        row.addStretch(1)
        column.addLayout(row)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        for model, price in prices.items():
            self.add_row(model, price)
        return group

    def _advanced_section(self, quota_per_usd: float) -> QWidget:
        section = QWidget()
        column = QVBoxLayout(section)
        column.setContentsMargins(0, 0, 0, 0)
        self.advanced = QToolButton()
        self.advanced.setText(self.tr("Advanced"))
        self.advanced.setCheckable(True)
        self.advanced.setAutoRaise(True)
        self.advanced.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.advanced.setArrowType(Qt.ArrowType.RightArrow)
        column.addWidget(self.advanced, 0, Qt.AlignmentFlag.AlignLeft)
        self.advanced_box = QWidget()
        inner = QVBoxLayout(self.advanced_box)
        inner.setContentsMargins(0, 0, 0, 0)
        form = QFormLayout()
        self.quota = QLineEdit(self._quota_text(quota_per_usd))
        self.quota.setAccessibleName(self.tr("Quota units per dollar"))
        self.quota.setPlaceholderText(self.locale().toString(int(QUOTA_PER_USD)))
        self.quota.textChanged.connect(self._edited)
        self.quota.setMinimumWidth(self.daily.minimumWidth())
        quota_row = QHBoxLayout()
        quota_row.addWidget(self.quota)
        quota_row.addStretch(1)
        caption = QLabel(self.tr("Quota units per dollar"))
        caption.setBuddy(self.quota)
        form.addRow(caption, quota_row)
        inner.addLayout(form)
        explanation = QLabel(
            self.tr(
                "Gateways count balance in quota units; most use 500,000 per US dollar. "
                "Change this only if your provider says so."
            )
        )
        explanation.setWordWrap(True)
        inner.addWidget(explanation)
        column.addWidget(self.advanced_box)
        self.advanced.toggled.connect(self._show_advanced)
        # Folded unless it holds something other than the default, which the user set.
        self.advanced.setChecked(quota_per_usd != QUOTA_PER_USD)
        self._show_advanced(self.advanced.isChecked())
        return section

    def _show_advanced(self, shown: bool) -> None:
        self.advanced.setArrowType(Qt.ArrowType.DownArrow if shown else Qt.ArrowType.RightArrow)
        self.advanced_box.setVisible(shown)

    # -- rows -------------------------------------------------------------------------------

    def add_row(self, model: str = "", price: UserPrice | None = None) -> None:
        """A row of the price table: the model's name, its price, and per what."""
        row = self.table.rowCount()
        self.table.insertRow(row)
        name = QLineEdit(model)
        name.setFrame(False)
        name.setAccessibleName(self.tr("Model"))
        name.setPlaceholderText(self.tr("model name"))
        completer = QCompleter(self._model_names, name)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)  # "veo" finds "veo3-fast"
        name.setCompleter(completer)
        amount = QLineEdit("" if price is None else self._amount_text(price.usd))
        amount.setFrame(False)
        amount.setAccessibleName(self.tr("Price ($)"))
        amount.setPlaceholderText(self._amount_text(0.4, decimals=2))
        per = QComboBox()
        per.setFrame(False)
        per.setAccessibleName(self.tr("Per"))
        per.addItem(self.tr("a job"), False)
        per.addItem(self.tr("a second"), True)
        per.setCurrentIndex(1 if price is not None and price.per_second else 0)
        # The fields cover their cells; the view makes a focused field's row the
        # current (so selected) one, which is what Remove takes.
        for column, widget in enumerate((name, amount, per)):
            self.table.setCellWidget(row, column, widget)
        name.textChanged.connect(self._edited)
        amount.textChanged.connect(self._edited)

    def remove_selected(self) -> None:
        rows = sorted({index.row() for index in self.table.selectedIndexes()}, reverse=True)
        for row in rows:
            self.table.removeRow(row)
        self._edited()

    def rows(self) -> list[tuple[QLineEdit, QLineEdit, QComboBox]]:
        """Each row's fields, top to bottom: model, price, per."""
        found = []
        for row in range(self.table.rowCount()):
            name, amount, per = (self.table.cellWidget(row, c) for c in range(3))
            assert isinstance(name, QLineEdit) and isinstance(amount, QLineEdit)
            assert isinstance(per, QComboBox)
            found.append((name, amount, per))
        return found

    def _add_clicked(self) -> None:
        self.add_row()
        self.table.scrollToBottom()
        self.rows()[-1][0].setFocus()

    def _row_of(self, widget: QWidget) -> int:
        for row in range(self.table.rowCount()):
            if widget in (self.table.cellWidget(row, c) for c in range(3)):
                return row
        return -1

    def _selection_changed(self) -> None:
        self.remove_button.setEnabled(self.table.selectionModel().hasSelection())

    # -- numbers as the user reads and types them ------------------------------------------

    def _amount_text(self, usd: float, decimals: int | None = None) -> str:
        """In the widget's language ("0,4" in German), every digit kept unless asked, so
        an unchanged field reads back the same number."""
        locale = QLocale(self.locale())
        locale.setNumberOptions(QLocale.NumberOption.OmitGroupSeparator)
        return locale.toString(usd, "f", _SHORTEST if decimals is None else decimals)

    def _quota_text(self, quota: float) -> str:
        if quota.is_integer():
            return self.locale().toString(int(quota))  # 500,000: easier to read than 500000
        return self._amount_text(quota)

    def _parse_amount(self, text: str) -> float | None:
        """Dollars as typed: "1.50", "$1.50", "1,50" where the comma is the decimal mark.
        Empty is None; anything else that is not an amount raises ValueError."""
        text = _without_spaces(text).removeprefix("$").removesuffix("$")
        if not text:
            return None
        # The user's own notation first; then the C one, so "1.50" works in German too.
        for locale in (self.locale(), QLocale.c()):
            value, ok = locale.toDouble(text)
            if ok:
                if is_amount(value):
                    return value
                break
        raise ValueError(text)

    def _parse_quota(self, text: str) -> int | None:
        """A whole number: "500000", "500,000", "500.000" in German. None when it is not."""
        text = _without_spaces(text)
        for locale in (self.locale(), QLocale.c()):
            value, ok = locale.toLongLong(text)
            if ok:
                return value if 0 < value <= MAX_QUOTA_PER_USD else None
        return None

    # -- checking and accepting --------------------------------------------------------------

    def _read(self) -> MoneySettings:
        """What the fields say, or the first problem, top to bottom, as :class:`_InputError`."""
        problems = (
            self.tr("The daily limit must be an amount in dollars, like 10, or left empty."),
            self.tr("The monthly limit must be an amount in dollars, like 100, or left empty."),
            self.tr("“Ask before jobs over” must be an amount in dollars, like 2, or left empty."),
        )
        limits: list[float | None] = []
        edits = (self.daily, self.monthly, self.confirm)
        for edit, problem in zip(edits, problems, strict=True):
            try:
                limits.append(self._parse_amount(edit.text()))
            except ValueError:
                raise _InputError(problem, edit) from None
        prices: dict[str, UserPrice] = {}
        for name, amount, per in self.rows():
            model = name.text().strip()
            if not model and not amount.text().strip():
                continue  # an empty row: nothing to keep
            if not model:
                raise _InputError(self.tr("A price has no model: type the model's name."), name)
            if model in prices:
                raise _InputError(
                    self.tr("%1 is in the table twice: keep one.").replace("%1", model), name
                )
            try:
                usd = self._parse_amount(amount.text())
            except ValueError:
                usd = None
            if usd is None:
                raise _InputError(
                    self.tr("The price of %1 must be an amount in dollars, like 0.40.").replace(
                        "%1", model
                    ),
                    amount,
                )
            prices[model] = UserPrice(usd, bool(per.currentData()))
        quota = self._parse_quota(self.quota.text())
        if quota is None:
            raise _InputError(
                self.tr(
                    "Quota units per dollar must be a whole number from 1 to 1,000,000, "
                    "like 500,000."
                ),
                self.quota,
            )
        return MoneySettings(prices, Budget(*limits), float(quota))

    def try_accept(self) -> None:
        """OK: accept what was typed, or say the first problem and keep the dialog open
        with the cursor in the field to fix (nothing typed is changed)."""
        try:
            self._result = self._read()
        except _InputError as problem:
            self._recheck = True
            self.error.setText(problem.text)
            if problem.field is self.quota:
                self.advanced.setChecked(True)
            row = self._row_of(problem.field)
            if row >= 0:
                self.table.selectRow(row)
                self.table.scrollTo(self.table.model().index(row, 0))
            problem.field.setFocus()
            return
        self.error.setText("")
        self.accept()

    def _edited(self) -> None:
        """After a refused OK, the sentence follows the edits: it goes once all is fixed."""
        if not self._recheck:
            return
        try:
            self._read()
        except _InputError as problem:
            self.error.setText(problem.text)
        else:
            self.error.setText("")

    def settings(self) -> MoneySettings:
        """What the user set; before OK is accepted, what the dialog was given."""
        return self._result


def _without_spaces(text: str) -> str:
    for space in _SPACES:
        text = text.replace(space, "")
    return text.strip()
