"""A small HTTP/1.1 keep-alive client for status checks and submits on the provider's base URL.

httpx costs about 0.9 ms of CPU a status check and 2 ms a submit (httpx, httpcore, anyio
and h11, layer on layer; its pool's bookkeeping grows with the requests waiting); with
thousands of jobs polling, or a burst of submits, that is several times the provider's
own cost, and it holds the GIL the window's thread needs. This client does two things,
a ``GET`` of a path under the base URL and a ``POST`` of a JSON body to one, with the
client's fixed headers, on asyncio protocols, for a fraction of that, and keeps what the
httpx path guarantees: connections reused and capped, a connect and a per-read timeout
(the caller adds the whole call's deadline), strict limits on the head and the body (a
body over the cap reads as empty, as before), gzip, no redirect followed, TLS with the
same trust as httpx (``httpx.create_ssl_context``), the JSON body encoded as httpx
encodes it. It raises httpx's own exception types, so the caller turns them into the
same sentences, and a submit whose connection broke after it was written is "maybe
started", never resent. Never used when a proxy is configured in the environment (httpx
honours those) or for a test's transport.
"""

from __future__ import annotations

import asyncio
import json
import logging
import os
import re
import select
import ssl
import zlib
from collections.abc import Mapping
from typing import Any
from urllib.parse import quote, urlsplit

import httpx

log = logging.getLogger(__name__)

MAX_HEAD_BYTES = 64 * 1024  # status line and headers together
MAX_HEADERS = 100
_TOKEN = re.compile(rb"[!#$%&'*+\-.^_`|~0-9A-Za-z]+")
_PROXY_VARIABLES = ("http_proxy", "https_proxy", "all_proxy")


class Reply:
    """One answer, its body read whole (decoded): what the client reads of an answer,
    whichever path it came by."""

    __slots__ = ("content", "headers", "method", "path", "status_code")

    def __init__(
        self, status_code: int, headers: Mapping[str, str], content: bytes, method: str, path: str
    ) -> None:
        self.status_code = status_code
        self.headers = {name.lower(): value for name, value in headers.items()}
        self.content = content
        self.method = method
        self.path = path

    @property
    def text(self) -> str:
        return self.content.decode("utf-8", "replace")


def proxy_configured() -> bool:
    """Whether the environment names a proxy (httpx would use it)."""
    return any(os.environ.get(name) or os.environ.get(name.upper()) for name in _PROXY_VARIABLES)


