"""The Spending view over a fake history: totals, chart, table, provider filter, the
empty state, CSV export (and a failing one), dark mode and a small screen."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest
from PySide6.QtCharts import QCategoryAxis, QChart, QStackedBarSeries, QValueAxis
from PySide6.QtCore import QLocale, Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QFileDialog
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from genstudio.tasks.spending import load_since, to_csv
from genstudio.tasks.states import TaskState
from genstudio.tasks.store import PricedJob
from genstudio.ui.spending.spending_view import SpendingDialog

# Local noon, mid-month: the view counts local calendar days.
NOW = dt.datetime(2026, 11, 14, 12).timestamp()
DAY = 86400.0


def priced(
    ago: float,
    model: str = "veo3",
    usd: float = 0.8,
    profile: str = "sim",
    *,
    state: TaskState = TaskState.DONE,
    task_id: str | None = "t",
) -> PricedJob:
    """A job created ``ago`` seconds before NOW."""
    return PricedJob(NOW - ago, profile, "videos", model, state, usd, task_id)


def history() -> list[PricedJob]:
    return [
        priced(60),
        priced(120, state=TaskState.FAILED),  # refunded: not counted
        priced(180, task_id=None),  # never accepted: not counted
        priced(3 * DAY, "=cmd", 0.04, "work"),
        priced(25 * DAY, "sora-2", 2.0),  # October: in the 30 days, not this month
    ]


class FakeHistory:
    def __init__(self, jobs: list[PricedJob]) -> None:
        self.jobs = jobs
        self.asked: list[float] = []

    def __call__(self, since: float) -> list[PricedJob]:
        self.asked.append(since)
        return [j for j in self.jobs if j.created_at >= since]


def open_dialog(
    qtbot: QtBot,
    jobs: list[PricedJob] | FakeHistory,
    profiles: list[str] | None = None,
    current: str | None = None,
) -> SpendingDialog:
    load = jobs if isinstance(jobs, FakeHistory) else FakeHistory(jobs)
    dialog = SpendingDialog(load, profiles or ["sim", "work"], current, now=lambda: NOW)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def bar_labels(dialog: SpendingDialog) -> list[str]:
    (series,) = dialog.chart.series()
    assert isinstance(series, QStackedBarSeries)
    return [bar.label() for bar in series.barSets()]


def y_axis(dialog: SpendingDialog) -> QValueAxis:
    (axis,) = (a for a in dialog.chart.axes(Qt.Orientation.Vertical))
    assert isinstance(axis, QValueAxis)
    return axis


def test_totals_chart_and_table(qtbot: QtBot, qtmodeltester: ModelTester) -> None:
    load = FakeHistory(history())
    dialog = open_dialog(qtbot, load)
    assert load.asked == [load_since(NOW)]
    assert dialog.provider.currentText() == "All providers"
    assert dialog.totals.text() == "Today $0.80 · This month $0.84 · Last 30 days $2.84"
    assert dialog.stack.currentIndex() == 1
    qtmodeltester.check(dialog.model)
    qtmodeltester.check(dialog.rows)
    table = [
        [dialog.rows.index(r, c).data() for c in range(dialog.rows.columnCount())]
        for r in range(dialog.rows.rowCount())
    ]
    assert table[0] == ["2026-11-14", "sim", "veo3", "1", "$0.80"]  # newest first
    assert table[1] == ["2026-11-11", "work", "=cmd", "1", "$0.04"]
    assert [row[0] for row in table] == ["2026-11-14", "2026-11-11", "2026-10-20"]
    headers = [dialog.rows.headerData(c, Qt.Orientation.Horizontal) for c in range(5)]
    assert headers == ["Date", "Provider", "Model", "Jobs", "Spent"]

    assert bar_labels(dialog) == ["sora-2", "veo3", "=cmd"]  # biggest spend first
    (series,) = dialog.chart.series()
    assert isinstance(series, QStackedBarSeries)
    assert series.barSets()[1].at(29) == pytest.approx(0.8)
    assert series.barSets()[0].count() == 30
    dialog.setLocale(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
    axis_x = next(a for a in dialog.chart.axes() if isinstance(a, QCategoryAxis))
    labels = axis_x.categoriesLabels()
    assert labels == ["Oct 20", "Oct 25", "Oct 30", "Nov 4", "Nov 9", "Nov 14"]  # to today
    assert [axis_x.endValue(label) for label in labels] == [4, 9, 14, 19, 24, 29]
    axis_y = y_axis(dialog)
    assert axis_y.min() == 0.0 and axis_y.max() >= 2.0 and axis_y.labelFormat() == "$%.2f"
    words = " ".join(label.text() for label in dialog.findChildren(type(dialog.totals)))
    assert "failed jobs are usually refunded" in words


def test_the_provider_filter_changes_totals_table_and_chart(qtbot: QtBot) -> None:
    dialog = open_dialog(qtbot, history(), current="sim")
    assert dialog.provider.currentData() == "sim"  # starts at the current provider
    assert dialog.totals.text() == "Today $0.80 · This month $0.80 · Last 30 days $2.80"
    assert dialog.model.rowCount() == 2 and bar_labels(dialog) == ["sora-2", "veo3"]
    dialog.provider.setCurrentIndex(dialog.provider.findData("work"))
    assert dialog.totals.text() == "Today $0.00 · This month $0.04 · Last 30 days $0.04"
    assert dialog.model.rowCount() == 1 and bar_labels(dialog) == ["=cmd"]
    dialog.provider.setCurrentIndex(0)
    assert "Last 30 days $2.84" in dialog.totals.text() and dialog.model.rowCount() == 3
    unknown = open_dialog(qtbot, history(), current="gone")
    assert unknown.provider.currentData() is None


def test_many_models_show_the_biggest_and_other(qtbot: QtBot) -> None:
    jobs = [priced(60, f"model-{n}", float(n)) for n in range(1, 10)]
    dialog = open_dialog(qtbot, jobs)
    labels = bar_labels(dialog)
    assert len(labels) == 7 and labels[0] == "model-9" and labels[-1] == "Other"
    (series,) = dialog.chart.series()
    assert isinstance(series, QStackedBarSeries)
    other = series.barSets()[-1]
    assert other.at(29) == pytest.approx(1.0 + 2.0 + 3.0)
    assert other.brush().style() is Qt.BrushStyle.BDiagPattern  # not one more colour
    assert dialog.model.rowCount() == 9  # the table keeps every model


def test_tenths_of_a_cent_on_the_axis_when_little_was_spent(qtbot: QtBot) -> None:
    dialog = open_dialog(qtbot, [priced(60, "flux", 0.004), priced(90, "flux", 0.003)])
    assert dialog.totals.text() == "Today $0.007 · This month $0.007 · Last 30 days $0.007"
    axis_y = y_axis(dialog)
    assert axis_y.labelFormat() == "$%.3f" and axis_y.max() >= 0.007


def test_refresh_reads_the_history_again(qtbot: QtBot) -> None:
    load = FakeHistory([])
    dialog = open_dialog(qtbot, load)
    assert dialog.stack.currentIndex() == 0
    load.jobs = history()
    dialog.refresh_button.click()
    assert dialog.stack.currentIndex() == 1 and dialog.model.rowCount() == 3
    assert len(load.asked) == 2


def test_an_empty_history_says_so_instead_of_an_empty_chart(qtbot: QtBot) -> None:
    dialog = open_dialog(qtbot, [priced(60, state=TaskState.FAILED)], current="sim")
    assert dialog.stack.currentWidget() is dialog.empty and dialog.empty.isVisible()
    assert not dialog.chart_view.isVisible()
    assert dialog.empty.text().startswith("No priced jobs in the last 30 days.")
    assert "Prices appear when your provider publishes them" in dialog.empty.text()
    assert dialog.totals.text() == "Today $0.00 · This month $0.00 · Last 30 days $0.00"
    assert not dialog.export_button.isEnabled()


def test_export_writes_the_csv(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    dialog = open_dialog(qtbot, history())
    target = tmp_path / "spent.csv"
    offered: list[str] = []

    def choose(parent: object, caption: str, suggested: str, filters: str) -> tuple[str, str]:
        offered.append(suggested)
        return str(target), filters

    monkeypatch.setattr(QFileDialog, "getSaveFileName", choose)
    dialog.export_button.click()
    assert Path(offered[0]).name == "genstudio-spending-2026-11-14.csv"
    assert dialog.summary is not None
    assert target.read_text(encoding="utf-8") == to_csv(dialog.summary)
    lines = target.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "date,provider,model,jobs,usd"
    assert "2026-11-11,work,'=cmd,1,0.0400" in lines  # a formula stays text
    assert dialog.saved.isVisible() and str(target) in dialog.saved.text()
    assert not dialog.error.isVisible()
    assert [p.name for p in tmp_path.iterdir()] == ["spent.csv"]


def test_cancelling_the_export_writes_nothing(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    dialog = open_dialog(qtbot, history())
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a: ("", ""))
    dialog.export_button.click()
    assert not dialog.saved.isVisible() and not dialog.error.isVisible()


def test_a_full_disk_is_said_in_a_sentence_and_leaves_no_half_file(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    dialog = open_dialog(qtbot, history())
    target = tmp_path / "spent 100%2.csv"  # a placeholder in a name stays as typed
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a: (str(target), ""))

    def full_disk(src: object, dst: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", full_disk)
    dialog.export_button.click()
    assert dialog.error.isVisible() and not dialog.saved.isVisible()
    assert dialog.error.text() == (
        f"The spending could not be saved to {target} (No space left on device). "
        "Choose another folder."
    )
    assert "Traceback" not in dialog.error.text()
    assert list(tmp_path.iterdir()) == []
    monkeypatch.undo()

    folder = tmp_path / "a folder.csv"
    folder.mkdir()
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a: (str(folder), ""))
    dialog.export_button.click()
    assert "could not be saved" in dialog.error.text() and dialog.error.isVisible()
    assert [p.name for p in tmp_path.iterdir()] == ["a folder.csv"]
    assert list(folder.iterdir()) == []

    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a: (str(target), ""))
    dialog.export_button.click()  # a good place next time: the sentence goes
    assert not dialog.error.isVisible() and dialog.saved.isVisible() and target.exists()


def dark_palette() -> QPalette:
    palette = QPalette()
    for role, colour in (
        (QPalette.ColorRole.Window, QColor(32, 33, 36)),
        (QPalette.ColorRole.WindowText, QColor(232, 234, 237)),
        (QPalette.ColorRole.Base, QColor(24, 24, 27)),
        (QPalette.ColorRole.Text, QColor(232, 234, 237)),
    ):
        palette.setColor(role, colour)
    return palette


def test_the_chart_follows_light_and_dark_mode(qtbot: QtBot) -> None:
    dialog = open_dialog(qtbot, history())
    light = dialog.palette()
    assert light.color(QPalette.ColorRole.Window).lightness() >= 128  # offscreen: light
    assert dialog.chart.theme() is QChart.ChartTheme.ChartThemeLight
    dialog.setPalette(dark_palette())
    assert dialog.chart.theme() is QChart.ChartTheme.ChartThemeDark
    assert dialog.chart.backgroundBrush().color() == QColor(24, 24, 27)
    assert dialog.chart.legend().labelColor() == QColor(232, 234, 237)
    assert len(bar_labels(dialog)) == 3  # redrawn, not emptied
    dialog.setPalette(light)
    assert dialog.chart.theme() is QChart.ChartTheme.ChartThemeLight


def test_readable_on_a_small_screen(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    dialog = open_dialog(qtbot, [priced(60, "a-very-long-model-name-" * 6)])
    assert dialog.width() <= 900 and dialog.height() <= 560
    long_path = tmp_path / ("deepfolder" * 25) / "spent.csv"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a: (str(long_path), ""))
    dialog.export_button.click()  # the folder does not exist: a sentence with a long path
    assert dialog.error.isVisible()
    hint = dialog.minimumSizeHint()
    assert hint.width() <= 1024 and hint.height() <= 640
    dialog.resize(1024, 640)
    qtbot.wait(0)
    assert dialog.width() <= 1024 and dialog.height() <= 640
