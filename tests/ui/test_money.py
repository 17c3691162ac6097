"""Money in the window end to end: price beside Generate, balance in the status bar,
the budget before a job goes out (and before Retry), the model list. The Spending view
and the Prices and budget dialog have their own tests (test_spending_view.py,
test_money_dialog.py)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from genstudio.api.kinds import Scope
from genstudio.settings.money import Budget, UserPrice
from genstudio.sim import Fault, Simulator
from genstudio.tasks.actions import Action
from genstudio.tasks.states import TaskState
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


def test_retry_asks_the_budget_too(
    qtbot: QtBot, qloop: QLoop, make_app: MakeApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Retry sends money out again: refused over a cap, asked over the threshold, for
    all the selected jobs together."""
    warned: list[str] = []
    asked: list[str] = []
    answers = [QMessageBox.StandardButton.No]
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: warned.append(text))

    def question(*args: object) -> QMessageBox.StandardButton:
        asked.append(str(args[2]))
        return answers.pop(0)

    monkeypatch.setattr(QMessageBox, "question", question)

    async def body() -> None:
        app = make_app()
        window, profile = app.window, app.prefs.profiles[0]
        await until(lambda: window.money.account.facts("sim").prices is not None)
        for prompt in ("[[fail]] a fox", "[[fail]] an owl"):
            choose(app, Scope.VIDEOS, "veo3", prompt)
            window.form.try_submit()
        await until(
            lambda: (
                len(app.service.records) == 2
                and all(r.state is TaskState.FAILED for r in app.service.records.values())
            )
        )
        window.table.selectAll()
        profile.budget = Budget(daily_cap_usd=1.0)  # failed jobs were refunded: $0 spent
        window.actions_.run(Action.RETRY)
        assert warned and "these 2 jobs (≈ $1.60 together)" in warned[0]
        assert "daily limit of $1.00 for sim; $1.00 is left today" in warned[0]
        profile.budget = Budget(confirm_above_usd=1.0)
        window.actions_.run(Action.RETRY)  # asked, and the answer is No
        assert asked and "These 2 jobs cost about $1.60 together" in asked[0]
        assert app.sim.counts["submit"] == 2 and len(app.service.records) == 2
        window.table.selectRow(0)
        window.actions_.run(Action.RETRY)  # one job: $0.80, below the threshold
        await until(lambda: app.sim.counts["submit"] == 3)
        assert len(asked) == 1

    qloop.run(body())


def test_a_model_list_heard_by_test_connection_reaches_the_model_box(
    qtbot: QtBot, qloop: QLoop, make_app: MakeApp
) -> None:
    async def body() -> None:
        app = make_app()
        window = app.window
        await until(lambda: window.money.account.facts("sim").models is not None)
        choose(app, Scope.VIDEOS, "sora-2")
        assert "Not offered" not in window.form.model.note.text()
        # What Settings' (or the key dialog's) Test connection emits after a test.
        window.providers.models_learned.emit("sim", app.sim.base_url, frozenset({"veo3"}))
        choose(app, Scope.VIDEOS, "sora-2")
        assert "Not offered by sim" in window.form.model.note.text()
        # A key saved in the key dialog: what the provider offers it is asked again.
        asked = app.sim.counts["models"]
        window.keys.key_saved.emit("sim")
        await until(lambda: app.sim.counts["models"] == asked + 1)
        await until(lambda: "veo3" in (window.money.account.facts("sim").models or ()))
        choose(app, Scope.VIDEOS, "sora-2")
        await until(lambda: "Not offered" not in window.form.model.note.text())

    qloop.run(body())


def test_prices_the_start_could_not_learn_are_asked_again_at_the_next_balance_check(
    qtbot: QtBot, qloop: QLoop, make_app: MakeApp, sim: Simulator
) -> None:
    sim.faults.add(Fault("server_error", endpoint="pricing", status=503))

    async def body() -> None:
        app = make_app()
        window = app.window
        await until(lambda: window.money.balance.isVisible())  # the start's asks are done
        assert sim.counts["pricing"] == 1
        choose(app, Scope.VIDEOS, "veo3")
        assert window.form.price.text() != "≈ $0.80"  # not known: the provider failed
        window.money.check_balance()  # as after a job's end: stale facts are asked again
        await until(lambda: window.form.price.text() == "≈ $0.80")
        assert sim.counts["pricing"] == 2
        balance_asks = sim.counts["balance"]
        window.money.check_balance()  # learned now: only the balance is asked
        await until(lambda: sim.counts["balance"] > balance_asks)
        assert sim.counts["pricing"] == 2

    qloop.run(body())
