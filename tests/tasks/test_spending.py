"""Spending: which jobs count, per day and model, today and this month, and the CSV."""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
import zoneinfo
from pathlib import Path

import pytest

from genstudio.tasks.spending import (
    counts_as_spent,
    day_start,
    load_since,
    month_start,
    period_days,
    spent_since,
    summarize,
    to_csv,
    write_csv,
)
from genstudio.tasks.states import TaskState
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


def at(day: int, month: int = 11, hour: int = 12, year: int = 2026) -> dt.datetime:
    return dt.datetime(year, month, day, hour, tzinfo=UTC)


def test_only_accepted_jobs_that_did_not_fail_count() -> None:
    assert counts_as_spent(job(at(1)))
    assert counts_as_spent(job(at(1), state=TaskState.RUNNING))  # gateways charge on accept
    assert counts_as_spent(job(at(1), state=TaskState.STOPPED))  # we stopped watching, not it
    assert not counts_as_spent(job(at(1), state=TaskState.FAILED))  # refunded
    assert not counts_as_spent(job(at(1), task_id=None))  # never accepted: never charged
    assert not counts_as_spent(job(at(1), state=TaskState.SUBMITTING, task_id=None))


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
    assert summary.days[0] == dt.date(2026, 10, 4)
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
    assert day_start(NOW, UTC) == at(2, hour=0).timestamp()


def test_every_day_is_there_zero_filled_oldest_first() -> None:
    summary = summarize([job(at(30, month=10), usd=0.25), job(at(2), usd=1.0)], now=NOW, tz=UTC)
    assert list(summary.days) == sorted(summary.days) and len(set(summary.days)) == 30
    veo = summary.per_day("veo3")
    assert len(veo) == 30 and veo.count(0.0) == 28
    assert veo[summary.days.index(dt.date(2026, 10, 30))] == 0.25 and veo[-1] == 1.0
    assert summary.jobs_per_day("veo3")[-1] == 1 and sum(summary.jobs_per_day("veo3")) == 2
    assert summary.day_totals() == veo
    assert summary.per_day("not-a-model") == [0.0] * 30
    empty = summarize([], now=NOW, tz=UTC)
    assert len(empty.days) == 30 and empty.rows == () and empty.day_totals() == [0.0] * 30
    assert (empty.today, empty.month, empty.period) == (0.0, 0.0, 0.0)
    with pytest.raises(ValueError):
        period_days(NOW, 0, UTC)


def test_a_new_month_starts_at_midnight() -> None:
    just_after = dt.datetime(2026, 12, 1, 0, 30, tzinfo=UTC).timestamp()
    jobs = [job(at(30), usd=3.0), job(dt.datetime(2026, 12, 1, 0, 10, tzinfo=UTC), usd=0.5)]
    summary = summarize(jobs, now=just_after, tz=UTC)
    assert (summary.today, summary.month, summary.period) == (0.5, 0.5, 3.5)


def test_on_the_31st_the_month_reaches_before_the_period() -> None:
    now = at(31, month=12).timestamp()
    first_of_month = at(1, month=12, hour=0).timestamp()
    assert period_days(now, 30, UTC)[0] == dt.date(2026, 12, 2)
    assert load_since(now, 30, UTC) == first_of_month  # so the month's total is whole
    summary = summarize([job(at(1, month=12), usd=2.0), job(at(31, month=12))], now=now, tz=UTC)
    assert summary.month == 3.0 and summary.period == 1.0 and summary.today == 1.0
    assert load_since(NOW, 30, UTC) == at(4, month=10, hour=0).timestamp()


def test_days_are_local_calendar_days_across_a_clock_change() -> None:
    try:
        berlin = zoneinfo.ZoneInfo("Europe/Berlin")
    except zoneinfo.ZoneInfoNotFoundError:  # pragma: no cover - a system without tzdata
        pytest.skip("no time zone database")
    # Summer time ended at 03:00 on 25 October 2026: that day had 25 hours.
    noon = dt.datetime(2026, 10, 25, 12, tzinfo=berlin).timestamp()
    midnight = day_start(noon, berlin)
    assert midnight == dt.datetime(2026, 10, 24, 22, tzinfo=UTC).timestamp()
    late = dt.datetime(2026, 10, 25, 23, 30, tzinfo=berlin)  # 22:30 UTC: still the 25th here
    early = dt.datetime(2026, 10, 25, 0, 30, tzinfo=berlin)  # 22:30 UTC on the 24th
    summary = summarize([job(late, usd=1.0), job(early, usd=2.0)], now=late.timestamp(), tz=berlin)
    assert summary.today == 3.0 and [r.day.day for r in summary.rows] == [25]
    assert month_start(noon, berlin) == dt.datetime(2026, 9, 30, 22, tzinfo=UTC).timestamp()


