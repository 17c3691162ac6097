"""The pane under the previewer: what the creator asked for and got, in plain words.

It leads with the state, the reason when something went wrong, the saved files (Open,
Show in folder), the prompt and the settings as labelled values, and the time it took.
The task ID, links, the raw request and the provider's raw answer sit under a
collapsed "Technical details". Which buttons show is asked of ``tasks.actions``
(the next steps it suggests for the task's state).
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6 import QtCore
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QPushButton,
    QSizePolicy,
    QTextBrowser,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from genstudio.printable import printable
from genstudio.settings.money import format_usd
from genstudio.tasks.actions import Action, applies, suggested
from genstudio.tasks.state_words import prompt_words
from genstudio.tasks.states import FileState, TaskState
from genstudio.ui.tasklist.status_text import (
    elapsed_words,
    saving_words,
    scope_words,
    state_colour,
    state_words,
)

if TYPE_CHECKING:
    from genstudio.tasks.record import TaskRecord

# Year 9999: past it QDateTime cannot show a time (and a hostile server may send 1e300).
_LAST_SECOND = 253402300799


def _when(seconds: float | None) -> str:
    if not seconds or not 0 < seconds < _LAST_SECOND:
        return "—"
    from PySide6.QtCore import QDateTime  # named with the first task shown: its enums, 0.2 ms

    return QDateTime.fromSecsSinceEpoch(int(seconds)).toString("yyyy-MM-dd HH:mm:ss")


def escape(text: str, quote: bool = True) -> str:
    """``html.escape``, the same five replacements: the html module loads its entity
    tables with it, 1.7 ms of the start for a pane that escapes a few words then."""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return text.replace('"', "&quot;").replace("'", "&#x27;") if quote else text


def _table(rows: list[tuple[str, str]]) -> str:
    e = escape
    cells = "".join(
        f"<tr><td style='color:gray; padding-right:10px'>{e(k)}</td><td>{e(v)}</td></tr>"
        for k, v in rows
    )
    return f"<table>{cells}</table>"


class TaskDetails(QWidget):
    """Shows one task; asks for actions by name (the window runs them)."""

    action_requested = Signal(object)  # Action

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        buttons = QHBoxLayout()
        self.retry = QPushButton(self.tr("Retry"))
        self.retry.setToolTip(self.tr("Send the same job again"))
        self.resubmit = QPushButton(self.tr("Submit again"))
        self.resubmit.setToolTip(
            self.tr(
                "Send the request again. It may charge twice: if your provider's site "
                "lists the job, use “Paste its ID…” instead."
            )
        )
        self.attach = QPushButton(self.tr("Paste its ID…"))
        self.attach.setToolTip(
            self.tr(
                "If your provider's site lists this job, paste its ID: GenStudio follows "
                "it and saves the result, and nothing is paid again."
            )
        )
        self.dismiss = QPushButton(self.tr("Dismiss"))
        self.dismiss.setToolTip(self.tr("Keep it in the history and stop asking about it"))
        self.check = QPushButton(self.tr("Check now"))
        self.check.setToolTip(self.tr("Ask the provider about this job now"))
        self.save_again = QPushButton(self.tr("Save again"))
        self.save_again.setToolTip(
            self.tr("Try once more to save the outputs that were not saved.")
        )
        self.buttons = {
            Action.RETRY: self.retry,
            Action.ATTACH_ID: self.attach,
            Action.RESUBMIT: self.resubmit,
            Action.DISMISS: self.dismiss,
            Action.CHECK: self.check,
            Action.SAVE_AGAIN: self.save_again,
        }
        for action, button in self.buttons.items():
            buttons.addWidget(button)
            button.hide()
            button.clicked.connect(lambda _=False, a=action: self._ask(a))
        buttons.addStretch(1)
        layout.addLayout(buttons)

        self.browser = QTextBrowser()
        self.browser.setOpenExternalLinks(True)
        self.browser.setAccessibleName(self.tr("Task details"))
        layout.addWidget(self.browser, 3)

        self.technical_toggle = QToolButton()
        self.technical_toggle.setText(self.tr("Technical details"))
        self.technical_toggle.setToolTip(
            self.tr("The task ID, links and the provider's own words, for support")
        )
        self.technical_toggle.setCheckable(True)
        self.technical_toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.technical_toggle.setArrowType(Qt.ArrowType.RightArrow)
        self.technical_toggle.setAutoRaise(True)
        self.technical_toggle.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.technical_toggle.toggled.connect(self._toggle_technical)
        layout.addWidget(self.technical_toggle)
        self.technical = QTextBrowser()
        self.technical.setOpenExternalLinks(True)
        self.technical.setAccessibleName(self.tr("Technical details"))
        self.technical.hide()
        layout.addWidget(self.technical, 2)

        self._record: TaskRecord | None = None
        self.show_records([])

    def _ask(self, action: Action) -> None:
        if self._record is not None and applies(action, self._record):
            self.action_requested.emit(action)

    def _toggle_technical(self, shown: bool) -> None:
        self.technical.setVisible(shown)
        self.technical_toggle.setArrowType(
            Qt.ArrowType.DownArrow if shown else Qt.ArrowType.RightArrow
        )

    @property
    def record(self) -> TaskRecord | None:
        return self._record

    def show_records(self, records: list[TaskRecord]) -> None:
        self._record = records[0] if len(records) == 1 else None
        record = self._record
        for action, button in self.buttons.items():
            button.setVisible(record is not None and suggested(action, record))
        self.technical_toggle.setVisible(record is not None)
        self.technical.setVisible(record is not None and self.technical_toggle.isChecked())
        if not records:
            self.browser.setHtml(
                "<p style='color: gray'>"
                + escape(self.tr("Select a task to see its details. Finished results appear here."))
                + "</p>"
            )
        elif record is None:
            self.browser.setHtml(
                "<p>" + escape(self.tr("%n task(s) selected.", "", len(records))) + "</p>"
            )
        else:
            self.browser.setHtml(self._html(record))
            self.technical.setHtml(self._technical_html(record))

    def refresh(self, record: TaskRecord) -> None:
        if self._record is not None and self._record.id == record.id:
            self.show_records([record])

    # -- what a creator reads ----------------------------------------------------------------

    def _html(self, r: TaskRecord) -> str:
        # With the first task shown: the window is painted without them.
        from genstudio.tasks import sentences
        from genstudio.ui.tasklist.request_words import settings_rows

        e = escape
        colour = state_colour(r.state).name()
        progress = f" · {r.progress:.0f}%" if r.progress is not None and r.state.is_polled else ""
        parts = [f"<h3 style='color:{colour}'>{e(state_words(r.state))}{progress}</h3>"]
        # The same reason once: a sentence already said is not repeated below it.
        said: list[str] = []
        # Server words (escape sequences and all) are shown escaped, never rendered.
        for text in map(printable, filter(None, (r.fail_reason, r.last_error))):
            if not any(text in before for before in said):
                parts.append(f"<p>{e(text)}</p>")
                said.append(text)
        if r.state is TaskState.SUBMISSION_UNKNOWN:
            parts.append(f"<p>{e(sentences.unknown_next_step())}</p>")
        if r.files:
            parts.append(self._files_html(r))
        prompt = e(prompt_words(r)).replace("\n", "<br>")
        title = self.tr("Prompt")  # not inside the f-string: lupdate does not look there
        parts.append(f"<p><b>{e(title)}</b><br>{prompt}</p>")
        rows = [
            (self.tr("Kind"), scope_words(r.request.scope)),
            (self.tr("Model"), r.request.model),
            (self.tr("Provider"), r.profile),
            *settings_rows(r.request),
            (self.tr("Sent"), _when(r.sent_at)),
        ]
        rows = [(k, v) for k, v in rows if v]  # an imported task's model may be unknown
        if r.finished_at:
            rows.append((self.tr("Finished"), _when(r.finished_at)))
        # The same figure as the list's Time column: sent → finished (saving comes after).
        rows.append((self.tr("Time taken"), elapsed_words(r.elapsed(time.time()))))
        if r.price_usd is not None:
            rows.append((self.tr("Price"), "≈ " + format_usd(r.price_usd)))
        parts.append(_table(rows))
        return "".join(parts)

    def _files_html(self, r: TaskRecord) -> str:
        e = escape
        items = []
        open_word, folder_word = self.tr("Open"), self.tr("Show in folder")
        for file in r.files:
            if file.state is FileState.SAVED and file.path:
                url = QtCore.QUrl.fromLocalFile(file.path).toString()
                folder = QtCore.QUrl.fromLocalFile(str(Path(file.path).parent)).toString()
                items.append(
                    f"<li>{e(Path(file.path).name)} · "
                    f"<a href='{e(url, quote=True)}'>{e(open_word)}</a> · "
                    f"<a href='{e(folder, quote=True)}'>{e(folder_word)}</a></li>"
                )
                continue
            if file.state is FileState.PENDING:
                where = saving_words(r)
            elif file.state is FileState.EXPIRED:
                where = self.tr("Not saved: the link expired")
            else:
                where = self.tr("Not saved")
            if file.error and file.state is FileState.PENDING:
                items.append(f"<li>{e(printable(file.error))}</li>")  # why it waits, alone
                continue
            note = f" — {e(printable(file.error))}" if file.error else ""
            items.append(f"<li>{e(where)}{note}</li>")
        title = self.tr("Saved files")
        return f"<p><b>{e(title)}</b></p><ul>{''.join(items)}</ul>"

    # -- for support -------------------------------------------------------------------------

    def _technical_html(self, r: TaskRecord) -> str:
        from genstudio.ui.tasklist.request_words import raw_request

        e = escape
        rows = [
            (self.tr("Task ID"), printable(r.task_id or "—")),
            (self.tr("Provider's status"), r.provider_status or "—"),
            (self.tr("Provider: submitted"), _when(r.submit_time)),
            (self.tr("Provider: started"), _when(r.start_time)),
            (self.tr("Provider: finished"), _when(r.finish_time)),
        ]
        parts = [_table(rows)]
        if r.outputs:
            links = "".join(
                f"<li><a href='{e(url, quote=True)}'>{e(url)}</a></li>"
                for url in map(printable, r.outputs)
            )
            title = self.tr("Output links")
            parts.append(f"<p><b>{e(title)}</b></p><ul>{links}</ul>")
        if r.error_details:
            title = self.tr("Error details")
            parts.append(
                f"<p><b>{e(title)}</b><br><small>{e(printable(r.error_details))}</small></p>"
            )
        sent_title = self.tr("Request as sent")
        parts.append(
            f"<p><b>{e(sent_title)}</b></p>"
            f"<pre style='white-space: pre-wrap'>{e(raw_request(r.request))}</pre>"
        )
        return "".join(parts)
