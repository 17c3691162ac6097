"""Spending: which jobs count, per day and model, today and this month, and the CSV."""

from __future__ import annotations

import datetime as dt

from genstudio.tasks.record import TaskState
from genstudio.tasks.spending import (
    counts_as_spent,
    month_start,
    spent_since,
    summarize,
    to_csv,
)
from genstudio.tasks.store import PricedJob

UTC = dt.UTC
NOW = dt.datetime(2026, 11, 2, 15, 0, tzinfo=UTC).timestamp()


def job(
    when: dt.datetime,
    model: str = "veo3",
    usd: float = 1.0,
    state: TaskState = TaskState.DONE,
    profile: str = "gw",
    task_id: str | None = "t",
) -> PricedJob:
    return PricedJob(when.timestamp(), profile, "videos", model, state, usd, task_id)


def at(day: int, month: int = 11, hour: int = 12) -> dt.datetime:
    return dt.datetime(2026, month, day, hour, tzinfo=UTC)


def test_only_accepted_jobs_that_did_not_fail_count() -> None:
    assert counts_as_spent(job(at(1)))
    assert counts_as_spent(job(at(1), state=TaskState.RUNNING))
    assert not counts_as_spent(job(at(1), state=TaskState.FAILED))
    assert not counts_as_spent(job(at(1), task_id=None))  # never accepted: never charged


def test_days_models_totals_and_the_month_boundary() -> None:
    jobs = [
        job(at(2, hour=9), "veo3", 0.8),
        job(at(2, hour=10), "veo3", 0.8),
        job(at(1), "sora-2", 0.5),
        job(at(31, month=10), "sora-2", 2.0),  # last month, within 30 days
        job(at(1, month=9), "sora-2", 9.0),  # too old
        job(at(2), "veo3", 5.0, TaskState.FAILED),
    ]
    summary = summarize(jobs, now=NOW, tz=UTC)
    assert len(summary.days) == 30 and summary.days[-1] == dt.date(2026, 11, 2)
    assert summary.today == 1.6 and summary.month == 2.1
    assert summary.period == 4.1
    assert summary.models == ("sora-2", "veo3")
    assert summary.per_day("veo3")[-1] == 1.6 and sum(summary.per_day("sora-2")) == 2.5
    assert [(r.day.day, r.model, r.jobs) for r in summary.rows] == [
        (31, "sora-2", 1),
        (1, "sora-2", 1),
        (2, "veo3", 2),
    ]
    assert month_start(NOW, UTC) == at(1, hour=0).timestamp()


def test_profile_filter_and_spent_since() -> None:
    jobs = [job(at(2), usd=1.0, profile="a"), job(at(2), usd=3.0, profile="b")]
    assert summarize(jobs, now=NOW, profile="b", tz=UTC).today == 3.0
    assert spent_since(jobs, at(1).timestamp(), "a") == 1.0
    assert spent_since(jobs, at(1).timestamp()) == 4.0


def test_csv_guards_against_formulas_and_keeps_any_name() -> None:
    jobs = [job(at(2), "=HYPERLINK(1)", 0.25), job(at(2), "可灵-视频", 0.5, profile="+gw")]
    text = to_csv(summarize(jobs, now=NOW, tz=UTC))
    lines = text.splitlines()
    assert lines[0] == "date,provider,model,jobs,usd"
    assert "2026-11-02,gw,'=HYPERLINK(1),1,0.2500" in lines
    assert "2026-11-02,'+gw,可灵-视频,1,0.5000" in lines