def test_a_clock_set_back_does_not_count_tomorrow_today() -> None:
    summary = summarize([job(at(3)), job(at(2), usd=0.5)], now=NOW, tz=UTC)
    assert summary.today == 0.5 and summary.month == 0.5 and summary.period == 0.5


def test_profile_filter_and_spent_since() -> None:
    jobs = [job(at(2), usd=1.0, profile="a"), job(at(2), usd=3.0, profile="b")]
    assert summarize(jobs, now=NOW, profile="b", tz=UTC).today == 3.0
    assert summarize(jobs, now=NOW, profile="b", tz=UTC).rows[0].profile == "b"
    assert summarize(jobs, now=NOW, profile="c", tz=UTC).rows == ()
    assert spent_since(jobs, at(1).timestamp(), "a") == 1.0
    assert spent_since(jobs, at(1).timestamp()) == 4.0
    assert spent_since(jobs, at(2, hour=13).timestamp()) == 0.0
    failed = [*jobs, job(at(2), usd=9.0, profile="a", state=TaskState.FAILED)]
    assert spent_since(failed, at(1).timestamp(), "a") == 1.0


def test_the_biggest_models_then_other() -> None:
    jobs = [job(at(2), f"m{n}", usd=float(n)) for n in range(1, 9)]
    jobs.append(job(at(1), "m1", usd=0.5))
    summary = summarize(jobs, now=NOW, tz=UTC)
    assert summary.models[:3] == ("m8", "m7", "m6")
    sets = summary.stacked(6)
    assert [s.model for s in sets] == ["m8", "m7", "m6", "m5", "m4", "m3", None]
    other = sets[-1].per_day
    assert other[-1] == 3.0 and other[-2] == 0.5 and len(other) == 30  # m2 + m1; m1 the day before
    assert sum(sum(s.per_day) for s in sets) == summary.period
    assert [s.model for s in summarize(jobs[:2], now=NOW, tz=UTC).stacked(6)] == ["m2", "m1"]


def test_csv_keeps_the_provider_and_guards_against_formulas() -> None:
    jobs = [
        job(at(2), "=HYPERLINK(1)", 0.25),
        job(at(2), "可灵-视频", 0.5, profile="+gw"),
        job(at(2), "veo3", 0.125, profile="a"),
        job(at(2), "veo3", 0.125, profile="b"),
        job(at(1), "@SUM(A1)", 1 / 3),
        job(at(1), "-2+3", 0.1),
        job(at(1), "\tcmd", 0.1),
    ]
    text = to_csv(summarize(jobs, now=NOW, tz=UTC))
    lines = text.splitlines()
    assert lines[0] == "date,provider,model,jobs,usd"
    assert "2026-11-02,gw,'=HYPERLINK(1),1,0.2500" in lines
    assert "2026-11-02,'+gw,可灵-视频,1,0.5000" in lines
    assert "2026-11-02,a,veo3,1,0.1250" in lines and "2026-11-02,b,veo3,1,0.1250" in lines
    assert "2026-11-01,gw,'@SUM(A1),1,0.3333" in lines
    assert "2026-11-01,gw,'-2+3,1,0.1000" in lines
    records = list(csv.reader(io.StringIO(text)))
    assert all(len(r) == 5 for r in records) and ["2026-11-01", "gw", "'\tcmd", "1", "0.1000"] in (
        records
    )
    assert [r[0] for r in records[1:]] == sorted(r[0] for r in records[1:])  # oldest first


def test_csv_file_written_whole_and_no_half_file_on_failure(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    summary = summarize([job(at(2), "可灵", 0.5)], now=NOW, tz=UTC)
    target = tmp_path / "spent.csv"
    target.write_text("old", encoding="utf-8")
    write_csv(summary, target)
    assert target.read_text(encoding="utf-8") == to_csv(summary)
    assert [p.name for p in tmp_path.iterdir()] == ["spent.csv"]
    if os.name == "posix":  # readable like any file the user saves, not 0600
        umask = os.umask(0o022)
        os.umask(umask)
        assert target.stat().st_mode & 0o777 == 0o666 & ~umask

    def full_disk(src: object, dst: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", full_disk)
    with pytest.raises(OSError, match="No space left"):
        write_csv(summarize([], now=NOW, tz=UTC), target)
    assert [p.name for p in tmp_path.iterdir()] == ["spent.csv"]
    assert target.read_text(encoding="utf-8") == to_csv(summary)  # the old file is intact
    monkeypatch.undo()
    folder = tmp_path / "folder.csv"
    folder.mkdir()
    with pytest.raises(OSError):
        write_csv(summary, folder)
    with pytest.raises(OSError):
        write_csv(summary, tmp_path / "missing" / "spent.csv")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["folder.csv", "spent.csv"]
