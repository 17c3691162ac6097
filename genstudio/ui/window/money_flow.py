"""Money in the window: the job's price beside Generate, the balance in the status bar,
the budget asked before a job goes out, and the Money menu (Spending, Prices and
budget, Check balance). The rules live below: ``tasks.pricing``, ``tasks.budget``,
``tasks.spending`` and ``tasks.account``; this module only shows and asks.
"""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QToolButton

from genstudio.api.kinds import Scope
from genstudio.settings.money import MoneySettings, format_usd
from genstudio.tasks.pricing import Quote, quote

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMenu

    from genstudio.api.catalog import Catalog
    from genstudio.api.request import GenerationRequest
    from genstudio.tasks.account import AccountInfo
    from genstudio.tasks.events import TaskEvent
    from genstudio.tasks.record import TaskRecord
    from genstudio.ui.window.main_window import MainWindow

BALANCE_AFTER_JOB_MS = 1500  # one balance check for a burst of jobs ending together


class MoneyFlow(QObject):
    def __init__(self, window: MainWindow, account: AccountInfo, catalog: Catalog) -> None:
        super().__init__(window)
        self._window = window
        self.account = account
        self.catalog = catalog
        self.balance = QToolButton()
        self.balance.setAutoRaise(True)
        self.balance.setAccessibleName(self.tr("Balance"))
        self.balance.clicked.connect(self.check_balance)
        self.balance.hide()
        window.statusBar().addPermanentWidget(self.balance)
        self._stopped = False
        # Until the window's first paint nothing is asked (it would load httpx and build
        # a TLS context first): the window calls release() then.
        self.held = True
        self._balance_timer = QTimer(self)
        self._balance_timer.setSingleShot(True)
        self._balance_timer.setInterval(BALANCE_AFTER_JOB_MS)
        # learn=True asks for models and prices only when stale: a day old, or not
        # learned because the last ask met a fault.
        self._balance_timer.timeout.connect(lambda: self._refresh(learn=True))
        self.spending = QAction(self.tr("Spending…"), window)
        self.spending.triggered.connect(self.show_spending)
        self.prices = QAction(self.tr("Prices and budget…"), window)
        self.prices.triggered.connect(self.edit_prices)
        self.check = QAction(self.tr("Check balance now"), window)
        self.check.triggered.connect(self.check_balance)
        window.form.set_catalog(catalog)
        window.form.quote_needed.connect(self.update_quote)
        account.subscribe(self._facts_changed)

    def fill_menu(self, menu: QMenu) -> None:
        menu.addActions([self.spending, self.prices, self.check])

    # -- the current provider ---------------------------------------------------------------

    def _profile(self) -> str | None:
        return self._window.prefs.current_profile

    def profile_changed(self) -> None:
        """Show what is known of the provider now chosen, and ask it again."""
        self._show()
        self._refresh(learn=True)

    def provider_edited(self, names: set[str]) -> None:
        """Its address or key changed: what it said may no longer hold."""
        for name in names:
            self.account.forget(name)
        if self._profile() in names:
            self._show()
            self._refresh(learn=True, force=True)

    def release(self) -> None:
        """After the window's first paint: ask the current provider now."""
        self.held = False
        self.profile_changed()

    def check_balance(self) -> None:
        self._refresh(learn=True)

    def stop(self) -> None:
        """The window is closing: ask the providers nothing more."""
        self._stopped = True
        self._balance_timer.stop()

    def _refresh(self, *, learn: bool, force: bool = False) -> None:
        profile = self._profile()
        if self._stopped or self.held:
            return
        import asyncio  # not before: held until the window's first paint, which comes first

        try:
            asyncio.get_running_loop()
        except RuntimeError:
            # No event loop runs (a window built outside the app's loop): a task started
            # now would never run; the next change or click asks again.
            return
        if profile is not None:
            self._window.background.start(
                self.account.refresh(profile, learn=learn, force=force), "provider facts"
            )

    def _facts_changed(self, profile: str) -> None:
        if profile == self._profile():
            self._show()

    def _show(self) -> None:
        profile = self._profile()
        facts = self.account.facts(profile) if profile else None
        self._window.form.set_offered_models(facts.models if facts else None, profile or "")
        balance = facts.balance if facts else None
        if balance is None:
            self.balance.hide()
        else:
            if balance.unlimited or balance.available_usd is None:
                self.balance.setText(self.tr("Balance: unlimited"))
            else:
                self.balance.setText(
                    self.tr("Balance: %1").replace("%1", format_usd(balance.available_usd))
                )
            checked = facts.balance_at if facts is not None else None
            when = time.strftime("%H:%M", time.localtime(checked or time.time()))
            self.balance.setToolTip(
                self.tr("What is left on your key at %1, checked at %2. Click to check again.")
                .replace("%1", profile or "")
                .replace("%2", when)
            )
            self.balance.show()
        self.update_quote()

    # -- the price beside Generate, and the budget before a job goes out --------------------

    def quote_for(
        self, request: GenerationRequest, profile_name: str | None = None
    ) -> Quote | None:
        """The job's price at ``profile_name`` (the current provider when None)."""
        profile = self._window.prefs.profile(profile_name or self._profile())
        if profile is None:
            return None
        facts = self.account.facts(profile.name)
        spec = self.catalog.get(request.scope, request.model)
        return quote(request, spec, facts.prices, profile.prices, provider=profile.name)

    def update_quote(self) -> None:
        form = self._window.form
        found = self.quote_for(form.draft())
        if found is None:
            form.set_price("", "")
        elif found.usd is None:
            form.set_price(self.tr("Price after the job"), found.basis)
        else:
            form.set_price(f"≈ {format_usd(found.usd)}", found.basis)

    def approve(self, profile: str, request: GenerationRequest) -> tuple[bool, float | None]:
        """Whether the job may go out (asking first over the threshold), and its price."""
        found = self.quote_for(request, profile)
        price = found.usd if found is not None else None
        return self._within_budget(profile, price, 1), price

    def approve_again(self, records: Sequence[TaskRecord]) -> bool:
        """Retry and Submit again cost money too: the same limits, for all of them together
        per provider (the price each was quoted, else today's)."""
        by_profile: dict[str, list[float | None]] = {}
        for record in records:
            price = record.price_usd
            if price is None:
                found = self.quote_for(record.request, record.profile)
                price = found.usd if found is not None else None
            by_profile.setdefault(record.profile, []).append(price)
        for profile, prices in by_profile.items():
            known = [p for p in prices if p is not None]
            total = sum(known) if known else None
            if not self._within_budget(profile, total, len(prices)):
                return False
        return True

    def _within_budget(self, profile: str, price: float | None, jobs: int) -> bool:
        settings = self._window.prefs.profile(profile)
        if settings is None or not settings.budget.is_set:
            return True
        # Loaded by the first job under a budget: most starts have none to check.
        from genstudio.tasks.budget import Verdict, check_budget
        from genstudio.tasks.spending import day_start, month_start, spent_since

        now = time.time()
        spent = self._window.service.store.priced_jobs(month_start(now))
        result = check_budget(
            price,
            settings.budget,
            provider=profile,
            spent_today=spent_since(spent, day_start(now), profile),
            spent_month=spent_since(spent, month_start(now), profile),
            jobs=jobs,
        )
        if result.verdict is Verdict.REFUSE:
            from PySide6.QtWidgets import QMessageBox  # not before the first paint

            self._window.say(result.sentence)
            QMessageBox.warning(self._window, self.tr("Over your budget"), result.sentence)
            return False
        if result.verdict is Verdict.CONFIRM:
            from PySide6.QtWidgets import QMessageBox

            answer = QMessageBox.question(
                self._window,
                self.tr("Send this job?") if jobs == 1 else self.tr("Send these jobs?"),
                result.sentence,
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                QMessageBox.StandardButton.No,
            )
            if answer != QMessageBox.StandardButton.Yes:
                self._window.say(self.tr("Nothing was sent."))
                return False
        return True

    def task_event(self, event: TaskEvent) -> None:
        # Gateways charge when a job is accepted and refund a failed one: both move it.
        if event.kind == "added" or (
            event.kind == "changed" and any(r.state.is_final for r in event.records)
        ):
            self._balance_timer.start()

    # -- dialogs ----------------------------------------------------------------------------

    def show_spending(self) -> None:
        # QtCharts loads when the view is first opened, not with the window.
        from genstudio.ui.spending.spending_view import SpendingDialog

        prefs = self._window.prefs
        dialog = SpendingDialog(
            self._window.service.store.priced_jobs,
            [p.name for p in prefs.profiles],
            prefs.current_profile,
            self._window,
        )
        dialog.exec()

    def model_names(self) -> list[str]:
        """Every model the catalog knows, offered while typing a model for a price."""
        return sorted({m for scope in Scope for m in self.catalog.models(scope)})

    def edit_prices(self) -> None:
        from genstudio.ui.dialogs.money_dialog import MoneyDialog

        prefs = self._window.prefs
        profile = prefs.profile(prefs.current_profile)
        if profile is None:
            self._window.say(self.tr("Add a provider first: prices and budgets are per provider."))
            return
        dialog = MoneyDialog(
            profile.name,
            MoneySettings(dict(profile.prices), profile.budget, profile.quota_per_usd),
            self.model_names(),
            self._window,
        )
        if dialog.exec() != MoneyDialog.DialogCode.Accepted:
            return
        chosen = dialog.settings()
        index = prefs.profiles.index(profile)
        prefs.profiles[index] = dataclasses.replace(
            profile,
            prices=chosen.prices,
            budget=chosen.budget,
            quota_per_usd=chosen.quota_per_usd,
        )
        self._window.save_settings()
        self._window.say(self.tr("Prices and budget saved for %1.").replace("%1", profile.name))
        if chosen.quota_per_usd != profile.quota_per_usd:
            self.check_balance()
        self.update_quote()
