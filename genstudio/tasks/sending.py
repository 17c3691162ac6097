"""Sending a job, and what its answer makes of the task.

The request is in the history before it goes out, and nothing here sends a job twice:
a 429, or a connection that never opened, created nothing at the provider, so such a
job waits ("Waiting to send") and goes out again by itself, backing off and honouring
Retry-After, until ``PollPolicy.send_later_for`` has passed; only then is the user
asked (a failed row whose Retry is its first send). An answer lost after the request
left is "Submission unknown" and is never resent without the user.
"""

from __future__ import annotations

import asyncio
import contextlib
import random
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Protocol

from genstudio.api.answers import guarded
from genstudio.api.errors import (
    ApiError,
    AuthenticationError,
    NetworkError,
    RateLimitedError,
    RequestRejectedError,
    SubmissionUnknownError,
)
from genstudio.tasks import sentences
from genstudio.tasks.clients import ClientPool, ProfileMissingError
from genstudio.tasks.events import Listeners, Notice
from genstudio.tasks.history_problem import HistoryError
from genstudio.tasks.states import TaskState

if TYPE_CHECKING:
    from genstudio.tasks.key_pause import KeyPauses
    from genstudio.tasks.policy import PollPolicy
    from genstudio.tasks.record import TaskRecord
    from genstudio.tasks.scheduler import PollScheduler
    from genstudio.tasks.store import HistoryStore


class Save(Protocol):
    def __call__(self, record: TaskRecord, *, now: bool = False) -> None: ...


