"""The Spending view: the last 30 days per day and model as a chart and a table,
totals for today and this month, exported as CSV. ``tasks.spending`` does the sums."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCharts import (
    QBarSet,
    QCategoryAxis,
    QChart,
    QChartView,
    QStackedBarSeries,
    QValueAxis,
)
from PySide6.QtCore import QDate, QEvent, QSortFilterProxyModel, QStandardPaths, Qt
from PySide6.QtGui import QBrush, QPainter, QPalette
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from genstudio.settings.money import format_usd
from genstudio.tasks.spending import SpendingSummary, load_since, summarize, write_csv
from genstudio.ui.inline_error import error_label, show_error
from genstudio.ui.spending.spending_model import SORT_ROLE, Column, SpendingModel

if TYPE_CHECKING:
    from genstudio.tasks.store import PricedJob

DAYS = 30
TOP_MODELS = 6  # the rest of the chart is "Other"
LABEL_EVERY = 5  # days between x-axis labels: a bar is narrower than a date


class SpendingDialog(QDialog):
    summary: SpendingSummary | None = None  # set at the first refresh

    def __init__(
        self,
        load_jobs: Callable[[float], list[PricedJob]],
        profiles: list[str],
        current_profile: str | None,
        parent: QWidget | None = None,
        *,
        now: Callable[[], float] = time.time,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Spending"))
        self.resize(880, 560)
        self._load = load_jobs
        self._now = now
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        self.provider = QComboBox()
        self.provider.setAccessibleName(self.tr("Provider"))
        self.provider.addItem(self.tr("All providers"), None)
        for name in profiles:
            self.provider.addItem(name, name)
        self.provider.setCurrentIndex(max(0, self.provider.findData(current_profile)))
        self.provider.currentIndexChanged.connect(lambda _i: self.refresh())
        top.addWidget(self.provider)
        self.totals = QLabel()
        self.totals.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        top.addWidget(self.totals, 1)
        layout.addLayout(top)
        note = QLabel(
            self.tr(
                "Counts jobs the provider accepted, at the price known when they were sent; "
                "failed jobs are usually refunded and are left out."
            )
        )
        note.setWordWrap(True)
        layout.addWidget(note)

        self.chart = QChart()
        self.chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
        self._axis_x = QCategoryAxis()
        self._axis_x.setLabelsPosition(QCategoryAxis.AxisLabelsPosition.AxisLabelsPositionOnValue)
        self._axis_y = QValueAxis()
        self.chart.addAxis(self._axis_x, Qt.AlignmentFlag.AlignBottom)
        self.chart.addAxis(self._axis_y, Qt.AlignmentFlag.AlignLeft)
        self.chart_view = QChartView(self.chart)
        self.chart_view.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.chart_view.setMinimumHeight(200)
        self.model = SpendingModel(self)
        self.rows = QSortFilterProxyModel(self)
        self.rows.setSourceModel(self.model)
        self.rows.setSortRole(SORT_ROLE)
        self.table = QTableView()
        self.table.setAccessibleName(self.tr("Spending"))
        self.table.setModel(self.rows)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(Column.DATE, Qt.SortOrder.DescendingOrder)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(Column.MODEL, QHeaderView.ResizeMode.Stretch)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.chart_view)
        split.addWidget(self.table)
        split.setSizes([320, 160])
        self.empty = QLabel(
            self.tr(
                "No priced jobs in the last 30 days. Prices appear when your provider "
                "publishes them or you enter them in Money → Prices and budget."
            )
        )
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.empty)
        self.stack.addWidget(split)
        layout.addWidget(self.stack, 1)

        self.error = error_label()
        self.saved = QLabel()
        self.saved.setWordWrap(True)
        self.saved.hide()
        for label in (self.error, self.saved):
            # A long path must wrap, not widen the dialog past a small screen.
            label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            layout.addWidget(label)
        buttons = QHBoxLayout()
        self.refresh_button = QPushButton(self.tr("Refresh"))
        self.refresh_button.clicked.connect(self.refresh)
        self.export_button = QPushButton(self.tr("Export CSV…"))
        self.export_button.clicked.connect(self.export)
        close = QPushButton(self.tr("Close"))
        close.clicked.connect(self.accept)
        close.setDefault(True)
        buttons.addWidget(self.refresh_button)
        buttons.addWidget(self.export_button)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout.addLayout(buttons)
        self.refresh()

    def refresh(self) -> None:
        now = self._now()
        jobs = self._load(load_since(now, DAYS))
        summary = summarize(jobs, now=now, days=DAYS, profile=self.provider.currentData())
        self.summary = summary
        self.totals.setText(
            self.tr("Today %1 · This month %2 · Last 30 days %3")
            .replace("%1", format_usd(summary.today))
            .replace("%2", format_usd(summary.month))
            .replace("%3", format_usd(summary.period))
        )
        self.model.set_summary(summary)
        self.stack.setCurrentIndex(1 if summary.rows else 0)
        self.export_button.setEnabled(bool(summary.rows))
        self._draw(summary)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        # Light or dark mode (or the language) switched while the dialog is open.
        redraw = (QEvent.Type.PaletteChange, QEvent.Type.LocaleChange)
        if event.type() in redraw and self.summary is not None:
            self._draw(self.summary)

    def _draw(self, summary: SpendingSummary) -> None:
        chart = self.chart
        chart.removeAllSeries()
        self._follow_palette()
        series = QStackedBarSeries()
        other: QBarSet | None = None
        for stacked in summary.stacked(TOP_MODELS):
            bar = QBarSet(stacked.model if stacked.model is not None else self.tr("Other"))
            bar.append(list(stacked.per_day))
            series.append(bar)
            other = bar if stacked.model is None else other
        chart.addSeries(series)  # applies the theme's colours: set "Other" after it
        if other is not None:
            # Hatched in the text colour: no theme colour can be mistaken for it.
            text = self.palette().color(QPalette.ColorRole.WindowText)
            other.setBrush(QBrush(text, Qt.BrushStyle.BDiagPattern))
            other.setBorderColor(text)
        # Bars stand at 0, 1, 2… on a value axis; a date every few bars, counted back from
        # today. (A bar-category axis cuts each label to one bar's width: "Nov 3" became "…".)
        axis_x = self._axis_x
        for label in axis_x.categoriesLabels():
            axis_x.remove(label)
        last = len(summary.days) - 1
        axis_x.setRange(-0.5, last + 0.5)
        date_format = self.tr("MMM d", "a day on the chart's axis, as QDate formats it")
        for i, day in enumerate(summary.days):
            if (last - i) % LABEL_EVERY == 0:
                axis_x.append(
                    self.locale().toString(QDate(day.year, day.month, day.day), date_format), i
                )
        top = max(summary.day_totals(), default=0.0)
        self._axis_y.setRange(0.0, max(top * 1.1, 0.01))
        self._axis_y.applyNiceNumbers()
        # Cents, or tenths of a cent when a month of cheap images stays under a dime.
        self._axis_y.setLabelFormat("$%.2f" if self._axis_y.max() >= 0.1 else "$%.3f")
        series.attachAxis(axis_x)
        series.attachAxis(self._axis_y)

    def _follow_palette(self) -> None:
        palette = self.palette()
        dark = palette.color(QPalette.ColorRole.Window).lightness() < 128
        # The theme picks bar colours that read on its background; the rest is the palette's.
        self.chart.setTheme(
            QChart.ChartTheme.ChartThemeDark if dark else QChart.ChartTheme.ChartThemeLight
        )
        text = palette.color(QPalette.ColorRole.WindowText)
        self.chart.setBackgroundBrush(QBrush(palette.color(QPalette.ColorRole.Base)))
        self.chart.legend().setLabelColor(text)
        for axis in (self._axis_x, self._axis_y):
            axis.setLabelsColor(text)
            axis.setTitleBrush(QBrush(text))
            axis.setGridLineColor(palette.color(QPalette.ColorRole.Mid))

    def export(self) -> None:
        if self.summary is None:
            return
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        name = f"genstudio-spending-{self.summary.days[-1].isoformat()}.csv"
        target, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Export spending"),
            str(Path(folder) / name) if folder else name,
            self.tr("CSV (*.csv)"),
        )
        if not target:
            return
        path = Path(target)
        try:
            write_csv(self.summary, path)
        except OSError as exc:
            self.saved.hide()
            show_error(
                self.error,
                # The path last: a "%2" in a file name must stay as typed.
                self.tr("The spending could not be saved to %1 (%2). Choose another folder.")
                .replace("%2", exc.strerror or str(exc))
                .replace("%1", str(path)),
            )
            return
        show_error(self.error, "")
        self.saved.setText(self.tr("Saved to %1").replace("%1", str(path)))
        self.saved.show()
