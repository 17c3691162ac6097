"""The task actions: toolbar, Tasks menu, context menu and shortcuts.

Whether an action is live comes from ``tasks.actions`` (the one home of those rules),
for whatever is selected in the list or the gallery; with nothing selected, nothing is.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialog, QMainWindow, QMenu, QToolBar

from genstudio.api.kinds import Scope
from genstudio.tasks.actions import Action, applicable, enabled

if TYPE_CHECKING:
    from genstudio.tasks.background import BackgroundTasks
    from genstudio.tasks.record import TaskRecord
    from genstudio.tasks.service import TaskService
    from genstudio.ui.form.generation_form import GenerationForm
    from genstudio.ui.window.delete_undo import DeleteUndo
    from genstudio.ui.window.file_actions import FileActions


class TaskActions(QObject):
    task_imported = Signal(int)  # the local id of a task imported (or already there)

    def __init__(
        self,
        window: QMainWindow,
        service: Callable[[], TaskService],
        background: BackgroundTasks,
        selected: Callable[[], list[TaskRecord]],
        form: GenerationForm,
        files: FileActions,
        undo: DeleteUndo,
        say: Callable[[str], None],
        approve_again: Callable[[list[TaskRecord]], bool],
        providers: Callable[[], tuple[list[str], str | None]],
    ) -> None:
        super().__init__(window)
        self._window = window
        self._service = service
        self._background = background
        self._selected = selected
        self._form = form
        self._files = files
        self._undo = undo
        self._say = say
        self._approve_again = approve_again  # the budget, asked before money goes out again
        self._providers = providers  # the provider names, and the current one
        self.by_action: dict[Action, QAction] = {}
        self.open = self._task(
            Action.OPEN,
            self.tr("Open"),
            "Ctrl+O",
            self.tr("Open the result with this computer's viewer or player"),
        )
        self.reuse = self._task(
            Action.REUSE,
            self.tr("Reuse settings"),
            "Ctrl+U",
            self.tr("Load this job's prompt and settings into the form"),
        )
        self.retry = self._task(
            Action.RETRY, self.tr("Retry"), "Ctrl+R", self.tr("Send the same job again")
        )
        self.check = self._task(
            Action.CHECK, self.tr("Check now"), "F5", self.tr("Ask the provider about this job now")
        )
        self.resubmit = self._task(
            Action.RESUBMIT,
            self.tr("Submit again"),
            None,
            self.tr(
                "Send the request again. Check your provider's "
                "dashboard first: the first one may have started."
            ),
        )
        self.attach = self._task(
            Action.ATTACH_ID,
            self.tr("Paste its ID…"),
            None,
            self.tr(
                "If your provider's site lists this job, paste its ID: GenStudio follows "
                "it and saves the result, and nothing is paid again."
            ),
        )
        self.import_id = self._action(
            self.tr("Import task ID…"),
            self.import_task,
            None,
            self.tr("Follow a job by the ID your provider's site shows, and save its result"),
        )
        self.dismiss = self._task(
            Action.DISMISS,
            self.tr("Dismiss"),
            None,
            self.tr("Keep it in the history and stop asking about it"),
        )
        self.save_again = self._task(
            Action.SAVE_AGAIN,
            self.tr("Save again"),
            None,
            self.tr("Try once more to save the outputs that were not saved."),
        )
        self.stop = self._task(
            Action.STOP,
            self.tr("Stop watching"),
            None,
            self.tr("Stop asking the provider about this job"),
        )
        self.delete = self._task(
            Action.DELETE,
            self.tr("Delete"),
            "Del",
            self.tr(
                "Remove from the list; saved files stay in the library (Ctrl+Z brings it back)"
            ),
        )
        self.delete_files = self._action(
            self.tr("Delete and move files to the trash"), self._delete_with_files, "Shift+Del"
        )
        self.undo_delete = self._action(self.tr("Undo delete"), self.undo_last, "Ctrl+Z")
        self.save_as = self._task(
            Action.SAVE_AS,
            self.tr("Save a copy as…"),
            "Ctrl+S",
            self.tr("Save a copy of the result elsewhere"),
        )
        self.save_all = self._task(
            Action.SAVE_ALL, self.tr("Save copies to a folder…"), "Ctrl+Shift+S"
        )
        self.show_folder = self._task(Action.SHOW_IN_FOLDER, self.tr("Show in folder"))
        self.copy_image = self._task(Action.COPY_IMAGE, self.tr("Copy image"))
        self.copy_links = self._task(
            Action.COPY_LINK, self.tr("Copy link to result"), "Ctrl+Shift+L"
        )
        self.copy_ids = self._task(
            Action.COPY_ID, self.tr("Copy task ID (for support)"), "Ctrl+Shift+C"
        )
        self.reference = self._task(
            Action.USE_AS_REFERENCE,
            self.tr("Use as reference image"),
            None,
            self.tr("Put this picture into the form's reference images"),
        )
        self.reference_video = self._action(
            self.tr("Use as reference for a video"),
            lambda: self._files.use_as_reference(self._selected(), Scope.VIDEOS),
        )
        self.reference_menu = QMenu(self.tr("Use as reference"), window)
        self.reference_menu.addActions([self.reference, self.reference_video])
        undo.changed.connect(self.update)

    # -- building ----------------------------------------------------------------------------

    def _action(
        self, text: str, slot: Callable[[], object], shortcut: str | None = None, tip: str = ""
    ) -> QAction:
        action = QAction(text, self._window)
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.setToolTip(tip or text)
        action.triggered.connect(slot)
        self._window.addAction(action)
        return action

    def _task(self, kind: Action, text: str, shortcut: str | None = None, tip: str = "") -> QAction:
        action = self._action(text, lambda: self.run(kind), shortcut, tip)
        self.by_action[kind] = action
        return action

    def toolbar(self) -> QToolBar:
        """The few actions a creator uses all the time; the rest are in the menus."""
        bar = QToolBar(self.tr("Task actions"))
        bar.setObjectName("task-actions")
        bar.setMovable(False)
        bar.addActions([self.open, self.reuse, self.retry, self.delete])
        self.toolbar_widget = bar
        return bar

    def fill_menu(self, menu: QMenu) -> None:
        for group in (
            [self.open, self.show_folder, self.save_as, self.save_all, self.copy_image],
            [self.reuse, self.reference_menu.menuAction(), self.retry, self.check, self.stop],
            [self.attach, self.resubmit, self.dismiss, self.save_again],
            [self.copy_links, self.copy_ids, self.import_id],
            [self.delete, self.delete_files, self.undo_delete],
        ):
            menu.addActions(group)
            menu.addSeparator()

    def context_menu(self) -> QMenu:
        menu = QMenu(self._window)
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.update()
        for group in (
            [self.open, self.show_folder, self.save_as, self.copy_image],
            [self.reuse, self.reference_menu.menuAction(), self.retry, self.check, self.stop],
            [self.attach, self.resubmit, self.dismiss, self.save_again],
            [self.copy_links, self.copy_ids],
            [self.delete, self.delete_files],
        ):
            shown = [a for a in group if a.isEnabled()]
            if shown:
                menu.addActions(shown)
                menu.addSeparator()
        return menu

    # -- state ---------------------------------------------------------------------------------

    def update(self) -> None:
        records = self._selected()
        for kind, action in self.by_action.items():
            action.setEnabled(enabled(kind, records))
        self.delete_files.setEnabled(self.delete.isEnabled())
        self.reference_video.setEnabled(self.reference.isEnabled())
        self.reference_menu.setEnabled(self.reference.isEnabled())
        self.undo_delete.setEnabled(self._undo.can_undo)

    # -- doing ---------------------------------------------------------------------------------

    def run(self, kind: Action) -> None:
        records = self._selected()
        if not enabled(kind, records):
            return  # a shortcut pressed while nothing it applies to is selected
        targets = applicable(kind, records)
        ids = [r.id for r in targets]
        files = self._files
        if kind in (Action.RETRY, Action.RESUBMIT) and not self._approve_again(targets):
            return  # over a limit, or the user said no: it was said, and nothing is sent
        match kind:
            case Action.OPEN:
                files.open(targets)
            case Action.REUSE:
                self._form.load_request(targets[0].request)
                self._form.prompt.setFocus()
                self._say(self.tr("Settings loaded into the form."))
            case Action.RETRY:
                self._background.start(self._service().retry(ids), "retry")
                self._say(self.tr("Sending %n job(s) again.", "", len(ids)))
            case Action.CHECK:
                self._service().check_now(ids)
            case Action.STOP:
                self._service().stop_watching(ids)
            case Action.RESUBMIT:
                for local_id in ids:
                    self._background.start(self._service().resubmit(local_id), "resubmit")
                self._say(self.tr("Sending %n job(s) again.", "", len(ids)))
            case Action.ATTACH_ID:
                self.attach_id(targets[0])
            case Action.DISMISS:
                self._service().dismiss(ids)
            case Action.SAVE_AGAIN:
                self._service().save_again(ids)
            case Action.DELETE:
                self.delete_records(targets, to_trash=False)
            case Action.SAVE_AS:
                files.save_as(targets)
            case Action.SAVE_ALL:
                files.save_all(targets)
            case Action.SHOW_IN_FOLDER:
                files.show_in_folder(targets)
            case Action.COPY_IMAGE:
                files.copy_image(targets)
            case Action.COPY_LINK:
                files.copy_links(targets)
            case Action.COPY_ID:
                files.copy_ids(targets)
            case Action.USE_AS_REFERENCE:
                files.use_as_reference(targets, None)
        self.update()

    def attach_id(self, record: TaskRecord) -> None:
        from genstudio.ui.dialogs.import_task import TaskIdDialog

        dialog = TaskIdDialog(
            self.tr("Paste the task ID"),
            self.tr(
                "GenStudio does not know whether the provider started this job. If your "
                "provider's site lists it, copy its ID here: GenStudio then follows it and "
                "saves the result, and nothing is paid again."
            ),
            parent=self._window,
        )
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        self._service().attach_id(record.id, dialog.chosen()[2])
        self._say(self.tr("Following the job by its ID."))

    def import_task(self) -> None:
        from genstudio.ui.dialogs.import_task import TaskIdDialog

        names, current = self._providers()
        if not names:
            self._say(self.tr("Add a provider first: a task ID belongs to a provider."))
            return
        dialog = TaskIdDialog(
            self.tr("Import task ID"),
            self.tr(
                "Follow a job started elsewhere (your provider's site, another computer, or "
                "one GenStudio lost track of): GenStudio checks it like any other and saves "
                "its result."
            ),
            names,
            current,
            self._window,
        )
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        profile, scope, task_id, model = dialog.chosen()
        record, new = self._service().import_task(profile, scope, task_id, model)
        self._say(
            self.tr("Imported: checking the job now.")
            if new
            else self.tr("That job is already in the list.")
        )
        self.task_imported.emit(record.id)

    def _delete_with_files(self) -> None:
        records = applicable(Action.DELETE, self._selected())
        if records:
            self.delete_records(records, to_trash=True)

    def delete_records(self, records: list[TaskRecord], to_trash: bool) -> None:
        deletion = self._undo.delete(records, to_trash)
        if deletion is None:
            return
        count = len(deletion.records)
        if deletion.trashed or deletion.not_trashed:
            text = self.tr("Deleted %n task(s) and moved their files to the trash.", "", count)
            if deletion.not_trashed:
                text = self.tr(
                    "Deleted %n task(s). Some files could not go to the trash and stay in "
                    "the library.",
                    "",
                    count,
                )
        else:
            text = self.tr("Deleted %n task(s); their files stay in the library.", "", count)
        self._say(text)

    def undo_last(self) -> None:
        deletion = self._undo.undo()
        if deletion is not None:
            self._say(self.tr("Brought back %n task(s).", "", len(deletion.records)))
