"""Money in the window: price beside Generate, balance in the status bar, budget before
a job goes out, the Spending view and the Prices and budget dialog."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QFileDialog, QMessageBox
from pytestqt.qtbot import QtBot

from genstudio.api.snapshot import Scope
from genstudio.settings.money import Budget, UserPrice
from genstudio.tasks.record import TaskState
from genstudio.tasks.store import PricedJob
from genstudio.ui.dialogs.money_dialog import MoneyDialog, MoneySettings
from genstudio.ui.spending.spending_view import SpendingDialog
from tests.conftest import until
from tests.ui.conftest import App, QLoop

MakeApp = Callable[[], App]


def choose(app: App, scope: Scope, model: str, prompt: str = "a fox") -> None:
    form = app.window.form
    form.set_scope(scope)
    form.model.setEditText(model)
    form.prompt.setPlainText(prompt)


def test_price_and_balance_shown_and_the_job_records_its_price(
    qtbot: QtBot, qloop: QLoop, make_app: MakeApp
) -> None:
    async def body() -> None:
        app = make_app()
        window = app.window
        await until(lambda: window.money.balance.isVisible())
        assert window.money.balance.text() == "Balance: $25.00"
        choose(app, Scope.VIDEOS, "sora-2")
        await until(lambda: window.form.price.text() == "≈ $0.50")
        assert "as sim publishes it" in window.form.price.toolTip()
        choose(app, Scope.VIDEOS, "sora-2-pro")  # the simulator does not offer it
        assert "Not offered by sim" in window.form.model.note.text()
        choose(app, Scope.VIDEOS, "veo3")
        await until(lambda: window.form.price.text() == "≈ $0.80")
        window.form.try_submit()
        await until(lambda: len(app.service.records) == 1)
        record = next(iter(app.service.records.values()))
        assert record.price_usd == pytest.approx(0.8)
        await until(lambda: record.state is TaskState.DONE)
        await until(lambda: window.money.balance.text() == "Balance: $24.20", timeout=10)
        assert window.model.data(window.model.index(0, 8)) == "≈ $0.80"
        window.table.selectRow(0)
        assert "≈ $0.80" in window.details.browser.toPlainText()

    qloop.run(body())


def test_over_the_daily_limit_nothing_is_sent(
    qtbot: QtBot, qloop: QLoop, make_app: MakeApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    warned: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: warned.append(text))

    async def body() -> None:
        app = make_app()
        profile = app.prefs.profiles[0]
        profile.budget = Budget(daily_cap_usd=0.3)
        app.window.money.profile_changed()
        await until(lambda: app.window.money.account.facts("sim").prices is not None)
        choose(app, Scope.VIDEOS, "veo3")
        app.window.form.try_submit()
        assert warned and "daily limit of $0.30 for sim; $0.30 is left today" in warned[0]
        assert "Money → Prices and budget" in warned[0]
        assert app.service.records == {} and app.sim.counts["submit"] == 0
        assert app.window.form.prompt.toPlainText() == "a fox"  # nothing typed is lost

    qloop.run(body())


@pytest.mark.parametrize("answer", [QMessageBox.StandardButton.No, QMessageBox.StandardButton.Yes])
def test_a_job_over_the_threshold_asks_first(
    qtbot: QtBot,
    qloop: QLoop,
    make_app: MakeApp,
    monkeypatch: pytest.MonkeyPatch,
    answer: QMessageBox.StandardButton,
) -> None:
    asked: list[str] = []

    def question(*args: object) -> QMessageBox.StandardButton:
        asked.append(str(args[2]))
        return answer

    monkeypatch.setattr(QMessageBox, "question", question)

    async def body() -> None:
        app = make_app()
        app.prefs.profiles[0].budget = Budget(confirm_above_usd=0.5)
        app.window.money.profile_changed()
        await until(lambda: app.window.money.account.facts("sim").prices is not None)
        choose(app, Scope.VIDEOS, "veo3")
        app.window.form.try_submit()
        assert asked and "about $0.80" in asked[0]
        if answer is QMessageBox.StandardButton.Yes:
            await until(lambda: len(app.service.records) == 1)
        else:
            assert app.service.records == {}
        choose(app, Scope.IMAGES, "flux-schnell")  # $0.003: below the threshold, not asked
        app.window.form.try_submit()
        assert len(asked) == 1

    qloop.run(body())


def test_a_provider_without_the_endpoints_shows_no_price_or_balance(
    qtbot: QtBot, qloop: QLoop, make_app: MakeApp
) -> None:
    async def body() -> None:
        app = make_app()
        app.sim.config.absent = frozenset({"models", "pricing", "balance", "billing"})
        app.window.money.provider_edited({"sim"})
        await until(lambda: app.sim.counts["billing"] >= 1)
        choose(app, Scope.VIDEOS, "veo3")
        await until(lambda: app.window.money.account.facts("sim").learned_at is not None)
        assert not app.window.money.balance.isVisible()
        assert app.window.form.price.isHidden()
        assert "Not offered" not in app.window.form.model.note.text()
        app.prefs.profiles[0].prices = {"veo3": UserPrice(0.7)}  # the user's own table
        app.window.money.update_quote()
        assert app.window.form.price.text() == "≈ $0.70"

    qloop.run(body())


# -- the Spending view ------------------------------------------------------------------


# Noon today: a job a minute old is today's whatever the hour the test runs.
NOON = dt.datetime.combine(dt.date.today(), dt.time(12)).timestamp()


def jobs_now() -> list[PricedJob]:
    now = NOON
    return [
        PricedJob(now - 60, "sim", "videos", "veo3", TaskState.DONE, 0.8, "a"),
        PricedJob(now - 120, "sim", "videos", "veo3", TaskState.FAILED, 0.8, "b"),
        PricedJob(now - 3 * 86400, "work", "images", "=cmd", TaskState.DONE, 0.04, "c"),
    ]


def test_spending_view(
    qtbot: QtBot, qtmodeltester: object, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    dialog = SpendingDialog(lambda since: jobs_now(), ["sim", "work"], None, now=lambda: NOON)
    qtbot.addWidget(dialog)
    qtmodeltester.check(dialog.model)  # type: ignore[attr-defined]
    assert "Today $0.80" in dialog.totals.text()
    assert "Last 30 days $0.84" in dialog.totals.text()
    assert dialog.model.rowCount() == 2 and dialog.stack.currentIndex() == 1
    assert len(dialog.chart.series()) == 1
    dialog.provider.setCurrentIndex(dialog.provider.findData("work"))
    assert "Today $0.00" in dialog.totals.text() and dialog.model.rowCount() == 1
    target = tmp_path / "spent.csv"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    dialog.export()
    assert target.read_text().splitlines()[1].endswith(",work,'=cmd,1,0.0400")
    blocked = tmp_path / "dir.csv"
    blocked.mkdir()
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(blocked), ""))
    dialog.export()
    assert "could not be saved" in dialog.error.text()
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".part")] == []


def test_spending_view_empty(qtbot: QtBot) -> None:
    dialog = SpendingDialog(lambda since: [], ["sim"], "sim")
    qtbot.addWidget(dialog)
    assert dialog.stack.currentIndex() == 0 and "No priced jobs" in dialog.empty.text()
    assert not dialog.export_button.isEnabled()


# -- Prices and budget ----------------------------------------------------------------------


def money_dialog(qtbot: QtBot, current: MoneySettings | None = None) -> MoneyDialog:
    dialog = MoneyDialog(
        "sim", current or MoneySettings({}, Budget(), 500_000.0), ["veo3", "sora-2"]
    )
    qtbot.addWidget(dialog)
    return dialog


def test_money_dialog_round_trip(qtbot: QtBot) -> None:
    current = MoneySettings(
        {"veo3": UserPrice(0.4), "sora-2": UserPrice(0.1, per_second=True)},
        Budget(10.0, 100.0, 2.5),
        1_000_000.0,
    )
    dialog = money_dialog(qtbot, current)
    dialog.try_accept()
    assert dialog.result() == MoneyDialog.DialogCode.Accepted
    assert dialog.settings() == current


def test_money_dialog_entries_and_problems(qtbot: QtBot) -> None:
    dialog = money_dialog(qtbot)
    dialog.setLocale(QLocale(QLocale.Language.German, QLocale.Country.Germany))
    qtbot.keyClicks(dialog.daily, "$5,50")
    dialog.add_row()
    name, amount, per = dialog.rows()[0]
    name.setText("veo3")
    amount.setText("abc")
    dialog.try_accept()
    assert "The price of veo3 must be an amount in dollars" in dialog.error.text()
    assert dialog.result() != MoneyDialog.DialogCode.Accepted
    amount.setText("0,40")
    per.setCurrentIndex(1)
    dialog.add_row()
    dialog.rows()[1][0].setText("veo3")
    dialog.rows()[1][1].setText("1")
    dialog.try_accept()
    assert "veo3 is in the table twice" in dialog.error.text()
    dialog.table.selectRow(1)
    dialog.remove_selected()
    dialog.quota.setText("0")
    dialog.try_accept()
    assert "Quota units per dollar" in dialog.error.text()
    dialog.quota.setText("500000")
    dialog.try_accept()
    chosen = dialog.settings()
    assert chosen.budget == Budget(daily_cap_usd=5.5)
    assert chosen.prices == {"veo3": UserPrice(0.4, per_second=True)}


def test_money_dialog_bad_limit(qtbot: QtBot) -> None:
    dialog = money_dialog(qtbot)
    dialog.monthly.setText("lots")
    dialog.try_accept()
    assert "The monthly limit must be an amount in dollars" in dialog.error.text()
    assert dt.date.today()  # the dialog stays open: nothing typed is lost
    assert dialog.monthly.text() == "lots"
