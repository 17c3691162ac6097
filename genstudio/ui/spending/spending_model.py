"""The Spending view's table: one row per day, provider and model, newest first."""

from __future__ import annotations

import enum
from typing import TYPE_CHECKING

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from genstudio.settings.money import format_usd

if TYPE_CHECKING:
    from genstudio.tasks.spending import DayModel, SpendingSummary

_Index = QModelIndex | QPersistentModelIndex


class Column(enum.IntEnum):
    DATE = 0
    PROVIDER = 1
    MODEL = 2
    JOBS = 3
    SPENT = 4


# The row's raw value (date, str, int or USD float), so a sort proxy sorts numbers as numbers.
SORT_ROLE = Qt.ItemDataRole.UserRole + 1


class SpendingModel(QAbstractTableModel):
    """Date, provider, model, jobs, spent: one row per day, provider and model."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[DayModel] = []
        self._headers = {
            Column.DATE: self.tr("Date"),
            Column.PROVIDER: self.tr("Provider"),
            Column.MODEL: self.tr("Model"),
            Column.JOBS: self.tr("Jobs"),
            Column.SPENT: self.tr("Spent"),
        }

    def set_summary(self, summary: SpendingSummary) -> None:
        self.beginResetModel()
        self._rows = list(reversed(summary.rows))  # newest first: today is what one checks
        self.endResetModel()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(Column)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row, column = self._rows[index.row()], Column(index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            return _display(row, column)
        if role == Qt.ItemDataRole.ToolTipRole and column in (Column.PROVIDER, Column.MODEL):
            return row.profile if column is Column.PROVIDER else row.model  # when elided
        if role == SORT_ROLE:
            return (row.day.isoformat(), row.profile, row.model, row.jobs, row.usd)[column]
        if role == Qt.ItemDataRole.TextAlignmentRole and column >= Column.JOBS:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if (
            role == Qt.ItemDataRole.DisplayRole
            and orientation == Qt.Orientation.Horizontal
            and 0 <= section < len(Column)
        ):
            return self._headers[Column(section)]
        return None


def _display(row: DayModel, column: Column) -> str:
    if column is Column.DATE:
        return row.day.isoformat()
    if column is Column.PROVIDER:
        return row.profile
    if column is Column.MODEL:
        return row.model
    if column is Column.JOBS:
        return str(row.jobs)
    return format_usd(row.usd)
