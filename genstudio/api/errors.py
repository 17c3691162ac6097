"""The protocol layer's errors: a sentence for the user, details for the log.

Every error carries ``user_message`` (what happened and what to do, in words) and
``details`` (status code, the server's own text) for logs and "show details". Neither
ever contains the API key: the client redacts server text before it gets here.
"""

from __future__ import annotations

import time


class ApiError(Exception):
    """Base of every error the protocol layer raises."""

    def __init__(self, user_message: str, details: str = "", status_code: int | None = None):
        super().__init__(user_message)
        self.user_message = user_message
        self.details = details
        self.status_code = status_code

    def __str__(self) -> str:
        return self.user_message

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.user_message!r}, status_code={self.status_code!r})"

    def log_text(self) -> str:
        """One line for a log file: the sentence plus the technical details."""
        parts = [self.user_message]
        if self.status_code is not None:
            parts.append(f"HTTP {self.status_code}")
        if self.details:
            parts.append(self.details)
        return " | ".join(parts)


class InvalidBaseUrlError(ApiError, ValueError):
    """The provider address typed by the user cannot be used."""


class AuthenticationError(ApiError):
    """401/403: the provider refused the API key."""


class RateLimitedError(ApiError):
    """429: too many requests; ``retry_after`` is the server's hint in seconds, if any."""

    def __init__(
        self,
        user_message: str,
        details: str = "",
        status_code: int | None = 429,
        retry_after: float | None = None,
    ):
        super().__init__(user_message, details, status_code)
        self.retry_after = retry_after


class ServerError(ApiError):
    """5xx: trouble at the provider or a gateway in front of it."""


class RequestRejectedError(ApiError):
    """Another 4xx: the provider refused the request; ``server_message`` says why."""

    def __init__(
        self,
        user_message: str,
        details: str = "",
        status_code: int | None = None,
        server_message: str = "",
    ):
        super().__init__(user_message, details, status_code)
        self.server_message = server_message


class TaskNotFoundError(ApiError):
    """404, or 400 with ``task_not_exist``: the provider does not know this task id."""


class NetworkError(ApiError):
    """The provider could not be reached: DNS, refused connection, timeouts.

    ``request_sent`` tells whether the request may have reached the server (a read
    timeout or a broken connection) or certainly did not (DNS, refused, connect timeout).
    """

    def __init__(self, user_message: str, details: str = "", *, request_sent: bool = True):
        super().__init__(user_message, details)
        self.request_sent = request_sent


class BadResponseError(ApiError):
    """The provider answered with something that is not the expected JSON."""


class DownloadError(ApiError):
    """An output file could not be downloaded."""


class PermanentDownloadError(DownloadError):
    """Trying the same link again would not help: said once, never retried."""


class OutputTooLargeError(PermanentDownloadError):
    """The output is over the size limit; only a higher limit helps."""


class UnusableLinkError(PermanentDownloadError):
    """The output link is not an http(s) link, or leads to an address GenStudio never
    fetches from (link-local, unspecified, multicast, or private without a private
    provider). Nothing the user does makes this link usable."""


class FolderWriteError(DownloadError):
    """The output arrived but could not be written into ``folder``.

    ``cause`` is ``full``, ``read_only``, ``missing`` or ``other``; ``needed`` the bytes
    the file needs (its declared size, else what had arrived), when known.
    """

    def __init__(
        self,
        user_message: str,
        details: str,
        *,
        folder: str,
        cause: str,
        needed: int | None,
        problem: str,
    ):
        super().__init__(user_message, details)
        self.folder = folder
        self.cause = cause
        self.needed = needed
        self.problem = problem


class LinkExpiredError(DownloadError):
    """The output host answered 403/404/410: the output URL has expired."""


class SubmissionUnknownError(ApiError):
    """The submit may or may not have created a (paid) task at the provider.

    Raised after a read timeout or a 5xx on submit: the request went out, so the
    client never resubmits by itself. ``cause`` is the error that was seen.
    """

    def __init__(
        self,
        user_message: str,
        cause: ApiError,
        *,
        scope: str = "",
        model: str = "",
        sent_at: float | None = None,
    ):
        known = ""
        if scope or model:
            when = time.strftime("%H:%M:%S", time.localtime(sent_at)) if sent_at else "?"
            known = f" The {scope} request for model {model} was sent at {when}."
        super().__init__(user_message + known, cause.log_text(), cause.status_code)
        self.cause = cause
        self.scope = scope
        self.model = model
        self.sent_at = sent_at
