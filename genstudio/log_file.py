"""The app's log file, kept to a few megabytes: ``genstudio.log`` and three older ones.

``logging.handlers.RotatingFileHandler`` does the same, but its module brings pickle,
socket and queue for its other handlers: 8 ms of an empty start before the first paint
(``-X importtime``), for a file that is written a few lines at a time.
"""

from __future__ import annotations

import logging
from pathlib import Path

LOG_BYTES = 1_000_000
BACKUPS = 3


class RotatingLog(logging.FileHandler):
    """Appends to ``path``; a line that would take it past ``max_bytes`` first moves it to
    ``path.1`` (``.1`` to ``.2``, and so on; the oldest beyond ``backups`` goes). A line
    longer than that on its own starts a file of its own. The file is opened with the
    first line (a second launch that only hands over holds nothing open)."""

    def __init__(self, path: Path, max_bytes: int = LOG_BYTES, backups: int = BACKUPS) -> None:
        super().__init__(path, encoding="utf-8", delay=True)
        self.path = path
        self.max_bytes = max_bytes
        self.backups = backups

    def emit(self, record: logging.LogRecord) -> None:
        try:
            if self._full(record):
                self._rotate()
        except RecursionError:  # as logging's handlers do
            raise
        except Exception:  # a log that can't rotate must not stop the app: said (each time
            self.handleError(record)  # it fails), and the line still goes to the file it has
        super().emit(record)

    def _full(self, record: logging.LogRecord) -> bool:
        if self.stream is None:  # closed, or not opened yet: FileHandler opens it on emit
            self.stream = self._open()
        written = self.stream.seek(0, 2)  # the end, whoever else wrote to it
        line = self.format(record) + self.terminator
        return written > 0 and written + len(line.encode("utf-8")) > self.max_bytes

    def _rotate(self) -> None:
        if self.stream is not None:
            self.stream.close()
        self.stream = None  # FileHandler opens it again on the next emit
        for number in range(self.backups - 1, 0, -1):
            older = self.path.with_name(f"{self.path.name}.{number}")
            if older.exists():
                older.replace(self.path.with_name(f"{self.path.name}.{number + 1}"))
        if self.backups > 0:
            self.path.replace(self.path.with_name(f"{self.path.name}.1"))
        else:
            self.path.unlink(missing_ok=True)
