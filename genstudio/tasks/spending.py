"""What the creator spent: per day and per model, from the prices the history recorded
when each job was sent. No Qt: the Spending view and the budget both ask here.

Days are calendar days in the local time zone (``tz=None``); tests pass a zone."""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import io
import os
import secrets
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from genstudio.tasks.states import TaskState

if TYPE_CHECKING:
    from genstudio.tasks.store import PricedJob


def counts_as_spent(job: PricedJob) -> bool:
    """The provider accepted it and it did not fail: gateways refund failed tasks."""
    return job.task_id is not None and job.state is not TaskState.FAILED


def _midnight(day: dt.date, tz: dt.tzinfo | None) -> float:
    # A naive datetime's timestamp() reads it as local time, which tz=None means.
    return dt.datetime.combine(day, dt.time(), tzinfo=tz).timestamp()


def _date(when: float, tz: dt.tzinfo | None) -> dt.date:
    return dt.datetime.fromtimestamp(when, tz).date()


def day_start(now: float, tz: dt.tzinfo | None = None) -> float:
    """Midnight of ``now``'s local day, as unix time (a DST day is 23 or 25 hours)."""
    return _midnight(_date(now, tz), tz)


def month_start(now: float, tz: dt.tzinfo | None = None) -> float:
    """Midnight of the first of ``now``'s month, as unix time."""
    return _midnight(_date(now, tz).replace(day=1), tz)


def period_days(now: float, days: int = 30, tz: dt.tzinfo | None = None) -> tuple[dt.date, ...]:
    """The last ``days`` calendar days, today included, oldest first."""
    if days < 1:
        raise ValueError(f"a period has at least one day, not {days}")
    today = _date(now, tz)
    return tuple(today - dt.timedelta(days=n) for n in range(days - 1, -1, -1))


def load_since(now: float, days: int = 30, tz: dt.tzinfo | None = None) -> float:
    """The oldest job :func:`summarize` needs: the period's first day, or the first of
    the month when that is earlier (the month's total reaches before the period)."""
    return min(_midnight(period_days(now, days, tz)[0], tz), month_start(now, tz))


def spent_since(jobs: Iterable[PricedJob], since: float, profile: str | None = None) -> float:
    """USD spent on jobs created since ``since`` (unix time), at one provider or all."""
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
class StackedSet:
    """One model's spend on each day of the period; ``model`` None is "the others"."""

    model: str | None
    per_day: tuple[float, ...]


@dataclass(frozen=True)
class SpendingSummary:
    days: tuple[dt.date, ...]  # every day of the period, oldest first
    rows: tuple[DayModel, ...]  # days with spending only, oldest first
    models: tuple[str, ...]  # biggest spend first
    today: float
    month: float
    period: float

    def per_day(self, model: str) -> list[float]:
        """The model's spend on each of ``days``, zero where none (all providers together)."""
        return self._per_day(lambda row: row.model == model)

    def jobs_per_day(self, model: str) -> list[int]:
        """How many of the model's jobs counted on each of ``days``."""
        counts = self._per_day(lambda row: row.model == model, lambda row: row.jobs)
        return [int(n) for n in counts]

    def day_totals(self) -> list[float]:
        """Everything spent on each of ``days``."""
        return self._per_day(lambda row: True)

    def stacked(self, top: int = 6) -> list[StackedSet]:
        """The ``top`` biggest models, then one set for all the others (if any)."""
        sets = [StackedSet(model, tuple(self.per_day(model))) for model in self.models[:top]]
        rest = set(self.models[top:])
        if rest:
            sets.append(StackedSet(None, tuple(self._per_day(lambda row: row.model in rest))))
        return sets

    def _per_day(
        self,
        keep: Callable[[DayModel], bool],
        value: Callable[[DayModel], float] = lambda row: row.usd,
    ) -> list[float]:
        totals = dict.fromkeys(self.days, 0.0)
        for row in self.rows:
            if keep(row):
                totals[row.day] += value(row)
        return [totals[day] for day in self.days]


def summarize(
    jobs: Iterable[PricedJob],
    *,
    now: float,
    days: int = 30,
    profile: str | None = None,
    tz: dt.tzinfo | None = None,
) -> SpendingSummary:
    """Per day and model over the last ``days`` days, and the totals for today, this
    month and the period; only jobs that :func:`counts_as_spent`."""
    period = period_days(now, days, tz)
    first, today = period[0], period[-1]
    kept = [
        job for job in jobs if counts_as_spent(job) and (profile is None or job.profile == profile)
    ]
    cells: dict[tuple[dt.date, str, str], tuple[int, float]] = {}
    month = 0.0
    for job in kept:
        day = _date(job.created_at, tz)
        if day > today:
            continue  # the clock went back: not a day this summary shows
        if (day.year, day.month) == (today.year, today.month):
            month += job.price_usd
        if day >= first:
            count, usd = cells.get((day, job.profile, job.model), (0, 0.0))
            cells[(day, job.profile, job.model)] = (count + 1, usd + job.price_usd)
    rows = tuple(
        DayModel(day, prof, model, count, usd)
        for (day, prof, model), (count, usd) in sorted(cells.items())
    )
    by_model: dict[str, float] = {}
    for row in rows:
        by_model[row.model] = by_model.get(row.model, 0.0) + row.usd
    return SpendingSummary(
        days=period,
        rows=rows,
        models=tuple(sorted(by_model, key=lambda m: (-by_model[m], m))),
        today=sum(row.usd for row in rows if row.day == today),
        month=month,
        period=sum(row.usd for row in rows),
    )


CSV_COLUMNS = ("date", "provider", "model", "jobs", "usd")


def to_csv(summary: SpendingSummary) -> str:
    """date, provider, model, jobs, usd: one line per day, provider and model."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for row in summary.rows:
        writer.writerow(
            [row.day.isoformat(), _cell(row.profile), _cell(row.model), row.jobs, f"{row.usd:.4f}"]
        )
    return out.getvalue()


def write_csv(summary: SpendingSummary, path: Path) -> None:
    """Write :func:`to_csv` to ``path``. Raises OSError; a full disk or a crash never
    leaves a half file: it is written beside ``path`` under a temporary name and renamed."""
    partial = path.with_name(f".{path.name}.{secrets.token_hex(4)}.part")
    try:
        # Mode "x" honours the umask, so the export is as readable as any file the user saves.
        with partial.open("x", encoding="utf-8", newline="") as out:
            out.write(to_csv(summary))
            out.flush()
            os.fsync(out.fileno())
        partial.replace(path)  # os.replace: atomic on one file system
    except BaseException:
        with contextlib.suppress(OSError):
            partial.unlink(missing_ok=True)
        raise


def _cell(text: str) -> str:
    """A name from a server could be a spreadsheet formula: make it plain text."""
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text
