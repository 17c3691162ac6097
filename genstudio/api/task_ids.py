"""A task id typed or pasted by the user (Import task ID, ``genstudio-cli import``)."""

from __future__ import annotations

from genstudio.api.request import InvalidRequestError
from genstudio.i18n import translate

MAX_TASK_ID = 200  # longer is not an id a provider gave; it would only bloat the history


def check_task_id(text: str) -> str:
    """The id without surrounding spaces, or :class:`InvalidRequestError` with a sentence.

    An id is sent in a URL path (quoted) and shown in the list, so it may hold no spaces
    and no control characters; anything else printable is the provider's business.
    """
    task_id = text.strip()
    if not task_id:
        raise InvalidRequestError(
            translate(
                "Messages",
                "Paste the task ID first: your provider's site lists it with each job.",
            )
        )
    if len(task_id) > MAX_TASK_ID or any(c.isspace() or not c.isprintable() for c in task_id):
        raise InvalidRequestError(
            translate(
                "Messages",
                "That does not look like a task ID: an ID is one word of letters, digits and "
                "signs such as - or _, at most {limit} characters. Copy it again from your "
                "provider's site.",
            ).format(limit=MAX_TASK_ID)
        )
    return task_id
