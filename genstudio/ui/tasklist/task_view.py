"""The task list as a table that fits its width: columns give way instead of scrolling.

Every row always shows the result's thumbnail, the prompt (whole on hover), the state
with its progress, and the time it took. Model and time made are in the prompt's second
line; the user may also show them (and the kind, progress and task ID) as columns, which
step aside again, least useful first, when the window gets too narrow for them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QAbstractItemModel, Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QMenu, QTableView, QWidget

from genstudio.ui.tasklist.task_columns import TEXT_COLUMNS, Column
from genstudio.ui.tasklist.task_delegates import (
    ROW_HEIGHT,
    ProgressDelegate,
    PromptDelegate,
    StatusDelegate,
    TextDelegate,
)

if TYPE_CHECKING:
    from PySide6.QtGui import QResizeEvent

ALWAYS = (Column.PROMPT, Column.STATUS, Column.ELAPSED)
# Optional columns in the order they give way when there is no room.
GIVE_WAY = (
    Column.TASK_ID,
    Column.PROGRESS,
    Column.PRICE,
    Column.SCOPE,
    Column.MODEL,
    Column.CREATED,
)
WIDTHS = {
    Column.CREATED: 112,
    Column.SCOPE: 40,
    Column.MODEL: 110,
    Column.STATUS: 132,
    Column.PROGRESS: 96,
    Column.ELAPSED: 58,
    Column.TASK_ID: 110,
    Column.PRICE: 64,
}
PROMPT_MIN = 150
STATE_PREFIX = "columns:"


class TaskView(QTableView):
    def __init__(self, model: QAbstractItemModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # A viewport made here, as Qt makes its own, so that Python knows it: asked for
        # Qt's, a plain QWidget PySide did not make, PySide loads every QtWidgets type
        # to name it (10 ms of the first paint, in fit_columns below).
        viewport = QWidget()
        viewport.setObjectName("qt_scrollarea_viewport")  # the name styles look for
        viewport.setBackgroundRole(QPalette.ColorRole.Base)
        viewport.setAutoFillBackground(True)
        self.setViewport(viewport)
        self.setModel(model)
        self.chosen: set[Column] = set()  # optional columns the user asked for
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.setWordWrap(False)
        self.setShowGrid(False)
        self.setAlternatingRowColors(True)
        self.verticalHeader().hide()
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.verticalHeader().setDefaultSectionSize(ROW_HEIGHT)
        self.prompt_delegate = PromptDelegate(self)
        self.setItemDelegateForColumn(Column.PROMPT, self.prompt_delegate)
        self.setItemDelegateForColumn(Column.STATUS, StatusDelegate(self))
        self.setItemDelegateForColumn(Column.PROGRESS, ProgressDelegate(self))
        words = TextDelegate(self)
        for column in TEXT_COLUMNS:
            self.setItemDelegateForColumn(column, words)
        header = self.horizontalHeader()
        header.setSectionsClickable(True)
        header.setSectionsMovable(False)
        header.setHighlightSections(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header.setSectionResizeMode(Column.PROMPT, QHeaderView.ResizeMode.Stretch)
        # No arrow until the user sorts: newest on top is the model's own order.
        header.setSortIndicatorShown(True)
        header.setSortIndicator(-1, Qt.SortOrder.DescendingOrder)
        header.sortIndicatorChanged.connect(self._sort_changed)
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(
            lambda pos: self.column_menu().popup(header.mapToGlobal(pos))
        )
        for column, width in WIDTHS.items():
            self.setColumnWidth(column, width)
        # The prompt first: what a creator recognises a job by.
        header.moveSection(header.visualIndex(Column.PROMPT), 0)
        self.setAccessibleName(self.tr("Tasks"))
        self.fit_columns()

    # -- which columns show -----------------------------------------------------------------

    def set_chosen(self, column: Column, shown: bool) -> None:
        if column in ALWAYS:
            return
        if shown:
            self.chosen.add(column)
        else:
            self.chosen.discard(column)
        self.fit_columns()

    def shown_columns(self) -> list[Column]:
        return [c for c in Column if not self.isColumnHidden(c)]

    def fit_columns(self) -> None:
        """Show the chosen columns that fit beside a readable prompt; hide the rest."""
        room = self.viewport().width() - PROMPT_MIN - sum(WIDTHS[c] for c in ALWAYS[1:])
        wanted = [c for c in reversed(GIVE_WAY) if c in self.chosen]
        fitting: set[Column] = set()
        for column in wanted:  # most useful first
            if WIDTHS[column] <= room:
                fitting.add(column)
                room -= WIDTHS[column]
        header = self.horizontalHeader()
        for column in GIVE_WAY:
            hidden = column not in fitting
            if header.isSectionHidden(column) != hidden:
                header.setSectionHidden(column, hidden)

    def _sort_changed(self, column: int, order: Qt.SortOrder) -> None:
        proxy = self.model()
        if column < 0 or (column == Column.CREATED and order == Qt.SortOrder.DescendingOrder):
            proxy.sort(-1)  # the model's own order, newest first: nothing to sort
        else:
            proxy.sort(column, order)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.fit_columns()

    def column_menu(self) -> QMenu:
        """Which extra columns to show; the prompt, state and time always stay."""
        menu = QMenu(self)
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        model = self.model()
        for column in reversed(GIVE_WAY):
            title = str(model.headerData(column, Qt.Orientation.Horizontal))
            action = menu.addAction(title)
            action.setCheckable(True)
            action.setChecked(column in self.chosen)
            if column in self.chosen and self.isColumnHidden(column):
                action.setToolTip(self.tr("No room: make the window or the list wider"))
            action.toggled.connect(lambda shown, c=column: self.set_chosen(c, shown))
        return menu

    # -- remembered between runs --------------------------------------------------------------

    def save_state(self) -> str:
        return STATE_PREFIX + ",".join(c.name for c in sorted(self.chosen))

    def restore_state(self, text: str | None) -> None:
        """Earlier versions saved Qt's header bytes: those are ignored (new layout)."""
        if not text or not text.startswith(STATE_PREFIX):
            return
        names = {name for name in text[len(STATE_PREFIX) :].split(",") if name}
        self.chosen = {c for c in GIVE_WAY if c.name in names}
        self.fit_columns()
