"""The task service: submits requests, polls every active task, keeps the history.

It turns the protocol layer's typed answers and errors into :class:`TaskState` changes,
writes each change to the :class:`HistoryStore` and tells its listeners. It knows
nothing of widgets: the window's table model is one listener among others.
"""

from __future__ import annotations

import contextlib
import logging
import random
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from genstudio.api.answers import guarded
from genstudio.api.errors import ApiError, AuthenticationError, RateLimitedError, TaskNotFoundError
from genstudio.api.request import GenerationRequest
from genstudio.api.task_ids import check_task_id
from genstudio.tasks import sentences
from genstudio.tasks.actions import Action, applies, never_sent
from genstudio.tasks.answer_merge import merge_answer
from genstudio.tasks.clients import ClientPool, ProfileMissingError
from genstudio.tasks.events import KeyProblem, Listeners, Notice, TaskEvent
from genstudio.tasks.key_pause import KeyPauses
from genstudio.tasks.policy import FinishWatch, PollPolicy
from genstudio.tasks.saver import RETRY as SAVE_RETRY
from genstudio.tasks.saver import OutputSaver
from genstudio.tasks.scheduler import PollScheduler
from genstudio.tasks.sending import Sender, mark_interrupted, set_error
from genstudio.tasks.states import TaskState
from genstudio.tasks.store import HistoryError, HistoryStore

if TYPE_CHECKING:
    from genstudio.api.backoff import BackoffPolicy
    from genstudio.api.kinds import Scope
    from genstudio.api.snapshot import TaskSnapshot
    from genstudio.tasks.record import TaskRecord

log = logging.getLogger(__name__)

RECHECK_SAVED_FOR = 48 * 3600.0  # seconds after finishing that saved copies are checked
_NOT_FOUND_LIMIT = 3  # "unknown task" answers in a row before the task is given up
# Waiting for something else than the provider (a key, the provider's leave to send, the
# provider added again): never sent yet, or not checked meanwhile.
_PARKED = frozenset({TaskState.KEY_REFUSED, TaskState.SEND_LATER, TaskState.PROVIDER_REMOVED})


