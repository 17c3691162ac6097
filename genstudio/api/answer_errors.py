"""What a provider's answer means: its JSON, or the error its status stands for, in the
user's words, with the API key hidden from every detail (the server may echo it)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from genstudio.api.answers import (
    Redactor,
    TooDeepError,
    decode_json,
    parse_retry_after,
    server_message,
    shorten,
)
from genstudio.api.errors import (
    AuthenticationError,
    BadResponseError,
    RateLimitedError,
    RequestRejectedError,
    ServerError,
    TaskNotFoundError,
)
from genstudio.i18n import translate

if TYPE_CHECKING:
    from genstudio.api.keepalive import Reply


def answer_json(response: Reply, redactor: Redactor) -> object:
    """The answer's JSON; an answer that is not JSON (or nests too deep) is a
    :class:`BadResponseError` saying so, with the key hidden from its details."""
    try:
        return decode_json(response.content)
    except TooDeepError as exc:
        raise BadResponseError(
            translate("Messages", "The provider sent an answer GenStudio does not understand."),
            str(exc),
            response.status_code,
        ) from None
    except ValueError as exc:
        raise BadResponseError(
            translate(
                "Messages",
                "The provider sent an answer that is not JSON; the address may point to "
                "a web page rather than the API.",
            ),
            redactor.text(f"{exc}; body: {response.text[:300]!r}"),
            response.status_code,
        ) from None


def raise_for_status(response: Reply, redactor: Redactor, *, fetching: bool) -> None:
    """Nothing for a 2xx answer; else the error it means, in the user's words."""
    status = response.status_code
    if 200 <= status < 300:
        return
    code, message = _server_message(response, redactor)
    details = f"{response.method} {response.path}: {message}"
    if status in (401, 403):
        raise AuthenticationError(
            translate(
                "Messages",
                "The provider refused the API key (HTTP {status}). Check the key, or set "
                "a new one.",
            ).format(status=status),
            details,
            status,
        )
    if status == 429:
        retry_after = parse_retry_after(response.headers.get("retry-after"))
        raise RateLimitedError(
            translate(
                "Messages",
                "The provider is limiting requests (HTTP 429); GenStudio will slow down.",
            ),
            details,
            status,
            retry_after=retry_after,
        )
    if status >= 500:
        raise ServerError(
            translate(
                "Messages",
                "The provider had a problem (HTTP {status}). This is usually brief; "
                "try again in a moment.",
            ).format(status=status),
            details,
            status,
        )
    if fetching and (status == 404 or code == "task_not_exist"):
        raise TaskNotFoundError(
            translate(
                "Messages",
                "The provider does not know this task. It may belong to another key or "
                "provider, or it has been deleted.",
            ),
            details,
            status,
        )
    if status == 404:
        raise RequestRejectedError(
            translate(
                "Messages",
                "The provider has no such endpoint (HTTP 404): check the provider address.",
            ),
            details,
            status,
            server_message=message,
        )
    shown = message if message else f"HTTP {status}"
    raise RequestRejectedError(
        translate(
            "Messages",
            "The provider rejected the request: {reason}",
        ).format(reason=shorten(shown, 300)),
        details,
        status,
        server_message=message,
    )


def _server_message(response: Reply, redactor: Redactor) -> tuple[str, str]:
    """The server's own (code, message), with the key hidden (also where the body
    spelled it with JSON escapes) and control characters escaped."""
    code, message = server_message(redactor.text(response.text.strip()))
    return code, redactor.text(message)
