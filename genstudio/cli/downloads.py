"""``--download DIR``: saving a finished task's outputs from the terminal.

A download is written to a temporary file beside its final name. Ctrl-C, SIGTERM and
SIGHUP all stop it the same way: the download is cancelled, its thread removes the
temporary file, and the command exits with a sentence (a plain kill would leave a
file of up to the whole output's size behind). Only passing problems are tried again;
a link that is not a web link, a forbidden address, an output over the size cap, an
expired link or a folder that cannot be written are said once.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import signal
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from genstudio.api.download import DownloadedFile, OutputDownloader
from genstudio.api.errors import (
    DownloadError,
    FolderWriteError,
    LinkExpiredError,
    OutputTooLargeError,
    PermanentDownloadError,
)
from genstudio.api.filenames import output_stem
from genstudio.cli.errors import CliError, ExitCode

if TYPE_CHECKING:
    from genstudio.api.kinds import Scope
    from genstudio.api.request import GenerationRequest
    from genstudio.api.snapshot import TaskSnapshot
    from genstudio.cli.terminal import ProgressLine

ATTEMPTS = 3
STOP_SIGNALS = tuple(
    getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name)
)


@contextlib.contextmanager
def stopped_by_signals() -> Iterator[list[signal.Signals]]:
    """While inside, SIGTERM and SIGHUP cancel the current task as Ctrl-C does; the
    list names the signal that did."""
    loop = asyncio.get_running_loop()
    task = asyncio.current_task()
    caught: list[signal.Signals] = []
    installed = []

    def stop(sig: signal.Signals) -> None:
        if not caught and task is not None:
            caught.append(sig)
            task.cancel()

    for sig in STOP_SIGNALS:
        try:
            loop.add_signal_handler(sig, stop, sig)
        except (NotImplementedError, RuntimeError, ValueError):  # Windows, other threads
            continue
        installed.append(sig)
    try:
        yield caught
    finally:
        for sig in installed:
            loop.remove_signal_handler(sig)


async def download_all(
    snapshot: TaskSnapshot,
    scope: Scope,
    folder: Path,
    request: GenerationRequest | None,
    progress: ProgressLine,
    provider_url: str,
) -> list[DownloadedFile]:
    with stopped_by_signals() as caught:
        try:
            return await _download_each(snapshot, scope, folder, request, progress, provider_url)
        except asyncio.CancelledError:
            if not caught:
                raise  # Ctrl-C: asyncio.run turns it into KeyboardInterrupt
            task = asyncio.current_task()
            if task is not None:
                task.uncancel()
            raise CliError(
                f"stopped by {caught[0].name} while saving; the unfinished file was removed. "
                f"Save the outputs later with 'genstudio-cli wait {scope.value} "
                f"{snapshot.task_id} --download {folder}' (links last about a day).",
                ExitCode.INTERRUPTED,
            ) from None


async def _download_each(
    snapshot: TaskSnapshot,
    scope: Scope,
    folder: Path,
    request: GenerationRequest | None,
    progress: ProgressLine,
    provider_url: str,
) -> list[DownloadedFile]:
    date = dt.datetime.now().strftime("%Y-%m-%d")
    files: list[DownloadedFile] = []
    async with OutputDownloader() as downloader:
        for index, url in enumerate(snapshot.outputs, start=1):
            stem = output_stem(
                date=date,
                model=request.model if request else None,
                prompt=request.prompt if request else None,
                fallback=snapshot.task_id,
                index=index,
            )
            for attempt in range(1, ATTEMPTS + 1):
                try:
                    saved = await downloader.download(
                        url, folder, stem, scope, provider_url=provider_url
                    )
                except FolderWriteError as exc:
                    raise CliError(folder_advice(exc), ExitCode.TROUBLE, exc.log_text()) from None
                except OutputTooLargeError as exc:
                    raise CliError(
                        f"The output is larger than the {downloader.max_bytes / 1e6:.0f} MB "
                        f"GenStudio saves for one file and was not saved; fetch it yourself "
                        f"from {url} (links last about a day).",
                        ExitCode.TROUBLE,
                        exc.log_text(),
                    ) from None
                except (PermanentDownloadError, LinkExpiredError) as exc:
                    raise CliError(exc.user_message, ExitCode.TROUBLE, exc.log_text()) from None
                except DownloadError as exc:
                    if attempt == ATTEMPTS:
                        raise CliError(exc.user_message, ExitCode.TROUBLE, exc.log_text()) from None
                    progress.note(f"{exc.user_message} (attempt {attempt + 1} of {ATTEMPTS})")
                    await asyncio.sleep(2.0 * attempt)
                    continue
                files.append(saved)
                break
    return files


def folder_advice(exc: FolderWriteError) -> str:
    """What kept the file out of the --download folder, and what to do."""
    folder = exc.folder
    if exc.cause == "full":
        need = f" (this output needs about {exc.needed / 1e6:.0f} MB)" if exc.needed else ""
        return f"{folder} is full{need}: free some space there or pass another --download DIR."
    if exc.cause == "read_only":
        return f"{folder} cannot be written to: make it writable or pass another --download DIR."
    if exc.cause == "missing":
        return (
            f"{folder} does not exist and cannot be made (is its drive connected?): "
            "pass another --download DIR."
        )
    return f"Cannot write into {folder}: {exc.problem}. Pass another --download DIR."
