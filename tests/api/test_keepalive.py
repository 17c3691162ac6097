"""The lean status-check path (api/keepalive.py): against the simulator, and against a
raw server that answers whatever bytes a test scripts (issue 13)."""

from __future__ import annotations

import asyncio
import gzip
import json
import shutil
import socket
import ssl
import subprocess
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from genstudio.api import client as client_module
from genstudio.api.client import GenerationClient
from genstudio.api.errors import (
    BadResponseError,
    NetworkError,
    RequestRejectedError,
    SubmissionUnknownError,
)
from genstudio.api.keepalive import KeepAlive
from genstudio.api.kinds import Scope, TaskStatus
from genstudio.api.request import GenerationRequest
from genstudio.api.snapshot import TaskSnapshot
from genstudio.sim import DEMO_KEY, Simulator

KEY = "sk-raw-0123456789abcdef"
QUEUED = json.dumps({"task_id": "t1", "status": "QUEUED", "progress": "5%"}).encode()


def ok(body: bytes, *extra: str) -> bytes:
    head = ["HTTP/1.1 200 OK", f"Content-Length: {len(body)}", *extra]
    return ("\r\n".join(head) + "\r\n\r\n").encode() + body


def _receive(conn: socket.socket) -> bytes:
    """What arrived next; empty when the client has gone."""
    try:
        return conn.recv(65536)
    except OSError:
        return b""


def _length(head: bytes) -> int:
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            return int(value)
    return 0


class RawServer:
    """Answers each request on a connection with ``script(n)``, the bytes of the n-th
    request's answer (None: close without answering; ``close_after``: close after each
    answer; ``quiet``: once answered, read nothing more until it is set); records every
    request's head."""

    def __init__(
        self, script: Callable[[int], bytes | None], tls: ssl.SSLContext | None = None
    ) -> None:
        self.script = script
        self._tls = tls
        self.heads: list[bytes] = []
        self.bodies: list[bytes] = []
        self.connections = 0
        self.close_after = False
        self.quiet: threading.Event | None = None
        self._server = socket.create_server(("127.0.0.1", 0))
        self._lock = threading.Lock()
        threading.Thread(target=self._serve, daemon=True).start()

    @property
    def base_url(self) -> str:
        scheme = "https" if self._tls else "http"
        return f"{scheme}://127.0.0.1:{self._server.getsockname()[1]}"

    def _serve(self) -> None:
        while True:
            try:
                conn, _ = self._server.accept()
            except OSError:
                return
            self.connections += 1
            if self._tls is not None:
                try:
                    conn = self._tls.wrap_socket(conn, server_side=True)
                except (OSError, ssl.SSLError):  # the client refused our certificate
                    conn.close()
                    continue
            threading.Thread(target=self._connection, args=(conn,), daemon=True).start()

    def _connection(self, conn: socket.socket) -> None:
        buffer = b""
        with conn:
            while True:
                while b"\r\n\r\n" not in buffer:
                    if not (data := _receive(conn)):
                        return
                    buffer += data
                head, _, buffer = buffer.partition(b"\r\n\r\n")
                length = _length(head)
                while len(buffer) < length:
                    if not (data := _receive(conn)):
                        return
                    buffer += data
                body, buffer = buffer[:length], buffer[length:]
                with self._lock:
                    self.heads.append(head)
                    self.bodies.append(body)
                    answer = self.script(len(self.heads))
                if answer is None:
                    return
                try:
                    conn.sendall(answer)
                except OSError:
                    return
                if self.close_after:
                    return
                if self.quiet is not None:
                    self.quiet.wait(30)

    def close(self) -> None:
        self._server.close()


@pytest.fixture
def raw() -> Iterator[RawServer]:
    server = RawServer(lambda _n: ok(QUEUED))
    yield server
    server.close()


async def check(server: RawServer) -> TaskSnapshot:
    async with GenerationClient(server.base_url, KEY, fetch_deadline=5.0) as api:
        return await api.fetch(Scope.IMAGES, "t1")


async def test_status_checks_take_the_lean_path_and_reuse_one_connection(
    sim: Simulator,
) -> None:
    async with GenerationClient(sim.base_url, DEMO_KEY) as api:
        assert api._lean is not None
        task_id = await api.submit(GenerationRequest(Scope.IMAGES, "a kite", "m"))
        for _ in range(5):
            snapshot = await api.fetch(Scope.IMAGES, task_id)
            assert snapshot.task_id == task_id
        assert len(api._lean._idle) == 1  # one connection, kept for the next check


async def test_the_request_carries_the_key_and_is_sent_once(raw: RawServer) -> None:
    snapshot = await check(raw)
    assert snapshot.status is TaskStatus.QUEUED
    assert len(raw.heads) == 1
    head = raw.heads[0].decode()
    assert head.startswith("GET /v2/images/generations/t1 HTTP/1.1\r\n")
    assert f"Authorization: Bearer {KEY}" in head and "Accept-Encoding: gzip" in head


