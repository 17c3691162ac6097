"""The creator's own limits: daily and monthly caps per provider, and a price above
which Generate asks first. Caps only ever stop new jobs, never jobs already sent."""

from __future__ import annotations

import enum
from dataclasses import dataclass

from genstudio.i18n import translate
from genstudio.settings.money import Budget, format_usd

__all__ = ["Budget", "BudgetCheck", "Verdict", "check_budget"]


class Verdict(enum.Enum):
    SEND = "send"
    CONFIRM = "confirm"  # ask the user first
    REFUSE = "refuse"  # over a cap: nothing is sent


@dataclass(frozen=True)
class BudgetCheck:
    verdict: Verdict
    sentence: str = ""


def check_budget(
    price_usd: float | None,
    budget: Budget,
    *,
    provider: str,
    spent_today: float,
    spent_month: float,
) -> BudgetCheck:
    """Whether a job of ``price_usd`` may go out. An unknown price passes: a cap can
    only count what it can know, and the Spending view says what it counted."""
    if price_usd is None:
        return BudgetCheck(Verdict.SEND)
    where = translate("Messages", "Change the limit in Money → Prices and budget.")
    for cap, spent, sentence in (
        (
            budget.daily_cap_usd,
            spent_today,
            translate(
                "Messages",
                "Not sent: this job (≈ {price}) would go over your daily limit of {cap} "
                "for {provider}; {left} is left today.",
            ),
        ),
        (
            budget.monthly_cap_usd,
            spent_month,
            translate(
                "Messages",
                "Not sent: this job (≈ {price}) would go over your monthly limit of {cap} "
                "for {provider}; {left} is left this month.",
            ),
        ),
    ):
        if cap is not None and spent + price_usd > cap + 1e-9:
            left = max(0.0, cap - spent)
            return BudgetCheck(
                Verdict.REFUSE,
                sentence.format(
                    price=format_usd(price_usd),
                    cap=format_usd(cap),
                    provider=provider,
                    left=format_usd(left),
                )
                + " "
                + where,
            )
    threshold = budget.confirm_above_usd
    if threshold is not None and price_usd > threshold:
        return BudgetCheck(
            Verdict.CONFIRM,
            translate(
                "Messages",
                "This job costs about {price}, more than the {threshold} above which you "
                "asked to be asked. Send it?",
            ).format(price=format_usd(price_usd), threshold=format_usd(threshold)),
        )
    return BudgetCheck(Verdict.SEND)