class Sender:
    def __init__(
        self,
        clients: ClientPool,
        scheduler: PollScheduler,
        keys: KeyPauses,
        listeners: Listeners,
        save: Save,
        policy: Callable[[], PollPolicy],
        clock: Callable[[], float],
        rng: random.Random,
        accepted: Callable[[TaskRecord], None],
        flush: Callable[[], None],
    ) -> None:
        self._clients = clients
        self._scheduler = scheduler
        self._keys = keys
        self._listeners = listeners
        self._save = save
        self._policy = policy
        self._clock = clock
        self._rng = rng
        self._accepted = accepted  # the service starts watching an accepted task
        self._flush = flush  # the history's waiting writes, to the file now
        self._sending: set[int] = set()  # sent, no answer yet
        self._expected = 0  # submits whose row is being written, to be sent next
        self._idle = asyncio.Event()
        self._idle.set()
        self._tries: dict[int, int] = {}  # sends that created nothing, per task

    @property
    def sending(self) -> int:
        """Submissions sent and not answered yet, or about to be sent."""
        return len(self._sending) + self._expected

    def expect(self) -> Callable[[], None]:
        """A submission on its way (its row is being written): counted as sending from
        now, so quitting waits for it. Returns what to call once it is sent or given
        up (again is harmless)."""
        self._expected += 1
        self._idle.clear()
        settled = False

        def settle() -> None:
            nonlocal settled
            if not settled:
                settled = True
                self._expected -= 1
                self._maybe_idle()

        return settle

    def _maybe_idle(self) -> None:
        if not self._sending and not self._expected:
            self._idle.set()

    async def wait_for_sends(self, timeout: float) -> bool:
        """Wait at most ``timeout`` seconds for the submissions in flight to be answered:
        quitting before the answer would leave them "Submission unknown"."""
        try:
            await asyncio.wait_for(self._idle.wait(), timeout)
        except TimeoutError:
            return False
        return True

    def forget(self, local_id: int) -> None:
        self._tries.pop(local_id, None)

    async def send_new(
        self,
        write: Callable[[Callable[[TaskRecord], None]], Awaitable[TaskRecord]],
        taken: Callable[[TaskRecord], None],
    ) -> TaskRecord:
        """A new job: its row written by ``write`` (which calls what it is given, then
        ``taken``, in the step the row reaches the file), then sent. Counted as sending
        from the start, so quitting waits for it; cancelled before it went out, its row
        says it was not sent rather than "maybe started"."""
        settle = self.expect()
        written: list[TaskRecord] = []

        def take(record: TaskRecord) -> None:
            taken(record)
            written.append(record)
            self._sending.add(record.id)  # being sent by this process from now on
            settle()

        try:
            record = await write(take)
            self._listeners.task_event("added", record)
        except BaseException as exc:
            settle()
            for unsent in written:
                self._sending.discard(unsent.id)
                if isinstance(exc, asyncio.CancelledError):
                    unsent.state = TaskState.FAILED
                    unsent.fail_reason = sentences.closed_before_sending()
                    unsent.finished_at = self._clock()
                    with contextlib.suppress(HistoryError):  # the store has told the window
                        self._save(unsent, now=True)
            self._maybe_idle()
            raise
        await self.send(record)
        return record

    def is_sending(self, local_id: int) -> bool:
        """Whether this process is sending the task now (its copy is the truth)."""
        return local_id in self._sending

    async def send(self, record: TaskRecord) -> None:
        self._sending.add(record.id)
        self._idle.clear()
        try:
            await self._send_once(record)
        finally:
            self._sending.discard(record.id)
            self._maybe_idle()

    async def _send_once(self, record: TaskRecord) -> None:
        try:
            # Earlier jobs' ids (and this job's row) are in the file before it goes out.
            self._flush()
            client = self._clients.get(record.profile)
            task_id = await guarded(client.submit(record.request), submitting=True)
        except HistoryError as exc:  # the history cannot be written: nothing is sent
            record.state = TaskState.FAILED
            record.fail_reason = sentences.not_sent(str(exc))
        except SubmissionUnknownError as exc:
            record.state = TaskState.SUBMISSION_UNKNOWN
            set_error(record, exc)
        except RequestRejectedError as exc:
            record.state = TaskState.FAILED
            record.fail_reason = exc.server_message or exc.user_message
            set_error(record, exc)
        except AuthenticationError as exc:
            # Nothing was created: the task waits for a key, then goes out by itself.
            set_error(record, exc)
            self._keys.park(record, exc)
            self._keys.key_failed(record.profile, exc)
        except ProfileMissingError:
            self._keys.provider_gone(record)
            return
        except (RateLimitedError, NetworkError) as exc:
            # The client turns a request that may have arrived into SubmissionUnknownError:
            # what is left here created nothing, so it may go out again.
            self._later(record, exc)
        except ApiError as exc:
            record.state = TaskState.FAILED
            record.fail_reason = sentences.not_sent(exc.user_message)
            set_error(record, exc)
        else:
            # The id goes to the history with this turn's other writes, in the commit that
            # ends the turn or before the next job is sent, whichever comes first
            # (write_behind.py). A kill in between leaves "Submission unknown", never a
            # job sent again by itself.
            record.task_id = task_id
            record.state = TaskState.WAITING
            record.last_error = record.error_details = None
            self._tries.pop(record.id, None)
            self._accepted(record)
        if record.state.is_final:
            record.finished_at = self._clock()
        self._save(record)
        if record.state is TaskState.SUBMISSION_UNKNOWN:
            self._listeners.notice(
                Notice(record.last_error or "", record.error_details or "", "error")
            )
        elif record.state is TaskState.FAILED:
            self._listeners.notice(
                Notice(record.fail_reason or "", record.error_details or "", "warning")
            )

    def _later(self, record: TaskRecord, error: RateLimitedError | NetworkError) -> None:
        """Nothing was created: wait and send again, until the deadline has passed."""
        now = self._clock()
        policy = self._policy()
        if record.deadline is None:  # the first refusal (a Retry clears it again)
            record.deadline = now + policy.send_later_for
        set_error(record, error)
        busy = isinstance(error, RateLimitedError)
        if now >= record.deadline:
            record.state = TaskState.FAILED
            minutes = max(1, round(policy.send_later_for / 60))
            record.fail_reason = sentences.not_sent_after_waiting(busy, minutes)
            self._tries.pop(record.id, None)
            return
        tries = self._tries.get(record.id, 0) + 1
        self._tries[record.id] = tries
        wait = policy.error_interval(tries, self._rng)
        if isinstance(error, RateLimitedError):
            wait = max(wait, error.retry_after or 0.0)
            # The provider asks this key to slow down: its status checks wait too.
            self._scheduler.pause_group(record.profile, wait)
        record.state = TaskState.SEND_LATER
        record.last_error = sentences.send_later(busy)
        self._scheduler.schedule(record.id, min(wait, record.deadline - now))


def set_error(record: TaskRecord, error: ApiError) -> None:
    record.last_error = error.user_message
    record.error_details = error.log_text()


def mark_interrupted(records: list[TaskRecord], store: HistoryStore) -> list[TaskRecord]:
    """Jobs whose sender stopped (the app, or genstudio-cli) while sending them: they may
    exist at the provider, and be paid for, so they are never resent by themselves."""
    stopped = [r for r in records if r.state is TaskState.SUBMITTING]
    for record in stopped:
        record.state = TaskState.SUBMISSION_UNKNOWN
        record.last_error = sentences.closed_while_sending()
    if stopped:
        store.update_many(stopped)
    return stopped
