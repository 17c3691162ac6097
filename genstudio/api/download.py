"""Downloading outputs: streamed to a temporary file, renamed when complete.

Output URLs live on CDNs and object stores, not at the provider, so this client has
no ``Authorization`` header at all: the key cannot leak to an output host.
"""

from __future__ import annotations

import hashlib
import logging
import os
import secrets
from dataclasses import dataclass
from pathlib import Path

import httpx

from genstudio.api.client import USER_AGENT
from genstudio.api.errors import DownloadError, LinkExpiredError, OutputTooLargeError
from genstudio.api.filenames import extension_for, safe_filename_part

log = logging.getLogger(__name__)

DEFAULT_MAX_BYTES = 2 * 1024**3
DOWNLOAD_TIMEOUT = httpx.Timeout(connect=15.0, read=60.0, write=30.0, pool=30.0)
_CHUNK = 1024 * 1024


@dataclass(frozen=True)
class DownloadedFile:
    url: str
    path: Path
    size: int
    sha256: str
    content_type: str | None


class OutputDownloader:
    """Fetch output files with a key-less HTTP client."""

    def __init__(
        self,
        *,
        transport: httpx.AsyncBaseTransport | None = None,
        timeout: httpx.Timeout = DOWNLOAD_TIMEOUT,
        max_bytes: int = DEFAULT_MAX_BYTES,
    ) -> None:
        self.max_bytes = max_bytes
        self._http = httpx.AsyncClient(
            headers={"User-Agent": USER_AGENT},
            timeout=timeout,
            transport=transport,
            follow_redirects=True,
        )

    async def __aenter__(self) -> OutputDownloader:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        await self._http.aclose()

    async def download(
        self, url: str, folder: Path, stem: str, fallback_ext: str = ".bin"
    ) -> DownloadedFile:
        """Save ``url`` in ``folder`` as ``<stem><ext>``, never overwriting a file.

        On any failure no partial file is left behind.
        """
        # File I/O stays synchronous: one 1 MB chunk per write is far below a frame.
        folder.mkdir(parents=True, exist_ok=True)  # noqa: ASYNC240
        digest = hashlib.sha256()
        size = 0
        # Not mkstemp: its 0600 mode would stick to the saved file; "x" honours the umask.
        tmp = folder / f".genstudio-{secrets.token_hex(8)}.part"
        try:
            with tmp.open("xb") as out:
                try:
                    async with self._http.stream("GET", url) as response:
                        self._check_status(response, url)
                        content_type = response.headers.get("Content-Type")
                        declared = response.headers.get("Content-Length")
                        if response.headers.get("Content-Encoding", "identity") != "identity":
                            declared = None  # the length is of the compressed bytes
                        if declared and declared.isdigit() and int(declared) > self.max_bytes:
                            raise self._too_large(url)
                        async for chunk in response.aiter_bytes(_CHUNK):
                            size += len(chunk)
                            if size > self.max_bytes:
                                raise self._too_large(url)
                            digest.update(chunk)
                            out.write(chunk)
                        if declared and declared.isdigit() and int(declared) != size:
                            raise DownloadError(
                                "The download ended early; it will be tried again.",
                                f"{url}: got {size} of {declared} bytes",
                            )
                except httpx.HTTPError as exc:
                    raise DownloadError(
                        "The output could not be downloaded: the connection failed. "
                        "It will be tried again.",
                        f"{url}: {type(exc).__name__}: {exc}",
                    ) from exc
                out.flush()
                os.fsync(out.fileno())
            ext = extension_for(content_type, url, fallback_ext)
            final = _claim_name(tmp, folder, safe_filename_part(stem), ext)
        except BaseException:
            tmp.unlink(missing_ok=True)
            raise
        log.info("saved %s (%d bytes)", final.name, size)
        return DownloadedFile(url, final, size, digest.hexdigest(), content_type)

    def _check_status(self, response: httpx.Response, url: str) -> None:
        status = response.status_code
        if status in (403, 404, 410):
            raise LinkExpiredError(
                "Link expired: the output is no longer available at the provider.",
                f"{url}: HTTP {status}",
                status,
            )
        if not 200 <= status < 300:
            raise DownloadError(
                f"The output host answered HTTP {status}; the download will be tried again.",
                url,
                status,
            )

    def _too_large(self, url: str) -> DownloadError:
        return OutputTooLargeError(
            f"The output is larger than the {self.max_bytes / 1e6:.0f} MB limit and was not "
            "saved; raise the limit in Settings to keep it.",
            url,
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
    raise DownloadError("Too many files with the same name in the folder.", str(folder))
