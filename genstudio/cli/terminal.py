"""What the command line shows while it waits: one updating line on a terminal,
one line per change elsewhere (logs, pipes)."""

from __future__ import annotations

import sys
import time
from typing import TYPE_CHECKING, TextIO

from genstudio.api.kinds import TaskStatus
from genstudio.printable import printable
from genstudio.tasks.state_words import state_word, status_word
from genstudio.tasks.states import TaskState

if TYPE_CHECKING:
    from genstudio.api.errors import ApiError
    from genstudio.api.snapshot import TaskSnapshot


def describe(snapshot: TaskSnapshot) -> str:
    if snapshot.succeeded_without_output:
        words = state_word(TaskState.CHECKING)
    else:
        words = status_word(snapshot.status)
    if snapshot.progress is not None and snapshot.status not in (
        TaskStatus.SUCCESS,
        TaskStatus.FAILURE,
    ):
        words += f" {snapshot.progress:.0f}%"
    return words


class ProgressLine:
    """Status and progress of one task on stderr."""

    def __init__(self, label: str, stream: TextIO | None = None, quiet: bool = False) -> None:
        self.label = label
        self.stream = stream or sys.stderr
        self.quiet = quiet
        self.tty = self.stream.isatty()
        self.started = time.monotonic()
        self._last = ""
        self._width = 0

    def update(self, snapshot: TaskSnapshot) -> None:
        self._show(describe(snapshot))

    def trouble(self, error: ApiError, wait: float) -> None:
        self._show(f"{error.user_message} Retrying in {wait:.0f} s.", force_line=True)

    def note(self, text: str) -> None:
        self._show(text, force_line=True)

    def _show(self, text: str, force_line: bool = False) -> None:
        if self.quiet:
            return
        elapsed = time.monotonic() - self.started
        line = printable(f"{self.label}: {text} ({elapsed:.0f} s)")
        if self.tty and not force_line:
            pad = max(0, self._width - len(line))
            self.stream.write("\r" + line + " " * pad)
            self._width = len(line)
        elif text != self._last or force_line:
            if self.tty and self._width:
                self.stream.write("\n")
                self._width = 0
            self.stream.write(line + "\n")
        self._last = text
        self.stream.flush()

    def finish(self) -> None:
        if self.tty and self._width and not self.quiet:
            self.stream.write("\n")
            self.stream.flush()
        self._width = 0
