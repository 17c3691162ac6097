"""The workspace's layout: the form, the task list (or gallery), the previewer over the
details. Widgets only: what they do is wired by the main window.

The form folds into a slim bar to give the results room; one click on the bar, or
Ctrl+Enter's focus, brings it back.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QScrollArea,
    QSizePolicy,
    QSplitter,
    QStackedWidget,
    QToolBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from genstudio.tasks import actions
from genstudio.ui.preview.empty_preview import EmptyPreview
from genstudio.ui.tasklist.gallery import GalleryFilter, GalleryModel, GalleryView
from genstudio.ui.tasklist.task_details import TaskDetails
from genstudio.ui.tasklist.task_table import TaskFilterProxy, TaskTableModel
from genstudio.ui.tasklist.task_view import TaskView

if TYPE_CHECKING:
    from genstudio.tasks.states import TaskState
    from genstudio.ui.form.generation_form import GenerationForm
    from genstudio.ui.preview.media_preview import MediaPreview

FORM_WIDTH = 320
FORM_MIN = 300  # with a list of 360 and a previewer of 330, fits a 1024-pixel window
LIST_MIN = 360
BAR_WIDTH = 34
# The list asks as the user types, off the GUI thread, one question at a time (a key
# typed while one is read is asked after it): 0 only gathers the keys of one turn.
SEARCH_DEBOUNCE_MS = 0


def replace_keeping_sizes(splitter: QSplitter, index: int, widget: QWidget) -> None:
    """``widget`` in place of the one at ``index``, the split as the user sees it: a
    newcomer with a larger minimum was given more than its share (on a laptop, the
    previewer squeezed the details to a sliver)."""
    sizes = splitter.sizes()
    old = splitter.replaceWidget(index, widget)
    if old is not None:
        old.deleteLater()
    splitter.setSizes(sizes)


def status_filters() -> list[tuple[str, frozenset[TaskState] | None]]:
    """The list's "Show" choices; the groups of states come from ``tasks.actions``."""
    return [
        (QCoreApplication.translate("Workspace", "All tasks"), None),
        (QCoreApplication.translate("Workspace", "In progress"), actions.ACTIVE),
        (QCoreApplication.translate("Workspace", "Done"), actions.FINISHED),
        (QCoreApplication.translate("Workspace", "Failed"), actions.FAILED),
        (QCoreApplication.translate("Workspace", "Needs attention"), actions.NEEDS_ATTENTION),
    ]


class FormPanel(QWidget):
    """The form with a fold button, or a slim bar when folded."""

    folded_changed = Signal(bool)

    def __init__(self, form: GenerationForm, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.form = form
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        self.full = QWidget()
        full = QVBoxLayout(self.full)
        full.setContentsMargins(0, 0, 0, 0)
        full.setSpacing(0)
        title_row = QHBoxLayout()
        title_row.setContentsMargins(8, 0, 0, 0)
        title = QLabel(self.tr("New job"))
        font = title.font()
        font.setBold(True)
        title.setFont(font)
        self.fold_button = QToolButton()
        self.fold_button.setText("«")
        self.fold_button.setAutoRaise(True)
        self.fold_button.setToolTip(self.tr("Hide the form to give the results more room"))
        self.fold_button.setAccessibleName(self.tr("Hide the form"))
        self.fold_button.clicked.connect(lambda: self.set_folded(True))
        title_row.addWidget(title)
        title_row.addStretch(1)
        title_row.addWidget(self.fold_button)
        full.addLayout(title_row)
        self.scroller = QScrollArea()
        self.scroller.setWidget(form)
        self.scroller.setWidgetResizable(True)
        self.scroller.setFrameShape(QFrame.Shape.NoFrame)
        self.scroller.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroller.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # a frame; Tab goes to the fields
        full.addWidget(self.scroller, 1)
        full.addWidget(form.footer)
        self.bar = QToolButton()
        self.bar.setText("»\n\n" + "\n".join(self.tr("New")))
        self.bar.setToolTip(self.tr("Show the form (Ctrl+Enter)"))
        self.bar.setAccessibleName(self.tr("Show the form"))
        self.bar.setAutoRaise(True)
        self.bar.setFixedWidth(BAR_WIDTH)
        self.bar.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Expanding)
        self.bar.clicked.connect(lambda: self.set_folded(False))
        self.bar.hide()
        layout.addWidget(self.full, 1)
        layout.addWidget(self.bar)
        self.setMinimumWidth(FORM_MIN)

    @property
    def folded(self) -> bool:
        return self.full.isHidden()

    def set_folded(self, folded: bool) -> None:
        if folded == self.folded:
            return
        self.full.setVisible(not folded)
        self.bar.setVisible(folded)
        if folded:
            self.setMinimumWidth(BAR_WIDTH)
            self.setMaximumWidth(BAR_WIDTH)
        else:
            self.setMaximumWidth(16777215)
            self.setMinimumWidth(FORM_MIN)
            self.form.prompt.setFocus()
        self.folded_changed.emit(folded)


