"""Downloading outputs: streamed to a temporary file, renamed when complete.

Output URLs live on CDNs and object stores, not at the provider, so this client has
no ``Authorization`` header at all: the key cannot leak to an output host. The
transfer runs on a worker thread (``fetch``): reused 1 MB buffers, hashed and written as
it arrives, so a large video saves at disk speed without blocking the event loop.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import http.client
import logging
import os
import queue
import ssl
import threading
import time
import zlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from genstudio.api import leftovers
from genstudio.api.client_identity import USER_AGENT
from genstudio.api.errors import (
    DownloadError,
    FolderWriteError,
    LinkExpiredError,
    OutputTooLargeError,
)
from genstudio.api.fetch import (
    Fetch,
    FetchCancelledError,
    FetchTimeouts,
    connection_failed,
    default_ssl_context,
)
from genstudio.api.filenames import extension_for, safe_filename_part
from genstudio.api.folder_errors import folder_write_error
from genstudio.api.link_check import LinkPolicy, Resolver, system_resolver
from genstudio.i18n import translate

if TYPE_CHECKING:
    from genstudio.api.kinds import Scope

log = logging.getLogger(__name__)

DEFAULT_MAX_BYTES = 2 * 1024**3
DEFAULT_TIMEOUTS = FetchTimeouts()
_BUFFER = 1024 * 1024
_PROGRESS_EVERY = 0.1  # seconds between progress reports
_STOP_WAIT = 2.0  # seconds to wait for a cancelled download's thread to tidy up

Progress = Callable[[int, int | None], None]
"""Called on the event loop with (bytes so far, total bytes or None)."""


@dataclass(frozen=True)
class DownloadedFile:
    url: str
    path: Path
    size: int
    sha256: str
    content_type: str | None


class OutputDownloader:
    """Fetch output files with a key-less HTTP client on worker threads."""

    def __init__(
        self,
        *,
        timeouts: FetchTimeouts = DEFAULT_TIMEOUTS,
        max_bytes: int = DEFAULT_MAX_BYTES,
        ssl_context: ssl.SSLContext | None = None,
        proxies: Mapping[str, str] | None = None,
        resolve: Resolver = system_resolver,
    ) -> None:
        self.max_bytes = max_bytes
        self._resolve = resolve
        self._timeouts = timeouts
        self._ssl = ssl_context
        self._proxies = proxies
        self._active: dict[Fetch, asyncio.Future[DownloadedFile]] = {}
        self._headers = {
            "User-Agent": USER_AGENT,
            "Accept": "*/*",
            "Accept-Encoding": "identity",  # saved bytes are the file; no inflating
        }

    async def __aenter__(self) -> OutputDownloader:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        """Stop every download in progress; their temporary files are removed."""
        for fetch in list(self._active):
            fetch.cancel()
        if self._active:
            await asyncio.wait(list(self._active.values()), timeout=_STOP_WAIT)

    async def download(
        self,
        url: str,
        folder: Path,
        stem: str,
        kind: Scope,
        progress: Progress | None = None,
        max_bytes: int | None = None,
        provider_url: str | None = None,
    ) -> DownloadedFile:
        """Save ``url`` in ``folder`` as ``<stem><ext>``, never overwriting a file; the
        extension is one ``kind`` allows (``filenames.ALLOWED_EXTENSIONS``).

        On any failure, and on cancellation, no partial file is left behind.
        ``max_bytes`` overrides the downloader's size cap for this file.
        ``provider_url`` is the base URL of the provider that gave the link: private
        addresses are fetched only when it is private itself (``link_check``).
        Permanent problems raise a ``PermanentDownloadError``; a folder that cannot be
        written, a ``FolderWriteError``.
        """
        if self._ssl is None:
            self._ssl = default_ssl_context()  # loading the CA bundle takes ~20 ms
        loop = asyncio.get_running_loop()
        policy = LinkPolicy(provider_url, self._resolve)
        fetch = Fetch(url, self._headers, self._timeouts, self._ssl, self._proxies, policy)
        report: Progress | None = None
        if progress is not None:
            callback = progress

            def report(done: int, total: int | None) -> None:
                loop.call_soon_threadsafe(callback, done, total)

        cap = self.max_bytes if max_bytes is None else max_bytes
        job = _Job(fetch, folder, stem, kind, cap, report)
        future = _in_thread(loop, job.run)
        self._active[fetch] = future
        try:
            return await asyncio.shield(future)
        except FetchCancelledError:  # aclose() stopped it under us
            raise DownloadError(
                translate(
                    "Messages",
                    "The download was stopped; it will be tried again.",
                ),
                url,
            ) from None
        except asyncio.CancelledError:
            # Shutting the socket down ends a read at once and the thread removes its
            # temporary file; a thread stuck connecting has none and is left to end.
            fetch.cancel()
            await asyncio.wait([future], timeout=_STOP_WAIT)
            if future.done() and not future.cancelled() and future.exception() is None:
                # Finished just as we were cancelled: nobody will record this file,
                # so it must not stay behind as an orphan.
                with contextlib.suppress(OSError):
                    future.result().path.unlink()
            raise
        finally:
            self._active.pop(fetch, None)


def _in_thread(
    loop: asyncio.AbstractEventLoop, work: Callable[[], DownloadedFile]
) -> asyncio.Future[DownloadedFile]:
    """Run ``work`` on a daemon thread of its own: unlike an executor's threads, one
    stuck connecting to a dead host does not hold up quitting the app."""
    future: asyncio.Future[DownloadedFile] = loop.create_future()

    def settle(result: DownloadedFile | None, error: BaseException | None) -> None:
        if future.done():
            return
        if error is not None:
            future.set_exception(error)
        else:
            assert result is not None
            future.set_result(result)

    def run() -> None:
        try:
            result, error = work(), None
        except BaseException as exc:  # handed to the awaiting coroutine
            result, error = None, exc
        with contextlib.suppress(RuntimeError):  # the loop is closed: nobody is waiting
            loop.call_soon_threadsafe(settle, result, error)

    # A thread that ends after its coroutine stopped waiting: its error is expected.
    future.add_done_callback(lambda f: f.cancelled() or f.exception())
    threading.Thread(target=run, name="genstudio-download", daemon=True).start()
    return future


class _Job:
    """The blocking part: request, stream into a temporary file, claim a name."""

    def __init__(
        self,
        fetch: Fetch,
        folder: Path,
        stem: str,
        kind: Scope,
        max_bytes: int,
        progress: Progress | None,
    ) -> None:
        self.fetch = fetch
        self.folder = folder
        self.stem = stem
        self.kind = kind
        self.max_bytes = max_bytes
        self.progress = progress
        self.expected: int | None = None  # the declared size, once the answer is in
        self.written = 0

    def run(self) -> DownloadedFile:
        try:
            try:
                self.folder.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise self._cannot_write(exc) from exc
            # The answer first, the temporary file after: a thread still connecting
            # when the app quits has nothing on disk to leave behind.
            response = self.fetch.open()
            _check_status(response.status, self.fetch.url)
            # Not mkstemp: its 0600 mode would stick to the saved file; O_EXCL + umask.
            tmp = self.folder / leftovers.temporary_name()
            with leftovers.writing(tmp):
                final, size, sha256, content_type = self._write(response, tmp)
        finally:
            self.fetch.close()
        log.info("saved %s (%d bytes)", final.name, size)
        return DownloadedFile(self.fetch.url, final, size, sha256, content_type)

    def _write(
        self, response: http.client.HTTPResponse, tmp: Path
    ) -> tuple[Path, int, str, str | None]:
        flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
        try:
            fd = os.open(tmp, flags, 0o666)
        except OSError as exc:
            raise self._cannot_write(exc) from exc
        try:
            try:
                # No fsync: it halves the speed of a large save, the kernel writes the
                # file within seconds, and a copy cut short by a power loss is caught at
                # the next start (OutputSaver.recheck) and fetched again.
                try:
                    size, sha256 = self._stream(response, fd)
                finally:
                    os.close(fd)
                content_type = response.getheader("Content-Type")
                ext = extension_for(content_type, self.fetch.url, self.kind)
                final = _claim_name(tmp, self.folder, safe_filename_part(self.stem), ext)
            except OSError as exc:  # the network's errors are DownloadErrors by now
                raise self._cannot_write(exc) from exc
        except BaseException:
            tmp.unlink(missing_ok=True)
            raise
        return final, size, sha256, content_type

    def _cannot_write(self, exc: OSError) -> FolderWriteError:
        return folder_write_error(self.folder, exc, self.expected or self.written or None)

    def _stream(self, response: http.client.HTTPResponse, fd: int) -> tuple[int, str]:
        """Copy the body into ``fd``: (bytes written, their SHA-256)."""
        fetch = self.fetch
        declared = response.getheader("Content-Length")
        total = int(declared) if declared and declared.isdigit() else None
        inflate = _decoder(response.getheader("Content-Encoding"), fetch.url)
        self.expected = total if inflate is None else None
        if inflate is None and total is not None and total > self.max_bytes:
            raise self._too_large()
        hasher = _Hasher()
        size = 0

        def keep(data: bytes | memoryview, buffer: memoryview | None) -> None:
            nonlocal size
            size += len(data)
            if size > self.max_bytes:
                raise self._too_large()
            hasher.add(data, buffer)  # hashed on its thread while this one writes
            _write_all(fd, data)
            self.written = size

        try:
            received = 0
            reported = time.monotonic()
            while True:
                buffer = hasher.free_buffer()
                try:
                    data: bytes | memoryview = _read_some(response, buffer, total, received)
                except (OSError, ValueError, http.client.HTTPException) as exc:
                    if fetch.cancelled:
                        raise FetchCancelledError from exc
                    raise connection_failed(fetch.url, exc) from exc
                if fetch.cancelled:
                    raise FetchCancelledError
                if not data:
                    break
                received += len(data)
                if inflate is None:
                    keep(data, buffer)
                else:
                    # Bounded pieces: a small compressed body may inflate enormously.
                    piece = inflate.decompress(data, _BUFFER)
                    hasher.recycle(buffer)  # zlib keeps its own copy of what is left
                    while piece:
                        keep(piece, None)
                        tail = inflate.unconsumed_tail
                        piece = inflate.decompress(tail, _BUFFER) if tail else b""
                if self.progress is not None and time.monotonic() - reported >= _PROGRESS_EVERY:
                    reported = time.monotonic()
                    self.progress(received, total)
            if inflate is not None:
                if not inflate.eof:
                    raise DownloadError(
                        translate(
                            "Messages",
                            "The download ended early; it will be tried again.",
                        ),
                        f"{fetch.url}: the compressed body stopped short",
                    )
                keep(inflate.flush(), None)
        finally:
            sha256 = hasher.finish()
        if total is not None and received != total:
            raise DownloadError(
                translate(
                    "Messages",
                    "The download ended early; it will be tried again.",
                ),
                f"{fetch.url}: got {received} of {total} bytes",
            )
        if self.progress is not None:
            self.progress(received, total if total is not None else received)
        return size, sha256

    def _too_large(self) -> DownloadError:
        return OutputTooLargeError(
            translate(
                "Messages",
                "The output is larger than the {limit:.0f} MB limit and was not "
                'saved. To keep it, raise "Largest output to save" in Settings, then press '
                "Save again.",
            ).format(limit=self.max_bytes / 1e6),
            self.fetch.url,
        )


def _read_some(
    response: http.client.HTTPResponse, buffer: memoryview, total: int | None, received: int
) -> bytes | memoryview:
    """What has arrived, at most a buffer's worth, without waiting for a full buffer
    (so that progress shows on a slow link)."""
    if response.chunked:
        return response.read1(len(buffer))
    # A plain body: read the socket's buffered reader directly, up to the declared end.
    # (HTTPResponse.readinto would block until the whole 1 MB buffer is filled.)
    want = len(buffer) if total is None else min(len(buffer), total - received)
    if want <= 0:
        return b""
    n = response.fp.readinto1(buffer[:want])
    return buffer[:n]


class _Hasher:
    """SHA-256 on a thread of its own, so that hashing overlaps reading and writing
    (hashlib lets go of the GIL). Buffers go round: free, filled, hashed, free again."""

    def __init__(self, buffers: int = 4) -> None:
        self._free: queue.SimpleQueue[memoryview] = queue.SimpleQueue()
        for _ in range(buffers):
            self._free.put(memoryview(bytearray(_BUFFER)))
        self._todo: queue.SimpleQueue[tuple[bytes | memoryview, memoryview | None] | None] = (
            queue.SimpleQueue()
        )
        self._digest = hashlib.sha256()
        self._thread = threading.Thread(target=self._run, name="genstudio-sha256", daemon=True)
        self._thread.start()

    def free_buffer(self) -> memoryview:
        return self._free.get()

    def add(self, data: bytes | memoryview, buffer: memoryview | None) -> None:
        """Hash ``data``; ``buffer`` (which ``data`` may view) is free again after."""
        self._todo.put((data, buffer))

    def recycle(self, buffer: memoryview) -> None:
        self._free.put(buffer)

    def finish(self) -> str:
        self._todo.put(None)
        self._thread.join()
        return self._digest.hexdigest()

    def _run(self) -> None:
        while (item := self._todo.get()) is not None:
            data, buffer = item
            self._digest.update(data)
            if buffer is not None:
                self._free.put(buffer)


def _write_all(fd: int, data: bytes | memoryview) -> None:
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        view = view[written:]


def _decoder(encoding: str | None, url: str) -> zlib._Decompress | None:
    """Hosts should honour ``Accept-Encoding: identity``; some gzip anyway."""
    name = (encoding or "identity").strip().lower()
    if name in ("", "identity"):
        return None
    if name in ("gzip", "x-gzip", "deflate"):
        return zlib.decompressobj(zlib.MAX_WBITS | 32)  # gzip or zlib header, detected
    raise DownloadError(
        translate(
            "Messages",
            "The output host sent the file compressed as “{name}”, which GenStudio cannot "
            "read; the download will be tried again.",
        ).format(name=name),
        url,
    )


def _check_status(status: int, url: str) -> None:
    if status in (403, 404, 410):
        raise LinkExpiredError(
            translate(
                "Messages",
                "Link expired: the output is no longer available at the provider.",
            ),
            f"{url}: HTTP {status}",
            status,
        )
    if not 200 <= status < 300:
        raise DownloadError(
            translate(
                "Messages",
                "The output host answered HTTP {status}; the download will be tried again.",
            ).format(status=status),
            url,
            status,
        )


def _claim_name(tmp: Path, folder: Path, stem: str, ext: str) -> Path:
    """Move ``tmp`` to the first free ``stem[_n]ext``; an existing file is never replaced."""
    for n in range(1, 10_000):
        candidate = folder / (f"{stem}{ext}" if n == 1 else f"{stem}_{n}{ext}")
        try:
            # A hard link fails if the name exists, so two savers cannot race.
            os.link(tmp, candidate)
        except FileExistsError:
            continue
        except OSError:
            if candidate.exists():
                continue
            tmp.replace(candidate)
            return candidate
        tmp.unlink()
        return candidate
    raise DownloadError(
        translate(
            "Messages",
            "Too many files with the same name in the folder.",
        ),
        str(folder),
    )
