"""The JSON sidecar beside each saved output: how it was made, and how to make it again."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from genstudio import __version__
from genstudio.api.request import GenerationRequest
from genstudio.atomic_json import write_json_atomically
from genstudio.i18n import translate

if TYPE_CHECKING:  # the downloads (http.client, certifi) load when one starts
    from genstudio.api.download import DownloadedFile
    from genstudio.tasks.record import TaskRecord


class SidecarError(ValueError):
    """The file is not a GenStudio sidecar; the message says so in words."""


def write_sidecar(record: TaskRecord, saved: DownloadedFile) -> Path:
    """``<file>.json`` beside the file, written to a temporary name and renamed."""
    target = saved.path.with_name(saved.path.name + ".json")
    write_json_atomically(target, sidecar_data(record, saved))
    return target


def sidecar_data(record: TaskRecord, saved: DownloadedFile) -> dict[str, Any]:
    """What a sidecar holds: the request without any key, the task and the file."""
    return {
        "generator": f"GenStudio {__version__}",
        "prompt": record.request.prompt,
        "model": record.request.model,
        "request": record.request.to_json_dict(),
        "task_id": record.task_id,
        "provider_profile": record.profile,
        "created_at": record.created_at,
        "submit_time": record.submit_time,
        "start_time": record.start_time,
        "finish_time": record.finish_time,
        "price_usd": record.price_usd,
        "source_url": saved.url,
        "file": saved.path.name,
        "size": saved.size,
        "sha256": saved.sha256,
        "content_type": saved.content_type,
    }


def read_sidecar(path: Path) -> GenerationRequest:
    """The request a sidecar describes ("Reuse settings" from a saved file)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise SidecarError(
            translate(
                "Messages",
                "{name} cannot be read: {problem}.",
            ).format(name=path.name, problem=exc)
        ) from exc
    except ValueError as exc:
        raise SidecarError(
            translate(
                "Messages",
                "{name} is not a GenStudio sidecar (it is not JSON).",
            ).format(name=path.name)
        ) from exc
    request = data.get("request") if isinstance(data, dict) else None
    if not isinstance(request, dict) or not request.get("prompt"):
        raise SidecarError(
            translate(
                "Messages",
                "{name} is not a GenStudio sidecar: it has no request to reuse. Pick the "
                ".json file saved beside an output.",
            ).format(name=path.name)
        )
    try:
        return GenerationRequest.from_json_dict(request)
    except (ValueError, TypeError) as exc:
        raise SidecarError(
            translate(
                "Messages",
                "{name} holds a request GenStudio cannot use: {problem}.",
            ).format(name=path.name, problem=exc)
        ) from exc
