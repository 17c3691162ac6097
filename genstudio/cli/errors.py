"""Exit codes, and the error that carries one to ``main``."""

from __future__ import annotations

import enum


class ExitCode(enum.IntEnum):
    OK = 0
    TASK_FAILED = 1  # the task failed, was refused, or does not exist
    USAGE = 2
    AUTH = 3
    TROUBLE = 4  # network or server trouble that outlasted the retries
    TIMEOUT = 5
    INTERRUPTED = 130


class CliError(Exception):
    """One sentence for stderr and the exit code to leave with."""

    def __init__(self, message: str, code: ExitCode, details: str = "") -> None:
        super().__init__(message)
        self.code = code
        self.details = details