async def test_a_connection_closed_mid_answer_is_a_network_error_never_a_resend(
    raw: RawServer,
) -> None:
    raw.script = lambda _n: ok(QUEUED)[:-5]
    raw.close_after = True
    with pytest.raises(NetworkError, match="broke off"):
        await check(raw)
    assert len(raw.heads) == 1


@pytest.mark.parametrize(
    "answer",
    [
        b"HTTP/1.1 200 OK\r\nX-Pad: " + b"a" * 70_000 + b"\r\n\r\n{}",
        b"SPDY/9 200 OK\r\n\r\n",
        b"HTTP/1.1 200 OK\r\nbad header line\r\n\r\n",
        b"HTTP/1.1 200 OK\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\n12345",
        b"HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n",
        b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n",
        b"HTTP/1.1 200 OK\r\nContent-Length: 4\r\nContent-Encoding: gzip\r\n\r\nnope",
        b"HTTP/1.1 200 OK\r\nContent-Length: 4\r\nContent-Encoding: br\r\n\r\nnope",
        b"HTTP/1.1 101 Switching\r\n\r\n",
    ],
)
async def test_a_malformed_answer_is_a_network_error(raw: RawServer, answer: bytes) -> None:
    raw.script = lambda _n: answer
    with pytest.raises(NetworkError):
        await asyncio.wait_for(check(raw), 10)


async def test_chunked_gzip_and_informational_answers_are_read(raw: RawServer) -> None:
    packed = gzip.compress(QUEUED)
    chunked = (
        b"HTTP/1.1 100 Continue\r\n\r\n"
        b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nContent-Encoding: gzip\r\n\r\n"
        + f"{len(packed[:10]):x}\r\n".encode()
        + packed[:10]
        + b"\r\n"
        + f"{len(packed[10:]):x};ext=1\r\n".encode()
        + packed[10:]
        + b"\r\n0\r\n\r\n"
    )
    raw.script = lambda _n: chunked
    snapshot = await check(raw)
    assert snapshot.status is TaskStatus.QUEUED


@pytest.mark.parametrize("how", ["length", "gzip", "chunked"])
async def test_an_answer_over_the_cap_is_dropped(
    raw: RawServer, monkeypatch: pytest.MonkeyPatch, how: str
) -> None:
    monkeypatch.setattr(client_module, "MAX_ANSWER_BYTES", 1000)
    body = json.dumps({"status": "QUEUED", "pad": " " * 5000}).encode()
    if how == "length":
        answer = ok(body)
    elif how == "gzip":
        answer = ok(gzip.compress(body), "Content-Encoding: gzip")
    else:
        answer = b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n%x\r\n%s\r\n0\r\n\r\n" % (
            len(body),
            body,
        )
    raw.script = lambda _n: answer
    with pytest.raises(BadResponseError):
        await check(raw)


async def test_a_redirect_is_not_followed_and_the_key_goes_nowhere_else(raw: RawServer) -> None:
    elsewhere = RawServer(lambda _n: ok(QUEUED))
    try:
        location = f"Location: {elsewhere.base_url}/v2/images/generations/t1"
        raw.script = lambda _n: (
            b"HTTP/1.1 302 Found\r\n%s\r\nContent-Length: 0\r\n\r\n" % (location.encode())
        )
        with pytest.raises(RequestRejectedError):
            await check(raw)
        assert elsewhere.heads == [] and elsewhere.connections == 0
    finally:
        elsewhere.close()


async def test_a_server_that_closes_after_each_answer_gets_new_connections(
    raw: RawServer,
) -> None:
    raw.script = lambda _n: ok(QUEUED, "Connection: close")
    async with GenerationClient(raw.base_url, KEY) as api:
        for _ in range(3):
            await api.fetch(Scope.IMAGES, "t1")
    assert raw.connections == 3 and len(raw.heads) == 3


async def test_a_silent_server_trips_the_read_timeout(raw: RawServer) -> None:
    raw.script = lambda _n: b"HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n{"
    timeout = httpx.Timeout(connect=2.0, read=0.2, write=2.0, pool=2.0)
    async with GenerationClient(raw.base_url, KEY, timeout=timeout) as api:
        with pytest.raises(NetworkError, match="did not answer in time"):
            await asyncio.wait_for(api.fetch(Scope.IMAGES, "t1"), 10)


