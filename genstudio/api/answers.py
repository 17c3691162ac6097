"""What comes back from a provider, read totally and made safe to keep.

A body becomes a JSON value or a ``ValueError`` saying why not: whatever its nesting,
size or numbers (:func:`decode_json`). Anything in it that holds the API key has the
key hidden (:class:`Redactor`) before it is stored, shown, logged or written, and the
server's own error message comes out with its control characters escaped
(:func:`server_message`).
"""

from __future__ import annotations

import json
import logging
import re
import time
from collections.abc import Awaitable, Mapping
from typing import TypeVar
from urllib.parse import quote

from genstudio.api.errors import ApiError, BadResponseError, SubmissionUnknownError
from genstudio.i18n import translate
from genstudio.printable import printable

log = logging.getLogger(__name__)
_T = TypeVar("_T")

#: Deeper than any real answer (a price list is four levels): deeper is hostile, and
#: would make later steps recurse past Python's limit.
MAX_DEPTH = 64
#: A status or submit answer is a few hundred bytes; this leaves room for any extras.
MAX_ANSWER_BYTES = 8 * 1024 * 1024
HIDDEN = "[key hidden]"


class TooDeepError(ValueError):
    """The answer nests deeper than any real one."""


def decode_json(content: bytes | str) -> object:
    """The JSON value of an answer; ``ValueError`` (with the reason) for anything that is
    not JSON, is nested deeper than :data:`MAX_DEPTH`, or has an integer of thousands of
    digits (Python refuses those); :class:`TooDeepError` for the nesting."""
    try:
        value = json.loads(content)
    except RecursionError:
        raise TooDeepError("the answer is nested too deeply to read") from None
    except UnicodeDecodeError as exc:  # a ValueError, but its text is long and unhelpful
        raise ValueError(f"the answer is not text ({exc.reason})") from None
    if _depth_over(value, MAX_DEPTH):
        raise TooDeepError(f"the answer is nested more than {MAX_DEPTH} levels deep")
    return value


def _depth_over(value: object, limit: int) -> bool:
    """Whether ``value`` nests deeper than ``limit``; iterative, so it cannot recurse."""
    stack: list[tuple[object, int]] = [(value, 0)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict | list):
            if depth >= limit:
                return True
            children = item.values() if isinstance(item, dict) else item
            stack.extend((child, depth + 1) for child in children)
    return False


class Redactor:
    """Hides one API key (as typed, and percent-encoded as in a URL) in server text."""

    def __init__(self, key: str) -> None:
        forms = {key, quote(key, safe="")} if len(key) >= 4 else set()
        self._forms = sorted(forms, key=len, reverse=True)

    def holds_key(self, text: str) -> bool:
        return any(form in text for form in self._forms)

    def text(self, text: str) -> str:
        for form in self._forms:
            text = text.replace(form, HIDDEN)
        return text

    def value(self, value: object) -> object:
        """A decoded answer with the key hidden in every string, keys of objects included
        (nesting is bounded by :func:`decode_json`)."""
        if not self._forms:
            return value
        if isinstance(value, str):
            return self.text(value)
        if isinstance(value, list):
            return [self.value(item) for item in value]
        if isinstance(value, dict):
            return {self.text(str(k)): self.value(v) for k, v in value.items()}
        return value


def server_message(text: str) -> tuple[str, str]:
    """The server's own (code, message) from an error body: either JSON error shape, an
    HTML page's title, or the raw text; control characters escaped."""
    try:
        payload = decode_json(text) if text else None
    except ValueError:
        payload = None
    code = ""
    message = ""
    if isinstance(payload, Mapping):
        error = payload.get("error")
        if isinstance(error, Mapping):
            message = _as_text(error.get("message"))
            code = _as_text(error.get("code")) or _as_text(error.get("type"))
        elif isinstance(error, str):
            message = error
        if not message:
            message = _as_text(payload.get("message")) or _as_text(payload.get("detail"))
        code = code or _as_text(payload.get("code"))
    if not message:
        message = _strip_html(text)
    return printable(code), printable(shorten(message, 2000))


def _as_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value.strip()
    try:
        return json.dumps(value, ensure_ascii=False)
    except ValueError:  # an integer past Python's digit limit
        return ""


def _strip_html(text: str) -> str:
    if "<" not in text:
        return text
    title = re.search(r"<title[^>]*>(.*?)</title>", text, re.IGNORECASE | re.DOTALL)
    if title:
        return title.group(1).strip()
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", text)).strip()


def shorten(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def parse_retry_after(value: str | None) -> float | None:
    """``Retry-After`` as seconds: a number, or an HTTP date; nonsense -> None."""
    if not value:
        return None
    value = value.strip()
    try:
        seconds = float(value)
    except ValueError:
        import email.utils  # a date here is rare: not loaded with the window

        try:
            when = email.utils.parsedate_to_datetime(value)
        except (TypeError, ValueError, OverflowError):
            return None
        seconds = when.timestamp() - time.time()
    if seconds != seconds:  # NaN
        return None
    return max(0.0, seconds)


def states_an_id(payload: object) -> bool:
    """Whether the answer names its task in ``task_id`` (directly or under ``data``): an
    ``id`` alone may be the gateway's own row number, not the task's id."""
    if not isinstance(payload, Mapping):
        return False
    inner = payload.get("data")
    return "task_id" in payload or (isinstance(inner, Mapping) and "task_id" in inner)


async def guarded(call: Awaitable[_T], *, submitting: bool = False) -> _T:
    """``call``'s result, with any exception that is not an :class:`ApiError` (an answer
    nobody foresaw, a bug) turned into one, its traceback in the log: a task is never
    left waiting for a check that no one will make. For a submit it is "Submission
    unknown": the request may have gone out."""
    try:
        return await call
    except ApiError:
        raise
    except Exception as exc:
        log.exception("unexpected failure while talking to the provider")
        unreadable = BadResponseError(
            translate("Messages", "The provider sent an answer GenStudio does not understand."),
            f"{type(exc).__name__}: {exc}",
        )
        if not submitting:
            raise unreadable from exc
        raise SubmissionUnknownError(
            translate(
                "Messages",
                "GenStudio could not read the provider's answer, so the job may have started "
                "(and been charged). Check your provider's dashboard before submitting it "
                "again.",
            ),
            unreadable,
        ) from exc
