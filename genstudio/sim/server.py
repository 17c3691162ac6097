"""The provider simulator: a real HTTP/1.1 server on loopback that speaks the API.

It is the app's built-in demo and the server every end-to-end test talks to. Start it
from code with :class:`Simulator` (ephemeral port) or with ``genstudio-cli sim``.
"""

from __future__ import annotations

import dataclasses
import json
import logging
import sys
import threading
import time
from collections import OrderedDict
from collections.abc import Mapping
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from genstudio import __version__
from genstudio.sim.account import ACCOUNT_ROUTES, Account, balance_from, default_models
from genstudio.sim.faults import Fault, FaultPlan, fault_answer
from genstudio.sim.journal import TaskJournal
from genstudio.sim.media import clip_for, image_size, render_png, render_wav
from genstudio.sim.tasks import POLICY_REASON, SimTask, TaskBook, parse_markers, submit_problem

log = logging.getLogger(__name__)

SCOPES = ("images", "videos", "audio")
DEMO_KEY = "sk-genstudio-demo"
MAX_BODY = 64 * 1024 * 1024


@dataclass
class SimulatorConfig:
    host: str = "127.0.0.1"
    port: int = 0  # 0: an ephemeral port
    api_key: str = DEMO_KEY
    task_seconds: float = 4.0
    unknown_task_status: int = 400  # 400 {"code": "task_not_exist"} or 404
    auth_status: int = 401
    latency: float = 0.0  # added to every API answer
    # Created, not yet answered: a client killed then has paid for an id it never heard.
    answer_delay: float = 0.0
    never_finish: bool = False
    no_output: bool = False
    output_rate: float | None = None  # bytes per second for output files; None: full speed
    faults: list[Fault] = field(default_factory=list)
    # A folder for the task book: a simulator restarted on it knows its earlier tasks.
    state_dir: Path | None = None
    # The gateway side (model list, prices, balance; sim/account.py).
    models: tuple[str, ...] | None = None  # None: every priced model but two
    prices: Mapping[str, float] | None = None  # None: account.PRICES
    balance_usd: float = 25.0
    absent: frozenset[str] = frozenset()  # of "models", "pricing", "balance", "billing": 404
    extras_latency: float = 0.0  # added to those four endpoints only


@dataclass(frozen=True)
class OutputRequest:
    path: str
    had_authorization: bool


