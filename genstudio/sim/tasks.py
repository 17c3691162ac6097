"""The simulator's tasks: how each one moves from NOT_START to SUCCESS or FAILURE.

Prompt markers steer a task, so that a user (or a test) can provoke any outcome from
the window or the command line:

``[[fail]]`` / ``[[fail:reason]]`` / ``[[fail:zh]]`` / ``[[fail:json]]``
    ends in FAILURE with that reason (a policy message, Chinese text, raw JSON).
``[[reject]]``  the submit itself is refused with 400.
``[[no-output]]``  SUCCESS with no output URL.
``[[never]]``  stays IN_PROGRESS forever.
``[[seconds:N]]``  takes N seconds instead of the server's default.
``[[big:N]]``  a video output padded to N megabytes (for download benchmarks).
"""

from __future__ import annotations

import contextlib
import re
import secrets
import threading
import time
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

_MARKER_RE = re.compile(r"\[\[\s*([a-z\-]+)\s*(?::\s*([^\]]*))?\]\]", re.IGNORECASE)

POLICY_REASON = (
    "Your request was rejected by the safety system: the prompt may contain "
    "content that is not allowed."
)
ZH_REASON = "生成失败：提示词包含不允许的内容，请修改后重试。"
JSON_REASON = (
    '{"error":{"code":"upstream_error","message":"upstream returned 500: '
    'model overloaded","type":"upstream"}}'
)

# Fractions of the run time spent in each phase before IN_PROGRESS.
_NOT_START_END = 0.08
_QUEUED_END = 0.2


@dataclass(frozen=True)
class Markers:
    fail_reason: str | None = None
    reject: bool = False
    no_output: bool = False
    never: bool = False
    seconds: float | None = None
    big_mb: int | None = None


def parse_markers(prompt: str) -> Markers:
    fail_reason: str | None = None
    reject = no_output = never = False
    seconds: float | None = None
    big_mb: int | None = None
    for name, arg in _MARKER_RE.findall(prompt):
        name = name.lower()
        arg = arg.strip()
        if name == "fail":
            fail_reason = {"": POLICY_REASON, "zh": ZH_REASON, "json": JSON_REASON}.get(arg, arg)
        elif name == "reject":
            reject = True
        elif name == "no-output":
            no_output = True
        elif name == "never":
            never = True
        elif name == "seconds":
            with contextlib.suppress(ValueError):
                seconds = max(0.0, float(arg))
        elif name == "big":
            with contextlib.suppress(ValueError):
                big_mb = max(1, min(4096, int(arg)))
    return Markers(fail_reason, reject, no_output, never, seconds, big_mb)


def submit_problem(body: Mapping[str, Any]) -> tuple[int, dict[str, Any]] | None:
    """The 400 answer for a body a gateway would refuse, in its varied shapes."""
    prompt = body.get("prompt")
    if not isinstance(prompt, str) or not prompt.strip():
        return 400, {"code": "invalid_request", "message": "prompt is required", "data": None}
    model = body.get("model")
    if not isinstance(model, str) or not model.strip():
        return 400, {
            "error": {"message": "model is required", "type": "invalid_request_error", "code": None}
        }
    for key in ("images", "videos"):
        value = body.get(key)
        if value is not None and not (
            isinstance(value, list) and all(isinstance(v, str) for v in value)
        ):
            return 400, {
                "error": {
                    "message": f"{key} must be a list of strings",
                    "type": "invalid_request_error",
                }
            }
    return None


def new_task_id(scope: str, model: str) -> str:
    """Task ids in the shapes real servers use, so clients must encode them."""
    if scope == "videos":
        safe_model = re.sub(r"[^A-Za-z0-9.\-]", "", model)[:20] or "video"
        return f"{safe_model}:{int(time.time())}-{secrets.token_urlsafe(8)[:10]}"
    if scope == "audio":
        return f"cgt-{time.strftime('%Y%m%d%H%M%S')}-{secrets.token_hex(4)}"
    return str(uuid.uuid4())


