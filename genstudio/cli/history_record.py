"""``genstudio-cli submit`` writes its job into the history the window shows.

The row is written before the job is sent (as the window does) with a lease on it, so a
running window shows it but leaves checking it to the CLI; while ``--wait`` watches,
each status goes into the row. When the CLI ends (or dies: the lease expires) the
window takes over, checks the job until it is final and saves its outputs. A history
that cannot be used is a warning: the job is still sent and its id printed.
"""

from __future__ import annotations

import asyncio
import contextlib
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

from genstudio.api.kinds import TaskStatus
from genstudio.printable import printable
from genstudio.settings import paths
from genstudio.tasks import sentences
from genstudio.tasks.history_problem import HistoryError, cli_advice
from genstudio.tasks.leases import LEASE_SECONDS, RENEW_EVERY, Leases, new_owner
from genstudio.tasks.policy import PollPolicy
from genstudio.tasks.state_words import state_of_status
from genstudio.tasks.states import TaskState
from genstudio.tasks.store import HistoryStore

if TYPE_CHECKING:
    from genstudio.api.request import GenerationRequest
    from genstudio.api.snapshot import TaskSnapshot
    from genstudio.tasks.record import TaskRecord


class CliHistory:
    def __init__(self, profile: str, path: Path | None = None) -> None:
        self.profile = profile
        self.record: TaskRecord | None = None
        self._store: HistoryStore | None = None
        self._leases: Leases | None = None
        self._renewing: asyncio.Task[None] | None = None
        try:
            self._store = HistoryStore(path or paths.history_path())
        except HistoryError as exc:
            self._give_up(exc)
            return
        self._leases = Leases(self._store, new_owner("cli"))

    def sending(self, request: GenerationRequest) -> None:
        """Before the job is sent: its row, held by this process."""
        if self._store is None or self._leases is None:
            return
        owner = self._leases.owner
        try:
            self.record = self._store.insert(
                self.profile, request, lease=(owner, time.time() + LEASE_SECONDS)
            )
        except HistoryError as exc:
            self._give_up(exc)
            return
        self._leases.held.add(self.record.id)
        self._renewing = asyncio.ensure_future(self._renew())

    def sent(self, task_id: str) -> None:
        if self.record is None:
            return
        self.record.task_id = task_id
        self.record.state = TaskState.WAITING
        scope = self.record.request.scope
        self.record.deadline = time.time() + PollPolicy().deadline_for(scope)
        self._write()

    def not_created(self) -> None:
        """The provider refused the job or was not reached: nothing to follow."""
        if self.record is None or self._store is None:
            return
        try:
            self._store.delete([self.record.id])
        except HistoryError as exc:
            self._give_up(exc)
        self.record = None

    def unknown(self, message: str) -> None:
        """Sent, no answer: the window offers Paste its ID… and Submit again."""
        if self.record is None:
            return
        self.record.state = TaskState.SUBMISSION_UNKNOWN
        self.record.last_error = message
        self._write()

    def seen(self, snapshot: TaskSnapshot) -> None:
        """A status the CLI read while waiting."""
        record = self.record
        if record is None:
            return
        before = (record.state, record.progress, record.provider_status)
        record.provider_status = snapshot.status.value
        if snapshot.progress is not None:
            record.progress = snapshot.progress
        record.submit_time = snapshot.submit_time or record.submit_time
        record.start_time = snapshot.start_time or record.start_time
        record.finish_time = snapshot.finish_time or record.finish_time
        record.outputs = snapshot.outputs or record.outputs
        if snapshot.has_result:
            record.state, record.progress = TaskState.DONE, 100.0
        elif snapshot.status is TaskStatus.FAILURE:
            record.state = TaskState.FAILED
            record.fail_reason = snapshot.fail_reason or sentences.no_reason_given()
        elif not snapshot.succeeded_without_output:  # the window judges an empty success
            record.state = state_of_status(snapshot.status)
        if record.state.is_final and record.finished_at is None:
            record.finished_at = time.time()
        if (record.state, record.progress, record.provider_status) != before:
            self._write()

    async def aclose(self) -> None:
        """Let go of the job (the window takes over) and close the history."""
        if self._renewing is not None:
            self._renewing.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._renewing
        if self._leases is not None and self._store is not None:
            with contextlib.suppress(HistoryError):
                self._leases.release()
        if self._store is not None:
            self._store.close()
            self._store = None

    async def _renew(self) -> None:
        while self._leases is not None:
            await asyncio.sleep(RENEW_EVERY)
            try:
                self._leases.renew()
            except HistoryError:
                return  # said once already; the window takes over when it expires

    def _write(self) -> None:
        if self.record is None or self._store is None:
            return
        try:
            self._store.update(self.record)
        except HistoryError as exc:
            self._give_up(exc)

    def _give_up(self, error: HistoryError) -> None:
        """Said once; the job goes on without the history."""
        print(
            printable(
                f"genstudio-cli: warning: this job is not recorded in the history: "
                f"{cli_advice(error)}"
            ),
            file=sys.stderr,
        )
        if self._store is not None:
            self._store.close()
        self._store = None
        self._leases = None
        self.record = None