class Simulator:
    """Owns the HTTP server, its thread, the tasks and the fault plan."""

    def __init__(self, config: SimulatorConfig | None = None) -> None:
        self.config = config or SimulatorConfig()
        journal = TaskJournal(self.config.state_dir) if self.config.state_dir else None
        self.tasks = TaskBook(on_create=journal.append if journal else None)
        if journal is not None:
            for task in journal.load():
                self.tasks.add(task)
        self.faults = FaultPlan()
        self.account = Account(self.config.balance_usd, self.config.prices, self.tasks.clock)
        for fault in self.config.faults:
            self.faults.add(fault)
        self.output_requests: list[OutputRequest] = []
        self.counts: dict[str, int] = {
            "submit": 0,
            "fetch": 0,
            "output": 0,
            "models": 0,
            "pricing": 0,
            "balance": 0,
            "billing": 0,
        }
        self._lock = threading.Lock()
        self._media: OrderedDict[tuple[str, str], tuple[bytes, str]] = OrderedDict()
        self._server: _Server | None = None
        self._thread: threading.Thread | None = None

    # -- lifecycle ----------------------------------------------------------------------

    def start(self) -> Simulator:
        server = _Server((self.config.host, self.config.port), _Handler)
        server.sim = self
        self._server = server
        self._thread = threading.Thread(
            target=server.serve_forever,
            kwargs={"poll_interval": 0.02},
            name="genstudio-sim",
            daemon=True,
        )
        self._thread.start()
        log.info("simulator listening on %s", self.base_url)
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None
        if self._thread is not None:
            self._thread.join(timeout=5)
            self._thread = None

    def __enter__(self) -> Simulator:
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    @property
    def port(self) -> int:
        if self._server is None:
            raise RuntimeError("the simulator is not running")
        return int(self._server.server_address[1])

    @property
    def base_url(self) -> str:
        return f"http://{self.config.host}:{self.port}"

    # -- what tests look at ---------------------------------------------------------------

    def inject(self, fault: Fault) -> None:
        self.faults.add(fault)

    @property
    def authorization_seen_on_outputs(self) -> bool:
        with self._lock:
            return any(r.had_authorization for r in self.output_requests)

    def stats(self) -> dict[str, Any]:
        with self._lock:
            counts = dict(self.counts)
            outputs_with_auth = sum(r.had_authorization for r in self.output_requests)
        return {
            **counts,
            "tasks": len(self.tasks),
            "outputs_with_authorization": outputs_with_auth,
            "pending_faults": self.faults.pending(),
            "fetches_per_task": self.tasks.fetch_counts(),
        }

    def count(self, what: str) -> None:
        with self._lock:
            self.counts[what] = self.counts.get(what, 0) + 1

    def record_output(self, path: str, had_authorization: bool) -> None:
        with self._lock:
            self.output_requests.append(OutputRequest(path, had_authorization))

    def media(self, task: SimTask, name: str) -> tuple[bytes, str] | None:
        """The bytes and content type of one output, made on first request."""
        key = (task.token, name)
        with self._lock:
            if key in self._media:
                self._media.move_to_end(key)
                return self._media[key]
        if name not in task.output_names:
            return None
        body = task.body
        index = int(name.split(".")[0])
        if task.scope == "images":
            w, h = image_size(body.get("size"), body.get("aspect_ratio", body.get("ratio")))
            result = (render_png(str(body.get("prompt", "")), w, h), "image/png")
        elif task.scope == "audio":
            seconds = _number(body.get("duration"), 6.0)
            result = (render_wav(seconds, index), "audio/wav")
        else:
            clip = clip_for(body.get("aspect_ratio", body.get("ratio")), body.get("size"))
            data = clip.read_bytes()
            if task.markers.big_mb:  # a playable start, padded with zeros to the size asked
                data += bytes(task.markers.big_mb * 1024 * 1024 - len(data))
            result = (data, "video/mp4")
        with self._lock:
            self._media[key] = result
            while len(self._media) > 64:
                self._media.popitem(last=False)
        return result