@dataclass
class SimTask:
    task_id: str
    scope: str
    body: Mapping[str, Any]
    created: float  # server clock
    run_seconds: float
    markers: Markers
    token: str = field(default_factory=lambda: secrets.token_hex(8))
    fetches: int = 0

    @property
    def output_names(self) -> list[str]:
        if self.scope == "images":
            count = self.body.get("n", 1)
            n = count if isinstance(count, int) and 1 <= count <= 4 else 1
            return [f"{i}.png" for i in range(n)]
        if self.scope == "audio":
            return ["0.wav", "1.wav"]  # music models give two takes
        return ["0.mp4"]

    def view(self, now: float, output_base: str) -> dict[str, Any]:
        """The fetch answer at time ``now``."""
        elapsed = now - self.created
        fraction = elapsed / self.run_seconds if self.run_seconds > 0 else 1.0
        submit_time = int(self.created)
        answer: dict[str, Any] = {
            "task_id": self.task_id,
            "status": "NOT_START",
            "progress": "0%",
            "fail_reason": "",
            "submit_time": submit_time,
            "start_time": 0,
            "finish_time": 0,
            "platform": "genstudio-sim",
            "action": self.scope,
            "data": None,
        }
        if fraction < _NOT_START_END and not self.markers.never:
            return answer
        if fraction < _QUEUED_END and not self.markers.never:
            answer["status"] = "QUEUED"
            return answer
        answer["start_time"] = int(self.created + _QUEUED_END * self.run_seconds)
        if fraction < 1.0 or self.markers.never:
            running = (fraction - _QUEUED_END) / (1 - _QUEUED_END)
            answer["status"] = "IN_PROGRESS"
            answer["progress"] = f"{min(95, max(0, int(running * 100)))}%"
            return answer
        answer["finish_time"] = int(self.created + self.run_seconds)
        if self.markers.fail_reason is not None:
            answer["status"] = "FAILURE"
            answer["fail_reason"] = self.markers.fail_reason
            return answer
        answer["status"] = "SUCCESS"
        answer["progress"] = "100%"
        data: dict[str, Any] = {"model": self.body.get("model")}
        if not self.markers.no_output:
            urls = [f"{output_base}/files/{self.token}/{name}" for name in self.output_names]
            data["output"] = urls[0]
            if len(urls) > 1:
                data["outputs"] = urls
        if self.scope != "images":
            data["duration"] = self.body.get("duration")
        answer["data"] = data
        return answer


class TaskBook:
    """All tasks the simulator knows, by id and by output token; thread-safe."""

    def __init__(
        self,
        clock: Callable[[], float] = time.time,
        on_create: Callable[[SimTask], None] | None = None,
    ) -> None:
        self.clock = clock
        self._on_create = on_create  # e.g. the journal on disk
        self._lock = threading.Lock()
        self._by_id: dict[str, SimTask] = {}
        self._by_token: dict[str, SimTask] = {}

    def add(self, task: SimTask) -> None:
        """A task known from before (read back from the journal)."""
        with self._lock:
            self._by_id[task.task_id] = task
            self._by_token[task.token] = task

    def create(
        self, scope: str, body: Mapping[str, Any], run_seconds: float, markers: Markers
    ) -> SimTask:
        task = SimTask(
            task_id=new_task_id(scope, str(body.get("model", ""))),
            scope=scope,
            body=dict(body),
            created=self.clock(),
            run_seconds=markers.seconds if markers.seconds is not None else run_seconds,
            markers=markers,
        )
        if self._on_create is not None:
            self._on_create(task)  # on disk before the client hears of it
        self.add(task)
        return task

    def get(self, task_id: str) -> SimTask | None:
        with self._lock:
            task = self._by_id.get(task_id)
            if task:
                task.fetches += 1
            return task

    def by_token(self, token: str) -> SimTask | None:
        with self._lock:
            return self._by_token.get(token)

    def fetch_counts(self) -> dict[str, int]:
        with self._lock:
            return {task_id: task.fetches for task_id, task in self._by_id.items()}

    def __len__(self) -> int:
        with self._lock:
            return len(self._by_id)
