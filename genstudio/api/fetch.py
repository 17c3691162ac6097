"""A blocking HTTP GET for large output files, run on a worker thread.

Why not httpx here: its pure-Python HTTP parser tops out near 300 MB/s on a fast
link, while the standard library's reads into a few reused buffers keep up with
curl. This module opens the response (redirects, proxies from the environment, TLS
with httpx's CA bundle) and nothing else; ``download`` owns the file.
"""

from __future__ import annotations

import base64
import contextlib
import http.client
import socket
import ssl
import threading
import urllib.parse
import urllib.request
from collections.abc import Mapping
from dataclasses import dataclass

import certifi

from genstudio.api.base_url import is_loopback_host
from genstudio.api.errors import DownloadError
from genstudio.api.link_check import LinkPolicy, web_parts
from genstudio.i18n import translate

MAX_REDIRECTS = 10
_REDIRECTS = frozenset({301, 302, 303, 307, 308})


@dataclass(frozen=True)
class FetchTimeouts:
    connect: float = 15.0
    read: float = 60.0


class FetchCancelledError(Exception):
    """The fetch was cancelled from another thread."""


def connection_failed(url: str, exc: BaseException) -> DownloadError:
    return DownloadError(
        translate(
            "Messages",
            "The output could not be downloaded: the connection failed. It will be tried again.",
        ),
        f"{url}: {type(exc).__name__}: {exc}",
    )


class Fetch:
    """One GET: ``open()`` follows redirects to the final response; ``cancel()`` from
    any thread unblocks a read in progress by shutting the socket down."""

    def __init__(
        self,
        url: str,
        headers: Mapping[str, str],
        timeouts: FetchTimeouts,
        ssl_context: ssl.SSLContext,
        proxies: Mapping[str, str] | None = None,
        policy: LinkPolicy | None = None,
    ) -> None:
        self.url = url
        self._policy = policy or LinkPolicy(None)
        self._headers = dict(headers)
        self._timeouts = timeouts
        self._ssl = ssl_context
        self._proxies = urllib.request.getproxies() if proxies is None else dict(proxies)
        self._lock = threading.Lock()
        self._conn: http.client.HTTPConnection | None = None
        # Kept apart: once a response says "Connection: close" the connection hands
        # its socket to the response and forgets it.
        self._sock: socket.socket | None = None
        self._response: http.client.HTTPResponse | None = None
        self._cancelled = False

    @property
    def cancelled(self) -> bool:
        return self._cancelled

    def cancel(self) -> None:
        with self._lock:
            self._cancelled = True
            sock = self._sock
        if sock is not None:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)  # a blocked recv returns at once

    def close(self) -> None:
        with self._lock:
            conn, self._conn = self._conn, None
            response, self._response = self._response, None
            self._sock = None
        if response is not None:
            response.close()
        if conn is not None:
            conn.close()

    def open(self) -> http.client.HTTPResponse:
        """The final response after redirects; its status is for the caller to judge."""
        url = self.url
        for _ in range(MAX_REDIRECTS + 1):
            response = self._request(url)
            location = response.getheader("Location")
            if response.status not in _REDIRECTS or not location:
                self.url = url
                return response
            url = urllib.parse.urljoin(url, location)
            self.close()
        raise DownloadError(
            translate(
                "Messages",
                "The output host redirected too many times; the download will be tried again.",
            ),
            self.url,
        )

    def _request(self, url: str) -> http.client.HTTPResponse:
        parts = web_parts(url)  # every hop: a redirect may lead to file: or a bare path
        try:
            conn, target, extra = self._connection(url, parts)
        except OSError as exc:  # the name did not resolve: a network problem
            raise connection_failed(url, exc) from exc
        with self._lock:
            if self._cancelled:
                raise FetchCancelledError
            self._conn = conn
        try:
            conn.connect()
            with self._lock:
                self._sock = conn.sock
                if self._cancelled:
                    raise FetchCancelledError
            if conn.sock is not None:
                conn.sock.settimeout(self._timeouts.read)
            conn.putrequest("GET", target, skip_accept_encoding=True)
            for name, value in {**self._headers, **extra}.items():
                conn.putheader(name, value)
            conn.endheaders()
            response = conn.getresponse()
            with self._lock:
                self._response = response
            return response
        except (OSError, http.client.HTTPException) as exc:
            if self._cancelled:
                raise FetchCancelledError from exc
            raise connection_failed(url, exc) from exc

    def _connection(
        self, url: str, parts: urllib.parse.SplitResult
    ) -> tuple[http.client.HTTPConnection, str, dict[str, str]]:
        host = parts.hostname or ""
        port = parts.port
        target = parts.path or "/"
        if parts.query:
            target += "?" + parts.query
        https = parts.scheme == "https"
        proxy = None
        if not is_loopback_host(host) and not urllib.request.proxy_bypass(host):
            proxy = self._proxies.get(parts.scheme)
        timeout = self._timeouts.connect
        if proxy is None:
            address = self._policy.address_for(url, host, port or (443 if https else 80))
            if https:
                return _PinnedHTTPS(host, port, address, timeout, self._ssl), target, {}
            return _PinnedHTTP(host, port, address, timeout), target, {}
        self._policy.check_name(url, host, port or (443 if https else 80))
        p = urllib.parse.urlsplit(proxy if "://" in proxy else f"http://{proxy}")
        auth: dict[str, str] = {}
        if p.username:
            token = f"{urllib.parse.unquote(p.username)}:{urllib.parse.unquote(p.password or '')}"
            auth["Proxy-Authorization"] = "Basic " + base64.b64encode(token.encode()).decode()
        if https:  # a CONNECT tunnel: the proxy never sees the URL or the body
            tunnel = http.client.HTTPSConnection(
                p.hostname or "", p.port or 8080, timeout=timeout, context=self._ssl
            )
            tunnel.set_tunnel(host, port or 443, headers=auth)
            return tunnel, target, {}
        conn = http.client.HTTPConnection(p.hostname or "", p.port or 8080, timeout=timeout)
        return conn, urllib.parse.urlunsplit(parts._replace(fragment="")), auth


class _PinnedHTTP(http.client.HTTPConnection):
    """Connects to the address that was checked, not to whatever a new lookup says."""

    def __init__(self, host: str, port: int | None, address: str, timeout: float) -> None:
        super().__init__(host, port, timeout=timeout)
        self.address = address

    def connect(self) -> None:
        self.sock = _open_socket(self.address, self.port, self.timeout)


class _PinnedHTTPS(http.client.HTTPSConnection):
    """The same for https; the certificate is still checked against the host name."""

    def __init__(
        self, host: str, port: int | None, address: str, timeout: float, context: ssl.SSLContext
    ) -> None:
        super().__init__(host, port, timeout=timeout, context=context)
        self.address = address
        self._tls = context

    def connect(self) -> None:
        sock = _open_socket(self.address, self.port, self.timeout)
        self.sock = self._tls.wrap_socket(sock, server_hostname=self.host)


def _open_socket(address: str, port: int, timeout: float | None) -> socket.socket:
    sock = socket.create_connection((address, port), timeout)
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    return sock


def default_ssl_context() -> ssl.SSLContext:
    # The same CA bundle httpx uses, so that every platform trusts the same hosts.
    return ssl.create_default_context(cafile=certifi.where())
