"""Deterministic fault injection for the simulator.

A fault hits the next ``count`` requests of one kind (submit, fetch, output, the
gateway's models, pricing, balance or billing, or any API call), or every such request
until a moment in time (an outage). Tests and the
``/_sim/faults`` control endpoint add them; the command line adds them at start.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal

Endpoint = Literal[
    "submit", "fetch", "output", "models", "pricing", "balance", "billing", "api", "any"
]
Kind = Literal["rate_limit", "server_error", "delay", "drop"]
Body = Literal["json", "empty", "html"]

KINDS: tuple[Kind, ...] = ("rate_limit", "server_error", "delay", "drop")
ENDPOINTS: tuple[Endpoint, ...] = (
    "submit",
    "fetch",
    "output",
    "models",
    "pricing",
    "balance",
    "billing",
    "api",
    "any",
)
BODIES: tuple[Body, ...] = ("json", "empty", "html")


@dataclass
class Fault:
    """One injected misbehaviour.

    ``rate_limit``: 429 with ``retry_after`` (seconds) if set, body ``json`` or ``empty``.
    ``server_error``: ``status`` (5xx) with a ``json``, ``html`` or ``empty`` body.
    ``delay``: answer normally after ``seconds``.
    ``drop``: close the connection without answering.
    """

    kind: Kind
    count: int = 1
    endpoint: Endpoint = "api"
    status: int = 503
    retry_after: float | None = None
    body: Body = "json"
    seconds: float = 0.0
    until: float | None = None  # monotonic time: an outage lasts until then, count ignored

    def matches(self, endpoint: str) -> bool:
        if self.endpoint == "any":
            return True
        if self.endpoint == "api":
            return endpoint in ("submit", "fetch")
        return self.endpoint == endpoint

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Fault:
        kind = data.get("kind")
        if kind not in KINDS:
            raise ValueError(f"kind must be one of {', '.join(KINDS)}")
        endpoint = data.get("endpoint", "api")
        if endpoint not in ENDPOINTS:
            raise ValueError(f"endpoint must be one of {', '.join(ENDPOINTS)}")
        body = data.get("body", "json")
        if body not in BODIES:
            raise ValueError(f"body must be one of {', '.join(BODIES)}")
        retry_after = data.get("retry_after")
        fault = cls(
            kind=kind,
            count=int(data.get("count", 1)),
            endpoint=endpoint,
            status=int(data.get("status", 503)),
            retry_after=float(retry_after) if retry_after is not None else None,
            body=body,
            seconds=float(data.get("seconds", 0.0)),
        )
        if data.get("for_seconds") is not None:
            fault.until = time.monotonic() + float(data["for_seconds"])
        return fault


class FaultPlan:
    """The queue of pending faults; thread-safe, consulted once per request."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._faults: list[Fault] = []

    def add(self, fault: Fault) -> None:
        with self._lock:
            self._faults.append(fault)

    def clear(self) -> None:
        with self._lock:
            self._faults.clear()

    def pending(self) -> int:
        with self._lock:
            return len(self._faults)

    def take(self, endpoint: str) -> Fault | None:
        """The fault that applies to this request, if any (and count it as used)."""
        now = time.monotonic()
        with self._lock:
            self._faults = [f for f in self._faults if f.until is None or f.until > now]
            for fault in self._faults:
                if not fault.matches(endpoint):
                    continue
                if fault.until is not None:
                    return fault
                if fault.count > 0:
                    fault.count -= 1
                    if fault.count == 0:
                        self._faults.remove(fault)
                    return fault
            return None


def fault_answer(fault: Fault) -> tuple[int, bytes, str, dict[str, str]]:
    """The status, body, content type and headers a rate-limit or server-error fault
    answers with."""
    headers: dict[str, str] = {}
    payload: dict[str, Any]
    if fault.kind == "rate_limit":
        status = 429
        if fault.retry_after is not None:
            headers["Retry-After"] = f"{fault.retry_after:g}"
        payload = {
            "error": {
                "message": "Too many requests, please slow down.",
                "type": "rate_limit_error",
                "code": "rate_limited",
            }
        }
    else:
        status = fault.status
        payload = {
            "error": {
                "message": "upstream service unavailable",
                "type": "server_error",
                "code": status,
            }
        }
    if fault.body == "empty":
        return status, b"", "text/plain", headers
    if fault.body == "html":
        html = (
            f"<html><head><title>{status} Bad Gateway</title></head><body>"
            "<center><h1>Bad Gateway</h1></center><hr>nginx</body></html>"
        )
        return status, html.encode(), "text/html", headers
    return status, json.dumps(payload).encode(), "application/json", headers