class Workspace(QSplitter):
    """Form | task list or gallery | previewer over details."""

    def __init__(
        self,
        form: GenerationForm,
        model: TaskTableModel,
        gallery_model: GalleryModel,
        task_bar: QToolBar,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(Qt.Orientation.Horizontal, parent)
        self.form_panel = FormPanel(form)
        self.form_panel.folded_changed.connect(self._form_folded)

        self.proxy = TaskFilterProxy(self)
        self.proxy.setSourceModel(model)
        self.gallery_model = gallery_model
        self.gallery_proxy = GalleryFilter(self)
        self.gallery_proxy.setSourceModel(gallery_model)

        list_panel = QWidget()
        list_layout = QVBoxLayout(list_panel)
        list_layout.setContentsMargins(0, 0, 0, 0)
        list_layout.setSpacing(2)
        filters = QHBoxLayout()
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Search"))
        self.search.setToolTip(self.tr("Search prompts, models, providers and task IDs (Ctrl+F)"))
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName(self.tr("Search tasks"))
        self.search.setMinimumWidth(120)
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DEBOUNCE_MS)
        self._search_timer.timeout.connect(self.search_now)
        self.search.textChanged.connect(lambda _text: self._search_timer.start())
        self.status_filter = QComboBox()
        self.status_filter.setAccessibleName(self.tr("Show tasks"))
        for label, states in status_filters():
            self.status_filter.addItem(label, states)
        self.status_filter.currentIndexChanged.connect(
            lambda i: self.proxy.set_states(self.status_filter.itemData(i))
        )
        self.gallery_kind = QComboBox()
        self.gallery_kind.setAccessibleName(self.tr("Show kinds"))
        for label, value in (
            (self.tr("All kinds"), None),
            (self.tr("Images"), "images"),
            (self.tr("Videos"), "videos"),
            (self.tr("Audio"), "audio"),
        ):
            self.gallery_kind.addItem(label, value)
        self.gallery_kind.currentIndexChanged.connect(
            lambda i: self.gallery_proxy.set_scope(self.gallery_kind.itemData(i))
        )
        self.gallery_kind.hide()
        self.view_toggle = QToolButton()
        self.view_toggle.setText(self.tr("Gallery"))
        self.view_toggle.setCheckable(True)
        self.view_toggle.setToolTip(
            self.tr("Switch between the task list and a gallery of finished results (Ctrl+G)")
        )
        self.view_toggle.setShortcut(QKeySequence("Ctrl+G"))
        filters.addWidget(self.search, 1)
        filters.addWidget(self.status_filter)
        filters.addWidget(self.gallery_kind)
        filters.addWidget(self.view_toggle)
        list_layout.addLayout(filters)
        task_bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        list_layout.addWidget(task_bar)

        self.table = TaskView(self.proxy)
        self.gallery = GalleryView()
        self.gallery.setModel(self.gallery_proxy)
        self.views = QStackedWidget()
        self.views.addWidget(self.table)
        self.views.addWidget(self.gallery)
        list_layout.addWidget(self.views, 1)
        list_panel.setMinimumWidth(LIST_MIN)

        # The previewer above the details: what a creator came for comes first. It is
        # built after the first paint (build_preview); its pane says the same meanwhile.
        self._preview: MediaPreview | None = None
        self.details = TaskDetails()
        self.side = QSplitter(Qt.Orientation.Vertical)
        self.side.addWidget(EmptyPreview())
        self.side.addWidget(self.details)
        self.side.setStretchFactor(0, 3)
        self.side.setStretchFactor(1, 2)
        self.side.setSizes([500, 300])

        self.addWidget(self.form_panel)
        self.addWidget(list_panel)
        self.addWidget(self.side)
        self.setStretchFactor(1, 1)
        self.setStretchFactor(2, 1)
        self.setCollapsible(0, False)
        self.setCollapsible(1, False)
        self.setCollapsible(2, False)
        self.setSizes([FORM_WIDTH, 540, 540])

    @property
    def preview(self) -> MediaPreview:
        return self.build_preview()

    @property
    def preview_built(self) -> bool:
        return self._preview is not None

    def build_preview(self) -> MediaPreview:
        """The previewer in its pane, built the first time it is asked for."""
        if self._preview is None:
            # Not with the window: its modules and QtNetwork cost 20-25 ms of the start.
            from genstudio.ui.preview.media_preview import MediaPreview

            self._preview = MediaPreview()
            replace_keeping_sizes(self.side, 0, self._preview)
        return self._preview

    def _form_folded(self, folded: bool) -> None:
        sizes = self.sizes()
        if folded:
            freed = sizes[0] - BAR_WIDTH
            self.setSizes([BAR_WIDTH, sizes[1], sizes[2] + freed])
        else:
            wanted = max(FORM_WIDTH, self.form_panel.minimumWidth())
            taken = wanted - sizes[0]
            self.setSizes([wanted, sizes[1], max(200, sizes[2] - taken)])

    def search_now(self) -> None:
        """The search box's words to the list and the gallery (after the debounce)."""
        self._search_timer.stop()
        text = self.search.text()
        self.proxy.set_search(text)
        self.gallery_proxy.set_search(text)

    def show_gallery(self, shown: bool) -> None:
        self.gallery_model.set_active(shown)
        self.views.setCurrentWidget(self.gallery if shown else self.table)
        self.gallery_kind.setVisible(shown)
        self.status_filter.setVisible(not shown)
        if self.view_toggle.isChecked() != shown:
            self.view_toggle.setChecked(shown)

    @property
    def gallery_shown(self) -> bool:
        return self.views.currentWidget() is self.gallery
