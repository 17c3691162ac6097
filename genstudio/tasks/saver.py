"""Saving every output as soon as it exists: output URLs expire after about a day.

Each output of a finished task is downloaded in the background into the library
folder of its kind, named ``<date>_<model>_<few words>_<n>.<ext>``, with a JSON sidecar
beside it (the request without any key, the task id, the provider, times, the source
URL and the file's SHA-256). Failures are retried with back-off; an expired link is
said in words; a link that can never be saved (not a web link, a forbidden address, too
large) is said once and not retried; a folder that is full, read-only or missing pauses
saving until it has room again (``save_pause``); whatever is still pending is tried
again after a restart, after GenStudio's own leftovers in the library are removed.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import functools
import logging
from collections.abc import Awaitable, Callable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from genstudio.api import leftovers
from genstudio.api.backoff import BackoffPolicy
from genstudio.api.errors import (
    DownloadError,
    FolderWriteError,
    LinkExpiredError,
    OutputTooLargeError,
    UnusableLinkError,
)
from genstudio.api.filenames import output_stem
from genstudio.api.folder_errors import write_cause
from genstudio.api.kinds import Scope
from genstudio.i18n import translate
from genstudio.tasks.actions import save_again_helps
from genstudio.tasks.earlier_copy import keep_earlier_copy
from genstudio.tasks.record import SavedFile, TaskRecord
from genstudio.tasks.save_pause import ROOM_CHECK_EVERY, Cause, Disk, SavePause
from genstudio.tasks.sidecar import write_sidecar
from genstudio.tasks.states import FileState, TaskState

if TYPE_CHECKING:
    from genstudio.api.download import DownloadedFile, OutputDownloader

log = logging.getLogger(__name__)

RETRY = BackoffPolicy(first=2.0, factor=2.0, cap=120.0, jitter=0.1)
_SIDECAR_ROOM = 64 * 1024  # bytes a sidecar needs, about


class _Paused:
    """A folder saving waits for: what the waiting files need, and who waits."""

    def __init__(self, pause: SavePause) -> None:
        self.pause = pause
        self.needs: dict[str, int] = {}  # url → bytes
        self.resumed = asyncio.Event()
        self.poke = asyncio.Event()
        self.watcher: asyncio.Task[None] | None = None

    def needed(self) -> int | None:
        return sum(self.needs.values()) or None


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
        provider_url: Callable[[TaskRecord], str | None] = lambda _record: None,
        disk: Disk | None = None,
    ) -> None:
        self._library = library
        self._on_change = on_change
        self._on_progress = on_progress
        self._max_bytes = max_bytes
        # Made for the first download: http.client, ssl and certifi load then.
        self._made_downloader = downloader
        self._max_attempts = max_attempts
        self._retry = retry
        self._gate = asyncio.Semaphore(max_parallel)
        self._sleep = sleep
        self._provider_url = provider_url
        self.disk = disk or Disk()  # the file system as the saver sees it; tests swap it
        self._jobs: dict[int, asyncio.Task[None]] = {}
        self._swept: asyncio.Future[None] | None = None  # the leftovers' sweep at start
        self._paused: dict[Path, _Paused] = {}
        self._pause_listeners: list[Callable[[tuple[SavePause, ...]], None]] = []

    # -- paused for room -------------------------------------------------------------------

    def on_pauses(self, listener: Callable[[tuple[SavePause, ...]], None]) -> None:
        """Called with every folder saving waits for, each time that changes (empty:
        saving runs again)."""
        self._pause_listeners.append(listener)

    @property
    def pauses(self) -> tuple[SavePause, ...]:
        return tuple(held.pause for held in self._paused.values())

    def check_room_now(self) -> None:
        """Look at every paused folder now instead of at the next periodic look."""
        for held in self._paused.values():
            held.poke.set()

    def _tell_pauses(self) -> None:
        pauses = self.pauses
        for listener in self._pause_listeners:
            listener(pauses)

    def _pause(
        self, folder: Path, cause: Cause, url: str, needed: int | None, problem: str = ""
    ) -> _Paused:
        held = self._paused.get(folder)
        if held is None:
            held = _Paused(SavePause(folder, cause, None, problem))
            self._paused[folder] = held
            held.watcher = asyncio.ensure_future(self._watch(folder, held))
            log.warning("saving paused: %s (%s) %s", folder, cause.value, problem)
        if needed:
            held.needs[url] = needed
        held.pause = SavePause(folder, cause, held.needed(), problem)
        self._tell_pauses()
        return held

    async def _watch(self, folder: Path, held: _Paused) -> None:
        """Look at the folder every ``ROOM_CHECK_EVERY`` seconds (or when poked) until
        it has room, or until no library folder is this one any more."""
        while True:
            sleeper = asyncio.ensure_future(self._sleep(ROOM_CHECK_EVERY))
            poked = asyncio.ensure_future(held.poke.wait())
            try:
                await asyncio.wait({sleeper, poked}, return_when=asyncio.FIRST_COMPLETED)
            finally:
                sleeper.cancel()
                poked.cancel()
            held.poke.clear()
            if folder not in {self._library(scope) for scope in Scope}:
                break  # the user chose another folder: the waiting files go there
            cause = self.disk.room(folder, held.needed() or 0)
            if cause is None:
                break
            if cause is not held.pause.cause:
                held.pause = SavePause(folder, cause, held.needed(), held.pause.problem)
                self._tell_pauses()
        log.info("saving resumes in %s", folder)
        del self._paused[folder]
        held.resumed.set()
        self._tell_pauses()

    def resume(self, records: list[TaskRecord], fresh_since: float) -> list[TaskRecord]:
        """After a restart: save what was being saved, and what finished since
        ``fresh_since`` without files (rechecking those copies). Returns the records
        changed, to be stored."""
        self._sweep({self._library(scope) for scope in Scope})
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

    def _sweep(self, folders: set[Path]) -> None:
        """What a killed run left half-written, removed before any download of this run
        starts. On a worker thread: reading a library folder of 100,000 files took
        120 ms, before the window's first paint (measured)."""

        def sweep_all() -> None:
            for folder in folders:
                try:
                    leftovers.sweep(folder)
                except Exception:  # saving, which waits for it, must go on
                    log.exception("sweeping %s failed", folder)

        try:
            asyncio.get_running_loop()
        except RuntimeError:  # a script, a test: now
            sweep_all()
            return
        self._swept = asyncio.ensure_future(asyncio.to_thread(sweep_all))

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
        """Try the outputs that were given up on (too large, link expired, too many
        failed tries) once more, e.g. after the user changed a setting."""
        files = tuple(SavedFile(f.url) if save_again_helps(f) else f for f in record.files)
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

    def _downloader(self) -> OutputDownloader:
        if self._made_downloader is None:
            from genstudio.api.download import OutputDownloader

            self._made_downloader = OutputDownloader()
        return self._made_downloader

    async def aclose(self) -> None:
        jobs: list[asyncio.Future[None]] = list(self._jobs.values())
        jobs += [held.watcher for held in self._paused.values() if held.watcher is not None]
        if self._swept is not None:
            jobs.append(self._swept)
        for job in jobs:
            job.cancel()
        await asyncio.gather(*jobs, return_exceptions=True)
        if self._made_downloader is not None:
            await self._made_downloader.aclose()

    async def _save_all(self, record: TaskRecord) -> None:
        if self._swept is not None:
            # Never a download beside files still being swept (shielded: one save
            # cancelled must not cancel the sweep the others wait for).
            await asyncio.shield(self._swept)
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
        date = dt.datetime.fromtimestamp(record.created_at).strftime("%Y-%m-%d")
        stem = output_stem(
            date=date,
            model=record.request.model,
            prompt=record.request.prompt,
            fallback=record.task_id or "output",
            index=index + 1,
        )
        while True:
            # Asked again each time: the user may have chosen another folder meanwhile.
            folder = self._library(scope)
            held = self._paused.get(folder)
            if held is None and (cause := self.disk.room(folder, 0)) is not None:
                held = self._pause(folder, cause, file.url, None)
            if held is not None:
                file = replace(file, error=held.pause.file_note())
                self._set(record, index, file)
                await held.resumed.wait()
                continue
            try:
                async with self._gate:
                    saved = await self._downloader().download(
                        file.url,
                        folder,
                        stem,
                        scope,
                        progress=functools.partial(self._progress, record, index),
                        max_bytes=self._max_bytes() if self._max_bytes else None,
                        provider_url=self._provider_url(record),
                    )
                    saved = await asyncio.to_thread(keep_earlier_copy, saved, stem, record.task_id)
                self._write_sidecar(record, saved)
            except FolderWriteError as exc:
                self._pause(folder, Cause(exc.cause), file.url, exc.needed, exc.problem)
                continue  # the file waits with the others at the top of the loop
            except _SidecarError as exc:
                self._pause(folder, exc.cause, file.url, _SIDECAR_ROOM, exc.problem)
                continue
            except LinkExpiredError as exc:
                self._set(
                    record, index, replace(file, state=FileState.EXPIRED, error=exc.user_message)
                )
                return
            except UnusableLinkError as exc:
                # Said once; trying again (or "Save again") cannot change the link.
                log.warning("not saving %s: %s", file.url[:200], exc.log_text())
                self._set(
                    record, index, replace(file, state=FileState.REFUSED, error=exc.user_message)
                )
                return
            except OutputTooLargeError as exc:
                self._set(
                    record, index, replace(file, state=FileState.FAILED, error=exc.user_message)
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

    @staticmethod
    def _write_sidecar(record: TaskRecord, saved: DownloadedFile) -> None:
        """The sidecar, or neither: an output without its sidecar is removed, to be
        saved again with it once the folder has room."""
        try:
            write_sidecar(record, saved)
        except OSError as exc:
            saved.path.unlink(missing_ok=True)
            folder = saved.path.parent
            raise _SidecarError(Cause(write_cause(folder, exc)), exc.strerror or str(exc)) from exc


class _SidecarError(Exception):
    def __init__(self, cause: Cause, problem: str) -> None:
        super().__init__(problem)
        self.cause = cause
        self.problem = problem
