"""The Prices and budget dialog: what it is given comes back unchanged, what is typed
comes back as typed (in the user's number notation), and a problem is said in the dialog,
which stays open with everything typed kept."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QItemSelectionModel, QLocale, Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLayout, QLineEdit, QWidget
from pytestqt.qtbot import QtBot

from genstudio.settings.money import QUOTA_PER_USD, Budget, MoneySettings, UserPrice
from genstudio.ui.dialogs.money_dialog import MoneyDialog

ENGLISH = QLocale(QLocale.Language.English, QLocale.Country.UnitedStates)
GERMAN = QLocale(QLocale.Language.German, QLocale.Country.Germany)
NOTHING_SET = MoneySettings({}, Budget(), QUOTA_PER_USD)


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    """Numbers read and written in American English unless a test says otherwise."""
    before = QLocale()
    QLocale.setDefault(ENGLISH)
    yield
    QLocale.setDefault(before)


def make(qtbot: QtBot, current: MoneySettings = NOTHING_SET) -> MoneyDialog:
    dialog = MoneyDialog("Work", current, ["veo3", "veo3-fast", "sora-2"])
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def press_ok(dialog: MoneyDialog) -> None:
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()


def accepted(dialog: MoneyDialog) -> bool:
    return dialog.result() == QDialog.DialogCode.Accepted


def price_row(dialog: MoneyDialog, model: str, usd: str) -> tuple[QLineEdit, QLineEdit]:
    dialog.add_button.click()
    name, amount, _per = dialog.rows()[-1]
    name.setText(model)
    amount.setText(usd)
    return name, amount


def refused(dialog: MoneyDialog, sentence: str, field: QWidget) -> None:
    """OK said ``sentence``, kept the dialog open and put the cursor where to fix."""
    press_ok(dialog)
    assert dialog.error.text() == sentence
    assert dialog.isVisible() and not accepted(dialog)
    assert dialog.focusWidget() is field


# -- what comes back ------------------------------------------------------------------------


def test_what_it_is_given_comes_back_unchanged(qtbot: QtBot) -> None:
    current = MoneySettings(
        {
            "veo3": UserPrice(0.4),
            "sora-2": UserPrice(0.1, per_second=True),
            "tiny": UserPrice(0.00012),  # every digit kept, not rounded to cents
        },
        Budget(10.0, 250.5, 2.5),
        1_000_000.0,
    )
    dialog = make(qtbot, current)
    assert dialog.windowTitle() == "Prices and budget — Work"
    assert dialog.advanced.isChecked()  # not the default: shown, not hidden away
    assert dialog.quota.text() == "1,000,000"
    press_ok(dialog)
    assert accepted(dialog) and dialog.error.text() == ""
    assert dialog.settings() == current


def test_empty_fields_mean_no_limit_and_the_default_quota_is_folded(qtbot: QtBot) -> None:
    dialog = make(qtbot)
    assert dialog.daily.placeholderText() == "No limit"
    assert dialog.monthly.placeholderText() == "No limit"
    assert dialog.confirm.placeholderText() == "Never ask"
    assert not dialog.advanced.isChecked() and not dialog.advanced_box.isVisible()
    assert dialog.quota.text() == "500,000"
    dialog.advanced.click()
    assert dialog.advanced_box.isVisible()
    dialog.daily.setText("   ")
    press_ok(dialog)
    assert accepted(dialog)
    assert dialog.settings() == NOTHING_SET


def test_what_is_typed_comes_back(qtbot: QtBot) -> None:
    dialog = make(qtbot)
    qtbot.keyClicks(dialog.daily, "10")
    qtbot.keyClicks(dialog.monthly, "$1,250.50")
    qtbot.keyClicks(dialog.confirm, " 2 ")
    dialog.add_button.click()
    name, amount, per = dialog.rows()[0]
    assert dialog.focusWidget() is name  # a new row is ready to type in
    name.setText(" veo3 ")  # typed keys would open the completion popup, which grabs keys
    qtbot.keyClicks(amount, "0.40")
    dialog.add_button.click()
    second, second_amount, second_per = dialog.rows()[1]
    second.setText("sora-2")
    qtbot.keyClicks(second_amount, "$0.10")
    second_per.setCurrentIndex(second_per.findText("a second"))
    assert [per.itemText(i) for i in range(per.count())] == ["a job", "a second"]
    dialog.advanced.click()
    dialog.quota.setText("400000")
    press_ok(dialog)
    assert accepted(dialog)
    assert dialog.settings() == MoneySettings(
        {"veo3": UserPrice(0.4), "sora-2": UserPrice(0.1, per_second=True)},
        Budget(10.0, 1250.5, 2.0),
        400_000.0,
    )


def test_model_names_complete_from_the_models_given(qtbot: QtBot) -> None:
    dialog = make(qtbot)
    dialog.add_button.click()
    completer = dialog.rows()[0][0].completer()
    completer.setCompletionPrefix("VEO")  # any case, anywhere in the name
    assert completer.completionCount() == 2
    completer.setCompletionPrefix("fast")
    assert completer.currentCompletion() == "veo3-fast"


def test_empty_rows_are_left_out(qtbot: QtBot) -> None:
    dialog = make(qtbot)
    price_row(dialog, "", "")
    price_row(dialog, "veo3", "0.5")
    price_row(dialog, "  ", " ")
    press_ok(dialog)
    assert accepted(dialog)
    assert dialog.settings().prices == {"veo3": UserPrice(0.5)}


def test_cancel_keeps_what_was_there(qtbot: QtBot) -> None:
    current = MoneySettings({"veo3": UserPrice(0.4)}, Budget(5.0), QUOTA_PER_USD)
    dialog = make(qtbot, current)
    dialog.daily.setText("99")
    dialog.rows()[0][1].setText("9")
    dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel).click()
    assert dialog.result() == QDialog.DialogCode.Rejected
    assert dialog.settings() == current


# -- Remove ---------------------------------------------------------------------------------


def test_remove_takes_the_selected_rows_and_keeps_the_others(qtbot: QtBot) -> None:
    dialog = make(qtbot)
    for model in ("a", "b", "c", "d"):
        price_row(dialog, model, "1")
    dialog.rows()[1][1].setText("2.5")  # typed, not yet saved: it must survive
    dialog.table.clearSelection()
    assert not dialog.remove_button.isEnabled()
    dialog.table.selectRow(0)
    dialog.table.selectionModel().select(
        dialog.table.model().index(2, 0),
        QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows,
    )
    assert dialog.remove_button.isEnabled()
    dialog.remove_button.click()
    assert [(name.text(), amount.text()) for name, amount, _ in dialog.rows()] == [
        ("b", "2.5"),
        ("d", "1"),
    ]
    press_ok(dialog)
    assert dialog.settings().prices == {"b": UserPrice(2.5), "d": UserPrice(1.0)}


def test_the_row_being_typed_in_is_the_one_remove_takes(qtbot: QtBot) -> None:
    dialog = make(qtbot)
    for model in ("a", "b", "c"):
        price_row(dialog, model, "1")
    dialog.activateWindow()
    qtbot.waitActive(dialog)
    # The fields cover the cells, so no click reaches the table: focus picks the row.
    qtbot.mouseClick(dialog.rows()[1][1], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.table.selectionModel().isRowSelected(1))
    dialog.remove_button.click()
    assert [name.text() for name, _, _ in dialog.rows()] == ["a", "c"]


# -- problems: said in the dialog, nothing typed lost ---------------------------------------


@pytest.mark.parametrize("typed", ["abc", "-1", "1000001", "", "inf", "0.40 0.50 $"])
def test_a_price_that_is_not_an_amount(qtbot: QtBot, typed: str) -> None:
    dialog = make(qtbot)
    price_row(dialog, "sora-2", "0.1")
    _name, amount = price_row(dialog, "veo3", typed)
    refused(dialog, "The price of veo3 must be an amount in dollars, like 0.40.", amount)
    assert amount.text() == typed and dialog.table.selectionModel().isRowSelected(1)
    amount.setText("0.40")  # fixed: the sentence goes while typing, OK accepts
    assert dialog.error.text() == ""
    press_ok(dialog)
    assert dialog.settings().prices == {"sora-2": UserPrice(0.1), "veo3": UserPrice(0.4)}


def test_the_largest_price_and_a_free_one_are_fine(qtbot: QtBot) -> None:
    dialog = make(qtbot)
    price_row(dialog, "gold", "1,000,000")
    price_row(dialog, "free", "0")
    press_ok(dialog)
    assert dialog.settings().prices == {"gold": UserPrice(1_000_000.0), "free": UserPrice(0.0)}


def test_a_model_named_twice(qtbot: QtBot) -> None:
    dialog = make(qtbot)
    price_row(dialog, "veo3", "0.4")
    second, _ = price_row(dialog, " veo3", "0.5")
    refused(dialog, "veo3 is in the table twice: keep one.", second)
    assert [name.text() for name, _, _ in dialog.rows()] == ["veo3", " veo3"]


def test_a_price_without_a_model(qtbot: QtBot) -> None:
    dialog = make(qtbot)
    name, _ = price_row(dialog, "", "0.4")
    refused(dialog, "A price has no model: type the model's name.", name)


@pytest.mark.parametrize(
    ("field", "sentence"),
    [
        ("daily", "The daily limit must be an amount in dollars, like 10, or left empty."),
        ("monthly", "The monthly limit must be an amount in dollars, like 100, or left empty."),
        (
            "confirm",
            "“Ask before jobs over” must be an amount in dollars, like 2, or left empty.",
        ),
    ],
)
def test_a_limit_that_is_not_an_amount(qtbot: QtBot, field: str, sentence: str) -> None:
    dialog = make(qtbot)
    dialog.daily.setText("5")
    edit: QLineEdit = getattr(dialog, field)
    edit.setText("lots")
    refused(dialog, sentence, edit)
    assert edit.text() == "lots" and dialog.daily.text() in ("5", "lots")
    edit.setText("-3")  # still wrong: still said
    assert dialog.error.text() == sentence


def test_the_first_problem_is_said_first(qtbot: QtBot) -> None:
    dialog = make(qtbot)
    price_row(dialog, "veo3", "abc")
    dialog.monthly.setText("lots")
    refused(
        dialog,
        "The monthly limit must be an amount in dollars, like 100, or left empty.",
        dialog.monthly,
    )
    dialog.monthly.setText("")  # the next problem takes its place
    assert dialog.error.text() == "The price of veo3 must be an amount in dollars, like 0.40."


@pytest.mark.parametrize("typed", ["0", "-5", "1.5", "abc", "", "2,000,000"])
def test_quota_units_that_are_not_a_positive_whole_number(qtbot: QtBot, typed: str) -> None:
    dialog = make(qtbot)
    dialog.quota.setText(typed)
    assert not dialog.advanced_box.isVisible()
    refused(
        dialog,
        "Quota units per dollar must be a whole number from 1 to 1,000,000, like 500,000.",
        dialog.quota,
    )
    assert dialog.advanced_box.isVisible() and dialog.quota.text() == typed


# -- the user's number notation -------------------------------------------------------------


def test_comma_decimals_where_the_language_uses_them(qtbot: QtBot) -> None:
    dialog = make(qtbot)
    dialog.setLocale(GERMAN)
    qtbot.keyClicks(dialog.daily, "1,50")
    qtbot.keyClicks(dialog.monthly, "$2.000")  # the German thousands mark
    qtbot.keyClicks(dialog.confirm, "1.50")  # the C notation is understood too
    price_row(dialog, "veo3", "0,40")
    dialog.rows()[0][2].setCurrentIndex(1)
    dialog.quota.setText("400.000")
    press_ok(dialog)
    assert accepted(dialog), dialog.error.text()
    assert dialog.settings() == MoneySettings(
        {"veo3": UserPrice(0.4, per_second=True)}, Budget(1.5, 2000.0, 1.5), 400_000.0
    )


def test_a_german_dialog_shows_and_reads_back_its_numbers(qtbot: QtBot) -> None:
    QLocale.setDefault(GERMAN)
    current = MoneySettings({"veo3": UserPrice(0.45)}, Budget(1234.5), 1_000_000.0)
    dialog = make(qtbot, current)
    assert dialog.daily.text() == "1234,5"
    assert dialog.rows()[0][1].text() == "0,45"
    assert dialog.quota.text() == "1.000.000"
    press_ok(dialog)
    assert dialog.settings() == current


# -- fits and follows the palette -----------------------------------------------------------


def test_fits_a_small_screen_and_can_grow(qtbot: QtBot) -> None:
    dialog = make(qtbot, MoneySettings({}, Budget(), 1_000.0))  # Advanced open: the tallest
    assert dialog.width() <= 620 and dialog.height() <= 560
    hint = dialog.minimumSizeHint()
    assert hint.width() <= 620 and hint.height() <= 560
    layout = dialog.layout()
    assert layout is not None
    assert layout.sizeConstraint() != QLayout.SizeConstraint.SetFixedSize
    assert dialog.maximumWidth() > 1024 and dialog.maximumHeight() > 640


def test_only_the_problem_sentence_has_its_own_colour(qtbot: QtBot) -> None:
    """Everything else takes the palette, so dark mode reads right."""
    dialog = make(qtbot)
    styled = [w for w in dialog.findChildren(QWidget) if w.styleSheet()]
    assert styled == [dialog.error]
