"""A hand-written hostile provider on loopback: it answers submits and status checks
with whatever a test scripts (bodies no real server sends, answers that trickle in
one byte at a time), and records what it was asked."""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

KEY = "sk-hostile-0123456789abcdef"  # the key the tests give their clients


@dataclass
class Answer:
    """One answer: a status, a body, extra headers; ``trickle`` seconds between bytes
    (the body then also claims to be ``trickle_length`` bytes long, so it never ends)."""

    body: bytes = b""
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    trickle: float | None = None
    trickle_length: int = 100_000

    @classmethod
    def of(cls, value: object, status: int = 200) -> Answer:
        # Not ASCII-escaped: C1 controls and bidi overrides arrive raw, as JSON allows.
        return cls(json.dumps(value, ensure_ascii=False).encode(), status)


Script = Callable[[str, str], Answer]  # (method, path) -> the answer


class HostileProvider:
    def __init__(self, script: Script) -> None:
        self.script = script
        self.requests: list[tuple[str, str]] = []
        self._stop = threading.Event()
        provider = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self) -> None:
                self._answer("GET")

            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                self.rfile.read(length)
                self._answer("POST")

            def _answer(self, method: str) -> None:
                provider.requests.append((method, self.path))
                answer = provider.script(method, self.path)
                self.send_response(answer.status)
                self.send_header("Content-Type", "application/json")
                for name, value in answer.headers.items():
                    self.send_header(name, value)
                if answer.trickle is None:
                    self.send_header("Content-Length", str(len(answer.body)))
                    self.end_headers()
                    self.wfile.write(answer.body)
                    return
                self.send_header("Content-Length", str(answer.trickle_length))
                self.end_headers()
                self.close_connection = True
                try:
                    for byte in _forever(answer):
                        if provider._stop.wait(answer.trickle):
                            return
                        self.wfile.write(byte)
                        self.wfile.flush()
                except OSError:  # the client gave up: that is the point
                    return

            def log_message(self, *_args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.server.block_on_close = False
        self._thread = threading.Thread(
            target=self.server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
        )
        self._thread.start()

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def fetches(self) -> int:
        return sum(1 for method, _ in self.requests if method == "GET")

    def close(self) -> None:
        self._stop.set()
        self.server.shutdown()
        self.server.server_close()

    def __enter__(self) -> HostileProvider:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _forever(answer: Answer) -> Iterator[bytes]:
    for index in range(answer.trickle_length):
        yield answer.body[index : index + 1] or b" "


def deep(levels: int = 100_000) -> bytes:
    """A status answer whose failure reason nests ``levels`` lists deep."""
    return b'{"status": "FAILURE", "fail_reason": ' + b"[" * levels + b"]" * levels + b"}"


def huge_numbers(task_id: str = "t1", status: str = "IN_PROGRESS") -> bytes:
    """A status answer whose progress and times are integers of 4,000 digits (JSON
    allows them; Python reads them, but no float can hold them)."""
    huge = b"1" + b"0" * 4000
    return (
        b'{"task_id": "' + task_id.encode() + b'", "status": "' + status.encode() + b'", '
        b'"progress": ' + huge + b', "submit_time": ' + huge + b', "start_time": -' + huge + b"}"
    )
