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
    jobs: int = 1,
) -> BudgetCheck:
    """Whether a job of ``price_usd`` (or ``jobs`` jobs costing that together, sent again
    from the list) may go out. An unknown price passes: a cap can only count what it can
    know, and the Spending view says what it counted."""
    if price_usd is None:
        return BudgetCheck(Verdict.SEND)
    where = translate("Messages", "Change the limit in Money → Prices and budget.")
    for cap, spent, sentence in (
        (budget.daily_cap_usd, spent_today, _over_daily(jobs)),
        (budget.monthly_cap_usd, spent_month, _over_monthly(jobs)),
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
                    count=jobs,
                )
                + " "
                + where,
            )
    threshold = budget.confirm_above_usd
    if threshold is not None and price_usd > threshold:
        if jobs == 1:
            text = translate(
                "Messages",
                "This job costs about {price}, more than the {threshold} above which you "
                "asked to be asked. Send it?",
            )
        else:
            text = translate(
                "Messages",
                "These {count} jobs cost about {price} together, more than the {threshold} "
                "above which you asked to be asked. Send them?",
            )
        return BudgetCheck(
            Verdict.CONFIRM,
            text.format(price=format_usd(price_usd), threshold=format_usd(threshold), count=jobs),
        )
    return BudgetCheck(Verdict.SEND)


def _over_daily(jobs: int) -> str:
    if jobs == 1:
        return translate(
            "Messages",
            "Not sent: this job (≈ {price}) would go over your daily limit of {cap} "
            "for {provider}; {left} is left today.",
        )
    return translate(
        "Messages",
        "Not sent: these {count} jobs (≈ {price} together) would go over your daily limit "
        "of {cap} for {provider}; {left} is left today.",
    )


def _over_monthly(jobs: int) -> str:
    if jobs == 1:
        return translate(
            "Messages",
            "Not sent: this job (≈ {price}) would go over your monthly limit of {cap} "
            "for {provider}; {left} is left this month.",
        )
    return translate(
        "Messages",
        "Not sent: these {count} jobs (≈ {price} together) would go over your monthly limit "
        "of {cap} for {provider}; {left} is left this month.",
    )
