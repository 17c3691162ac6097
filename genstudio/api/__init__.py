"""The generation API: request and task types, JSON parsing, the async client, errors.

Nothing in this package imports Qt. The names below are read from their modules on
first use (PEP 562): importing one submodule (say ``snapshot``) must not load httpx,
which the window needs only once it talks to a provider, after its first paint.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from genstudio.api.base_url import normalize_base_url
    from genstudio.api.client import GenerationClient
    from genstudio.api.errors import (
        ApiError,
        AuthenticationError,
        BadResponseError,
        InvalidBaseUrlError,
        NetworkError,
        RateLimitedError,
        RequestRejectedError,
        ServerError,
        SubmissionUnknownError,
        TaskNotFoundError,
    )
    from genstudio.api.kinds import Scope, TaskStatus
    from genstudio.api.request import GenerationRequest, InvalidRequestError
    from genstudio.api.snapshot import TaskSnapshot, parse_snapshot

_HOMES = {
    "normalize_base_url": "base_url",
    "GenerationClient": "client",
    "ApiError": "errors",
    "AuthenticationError": "errors",
    "BadResponseError": "errors",
    "InvalidBaseUrlError": "errors",
    "NetworkError": "errors",
    "RateLimitedError": "errors",
    "RequestRejectedError": "errors",
    "ServerError": "errors",
    "SubmissionUnknownError": "errors",
    "TaskNotFoundError": "errors",
    "GenerationRequest": "request",
    "InvalidRequestError": "request",
    "Scope": "kinds",
    "TaskSnapshot": "snapshot",
    "TaskStatus": "kinds",
    "parse_snapshot": "snapshot",
}


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f"{__name__}.{home}"), name)


__all__ = [
    "ApiError",
    "AuthenticationError",
    "BadResponseError",
    "GenerationClient",
    "GenerationRequest",
    "InvalidBaseUrlError",
    "InvalidRequestError",
    "NetworkError",
    "RateLimitedError",
    "RequestRejectedError",
    "Scope",
    "ServerError",
    "SubmissionUnknownError",
    "TaskNotFoundError",
    "TaskSnapshot",
    "TaskStatus",
    "normalize_base_url",
    "parse_snapshot",
]
