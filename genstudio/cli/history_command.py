"""``genstudio-cli history``: the same history the window shows, newest first."""

from __future__ import annotations

import argparse

from genstudio.cli.errors import CliError, ExitCode
from genstudio.printable import printable, printable_json
from genstudio.settings import paths
from genstudio.tasks.history_problem import cli_advice
from genstudio.tasks.state_words import state_word
from genstudio.tasks.store import HistoryError, HistoryStore

BUSY_TIMEOUT = 5.0  # seconds a read waits for another process's write


def run_history(args: argparse.Namespace) -> int:
    path = paths.history_path()
    if not path.exists():
        if args.json:
            print("[]")
        else:
            print(f"No history yet ({path} does not exist).")
        return ExitCode.OK
    try:
        store = HistoryStore(path, busy_timeout=BUSY_TIMEOUT)
        try:
            records = store.load(limit=args.limit)
        finally:
            store.close()
    except HistoryError as exc:
        raise CliError(cli_advice(exc), ExitCode.TROUBLE) from None
    if args.json:
        rows = [
            {
                "task_id": r.task_id,
                "scope": r.request.scope.value,
                "model": r.request.model,
                "status": r.state.value,
                "provider_status": r.provider_status,
                "progress": r.progress,
                "prompt": r.request.prompt,
                "profile": r.profile,
                "created_at": r.created_at,
                "fail_reason": r.fail_reason,
                "outputs": list(r.outputs),
            }
            for r in records
        ]
        print(printable_json(rows))
        return ExitCode.OK
    if not records:
        print("No tasks in the history yet.")
    for r in records:
        outputs = " ".join(r.outputs) if r.outputs else (r.fail_reason or "")
        line = (
            f"{r.task_id or '-'}\t{r.request.scope.value}\t{r.request.model}\t"
            f"{state_word(r.state)}\t{outputs}"
        )
        print(printable(line))
    return ExitCode.OK
