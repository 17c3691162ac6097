"""Profiles whose key is missing or refused, or that were removed: their tasks wait, then
resume by themselves (a key is entered, the provider is added again).

A task that could not be sent for want of a key was never created at the provider, so
sending it once a key arrives is its first send, not a second one. Tasks already
running stop being checked until then. Nothing here ends a task as Failed.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from typing import TYPE_CHECKING

from genstudio.i18n import translate
from genstudio.tasks import sentences
from genstudio.tasks.clients import ClientPool, MissingKeyError
from genstudio.tasks.events import KeyProblem, Listeners, Notice
from genstudio.tasks.states import TaskState

if TYPE_CHECKING:
    from genstudio.api.errors import ApiError
    from genstudio.tasks.record import TaskRecord
    from genstudio.tasks.scheduler import PollScheduler


class KeyPauses:
    def __init__(
        self,
        records: dict[int, TaskRecord],
        clients: ClientPool,
        scheduler: PollScheduler,
        listeners: Listeners,
        save: Callable[[TaskRecord], None],
        rng: random.Random,
    ) -> None:
        self._records = records
        self._clients = clients
        self._scheduler = scheduler
        self._listeners = listeners
        self._save = save
        self._rng = rng
        self._blocked: set[str] = set()

    def blocked(self, profile: str) -> bool:
        return profile in self._blocked

    def park(self, record: TaskRecord, error: ApiError | None) -> None:
        """Mark ``record`` as waiting for a key, saying why."""
        reason = error.user_message if error is not None else ""
        if record.task_id is None:
            text = translate(
                "Messages",
                "Not sent yet: {reason} It goes out as soon as a working key is entered.",
            )
        else:
            text = translate(
                "Messages",
                "Paused: {reason} It continues as soon as a working key is entered.",
            )
        last_error = " ".join(text.format(reason=reason).split())
        if record.state is not TaskState.KEY_REFUSED or (error and record.last_error != last_error):
            record.state = TaskState.KEY_REFUSED
            record.fail_reason = None
            record.last_error = last_error
            if error is not None:
                record.error_details = error.log_text()
            self._save(record)

    def provider_gone(self, record: TaskRecord) -> None:
        """Its profile no longer exists: not a key problem (no key prompt), it waits."""
        self._scheduler.cancel(record.id)
        if record.state is TaskState.PROVIDER_REMOVED:
            return
        record.state = TaskState.PROVIDER_REMOVED
        record.fail_reason = record.error_details = None
        record.last_error = sentences.provider_removed(record.profile)
        self._save(record)

    def provider_removed(self, profile: str) -> None:
        """The user removed the profile: its client goes, its unfinished tasks wait."""
        self._clients.invalidate(profile)
        self._blocked.discard(profile)
        for record in self._records.values():
            if record.profile == profile and (
                record.state.is_polled or record.state in _WAITING_FOR_PROFILE
            ):
                self.provider_gone(record)

    def key_failed(self, profile: str, error: ApiError) -> None:
        """The profile's key is missing or was refused: pause its tasks, tell listeners."""
        if profile in self._blocked:
            return
        self._blocked.add(profile)
        for record in self._records.values():
            if record.profile == profile and record.state.is_polled:
                self._scheduler.cancel(record.id)
                self.park(record, error)
        # Not an error banner: the window offers to enter the key.
        self._listeners.notice(
            Notice(f"{profile}: {error.user_message}", error.log_text(), "warning")
        )
        missing = isinstance(error, MissingKeyError)
        self._listeners.key_problem(KeyProblem(profile, error.user_message, missing))

    def key_updated(self, profile: str) -> None:
        """A new key (or URL): rebuild the client and resume the profile's tasks; the
        ones never sent for want of a key are sent (by the scheduler's next turn)."""
        self._clients.invalidate(profile)
        self._blocked.discard(profile)
        for record in self._records.values():
            if record.profile == profile and record.state in _WAITING_FOR_PROFILE:
                if record.task_id:
                    record.state = TaskState.CHECKING
                    record.last_error = None
                    self._save(record)
                self._scheduler.schedule(record.id, self._rng.uniform(0.0, 1.0))


# Tasks parked for their profile's sake; :meth:`KeyPauses.key_updated` resumes them.
_WAITING_FOR_PROFILE = frozenset(
    {TaskState.KEY_REFUSED, TaskState.PROVIDER_REMOVED, TaskState.SEND_LATER}
)
