"""Saving every output as soon as it exists: output URLs expire after about a day.

Each output of a finished task is downloaded in the background into the library
folder of its kind, named ``<date>_<model>_<few words>_<n>.<ext>``, with a JSON sidecar
beside it (the request without any key, the task id, the provider, times, the source
URL and the file's SHA-256). Failures are retried with back-off; an expired link is
said in words; whatever is still pending is tried again after a restart.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import functools
import logging
from collections.abc import Awaitable, Callable
from dataclasses import replace
from pathlib import Path

from genstudio.api.backoff import BackoffPolicy
from genstudio.api.download import OutputDownloader
from genstudio.api.errors import DownloadError, LinkExpiredError, OutputTooLargeError
from genstudio.api.filenames import output_stem
from genstudio.api.snapshot import Scope
from genstudio.i18n import translate
from genstudio.tasks.record import FileState, SavedFile, TaskRecord, TaskState
from genstudio.tasks.sidecar import write_sidecar

log = logging.getLogger(__name__)

FALLBACK_EXT = {Scope.IMAGES: ".png", Scope.VIDEOS: ".mp4", Scope.AUDIO: ".mp3"}
RETRY = BackoffPolicy(first=2.0, factor=2.0, cap=120.0, jitter=0.1)


class OutputSaver:
    def __init__(
        self,
        library: Callable[[Scope], Path],
        on_change: Callable[[TaskRecord], None],
        *,
        on_progress: Callable[[TaskRecord], None] | None = None,
        max_bytes: Callable[[], int] | None = None,
        downloader: OutputDownloader | None = None,
        max_attempts: int = 6,
        retry: BackoffPolicy = RETRY,
        max_parallel: int = 2,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    ) -> None:
        self._library = library
        self._on_change = on_change
        self._on_progress = on_progress
        self._max_bytes = max_bytes
        self._downloader = downloader or OutputDownloader()
        self._max_attempts = max_attempts
        self._retry = retry
        self._gate = asyncio.Semaphore(max_parallel)
        self._sleep = sleep
        self._jobs: dict[int, asyncio.Task[None]] = {}

    def resume(self, records: list[TaskRecord], fresh_since: float) -> list[TaskRecord]:
        """After a restart: save what was being saved, and what finished since
        ``fresh_since`` without files (rechecking those copies). Returns the records
        changed, to be stored."""
        resumed = []
        for record in records:
            if record.state is not TaskState.DONE:
                continue
            # Links live about a day: older outputs are not fetched (again).
            fresh = (record.finished_at or record.created_at) >= fresh_since
            if fresh:
                self.recheck(record)
            if record.saving or (fresh and not record.files):
                self.enqueue(record, announce=False)
                resumed.append(record)
        return resumed

    def enqueue(self, record: TaskRecord, announce: bool = True) -> None:
        """Start saving the record's outputs that are not saved yet.

        ``announce=False``: the caller stores and shows the record itself (at start,
        for many records at once).
        """
        known = {f.url: f for f in record.files}
        files = tuple(known.get(url) or SavedFile(url) for url in record.outputs)
        if files != record.files:
            record.files = files
            if announce:
                self._on_change(record)
        if record.saving and record.id not in self._jobs:
            job = asyncio.ensure_future(self._save_all(record))
            self._jobs[record.id] = job
            job.add_done_callback(functools.partial(self._forget, record.id))

    def recheck(self, record: TaskRecord) -> None:
        """After a restart: a saved copy whose size is wrong (cut short by a crash or a
        power loss before the disk caught up) is removed and saved again.

        A missing file is left alone: the user may have deleted it on purpose.
        """
        changed = False
        files = list(record.files)
        for index, file in enumerate(files):
            if file.state is not FileState.SAVED or file.path is None or file.size is None:
                continue
            path = Path(file.path)
            try:
                size = path.stat().st_size
            except OSError:
                continue
            if size == file.size:
                continue
            log.warning("%s has %d bytes, not %d: saving it again", path, size, file.size)
            for stale in (path, path.with_name(path.name + ".json")):
                stale.unlink(missing_ok=True)
            files[index] = SavedFile(file.url)
            changed = True
        if changed:
            record.files = tuple(files)
            self._on_change(record)

    def save_again(self, record: TaskRecord) -> bool:
        """Try the outputs that were given up on (too large, link expired, folder
        not writable) once more, e.g. after the user changed a setting."""
        files = tuple(
            SavedFile(f.url) if f.state in (FileState.FAILED, FileState.EXPIRED) else f
            for f in record.files
        )
        if files == record.files:
            return False
        record.files = files
        self._on_change(record)
        self.enqueue(record)
        return True

    def _forget(self, local_id: int, _job: asyncio.Task[None]) -> None:
        self._jobs.pop(local_id, None)

    def cancel(self, local_id: int) -> None:
        job = self._jobs.pop(local_id, None)
        if job is not None:
            job.cancel()

    @property
    def busy(self) -> int:
        return len(self._jobs)

    async def aclose(self) -> None:
        jobs = list(self._jobs.values())
        for job in jobs:
            job.cancel()
        await asyncio.gather(*jobs, return_exceptions=True)
        await self._downloader.aclose()

    async def _save_all(self, record: TaskRecord) -> None:
        for index in range(len(record.files)):
            if record.files[index].state is FileState.PENDING:
                await self._save_one(record, index)

    def _set(self, record: TaskRecord, index: int, file: SavedFile) -> None:
        files = list(record.files)
        files[index] = file
        record.files = tuple(files)
        if not record.saving:
            record.save_fraction = None
        self._on_change(record)

    def _progress(self, record: TaskRecord, index: int, done: int, total: int | None) -> None:
        """The share of all the task's outputs saved so far, for the row's bar."""
        if total is None or total <= 0 or record.files[index].state is not FileState.PENDING:
            return
        finished = sum(1 for f in record.files if f.state is not FileState.PENDING)
        record.save_fraction = min(1.0, (finished + done / total) / len(record.files))
        if self._on_progress is not None:
            self._on_progress(record)

    async def _save_one(self, record: TaskRecord, index: int) -> None:
        file = record.files[index]
        scope = record.request.scope
        folder = self._library(scope)
        date = dt.datetime.fromtimestamp(record.created_at).strftime("%Y-%m-%d")
        stem = output_stem(
            date=date,
            model=record.request.model,
            prompt=record.request.prompt,
            fallback=record.task_id or "output",
            index=index + 1,
        )
        while True:
            try:
                async with self._gate:
                    saved = await self._downloader.download(
                        file.url,
                        folder,
                        stem,
                        FALLBACK_EXT[scope],
                        progress=functools.partial(self._progress, record, index),
                        max_bytes=self._max_bytes() if self._max_bytes else None,
                    )
                write_sidecar(record, saved)
            except LinkExpiredError as exc:
                self._set(
                    record, index, replace(file, state=FileState.EXPIRED, error=exc.user_message)
                )
                return
            except OutputTooLargeError as exc:
                self._set(
                    record, index, replace(file, state=FileState.FAILED, error=exc.user_message)
                )
                return
            except OSError as exc:
                self._set(
                    record,
                    index,
                    replace(
                        file,
                        state=FileState.FAILED,
                        error=(
                            translate(
                                "Messages",
                                "Cannot save into {folder}: {problem}. Choose another "
                                "library folder in Settings.",
                            ).format(folder=folder, problem=exc.strerror or exc)
                        ),
                    ),
                )
                return
            except DownloadError as exc:
                attempts = file.attempts + 1
                if attempts >= self._max_attempts:
                    file = replace(
                        file, state=FileState.FAILED, attempts=attempts, error=exc.user_message
                    )
                    self._set(record, index, file)
                    return
                wait = self._retry.delay(attempts - 1)
                file = replace(
                    file,
                    attempts=attempts,
                    error=(
                        translate(
                            "Messages",
                            "Not saved yet ({user_message}); trying again in {wait:.0f} s.",
                        ).format(user_message=exc.user_message, wait=wait)
                    ),
                )
                self._set(record, index, file)
                log.info(
                    "saving %s failed (%s); retry %d in %.0f s",
                    file.url,
                    exc.log_text(),
                    attempts,
                    wait,
                )
                await self._sleep(wait)
                continue
            self._set(
                record,
                index,
                replace(
                    file,
                    state=FileState.SAVED,
                    path=str(saved.path),
                    sha256=saved.sha256,
                    size=saved.size,
                    error=None,
                ),
            )
            return
