"""The simulator's task book on disk, so that a restarted simulator knows its tasks.

One JSON line per accepted task, appended and flushed before the task id is answered:
a task the client has heard of is on disk. A line cut short by a kill is skipped.
Bodies keep only small values (a reference image sent as base64 is dropped): the
simulator needs the prompt, model and shape fields to answer and to draw outputs.
"""

from __future__ import annotations

import dataclasses
import json
import logging
import threading
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from genstudio.sim.tasks import Markers, SimTask

log = logging.getLogger(__name__)

FILE_NAME = "tasks.jsonl"
_MAX_VALUE_CHARS = 4096


def _small_body(body: Mapping[str, Any]) -> dict[str, Any]:
    kept = {}
    for key, value in body.items():
        try:
            text = json.dumps(value)
        except (TypeError, ValueError):
            continue
        if len(text) <= _MAX_VALUE_CHARS:
            kept[key] = value
    return kept


class TaskJournal:
    """Appends tasks to ``DIR/tasks.jsonl`` and reads them back; thread-safe."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.path = folder / FILE_NAME
        self._lock = threading.Lock()

    def load(self) -> Iterator[SimTask]:
        try:
            lines = self.path.read_text(encoding="utf-8").splitlines()
        except FileNotFoundError:
            return
        except OSError as exc:  # not a folder, unreadable: start empty, say why
            log.warning("task book %s not read: %s", self.path, exc)
            return
        for number, line in enumerate(lines, 1):
            if not line.strip():
                continue
            try:
                raw = json.loads(line)
                yield SimTask(
                    task_id=str(raw["task_id"]),
                    scope=str(raw["scope"]),
                    body=dict(raw["body"]),
                    created=float(raw["created"]),
                    run_seconds=float(raw["run_seconds"]),
                    markers=Markers(**raw["markers"]),
                    token=str(raw["token"]),
                )
            except (ValueError, KeyError, TypeError) as exc:
                log.warning("%s line %d skipped: %s", self.path, number, exc)

    def append(self, task: SimTask) -> None:
        line = json.dumps(
            {
                "task_id": task.task_id,
                "scope": task.scope,
                "body": _small_body(task.body),
                "created": task.created,
                "run_seconds": task.run_seconds,
                "markers": dataclasses.asdict(task.markers),
                "token": task.token,
            },
            ensure_ascii=False,
        )
        with self._lock:
            self.folder.mkdir(parents=True, exist_ok=True)
            with self.path.open("a", encoding="utf-8") as file:
                # A line of its own even after a torn one from a killed run.
                if file.tell() > 0 and not self._ends_with_newline():
                    file.write("\n")
                file.write(line + "\n")
                file.flush()

    def _ends_with_newline(self) -> bool:
        with self.path.open("rb") as file:
            file.seek(-1, 2)
            return file.read(1) == b"\n"
