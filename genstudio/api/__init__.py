"""The generation API: request and task types, JSON parsing, the async client, errors.

Nothing in this package imports Qt.
"""

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
from genstudio.api.request import GenerationRequest, InvalidRequestError
from genstudio.api.snapshot import Scope, TaskSnapshot, TaskStatus, parse_snapshot

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
