"""The Spending view: the last 30 days per day and model as a chart and a table,
totals for today and this month, exported as CSV. ``tasks.spending`` does the sums."""

from __future__ import annotations

import os
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSet,
    QChart,
    QChartView,
    QStackedBarSeries,
    QValueAxis,
)
from PySide6.QtCore import (
    QAbstractTableModel,
    QDate,
    QLocale,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QPainter, QPalette
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from genstudio.settings.money import format_usd
from genstudio.tasks.spending import SpendingSummary, summarize, to_csv
from genstudio.tasks.store import PricedJob
from genstudio.ui.inline_error import error_label, show_error

DAYS = 30
TOP_MODELS = 6  # the rest of the chart is "Other"
_Index = QModelIndex | QPersistentModelIndex


class SpendingModel(QAbstractTableModel):
    """Date, provider, model, jobs, spent: one row per day, provider and model."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._summary: SpendingSummary | None = None
        self._headers = [
            self.tr("Date"),
            self.tr("Provider"),
            self.tr("Model"),
            self.tr("Jobs"),
            self.tr("Spent"),
        ]

    def set_summary(self, summary: SpendingSummary) -> None:
        self.beginResetModel()
        self._summary = summary
        self.endResetModel()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        if parent.isValid() or self._summary is None:
            return 0
        return len(self._summary.rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._headers)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if self._summary is None or not index.isValid():
            return None
        row = self._summary.rows[len(self._summary.rows) - 1 - index.row()]  # newest first
        if role == Qt.ItemDataRole.DisplayRole:
            return (
                row.day.isoformat(),
                row.profile,
                row.model,
                str(row.jobs),
                format_usd(row.usd),
            )[index.column()]
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() >= 3:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if (
            role == Qt.ItemDataRole.DisplayRole
            and orientation == Qt.Orientation.Horizontal
            and 0 <= section < len(self._headers)
        ):
            return self._headers[section]
        return None


class SpendingDialog(QDialog):
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
        self.summary: SpendingSummary | None = None
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        self.provider = QComboBox()
        self.provider.setAccessibleName(self.tr("Provider"))
        self.provider.addItem(self.tr("All providers"), None)
        for name in profiles:
            self.provider.addItem(name, name)
        index = self.provider.findData(current_profile)
        self.provider.setCurrentIndex(max(0, index))
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
        note.setEnabled(False)
        layout.addWidget(note)

        self.chart = QChart()
        self.chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
        self.chart_view = QChartView(self.chart)
        self.chart_view.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.model = SpendingModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
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
        layout.addWidget(self.error)
        buttons = QHBoxLayout()
        refresh = QPushButton(self.tr("Refresh"))
        refresh.clicked.connect(self.refresh)
        self.export_button = QPushButton(self.tr("Export CSV…"))
        self.export_button.clicked.connect(self.export)
        close = QPushButton(self.tr("Close"))
        close.clicked.connect(self.accept)
        buttons.addWidget(refresh)
        buttons.addWidget(self.export_button)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout.addLayout(buttons)
        self.refresh()

    def refresh(self) -> None:
        now = self._now()
        jobs = self._load(now - (DAYS + 1) * 86400)
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

    def _draw(self, summary: SpendingSummary) -> None:
        chart = self.chart
        chart.removeAllSeries()
        for axis in chart.axes():
            chart.removeAxis(axis)
        dark = self.palette().color(QPalette.ColorRole.Window).lightness() < 128
        chart.setTheme(
            QChart.ChartTheme.ChartThemeDark if dark else QChart.ChartTheme.ChartThemeLight
        )
        series = QStackedBarSeries()
        shown = list(summary.models[:TOP_MODELS])
        for model in shown:
            bar = QBarSet(model)
            bar.append(summary.per_day(model))
            series.append(bar)
        rest = summary.models[TOP_MODELS:]
        if rest:
            other = QBarSet(self.tr("Other"))
            per_day = [0.0] * len(summary.days)
            for model in rest:
                per_day = [a + b for a, b in zip(per_day, summary.per_day(model), strict=True)]
            other.append(per_day)
            series.append(other)
        chart.addSeries(series)
        # A bar is narrower than "Nov 25": the day of the month every few bars, and the
        # dates of the period under the axis.
        last = len(summary.days) - 1
        labels = [str(day.day) if (last - i) % 5 == 0 else "" for i, day in enumerate(summary.days)]
        # Category labels must differ: blanks become distinct runs of spaces.
        axis_x = QBarCategoryAxis()
        axis_x.append([label or " " * (i + 1) for i, label in enumerate(labels)])
        first, end = summary.days[0], summary.days[-1]
        short = QLocale.FormatType.ShortFormat
        axis_x.setTitleText(
            f"{QLocale().toString(QDate(first.year, first.month, first.day), short)} – "
            f"{QLocale().toString(QDate(end.year, end.month, end.day), short)}"
        )
        chart.addAxis(axis_x, Qt.AlignmentFlag.AlignBottom)
        series.attachAxis(axis_x)
        axis_y = QValueAxis()
        top = max(
            (sum(v) for v in zip(*(summary.per_day(m) for m in summary.models), strict=False)),
            default=0.0,
        )
        axis_y.setRange(0.0, max(top * 1.1, 0.01))
        axis_y.setLabelFormat("$%.2f")
        chart.addAxis(axis_y, Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(axis_y)

    def export(self) -> None:
        if self.summary is None:
            return
        target, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export spending"), "genstudio-spending.csv", self.tr("CSV (*.csv)")
        )
        if not target:
            return
        path = Path(target)
        temporary: str | None = None
        try:
            handle, temporary = tempfile.mkstemp(
                prefix=f".{path.name}.", suffix=".part", dir=path.parent
            )
            with os.fdopen(handle, "w", encoding="utf-8", newline="") as out:
                out.write(to_csv(self.summary))
            Path(temporary).replace(path)
            temporary = None
        except OSError as exc:
            show_error(
                self.error,
                self.tr("The spending could not be saved to %1 (%2). Choose another folder.")
                .replace("%1", str(path))
                .replace("%2", exc.strerror or str(exc)),
            )
            return
        finally:
            if temporary is not None:
                Path(temporary).unlink(missing_ok=True)
        show_error(self.error, "")
        self.totals.setToolTip(self.tr("Saved to %1").replace("%1", str(path)))
