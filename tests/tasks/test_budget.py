"""Budget caps and the confirm threshold: sentences that say how much is left and where."""

from __future__ import annotations

import pytest

from genstudio.tasks.budget import Budget, Verdict, check_budget


def test_no_budget_sends_everything() -> None:
    assert check_budget(5.0, Budget(), provider="P", spent_today=0, spent_month=0).verdict is (
        Verdict.SEND
    )


def test_daily_cap_refuses_with_what_is_left_and_where_to_change_it() -> None:
    result = check_budget(
        0.8, Budget(daily_cap_usd=10.0), provider="My Gateway", spent_today=9.6, spent_month=9.6
    )
    assert result.verdict is Verdict.REFUSE
    assert "daily limit of $10.00 for My Gateway" in result.sentence
    assert "$0.40 is left today" in result.sentence
    assert "Money → Prices and budget" in result.sentence


def test_monthly_cap_refuses() -> None:
    result = check_budget(
        2.0, Budget(monthly_cap_usd=50.0), provider="P", spent_today=0.0, spent_month=49.0
    )
    assert result.verdict is Verdict.REFUSE and "$1.00 is left this month" in result.sentence


def test_exactly_reaching_the_cap_is_allowed() -> None:
    result = check_budget(
        0.5, Budget(daily_cap_usd=1.0), provider="P", spent_today=0.5, spent_month=0.5
    )
    assert result.verdict is Verdict.SEND


def test_confirm_above_threshold_and_caps_come_first() -> None:
    budget = Budget(daily_cap_usd=1.0, confirm_above_usd=0.5)
    asked = check_budget(0.8, budget, provider="P", spent_today=0, spent_month=0)
    assert asked.verdict is Verdict.CONFIRM and "$0.80" in asked.sentence
    refused = check_budget(0.8, budget, provider="P", spent_today=0.5, spent_month=0.5)
    assert refused.verdict is Verdict.REFUSE


def test_unknown_price_passes() -> None:
    budget = Budget(daily_cap_usd=0.0, confirm_above_usd=0.0)
    assert check_budget(None, budget, provider="P", spent_today=9, spent_month=9).verdict is (
        Verdict.SEND
    )


@pytest.mark.parametrize(
    "data", [None, [], {"daily_cap_usd": "ten"}, {"daily_cap_usd": float("inf")}, {"x": 1}]
)
def test_bad_saved_budget_reads_as_no_budget(data: object) -> None:
    assert Budget.from_json(data) == Budget()


def test_budget_round_trip() -> None:
    budget = Budget(1.5, 30.0, None)
    assert Budget.from_json(budget.to_json()) == budget and budget.is_set
