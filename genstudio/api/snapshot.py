"""The task snapshot: the fetch answer parsed, tolerantly, into typed values.

Parsing is total: any JSON value becomes a :class:`TaskSnapshot` or raises
:class:`BadResponseError`. Real servers send statuses in any case, progress as
``"45%"``, ``45`` or ``""``, times as 0 for "not yet", and outputs in ``data.output``
and/or ``data.outputs``.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from genstudio.api.errors import BadResponseError
from genstudio.api.kinds import TaskStatus
from genstudio.i18n import translate
from genstudio.printable import printable


@dataclass(frozen=True)
class TaskSnapshot:
    """One status answer for one task."""

    task_id: str
    status: TaskStatus
    progress: float | None = None
    fail_reason: str | None = None
    submit_time: float | None = None
    start_time: float | None = None
    finish_time: float | None = None
    outputs: tuple[str, ...] = ()
    raw: Mapping[str, Any] = field(default_factory=dict, compare=False, repr=False)

    @property
    def has_result(self) -> bool:
        """SUCCESS with at least one output URL: something to show and save."""
        return self.status is TaskStatus.SUCCESS and bool(self.outputs)

    @property
    def succeeded_without_output(self) -> bool:
        """SUCCESS but no output URL (content filters do this): not yet a result."""
        return self.status is TaskStatus.SUCCESS and not self.outputs

    @property
    def is_final(self) -> bool:
        """True when polling this task again cannot change the outcome."""
        return self.has_result or self.status is TaskStatus.FAILURE

    def to_json_dict(self) -> dict[str, Any]:
        """The typed fields as plain JSON values (for ``--json`` and the history)."""
        return {
            "task_id": self.task_id,
            "status": self.status.value,
            "progress": self.progress,
            "fail_reason": self.fail_reason,
            "submit_time": self.submit_time,
            "start_time": self.start_time,
            "finish_time": self.finish_time,
            "outputs": list(self.outputs),
        }


_NUMBER_RE = re.compile(r"^\s*([+-]?(?:\d+(?:\.\d*)?|\.\d+))\s*%?\s*$")


def parse_progress(value: object) -> float | None:
    """``"45%"``, ``45``, ``"45"`` -> 45.0; empty, missing or nonsense -> None."""
    if isinstance(value, bool) or value is None:
        return None
    number = _number(value, percent=True)
    if number is None or not math.isfinite(number):
        return None
    return min(100.0, max(0.0, number))


def _number(value: object, *, percent: bool = False) -> float | None:
    """A JSON number or numeric string as a float; None for anything else, including an
    integer of hundreds of digits (too large for a float)."""
    try:
        if isinstance(value, int | float):
            return float(value)
        if isinstance(value, str):
            if percent:
                match = _NUMBER_RE.match(value)
                return float(match.group(1)) if match else None
            return float(value.strip())
    except (ValueError, OverflowError):
        return None
    return None


_YEAR_10000 = 253_402_300_800.0  # 10000-01-01T00:00:00Z in Unix seconds


def parse_time(value: object) -> float | None:
    """Unix seconds; 0, negative, missing or unparsable -> None. Milliseconds tolerated."""
    if isinstance(value, bool) or value is None:
        return None
    number = _number(value)
    if number is None or not math.isfinite(number) or number <= 0:
        return None
    if number > 1e11:  # milliseconds since the epoch
        number /= 1000.0
    # Past the year 9999 no date can be made of it (the details pane would fail): unknown.
    return number if number < _YEAR_10000 else None


def _reason(value: object) -> str | None:
    """A failure reason, shown and printed as it came but with control characters escaped."""
    text = _text(value)
    return printable(text) if text is not None else None


def _text(value: object) -> str | None:
    """A human text field: strings as they are, structures as compact JSON."""
    if value is None:
        return None
    if isinstance(value, str):
        stripped = value.strip()
        return stripped or None
    try:
        return json.dumps(value, ensure_ascii=False, allow_nan=True)
    except (TypeError, ValueError):
        return str(value)


def _outputs(data: object) -> tuple[str, ...]:
    if not isinstance(data, Mapping):
        return ()
    found: list[str] = []
    single = data.get("output")
    if isinstance(single, str):
        found.append(single)
    many = data.get("outputs")
    if isinstance(many, list):
        found.extend(item for item in many if isinstance(item, str))
    seen: set[str] = set()
    result: list[str] = []
    for url in found:
        url = url.strip()
        if url and url not in seen:
            seen.add(url)
            result.append(url)
    return tuple(result)


def _looks_like_task(value: Mapping[str, Any]) -> bool:
    return "status" in value or "task_id" in value


def parse_snapshot(value: object, *, task_id: str | None = None) -> TaskSnapshot:
    """Parse a fetch answer. ``task_id`` fills in when the answer leaves it out."""
    try:
        return _parse_snapshot(value, task_id)
    except RecursionError:  # a fail_reason nested 100,000 deep cannot even be shown
        raise BadResponseError(
            translate("Messages", "The provider sent an answer GenStudio does not understand."),
            "the answer is nested too deeply",
        ) from None


def _parse_snapshot(value: object, task_id: str | None) -> TaskSnapshot:
    if not isinstance(value, Mapping):
        raise BadResponseError(
            translate(
                "Messages",
                "The provider sent an answer GenStudio does not understand.",
            ),
            f"expected a JSON object, got {type(value).__name__}",
        )
    body: Mapping[str, Any] = value
    # Some gateways wrap the task: {"code": "success", "data": {task...}}.
    inner = body.get("data")
    if not _looks_like_task(body) and isinstance(inner, Mapping) and _looks_like_task(inner):
        body = inner
    raw_id = body.get("task_id", body.get("id"))
    if isinstance(raw_id, str) and raw_id.strip():
        parsed_id = raw_id.strip()
    elif isinstance(raw_id, int) and not isinstance(raw_id, bool):
        parsed_id = str(raw_id)
    elif task_id:
        parsed_id = task_id
    else:
        raise BadResponseError(
            translate(
                "Messages",
                "The provider sent a task status without a task id.",
            ),
            f"answer keys: {sorted(str(k) for k in body)[:20]}",
        )
    if "status" not in body and "progress" not in body and "data" not in body:
        raise BadResponseError(
            translate(
                "Messages",
                "The provider sent an answer without a task status.",
            ),
            f"answer keys: {sorted(str(k) for k in body)[:20]}",
        )
    return TaskSnapshot(
        task_id=parsed_id,
        status=TaskStatus.parse(body.get("status")),
        progress=parse_progress(body.get("progress")),
        fail_reason=_reason(body.get("fail_reason")),
        submit_time=parse_time(body.get("submit_time")),
        start_time=parse_time(body.get("start_time")),
        finish_time=parse_time(body.get("finish_time")),
        outputs=_outputs(body.get("data")),
        raw=dict(value),
    )