def _number(value: object, default: float) -> float:
    try:
        return float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return default


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False  # idle keep-alive connections must not hold up stop()
    request_queue_size = 256  # the default 5 drops bursts of new connections (1 s SYN retry)
    sim: Simulator

    def handle_error(self, request: Any, client_address: Any) -> None:
        # A client hanging up mid-request is normal weather, not a traceback on stderr.
        error = sys.exc_info()[1]
        if isinstance(error, ConnectionError | TimeoutError):
            log.debug("client %s went away: %s", client_address, error)
            return
        super().handle_error(request, client_address)


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive
    server_version = f"GenStudioSim/{__version__}"
    timeout = 30  # idle keep-alive connections close after this
    # Headers and body go out in two writes; with Nagle on, the body would wait for
    # the client's delayed ACK (~40 ms) on every keep-alive answer.
    disable_nagle_algorithm = True
    server: _Server
    _body = b""

    def log_message(self, format: str, *args: Any) -> None:
        log.debug("%s " + format, self.address_string(), *args)

    # -- dispatch -------------------------------------------------------------------------

    def do_GET(self) -> None:
        self._dispatch("GET")

    def do_POST(self) -> None:
        self._dispatch("POST")

    def do_DELETE(self) -> None:
        self._dispatch("DELETE")

    def _dispatch(self, method: str) -> None:
        sim = self.server.sim
        raw_path = urlsplit(self.path).path
        parts = raw_path.strip("/").split("/")
        length = self._content_length()
        if length > MAX_BODY:
            self.close_connection = True
            self._error_json(413, "too_large", "request body too large")
            return
        # Read the whole body first: on a keep-alive connection an unread body would
        # be taken for the next request.
        self._body = self.rfile.read(length) if length else b""
        try:
            if parts[0] == "_sim":
                self._control(method, parts[1:])
            elif method == "GET" and raw_path.rstrip("/") in ACCOUNT_ROUTES:
                self._account(ACCOUNT_ROUTES[raw_path.rstrip("/")], raw_path.rstrip("/"))
            elif parts[0] == "files" and method == "GET" and len(parts) == 3:
                self._output(parts[1], parts[2])
            elif parts[0] == "v2" and len(parts) in (3, 4) and parts[2] == "generations":
                scope = parts[1]
                endpoint = "submit" if len(parts) == 3 else "fetch"
                if (endpoint == "submit") != (method == "POST") or method == "DELETE":
                    self._error_json(405, "method_not_allowed", f"{method} is not allowed here")
                    return
                if self._apply_fault(endpoint):
                    return
                if sim.config.latency:
                    time.sleep(sim.config.latency)
                if not self._authorized():
                    return
                if scope not in SCOPES:
                    self._error_json(404, "not_found", f"unknown scope {scope!r}")
                elif endpoint == "submit":
                    self._submit(scope)
                else:
                    self._fetch(scope, unquote(parts[3]))
            else:
                self._error_json(404, "not_found", f"no route for {method} {raw_path}")
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True

    # -- endpoints -------------------------------------------------------------------------

    def _submit(self, scope: str) -> None:
        sim = self.server.sim
        sim.count("submit")
        body = self._read_json()
        if body is None:
            return
        problem = submit_problem(body)
        if problem is not None:
            self._send_json(*problem)
            return
        prompt, model = str(body["prompt"]), str(body["model"])
        markers = parse_markers(prompt)
        if markers.reject:
            self._send_json(
                400, {"code": "content_policy_violation", "message": POLICY_REASON, "data": None}
            )
            return
        if sim.config.never_finish:
            markers = dataclasses.replace(markers, never=True)
        if sim.config.no_output:
            markers = dataclasses.replace(markers, no_output=True)
        quota = sim.account.reserve(model)
        if quota is None:
            self._send_json(
                403,
                {
                    "error": {
                        "message": "insufficient user quota",
                        "type": "new_api_error",
                        "code": "insufficient_user_quota",
                    }
                },
            )
            return
        try:
            task = sim.tasks.create(scope, body, sim.config.task_seconds, markers)
        except OSError as exc:  # the state folder cannot be written: nothing was created
            sim.account.release(quota)
            self._error_json(503, "state_not_saved", f"task not saved: {exc}")
            return
        if markers.fail_reason is not None and not markers.never:  # as SimTask.view fails it
            sim.account.refund_at(task.created + task.run_seconds, quota)
        if sim.config.answer_delay:
            time.sleep(sim.config.answer_delay)
        self._send_json(200, {"task_id": task.task_id})

    def _fetch(self, scope: str, task_id: str) -> None:
        sim = self.server.sim
        sim.count("fetch")
        task = sim.tasks.get(task_id)
        if task is None:
            if sim.config.unknown_task_status == 404:
                self._send_json(
                    404, {"error": {"message": "task not found", "type": "not_found_error"}}
                )
            else:
                self._send_json(
                    400, {"code": "task_not_exist", "message": "task_not_exist", "data": None}
                )
            return
        host = self.headers.get("Host") or f"{sim.config.host}:{sim.port}"
        self._send_json(200, task.view(sim.tasks.clock(), f"http://{host}"))

    def _output(self, token: str, name: str) -> None:
        sim = self.server.sim
        sim.count("output")
        sim.record_output(self.path, "Authorization" in self.headers)
        if self._apply_fault("output"):
            return
        task = sim.tasks.by_token(token)
        media = sim.media(task, name) if task else None
        if media is None:
            self._send(404, b"Not Found", "text/plain")
            return
        data, content_type = media
        rate = sim.config.output_rate
        if not rate:
            self._send(200, data, content_type)
            return
        # Throttled, as a far-away CDN would send it: twenty slices a second.
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        step = max(1, int(rate / 20))
        for start in range(0, len(data), step):
            self.wfile.write(data[start : start + step])
            self.wfile.flush()
            time.sleep(0.05)

    def _control(self, method: str, parts: list[str]) -> None:
        sim = self.server.sim
        if parts == ["stats"] and method == "GET":
            self._send_json(200, sim.stats())
        elif parts == ["faults"] and method == "POST":
            body = self._read_json(any_json=True)
            if body is None:
                return
            items = body if isinstance(body, list) else [body]
            try:
                faults = [Fault.from_json(item) for item in items]
            except (ValueError, TypeError, AttributeError) as exc:
                self._error_json(400, "bad_fault", str(exc))
                return
            for fault in faults:
                sim.inject(fault)
            self._send_json(200, {"pending_faults": sim.faults.pending()})
        elif parts == ["account"] and method == "POST":
            body = self._read_json()
            if body is None:
                return
            balance = balance_from(body)
            if balance is None:
                self._error_json(400, "bad_account", "balance_usd must be a number >= 0")
                return
            sim.account.set_balance(balance)
            self._send_json(200, sim.account.usage())
        elif parts == ["faults"] and method == "DELETE":
            sim.faults.clear()
            self._send_json(200, {"pending_faults": 0})
        else:
            self._error_json(404, "not_found", "unknown control endpoint")

    def _account(self, endpoint: str, path: str) -> None:
        """The gateway's endpoints beside the format (sim/account.py)."""
        sim = self.server.sim
        sim.count(endpoint)
        if self._apply_fault(endpoint):
            return
        if sim.config.extras_latency:
            time.sleep(sim.config.extras_latency)
        if endpoint in sim.config.absent:
            if endpoint == "pricing":  # a web server's own page, as a gateway without it sends
                self._send(404, b"<html><body><h1>404 Not Found</h1></body></html>", "text/html")
            else:
                self._error_json(404, "not_found", f"no route for GET {path}")
            return
        if endpoint != "pricing" and not self._authorized():
            return
        models = sim.config.models if sim.config.models is not None else default_models()
        self._send_json(200, sim.account.answer(endpoint, path, models))

    # -- helpers ---------------------------------------------------------------------------

    def _apply_fault(self, endpoint: str) -> bool:
        """Apply an injected fault; True when the request has been answered (or dropped)."""
        fault = self.server.sim.faults.take(endpoint)
        if fault is None:
            return False
        if fault.kind == "delay":
            time.sleep(fault.seconds)
            return False
        if fault.kind == "drop":
            self.close_connection = True
            return True
        status, data, content_type, headers = fault_answer(fault)
        self._send(status, data, content_type, headers)
        return True

    def _authorized(self) -> bool:
        sim = self.server.sim
        header = self.headers.get("Authorization", "")
        scheme, _, given = header.partition(" ")
        if scheme.lower() == "bearer" and given.strip() == sim.config.api_key:
            return True
        # Real gateways echo the key they got; the client must keep it out of messages.
        shown = given.strip() or "(none)"
        self._send_json(
            sim.config.auth_status,
            {
                "error": {
                    "message": f"Invalid token: {shown}",
                    "type": "authentication_error",
                    "code": "invalid_api_key",
                }
            },
        )
        return False

    def _content_length(self) -> int:
        try:
            return max(0, int(self.headers.get("Content-Length", "0")))
        except ValueError:
            return 0

    def _read_json(self, any_json: bool = False) -> Any:
        try:
            body = json.loads(self._body)
        except ValueError:
            self._error_json(400, "invalid_json", "request body is not valid JSON")
            return None
        if not any_json and not isinstance(body, Mapping):
            self._error_json(400, "invalid_json", "request body must be a JSON object")
            return None
        return body

    def _error_json(self, status: int, code: str, message: str) -> None:
        self._send_json(status, {"code": code, "message": message, "data": None})

    def _send_json(self, status: int, payload: object) -> None:
        self._send(status, json.dumps(payload, ensure_ascii=False).encode(), "application/json")

    def _send(
        self, status: int, data: bytes, content_type: str, headers: Mapping[str, str] | None = None
    ) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(data)
