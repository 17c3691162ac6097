"""The pane beside the table: the selected task's request, times, reason and outputs.

The output previewer will take this place; for now outputs are links.
"""

from __future__ import annotations

import html
import json
import time
from pathlib import Path

from PySide6.QtCore import QDateTime, QUrl, Signal, SignalInstance
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QTextBrowser, QVBoxLayout, QWidget

from genstudio.tasks.record import FileState, TaskRecord, TaskState
from genstudio.ui.tasklist.status_text import elapsed_words, scope_words, state_colour, state_words


def _when(seconds: float | None) -> str:
    if not seconds:
        return "—"
    return QDateTime.fromSecsSinceEpoch(int(seconds)).toString("yyyy-MM-dd HH:mm:ss")


class TaskDetails(QWidget):
    resubmit_requested = Signal(int)
    dismiss_requested = Signal(int)
    check_requested = Signal(int)
    save_again_requested = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.browser = QTextBrowser()
        self.browser.setOpenExternalLinks(True)
        self.browser.setAccessibleName(self.tr("Task details"))
        layout.addWidget(self.browser)
        buttons = QHBoxLayout()
        self.resubmit = QPushButton(self.tr("Submit again"))
        self.resubmit.setToolTip(
            self.tr(
                "Send the request again. Check your provider's "
                "dashboard first: the first one may have started."
            )
        )
        self.dismiss = QPushButton(self.tr("Dismiss"))
        self.check = QPushButton(self.tr("Check now"))
        self.save_again = QPushButton(self.tr("Save again"))
        self.save_again.setToolTip(
            self.tr("Try once more to save the outputs that were not saved.")
        )
        for button in (self.resubmit, self.dismiss, self.check, self.save_again):
            buttons.addWidget(button)
            button.hide()
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self._record: TaskRecord | None = None
        self.resubmit.clicked.connect(lambda: self._emit(self.resubmit_requested))
        self.dismiss.clicked.connect(lambda: self._emit(self.dismiss_requested))
        self.check.clicked.connect(lambda: self._emit(self.check_requested))
        self.save_again.clicked.connect(lambda: self._emit(self.save_again_requested))
        self.show_records([])

    def _emit(self, signal: SignalInstance) -> None:
        if self._record is not None:
            signal.emit(self._record.id)

    @property
    def record(self) -> TaskRecord | None:
        return self._record

    def show_records(self, records: list[TaskRecord]) -> None:
        self._record = records[0] if len(records) == 1 else None
        record = self._record
        unknown = record is not None and record.state is TaskState.SUBMISSION_UNKNOWN
        not_sent = record is not None and record.state is TaskState.FAILED and not record.task_id
        self.resubmit.setVisible(unknown or not_sent)
        self.dismiss.setVisible(unknown)
        self.check.setVisible(
            record is not None
            and record.state
            in (TaskState.TIMED_OUT, TaskState.UNREACHABLE, TaskState.STOPPED, TaskState.NO_OUTPUT)
        )
        self.save_again.setVisible(
            record is not None
            and record.state is TaskState.DONE
            and any(f.state in (FileState.FAILED, FileState.EXPIRED) for f in record.files)
        )
        if not records:
            self.browser.setHtml(
                "<p style='color: gray'>"
                + html.escape(
                    self.tr("Select a task to see its details. Finished results appear here.")
                )
                + "</p>"
            )
        elif record is None:
            self.browser.setHtml(
                "<p>" + html.escape(self.tr("%n task(s) selected.", "", len(records))) + "</p>"
            )
        else:
            self.browser.setHtml(self._html(record))

    def refresh(self, record: TaskRecord) -> None:
        if self._record is not None and self._record.id == record.id:
            self.show_records([record])

    def _html(self, r: TaskRecord) -> str:
        e = html.escape
        # Not inside the f-strings below: lupdate does not look there.
        words = {
            "Reason": self.tr("Reason"),
            "Show in folder": self.tr("Show in folder"),
            "Files": self.tr("Files"),
            "Outputs": self.tr("Outputs"),
            "Prompt": self.tr("Prompt"),
            "Details": self.tr("Details"),
        }
        colour = state_colour(r.state).name()
        parts = [
            f"<h3 style='color:{colour}'>{e(state_words(r.state))}"
            + (f" · {r.progress:.0f}%" if r.progress is not None and r.state.is_polled else "")
            + "</h3>"
        ]
        # The same reason once: a sentence already said is not repeated below it.
        said: list[str] = []
        if r.fail_reason:
            parts.append(f"<p><b>{e(words['Reason'])}:</b> {e(r.fail_reason)}</p>")
            said.append(r.fail_reason)
        if r.last_error and not any(r.last_error in text for text in said):
            parts.append(f"<p>{e(r.last_error)}</p>")
            said.append(r.last_error)
        if r.files:
            items = []
            for file in r.files:
                if file.state is FileState.SAVED and file.path:
                    url = QUrl.fromLocalFile(file.path).toString()
                    folder = QUrl.fromLocalFile(str(Path(file.path).parent)).toString()
                    items.append(
                        f"<li><a href='{e(url, quote=True)}'>{e(Path(file.path).name)}</a>"
                        f" · <a href='{e(folder, quote=True)}'>{e(words['Show in folder'])}"
                        f"</a><br><small><a href='{e(file.url, quote=True)}'>{e(file.url)}"
                        "</a></small></li>"
                    )
                else:
                    where = {
                        FileState.PENDING: self.tr("Saving…"),
                        FileState.EXPIRED: self.tr("Link expired"),
                        FileState.FAILED: self.tr("Not saved"),
                    }[file.state]
                    note = f" — {e(file.error)}" if file.error else ""
                    items.append(
                        f"<li>{e(where)}{note}<br><small><a href='"
                        f"{e(file.url, quote=True)}'>{e(file.url)}</a></small></li>"
                    )
            parts.append(f"<p><b>{e(words['Files'])}</b></p><ul>{''.join(items)}</ul>")
        elif r.outputs:
            links = "".join(
                f"<li><a href='{e(url, quote=True)}'>{e(url)}</a></li>" for url in r.outputs
            )
            parts.append(f"<p><b>{e(words['Outputs'])}</b></p><ul>{links}</ul>")
        parts.append(
            f"<p><b>{e(words['Prompt'])}</b><br>{e(r.request.prompt).replace(chr(10), '<br>')}</p>"
        )
        rows = [
            (self.tr("Kind"), scope_words(r.request.scope)),
            (self.tr("Model"), r.request.model),
            (self.tr("Provider"), r.profile),
            (self.tr("Task ID"), r.task_id or "—"),
        ]
        body = r.request.to_body()
        for key, value in body.items():
            if key in ("prompt", "model"):
                continue
            if key == "images":
                value = [
                    v if not str(v).startswith("data:") else self.tr("(image from this computer)")
                    for v in value
                ]
            rows.append(
                (key, value if isinstance(value, str) else json.dumps(value, ensure_ascii=False))
            )
        rows += [
            (self.tr("Created"), _when(r.created_at)),
            (self.tr("Started"), _when(r.start_time)),
            (self.tr("Finished"), _when(r.finish_time or r.finished_at)),
            (self.tr("Time"), elapsed_words(r.elapsed(time.time()))),
        ]
        table = "".join(
            f"<tr><td style='color:gray; padding-right:8px'>{e(str(k))}</td>"
            f"<td>{e(str(v))}</td></tr>"
            for k, v in rows
        )
        parts.append(f"<table>{table}</table>")
        technical = " | ".join(
            piece
            for piece in (r.error_details or "").split(" | ")
            if piece and not any(piece in text for text in said)
        )
        if technical:
            parts.append(
                f"<p style='color:gray'><small>{e(words['Details'])}: {e(technical)}</small></p>"
            )
        return "".join(parts)