class KeepAlive:
    """``GET`` and ``POST`` to paths of one base URL. Bound to the event loop it is
    first used on."""

    def __init__(
        self,
        base_url: str,
        head: bytes,
        *,
        timeout: httpx.Timeout,
        max_connections: int = 32,
        max_idle: int = 16,
    ) -> None:
        parts = urlsplit(base_url)
        self._tls = parts.scheme == "https"
        self._host = parts.hostname or ""
        self._port = parts.port or (443 if self._tls else 80)
        self._prefix = parts.path.rstrip("/")
        self._head = head
        self._connect_timeout = timeout.connect
        self._read_timeout = timeout.read
        self._pool_timeout = timeout.pool
        self._idle: list[_Connection] = []
        self._max_idle = max_idle
        self._slots: asyncio.Semaphore | None = None
        self._max_connections = max_connections
        self._ssl: ssl.SSLContext | None = None
        self.loop: asyncio.AbstractEventLoop | None = None
        self._closed = False

    @classmethod
    def build(
        cls, base_url: str, headers: Mapping[str, str], timeout: httpx.Timeout
    ) -> KeepAlive | None:
        """The client, or None where httpx must do the work: a proxy in the
        environment, or a host, path or header value this client does not write."""
        if proxy_configured():
            return None
        parts = urlsplit(base_url)
        host = parts.hostname or ""
        if not host.isascii() or quote(parts.path, safe="/-._~!$&'()*+,;=:@%") != parts.path:
            return None
        netloc = f"[{host}]" if ":" in host else host
        if parts.port is not None:
            netloc += f":{parts.port}"
        fields = {"Host": netloc, **headers, "Accept-Encoding": "gzip"}
        lines = [f"{name}: {value}\r\n" for name, value in fields.items()]
        text = "".join(lines)
        if any(c in value for value in fields.values() for c in "\r\n\0"):
            return None  # httpx refuses such a header; let it say so
        try:
            head = text.encode("ascii")
        except UnicodeEncodeError:
            return None
        return cls(base_url, head, timeout=timeout)

    def usable_here(self) -> bool:
        """Whether this loop may use it (its connections belong to one loop)."""
        if self._closed:
            return False
        loop = asyncio.get_running_loop()
        if self.loop is None:
            self.loop = loop
            self._slots = asyncio.Semaphore(self._max_connections)
        return self.loop is loop

    async def get(self, path: str, max_bytes: int) -> Reply:
        """``GET`` the base URL's path + ``path``; a body over ``max_bytes`` reads as empty."""
        return await self._call(b"GET", path, b"", b"", max_bytes)

    async def post_json(self, path: str, body: Mapping[str, Any], max_bytes: int) -> Reply:
        """``POST`` ``body`` as JSON (encoded as httpx encodes it) to the base URL's path +
        ``path``. Written once: a connection that breaks afterwards is the caller's error."""
        data = json.dumps(body, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
        content = data.encode("utf-8")
        extra = b"Content-Type: application/json\r\nContent-Length: %d\r\n" % len(content)
        return await self._call(b"POST", path, extra, content, max_bytes)

    async def _call(
        self, method: bytes, path: str, extra: bytes, content: bytes, max_bytes: int
    ) -> Reply:
        assert self._slots is not None, "usable_here first"
        slots = self._slots
        if slots.locked():
            try:
                async with asyncio.timeout(self._pool_timeout):
                    await slots.acquire()
            except TimeoutError:
                raise httpx.PoolTimeout("no free connection in time") from None
        else:
            await slots.acquire()
        try:
            connection = await self._connection()
            request = b"%s %s HTTP/1.1\r\n%s%s\r\n%s" % (
                method,
                (self._prefix + path).encode("ascii"),
                self._head,
                extra,
                content,
            )
            try:
                status, headers, body, reusable = await connection.exchange(
                    request, max_bytes, self._read_timeout
                )
            except BaseException:
                connection.close()  # mid-answer: never reused
                raise
            if reusable and not self._closed and len(self._idle) < self._max_idle:
                self._idle.append(connection)
            else:
                connection.close()
        finally:
            slots.release()
        name = method.decode("ascii")
        if body is None:
            log.warning("%s %s: answer over %d bytes dropped", name, path, max_bytes)
            body = b""
        return Reply(status, headers, body, name, self._prefix + path)

    async def _connection(self) -> _Connection:
        while self._idle:
            connection = self._idle.pop()
            if connection.fresh():
                return connection
            connection.close()
        loop = self.loop
        assert loop is not None
        if self._tls and self._ssl is None:
            self._ssl = httpx.create_ssl_context()
            self._ssl.set_alpn_protocols(["http/1.1"])
        try:
            async with asyncio.timeout(self._connect_timeout):
                _, connection = await loop.create_connection(
                    lambda: _Connection(loop),
                    self._host,
                    self._port,
                    ssl=self._ssl,
                    server_hostname=self._host if self._tls else None,
                )
        except TimeoutError:
            raise httpx.ConnectTimeout("connecting took too long") from None
        except (OSError, ssl.SSLError) as exc:
            raise httpx.ConnectError(str(exc) or type(exc).__name__) from None
        return connection

    def close(self) -> None:
        self._closed = True
        for connection in self._idle:
            connection.close()
        self._idle.clear()


class _Connection(asyncio.Protocol):
    """One connection; one exchange at a time. The answer is parsed as it arrives."""

    def __init__(self, loop: asyncio.AbstractEventLoop) -> None:
        self._loop = loop
        self._transport: asyncio.Transport | None = None
        self._buffer = bytearray()
        self._ended = False  # the server closed its side, or the connection is gone
        self._waiter: asyncio.Future[None] | None = None
        self._activity = 0

    # -- asyncio.Protocol ------------------------------------------------------------------

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        assert isinstance(transport, asyncio.Transport)
        self._transport = transport

    def data_received(self, data: bytes) -> None:
        self._buffer += data
        self._activity += 1
        self._wake()

    def eof_received(self) -> bool:
        self._ended = True
        self._wake()
        return False

    def connection_lost(self, exc: Exception | None) -> None:
        self._ended = True
        self._wake()

    # -- use ---------------------------------------------------------------------------------

    def fresh(self) -> bool:
        """Idle, open, and nothing unasked-for arrived: not even a close the loop has not
        read yet (a submit written onto it would be "maybe started"), as httpx checks."""
        transport = self._transport
        if self._ended or self._buffer or transport is None or transport.is_closing():
            return False
        sock = transport.get_extra_info("socket")
        if sock is None:
            return True
        try:
            readable, _, _ = select.select([sock], [], [], 0)
        except (OSError, ValueError):  # closed under us
            return False
        return not readable

    def close(self) -> None:
        self._ended = True
        if self._transport is not None:
            # Aborted: nothing is left to send on an idle or broken connection, and a TLS
            # close waits for the server's close_notify (up to 30 s), outliving the loop
            # it runs on when that loop ends (the socket is then never closed).
            self._transport.abort()

    def _wake(self) -> None:
        waiter = self._waiter
        if waiter is not None and not waiter.done():
            waiter.set_result(None)

    async def _more(self, read_timeout: float | None) -> None:
        """Wait for data or the end; a read timeout when nothing came for that long."""
        if self._ended:
            raise httpx.RemoteProtocolError("the server closed the connection mid-answer")
        waiter = self._loop.create_future()
        self._waiter = waiter
        seen = self._activity
        timer = None if read_timeout is None else self._loop.call_later(read_timeout, self._wake)
        try:
            await waiter
        finally:
            if timer is not None:
                timer.cancel()
            self._waiter = None
        if self._activity == seen and not self._ended:
            raise httpx.ReadTimeout("no data from the server in time")

    async def exchange(
        self, request: bytes, max_bytes: int, read_timeout: float | None
    ) -> tuple[int, dict[str, str], bytes | None, bool]:
        """Send ``request``; (status, headers, body or None when over the cap, whether
        the connection may be reused)."""
        assert self._transport is not None
        self._transport.write(request)
        while True:  # 1xx answers come before the real one
            end = self._buffer.find(b"\r\n\r\n")
            while end < 0:
                if len(self._buffer) > MAX_HEAD_BYTES:
                    raise httpx.RemoteProtocolError("the answer's headers are too long")
                if self._ended:
                    raise httpx.RemoteProtocolError("the server closed without an answer")
                await self._more(read_timeout)
                end = self._buffer.find(b"\r\n\r\n")
            if end > MAX_HEAD_BYTES:
                raise httpx.RemoteProtocolError("the answer's headers are too long")
            status, version, headers = _parse_head(bytes(self._buffer[:end]))
            del self._buffer[: end + 4]
            if status >= 200:
                break
            if status == 101:
                raise httpx.RemoteProtocolError("the server switched protocols")
        reusable = version == b"HTTP/1.1" and "close" not in headers.get("connection", "").lower()
        if status in (204, 304):
            raw: bytes | None = b""
        elif "transfer-encoding" in headers:
            if "content-length" in headers:
                raise httpx.RemoteProtocolError("both Content-Length and Transfer-Encoding")
            if headers["transfer-encoding"].strip().lower() != "chunked":
                raise httpx.RemoteProtocolError("an unsupported Transfer-Encoding")
            raw = await self._chunked(max_bytes, read_timeout)
        elif "content-length" in headers:
            length = _content_length(headers["content-length"])
            raw = await self._sized(length, max_bytes, read_timeout)
        else:
            reusable = False
            raw = await self._until_closed(max_bytes, read_timeout)
        if raw is None:
            return status, headers, None, False
        if self._buffer:  # bytes past the answer: a confused server
            reusable = False
        return (
            status,
            headers,
            _decoded(raw, headers.get("content-encoding", ""), max_bytes),
            (reusable and not self._ended),
        )

    async def _sized(self, length: int, max_bytes: int, read_timeout: float | None) -> bytes | None:
        if length > max_bytes:
            return None
        while len(self._buffer) < length:
            await self._more(read_timeout)
        body = bytes(self._buffer[:length])
        del self._buffer[:length]
        return body

    async def _until_closed(self, max_bytes: int, read_timeout: float | None) -> bytes | None:
        while not self._ended:
            if len(self._buffer) > max_bytes:
                return None
            await self._more_or_end(read_timeout)
        if len(self._buffer) > max_bytes:
            return None
        body = bytes(self._buffer)
        self._buffer.clear()
        return body

    async def _more_or_end(self, read_timeout: float | None) -> None:
        try:
            await self._more(read_timeout)
        except httpx.RemoteProtocolError:
            if not self._ended:
                raise

    async def _chunked(self, max_bytes: int, read_timeout: float | None) -> bytes | None:
        body = bytearray()
        while True:
            end = self._buffer.find(b"\r\n")
            while end < 0:
                if len(self._buffer) > 1024:
                    raise httpx.RemoteProtocolError("a chunk size line is too long")
                await self._more(read_timeout)
                end = self._buffer.find(b"\r\n")
            size_text = bytes(self._buffer[:end]).split(b";", 1)[0].strip()
            if not size_text or len(size_text) > 16 or not _is_hex(size_text):
                raise httpx.RemoteProtocolError("a bad chunk size")
            size = int(size_text, 16)
            del self._buffer[: end + 2]
            if size == 0:
                break
            if len(body) + size > max_bytes:
                return None
            while len(self._buffer) < size + 2:
                await self._more(read_timeout)
            if self._buffer[size : size + 2] != b"\r\n":
                raise httpx.RemoteProtocolError("a chunk does not end where it said")
            body += self._buffer[:size]
            del self._buffer[: size + 2]
        # Trailers, if any, up to the empty line.
        while True:
            end = self._buffer.find(b"\r\n")
            while end < 0:
                if len(self._buffer) > MAX_HEAD_BYTES:
                    raise httpx.RemoteProtocolError("the trailers are too long")
                await self._more(read_timeout)
                end = self._buffer.find(b"\r\n")
            line = self._buffer[:end]
            del self._buffer[: end + 2]
            if not line:
                return bytes(body)


def _is_hex(text: bytes) -> bool:
    return all(c in b"0123456789abcdefABCDEF" for c in text)


def _parse_head(head: bytes) -> tuple[int, bytes, dict[str, str]]:
    lines = head.split(b"\r\n")
    parts = lines[0].split(b" ", 2)
    if (
        len(parts) < 2
        or parts[0] not in (b"HTTP/1.1", b"HTTP/1.0")
        or len(parts[1]) != 3
        or not parts[1].isdigit()
    ):
        raise httpx.RemoteProtocolError("not an HTTP/1.1 status line")
    status = int(parts[1])
    if status < 100:
        raise httpx.RemoteProtocolError("a status code out of range")
    if len(lines) - 1 > MAX_HEADERS:
        raise httpx.RemoteProtocolError("too many headers")
    headers: dict[str, str] = {}
    for line in lines[1:]:
        name, colon, value = line.partition(b":")
        if not colon or not _TOKEN.fullmatch(name):
            raise httpx.RemoteProtocolError("a malformed header line")
        key = name.decode("ascii").lower()
        text = value.strip(b" \t").decode("latin-1")
        if key in headers:
            if key == "content-length" and headers[key] != text:
                raise httpx.RemoteProtocolError("two different Content-Lengths")
            if key != "content-length":
                headers[key] += ", " + text
        else:
            headers[key] = text
    return status, parts[0], headers


def _content_length(text: str) -> int:
    if not text.isdigit() or len(text) > 18:
        raise httpx.RemoteProtocolError("a bad Content-Length")
    return int(text)


def _decoded(raw: bytes, encoding: str, max_bytes: int) -> bytes | None:
    """The body as sent before its content encoding; None when it decodes past the cap."""
    encoding = encoding.strip().lower()
    if encoding in ("", "identity"):
        return raw
    if encoding == "gzip":
        decoder = zlib.decompressobj(zlib.MAX_WBITS | 16)
    elif encoding == "deflate":
        # Servers send either zlib-wrapped or raw deflate under this name.
        wrapped = raw[:1] and (raw[0] & 0x0F) == 8
        decoder = zlib.decompressobj(zlib.MAX_WBITS if wrapped else -zlib.MAX_WBITS)
    else:
        raise httpx.DecodingError(f"an unsupported Content-Encoding: {encoding[:40]!r}")
    try:
        body = decoder.decompress(raw, max_bytes + 1)
    except zlib.error as exc:
        raise httpx.DecodingError(f"the body cannot be decompressed: {exc}") from None
    if len(body) > max_bytes:
        return None
    return body