def test_a_proxy_in_the_environment_leaves_the_work_to_httpx(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("HTTPS_PROXY", "http://127.0.0.1:3128")
    assert GenerationClient("https://api.example.test", KEY)._lean is None
    monkeypatch.delenv("HTTPS_PROXY")
    assert GenerationClient("https://api.example.test", KEY)._lean is not None


def test_a_header_value_with_a_line_break_leaves_the_work_to_httpx() -> None:
    headers = {"Authorization": "Bearer a\r\nX-Evil: 1"}
    assert KeepAlive.build("https://api.example.test", headers, httpx.Timeout(5.0)) is None


def self_signed(folder: Path) -> tuple[Path, Path]:
    """A certificate for 127.0.0.1 and its key, made by the openssl command."""
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(
        [
            *("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1"),
            *("-keyout", str(key), "-out", str(cert), "-subj", "/CN=127.0.0.1"),
            *("-addext", "subjectAltName=IP:127.0.0.1"),
        ],
        check=True,
        capture_output=True,
    )
    return cert, key


@pytest.mark.skipif(shutil.which("openssl") is None, reason="needs the openssl command")
async def test_tls_is_verified_with_httpx_s_trust(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cert, key = await asyncio.to_thread(self_signed, tmp_path)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    server = RawServer(lambda _n: ok(QUEUED), tls=context)
    try:
        # Not trusted (httpx's certifi bundle): refused before anything is sent.
        with pytest.raises(NetworkError, match="Cannot reach") as caught:
            await check(server)
        assert not caught.value.request_sent and server.heads == []
        # asyncio closes the refused connection's socket on a later turn of the loop;
        # this test's loop ends with the test (the app's runs on).
        await asyncio.sleep(0.05)
        # Trusted the way httpx lets a user trust it: checked over TLS, on the lean path.
        monkeypatch.setenv("SSL_CERT_FILE", str(cert))
        async with GenerationClient(server.base_url, KEY) as api:
            assert api._lean is not None
            assert (await api.fetch(Scope.IMAGES, "t1")).status is TaskStatus.QUEUED
        assert len(server.heads) == 1
    finally:
        server.close()


@pytest.mark.skipif(shutil.which("openssl") is None, reason="needs the openssl command")
async def test_closing_a_tls_connection_frees_its_socket_though_the_server_is_silent(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A TLS close waits for the server's reply (up to 30 s): a loop that ends sooner (the
    network thread's at exit, a test's) would never close the socket. Nothing is left to
    say on an idle connection, so it is dropped at once."""
    cert, key = await asyncio.to_thread(self_signed, tmp_path)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    server = RawServer(lambda _n: ok(QUEUED), tls=context)
    server.quiet = threading.Event()  # it reads no close_notify, and answers none
    monkeypatch.setenv("SSL_CERT_FILE", str(cert))
    try:
        api = GenerationClient(server.base_url, KEY)
        assert (await api.fetch(Scope.IMAGES, "t1")).status is TaskStatus.QUEUED
        assert api._lean is not None
        (connection,) = api._lean._idle
        transport = connection._transport
        assert transport is not None
        sock = transport.get_extra_info("socket")  # the TCP socket under TLS
        await api.aclose()
        for _ in range(10):  # a few turns of the loop, no waiting on the server
            await asyncio.sleep(0)
        assert sock.fileno() == -1
    finally:
        server.quiet.set()
        server.close()


async def test_a_submit_takes_the_lean_path_with_the_body_httpx_would_send(
    raw: RawServer,
) -> None:
    raw.script = lambda n: ok(b'{"task_id": "t9"}') if n == 1 else ok(QUEUED)
    request = GenerationRequest(Scope.IMAGES, "un phare à l’aube", "m", extra={"n": 1})
    async with GenerationClient(raw.base_url, KEY, submit_retries=0) as api:
        lean = api._lean
        assert lean is not None
        posted: list[str] = []
        post_json = lean.post_json

        async def spy(path: str, body: Any, max_bytes: int) -> Any:
            posted.append(path)
            return await post_json(path, body, max_bytes)

        lean.post_json = spy  # type: ignore[method-assign]
        assert await api.submit(request) == "t9"
        assert posted == ["/v2/images/generations"]
        await api.fetch(Scope.IMAGES, "t1")  # on the same connection
    head = raw.heads[0].decode()
    assert head.startswith("POST /v2/images/generations HTTP/1.1\r\n")
    assert f"Authorization: Bearer {KEY}" in head
    assert "Content-Type: application/json" in head
    expected = httpx.Request("POST", raw.base_url, json=request.to_body()).content
    assert raw.bodies[0] == expected and f"Content-Length: {len(expected)}" in head
    assert raw.connections == 1 and len(raw.heads) == 2


async def test_a_submit_whose_connection_breaks_after_sending_is_maybe_started_never_resent(
    raw: RawServer,
) -> None:
    raw.script = lambda _n: None  # read the whole request, then hang up without a word
    async with GenerationClient(raw.base_url, KEY, submit_retries=3) as api:
        with pytest.raises(SubmissionUnknownError, match="may have started"):
            await api.submit(GenerationRequest(Scope.IMAGES, "a kite", "m"))
    assert len(raw.heads) == 1 and raw.bodies[0]  # written once, whole


async def test_a_connection_the_server_closed_is_not_reused_even_before_the_loop_noticed() -> None:
    """The close has arrived but the loop has not run since: the next request (a submit,
    say) must not be written onto it."""
    from genstudio.api.keepalive import _Connection

    loop = asyncio.get_running_loop()
    ours, theirs = socket.socketpair()
    _, connection = await loop.create_connection(lambda: _Connection(loop), sock=ours)
    assert connection.fresh()
    theirs.close()  # the server hangs up; no turn of the loop in between
    assert not connection.fresh()
    connection.close()
