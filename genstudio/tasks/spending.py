"""What the creator spent: per day and per model, from the prices the history recorded
when each job was sent. No Qt: the Spending view and the budget both ask here."""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterable
from dataclasses import dataclass

from genstudio.tasks.record import TaskState
from genstudio.tasks.store import PricedJob


def counts_as_spent(job: PricedJob) -> bool:
    """The provider accepted it and it did not fail: gateways refund failed tasks."""
    return job.task_id is not None and job.state is not TaskState.FAILED


def day_start(now: float, tz: dt.tzinfo | None = None) -> float:
    """Midnight of ``now``'s local day, as unix time."""
    day = dt.datetime.fromtimestamp(now, tz).replace(hour=0, minute=0, second=0, microsecond=0)
    return day.timestamp()


def month_start(now: float, tz: dt.tzinfo | None = None) -> float:
    first = dt.datetime.fromtimestamp(now, tz).replace(
        day=1, hour=0, minute=0, second=0, microsecond=0
    )
    return first.timestamp()


def spent_since(jobs: Iterable[PricedJob], since: float, profile: str | None = None) -> float:
    return sum(
        job.price_usd
        for job in jobs
        if job.created_at >= since
        and counts_as_spent(job)
        and (profile is None or job.profile == profile)
    )


@dataclass(frozen=True)
class DayModel:
    """One row: what one model cost on one day (at one provider)."""

    day: dt.date
    profile: str
    model: str
    jobs: int
    usd: float


@dataclass(frozen=True)
class SpendingSummary:
    days: tuple[dt.date, ...]  # every day of the period, oldest first
    rows: tuple[DayModel, ...]  # days with spending only, oldest first
    models: tuple[str, ...]  # biggest spend first
    today: float
    month: float
    period: float

    def per_day(self, model: str) -> list[float]:
        """The model's spend on each of ``days`` (all providers shown together)."""
        totals = dict.fromkeys(self.days, 0.0)
        for row in self.rows:
            if row.model == model:
                totals[row.day] += row.usd
        return [totals[day] for day in self.days]


def summarize(
    jobs: Iterable[PricedJob],
    *,
    now: float,
    days: int = 30,
    profile: str | None = None,
    tz: dt.tzinfo | None = None,
) -> SpendingSummary:
    today = dt.datetime.fromtimestamp(now, tz).date()
    period = tuple(today - dt.timedelta(days=n) for n in range(days - 1, -1, -1))
    first = period[0]
    kept = [
        job for job in jobs if counts_as_spent(job) and (profile is None or job.profile == profile)
    ]
    cells: dict[tuple[dt.date, str, str], list[float]] = {}
    for job in kept:
        day = dt.datetime.fromtimestamp(job.created_at, tz).date()
        if first <= day <= today:
            cell = cells.setdefault((day, job.profile, job.model), [0, 0.0])
            cell[0] += 1
            cell[1] += job.price_usd
    rows = tuple(
        DayModel(day, prof, model, int(count), usd)
        for (day, prof, model), (count, usd) in sorted(cells.items())
    )
    by_model: dict[str, float] = {}
    for row in rows:
        by_model[row.model] = by_model.get(row.model, 0.0) + row.usd
    return SpendingSummary(
        days=period,
        rows=rows,
        models=tuple(sorted(by_model, key=lambda m: (-by_model[m], m))),
        today=spent_since(kept, day_start(now, tz)),
        month=spent_since(kept, month_start(now, tz)),
        period=sum(row.usd for row in rows),
    )


def to_csv(summary: SpendingSummary) -> str:
    """date, provider, model, jobs, usd: one line per day, provider and model."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["date", "provider", "model", "jobs", "usd"])
    for row in summary.rows:
        writer.writerow(
            [row.day.isoformat(), _cell(row.profile), _cell(row.model), row.jobs, f"{row.usd:.4f}"]
        )
    return out.getvalue()


def _cell(text: str) -> str:
    """A name from a server could be a spreadsheet formula: make it plain text."""
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text
