"""``genstudio-cli import SCOPE TASK_ID``: find a paid task again by its id.

The provider is asked once (so a mistyped id is said now), then the task goes into the
history the window shows, under ``--profile``: a window with a provider of that name
follows it and saves its result, as it does for Tasks → Import task ID….
"""

from __future__ import annotations

import argparse
import time

from genstudio.api.errors import ApiError, TaskNotFoundError
from genstudio.api.request import GenerationRequest, InvalidRequestError
from genstudio.api.task_ids import check_task_id
from genstudio.cli.errors import CliError, ExitCode
from genstudio.cli.task_commands import cli_error_from, make_client
from genstudio.settings import paths
from genstudio.settings.preferences import load_preferences
from genstudio.tasks.history_problem import cli_advice
from genstudio.tasks.state_words import status_word
from genstudio.tasks.states import TaskState
from genstudio.tasks.store import HistoryError, HistoryStore


async def run_import(args: argparse.Namespace) -> int:
    try:
        task_id = check_task_id(args.task_id)
    except InvalidRequestError as exc:
        raise CliError(str(exc), ExitCode.USAGE) from None
    async with make_client(args) as client:
        try:
            snapshot = await client.fetch(args.scope, task_id)
        except TaskNotFoundError:
            raise CliError(
                f"The provider does not know {args.scope.value} task {task_id!r}: check the "
                "ID and the kind (images, videos or audio), and that --base-url is the "
                "provider it was made at.",
                ExitCode.TASK_FAILED,
            ) from None
        except ApiError as exc:
            raise cli_error_from(exc) from None
    try:
        store = HistoryStore(paths.history_path())
        try:
            known = store.find_task(args.profile, task_id)
            if known is None:
                request = GenerationRequest(args.scope, "", args.model or "")
                record = store.insert(args.profile, request, time.time(), TaskState.CHECKING)
                record.task_id = task_id
                store.update(record)
        finally:
            store.close()
    except HistoryError as exc:
        raise CliError(cli_advice(exc), ExitCode.TROUBLE) from None
    state = status_word(snapshot.status)
    if known is not None:
        print(f"{task_id} is already in the history ({state}).")
    else:
        print(f"Imported {task_id} ({state}) into the history as profile {args.profile!r}.")
    names = {p.name for p in load_preferences(paths.settings_path()).profiles}
    if args.profile not in names:
        print(
            f"The window has no provider named {args.profile!r}: add one with that name "
            "(Add provider) to follow the task there, or pass --profile with the name it has."
        )
    return ExitCode.OK