class TaskService:
    def __init__(
        self,
        store: HistoryStore,
        clients: ClientPool,
        policy: PollPolicy | None = None,
        *,
        max_in_flight: int = 8,
        clock: Callable[[], float] = time.time,
        rng: random.Random | None = None,
        library: Callable[[Scope], Path] | None = None,
        save_retry: BackoffPolicy = SAVE_RETRY,
        max_output_bytes: Callable[[], int] | None = None,
    ) -> None:
        self.store = store
        self.clients = clients
        self.policy = policy or PollPolicy()
        self._clock = clock
        self._rng = rng or random.Random()
        # In memory: the tasks being sent, checked or saved, and those the user opened or
        # acted on; the rest of the history is read when shown (``history``).
        self.records: dict[int, TaskRecord] = {}
        self.history = store.reader(self.records, self.record)
        store.defer_writes()  # one transaction per turn of the loop, not one per answer
        self.scheduler = PollScheduler(self._poll, self._group_of, max_in_flight=max_in_flight)
        self._attempts: dict[int, int] = {}
        self._finish = FinishWatch()  # checks brought forward to a task's expected end
        self._failures: dict[int, int] = {}
        self._not_found: dict[int, int] = {}
        self._empty_since: dict[int, float] = {}
        self._listeners = Listeners()
        # A lease when genstudio-cli shares the history (tasks/shared_history.py).
        self.claim: Callable[[TaskRecord], bool] = lambda _record: True
        self.keys = KeyPauses(
            self.records, clients, self.scheduler, self._listeners, self._save, self._rng
        )
        self.sender = Sender(
            clients,
            self.scheduler,
            self.keys,
            self._listeners,
            self._save,
            lambda: self.policy,
            self._clock,
            self._rng,
            self._watch_accepted,
            store.flush,
        )
        # Outputs are saved as soon as a task is done, when a library folder is given.
        self.saver = (
            OutputSaver(
                library,
                self._file_changed,
                on_progress=self._file_progress,
                retry=save_retry,
                max_bytes=max_output_bytes,
                # Private output hosts only for a provider on a private address.
                provider_url=lambda record: clients.base_url(record.profile),
            )
            if library
            else None
        )

    # -- listeners -------------------------------------------------------------------------

    def subscribe(self, listener: Callable[[TaskEvent], None]) -> None:
        self._listeners.tasks.append(listener)

    def on_key_problem(self, listener: Callable[[KeyProblem], None]) -> None:
        """Called when a profile's key is missing or refused: its tasks wait for one."""
        self._listeners.keys.append(listener)

    def on_notice(self, listener: Callable[[Notice], None]) -> None:
        self._listeners.notices.append(listener)

    # -- start and stop --------------------------------------------------------------------

    def load(self) -> list[TaskRecord]:
        """Read what is unfinished (or still saving) and resume it. Call once, on the loop."""
        records = self.store.load_working(self._clock() - RECHECK_SAVED_FOR)
        self.records.update((r.id, r) for r in records)
        stopped = [r for r in records if r.state is TaskState.SUBMITTING and self.claim(r)]
        mark_interrupted(stopped, self.store)  # it was being sent when the app stopped
        self._resume(records)
        return records

    def _resume(self, records: list[TaskRecord]) -> None:
        """Watch and save again what was unfinished (at start, or after undo)."""
        if self.saver is not None:
            resumed = self.saver.resume(records, self._clock() - RECHECK_SAVED_FOR)
            if resumed:
                self.store.update_many(resumed)  # one transaction, not one per record
        resumable = [r for r in records if r.state.is_polled or r.state in _PARKED]
        # Spread the first checks so that a large history does not start with a burst.
        spread = min(10.0, len(resumable) / 50)
        for record in resumable:
            self.scheduler.schedule(record.id, self._rng.uniform(0.0, spread))

    def record(self, local_id: int) -> TaskRecord | None:
        """The task's record, read from the history the first time it is asked for (the
        user opened or acted on it) and kept from then on."""
        record = self.records.get(local_id)
        if record is None:
            record = self.store.load_one(local_id)
            if record is not None:
                self.records[local_id] = record
        return record

    def has_history(self) -> bool:
        return bool(self.records) or self.store.has_tasks()

    async def aclose(self) -> None:
        await self.scheduler.aclose()
        if self.saver is not None:
            await self.saver.aclose()
        with contextlib.suppress(HistoryError):  # the store has told its listener
            self.store.flush()

    # -- user actions ----------------------------------------------------------------------

    async def submit(
        self, profile: str, request: GenerationRequest, price_usd: float | None = None
    ) -> TaskRecord:
        """Write the request (and its expected price) to the history, then send it.
        Never raises for API errors: the outcome is in the record's state."""
        request.validate()
        return await self.sender.send_new(
            lambda taken: self.store.insert_soon(profile, request, self._clock(), price_usd, taken),
            self._own,
        )

    async def resubmit(self, local_id: int) -> None:
        """ "Submit again" for a task whose submission is unknown or was not sent."""
        record = self.record(local_id)
        if record is None or not applies(Action.RESUBMIT, record):
            return
        await self._resend(record)

    async def retry(self, ids: Iterable[int]) -> list[TaskRecord]:
        """Submit the same request again: in its own row when it never reached the
        provider (nothing was created there), else as a new task."""
        sent = []
        for local_id in list(ids):
            record = self.record(local_id)
            if record is None or not applies(Action.RETRY, record):
                continue
            if never_sent(record):
                record.deadline = None  # asked by the user: a new wait if it must wait
                await self._resend(record)
                sent.append(record)
            else:
                sent.append(await self.submit(record.profile, record.request, record.price_usd))
        return sent

    def import_task(
        self, profile: str, scope: Scope, task_id: str, model: str = ""
    ) -> tuple[TaskRecord, bool]:
        """Track a task by its id (started elsewhere, or whose answer was lost): the
        record, and whether it is new (False: already in the history)."""
        task_id = check_task_id(task_id)
        known = self.store.find_task(profile, task_id)
        record = None if known is None else self.record(known)
        if record is not None:
            return record, False
        # Unknown prompt: the list says "imported"; the first check fills in the rest.
        request = GenerationRequest(scope, "", model.strip())
        record = self.store.insert(profile, request, self._clock(), TaskState.CHECKING)
        self.records[record.id] = record
        self._listeners.task_event("added", record)
        self._watch_id(record, task_id)
        return record, True

    def attach_id(self, local_id: int, task_id: str) -> None:
        """ "Submission unknown", and the user found the job at the provider: its id goes
        on the task's own row (prompt, price and all), which is then watched."""
        task_id = check_task_id(task_id)  # a bad id changes nothing
        record = self.record(local_id)
        if record is None or not applies(Action.ATTACH_ID, record):
            return
        self._reset(record)
        self._watch_id(record, task_id)

    def _watch_id(self, record: TaskRecord, task_id: str) -> None:
        record.task_id = task_id
        record.state = TaskState.CHECKING
        record.deadline = self._clock() + self.policy.deadline_for(record.request.scope)
        self._save(record, now=True)
        self.scheduler.schedule(record.id, 0.0)

    @property
    def sending(self) -> int:
        """Submissions sent and not answered yet."""
        return self.sender.sending

    async def wait_for_sends(self, timeout: float) -> bool:
        return await self.sender.wait_for_sends(timeout)

    def check_now(self, ids: Iterable[int]) -> None:
        for local_id in ids:
            record = self.record(local_id)
            if record is None or not applies(Action.CHECK, record):
                continue
            if self.keys.blocked(record.profile):
                continue
            if not record.state.is_polled:
                # Timed out, stopped or without output: watch it again with a fresh deadline.
                record.state = TaskState.CHECKING
                record.finished_at = None
                record.deadline = self._clock() + self.policy.deadline_for(record.request.scope)
                self._attempts[record.id] = 0
                self._empty_since.pop(record.id, None)
                self._finish.forget(record.id)
                self._save(record)
            self.scheduler.schedule(record.id, 0.0)

    def stop_watching(self, ids: Iterable[int]) -> None:
        for local_id in ids:
            record = self.record(local_id)
            if record is None or not applies(Action.STOP, record):
                continue
            self.scheduler.cancel(record.id)
            record.state = TaskState.STOPPED
            record.finished_at = self._clock()
            record.last_error = sentences.stopped_watching()
            self._save(record)

    def save_again(self, ids: Iterable[int]) -> None:
        """Retry saving the outputs of finished tasks that were not saved."""
        if self.saver is None:
            return
        for local_id in ids:
            record = self.record(local_id)
            if record is not None and applies(Action.SAVE_AGAIN, record):
                self.saver.save_again(record)

    def dismiss(self, ids: Iterable[int]) -> None:
        """ "Dismiss" a task whose submission is unknown: keep it in history, stop asking."""
        for local_id in ids:
            record = self.record(local_id)
            if record is not None and applies(Action.DISMISS, record):
                record.state = TaskState.STOPPED
                record.finished_at = self._clock()
                record.last_error = sentences.dismissed()
                self._save(record)

    def delete(self, ids: Iterable[int]) -> list[TaskRecord]:
        """Remove from the history; returns what was removed, for :meth:`restore`."""
        removed = [r for i in ids if (r := self.record(i)) and applies(Action.DELETE, r)]
        for record in removed:
            del self.records[record.id]
            self.scheduler.cancel(record.id)
            if self.saver is not None:
                self.saver.cancel(record.id)
            self._forget(record.id)
        if removed:
            self.store.delete(r.id for r in removed)
            self._listeners.task_event("removed", *removed)
        return removed

    def restore(self, records: Iterable[TaskRecord]) -> None:
        """Undo :meth:`delete`: back in the history with their ids, watched and saved."""
        back = [r for r in records if r.id not in self.records]
        if back:
            self.store.restore(back)
            self.records.update((r.id, r) for r in back)
            self._listeners.task_event("added", *back)
            self._resume(back)

    def key_updated(self, profile: str) -> None:
        """A new key (or URL) for ``profile``, or the provider added again: its waiting
        tasks resume by themselves."""
        self.keys.key_updated(profile)

    def provider_removed(self, profile: str) -> None:
        """The provider was removed in Settings: its tasks wait until it is added again."""
        self.keys.provider_removed(profile)

    def profile_blocked(self, profile: str) -> bool:
        return self.keys.blocked(profile)

    def took_in(self, added: list[TaskRecord], changed: list[TaskRecord]) -> None:
        """Rows another process (genstudio-cli) wrote or let go of: shown, and followed
        when this process may (tasks/shared_history.py)."""
        new = [r for r in added if r.id not in self.records]
        self.records.update((r.id, r) for r in new)
        mine = [r for r in added if self.claim(r)]
        changed = changed + mark_interrupted(mine, self.store)
        if new:
            self._listeners.task_event("added", *new)
        if changed:
            self._listeners.task_event("changed", *changed)
        self._resume(mine)

    # -- sending ---------------------------------------------------------------------------

    async def _resend(self, record: TaskRecord) -> None:
        """Send a task that never reached the provider, in its own row."""
        self._reset(record)
        record.state = TaskState.SUBMITTING
        self._save(record)
        await self.sender.send(record)

    def _watch_accepted(self, record: TaskRecord) -> None:
        """The provider took the job: check it from now on, until its deadline."""
        record.deadline = self._clock() + self.policy.deadline_for(record.request.scope)
        self._attempts[record.id] = 0
        self.scheduler.schedule(record.id, self.policy.interval(0, 0.0, self._rng))

    # -- polling ---------------------------------------------------------------------------

    def _group_of(self, local_id: int) -> str:
        record = self.records.get(local_id)
        return record.profile if record else ""

    async def _poll(self, local_id: int) -> None:
        record = self.records.get(local_id)
        if record is None or not self.claim(record):
            return
        if record.task_id is None and record.state in _PARKED:
            await self._send_waiting(record)
            return
        if record.task_id is None or not (record.state.is_polled or record.state in _PARKED):
            return
        if self.keys.blocked(record.profile):
            self.keys.park(record, None)
            return
        try:
            client = self.clients.get(record.profile)
            snapshot = await guarded(client.fetch(record.request.scope, record.task_id))
        except ProfileMissingError:
            self.keys.provider_gone(record)
            return
        except AuthenticationError as exc:
            self.keys.key_failed(record.profile, exc)
            self.keys.park(record, exc)
            return
        except RateLimitedError as exc:
            wait = self.policy.error_interval(self._failures.get(local_id, 0) + 1, self._rng)
            wait = max(wait, exc.retry_after or 0.0)
            self.scheduler.pause_group(record.profile, wait)
            self._after_check(record, wait)
            return
        except TaskNotFoundError as exc:
            count = self._not_found.get(local_id, 0) + 1
            self._not_found[local_id] = count
            if count >= _NOT_FOUND_LIMIT:
                record.state = TaskState.FAILED
                record.fail_reason = exc.user_message
                record.finished_at = self._clock()
                set_error(record, exc)
                self._save(record)
                return
            self._after_check(record, self.policy.error_interval(count, self._rng))
            return
        except ApiError as exc:
            failures = self._failures.get(local_id, 0) + 1
            self._failures[local_id] = failures
            if (
                failures >= self.policy.unreachable_after
                and record.state is not TaskState.UNREACHABLE
            ):
                record.state = TaskState.UNREACHABLE
                set_error(record, exc)
                record.last_error = sentences.unreachable(exc.user_message)
                self._save(record)
            self._after_check(record, self.policy.error_interval(failures, self._rng))
            return
        self._failures.pop(local_id, None)
        self._not_found.pop(local_id, None)
        self._apply(record, snapshot)

    def _apply(self, record: TaskRecord, snapshot: TaskSnapshot) -> None:
        now = self._clock()
        grace = self.policy.no_output_grace
        changed = merge_answer(record, snapshot, now, self._empty_since, grace)
        if record.state.is_final:
            self._forget(record.id)
        if changed:
            self._save(record)
        if record.state is TaskState.DONE and self.saver is not None:
            self.saver.enqueue(record)
        if not record.state.is_final:
            attempt = self._attempts.get(record.id, 0) + 1
            self._attempts[record.id] = attempt
            usual = self.policy.interval(attempt, now - record.created_at, self._rng)
            ends = self._finish.finish_in(record.id, now, snapshot.progress)
            wait = self.policy.sooner_for_finish(usual, ends)
            if wait < usual:
                self._finish.brought_forward(record.id)
            if snapshot.succeeded_without_output:
                wait = min(wait, self.policy.no_output_grace / 4)
            self._after_check(record, wait)

    def _after_check(self, record: TaskRecord, wait: float) -> None:
        """Plan the next check, or time the task out at its deadline."""
        now = self._clock()
        if record.deadline is not None and now >= record.deadline:
            record.state = TaskState.TIMED_OUT
            record.last_error = sentences.timed_out()
            self._save(record)
            return
        if record.deadline is not None:
            wait = min(wait, max(0.0, record.deadline - now))
        self.scheduler.schedule(record.id, wait)

    async def _send_waiting(self, record: TaskRecord) -> None:
        """A task never sent for want of a key: send it once a client can be had."""
        if self.keys.blocked(record.profile):
            return
        try:
            self.clients.get(record.profile)
        except AuthenticationError as exc:
            self.keys.key_failed(record.profile, exc)
            return
        except ProfileMissingError:
            self.keys.provider_gone(record)
            return
        await self._resend(record)

    # -- bookkeeping -----------------------------------------------------------------------

    def _file_changed(self, record: TaskRecord) -> None:
        if record.id in self.records:  # not deleted meanwhile
            self._save(record)

    def _file_progress(self, record: TaskRecord) -> None:
        if record.id in self.records:  # shown, not stored: it changes ten times a second
            self._listeners.task_event("changed", record)

    def _own(self, record: TaskRecord) -> None:
        """A new row is in the file: this process's own from that very step (the shared
        history's next look must not take it for another process's)."""
        self.records[record.id] = record

    def _save(self, record: TaskRecord, *, now: bool = False) -> None:
        """``now``: a write that cannot wait for the end of the turn (an id the user
        pasted)."""
        self.store.update(record, now=now)
        self._listeners.task_event("changed", record)

    def _reset(self, record: TaskRecord) -> None:
        record.fail_reason = record.last_error = record.error_details = None
        record.finished_at = None
        self._forget(record.id)

    def _forget(self, local_id: int) -> None:
        for table in (self._attempts, self._failures, self._not_found, self._empty_since):
            table.pop(local_id, None)
        self._finish.forget(local_id)
        self.sender.forget(local_id)
