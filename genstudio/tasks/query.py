"""Which rows, in which order: the question the task list and the gallery ask of the
history (``history_query`` answers it in SQL). Apart from the reading, so that the window
is built without SQLite and the reading thread's machinery (the first paint waits on it)."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from typing import TYPE_CHECKING

from genstudio.record_base import FrozenRecord

if TYPE_CHECKING:
    from genstudio.tasks.states import TaskState


class SortKey(enum.Enum):
    """What the rows are ordered by; each an indexed column (``store_schema``)."""

    CREATED = "created_at"
    SCOPE = "scope"
    MODEL = "model COLLATE NOCASE"
    PROMPT = "prompt COLLATE NOCASE"
    STATE = "state"
    PROGRESS = "progress"
    ELAPSED = "(finished_at - created_at)"  # unfinished (NULL) first when ascending
    TASK_ID = "task_id"
    PRICE = "price_usd"


@dataclass(frozen=True, repr=False, eq=False)
class HistoryQuery(FrozenRecord):
    """Which rows, in which order. ``done_only`` and ``scope``: the gallery's."""

    search: str = ""
    states: frozenset[TaskState] | None = None
    scope: str | None = None
    done_only: bool = False
    sort: SortKey = SortKey.CREATED
    descending: bool = True

    @property
    def follows_changes(self) -> bool:
        """Whether a status change can move a row or take it out: then a change to a
        task means asking again; else only its own row is repainted."""
        return bool(
            self.search
            or self.states is not None
            or self.done_only
            or self.sort not in (SortKey.CREATED, SortKey.SCOPE, SortKey.MODEL, SortKey.PROMPT)
        )
