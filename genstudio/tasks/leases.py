"""Who checks or saves a task now: a lease in the history, one process at a time.

The window and ``genstudio-cli`` share one history. A process checks a task's status or
saves its outputs only while it holds the task's lease (an owner id and an expiry, in
the history's ``leases`` table). Leases are renewed while held; one whose process died
expires and is taken over. Only :class:`HistoryStore` touches the table.
"""

from __future__ import annotations

import os
import socket
import time
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from genstudio.tasks.store import HistoryStore

LEASE_SECONDS = 30.0  # a dead process's tasks wait at most this long for another one
RENEW_EVERY = 10.0


def new_owner(kind: str) -> str:
    """An owner id that no other process, now or later, has."""
    # os.urandom, not uuid4: the uuid module loads platform (and its regexes) at start.
    return f"{kind}:{socket.gethostname()}:{os.getpid()}:{os.urandom(4).hex()}"


class Leases:
    """The leases this process holds on ``store``'s tasks."""

    def __init__(
        self,
        store: HistoryStore,
        owner: str,
        *,
        seconds: float = LEASE_SECONDS,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.store = store
        self.owner = owner
        self.seconds = seconds
        self._clock = clock
        self.held: set[int] = set()

    def take(self, task: int) -> bool:
        """Hold ``task`` (True), unless another live process holds it (False)."""
        if task in self.held:
            return True  # renewed in bulk by renew()
        now = self._clock()
        if self.store.lease_take(task, self.owner, now + self.seconds, now):
            self.held.add(task)
            return True
        return False

    def renew(self) -> None:
        """Keep every held lease alive; forget those that expired meanwhile (the process
        slept past them and another one may have taken them)."""
        now = self._clock()
        self.held = self.store.lease_renew(self.owner, now + self.seconds, now)

    def held_by_others(self) -> set[int]:
        return self.store.leased_by_others(self.owner, self._clock())

    def release(self, tasks: Iterable[int] | None = None) -> None:
        if tasks is None:
            self.store.lease_release(self.owner)
            self.held.clear()
            return
        tasks = list(tasks)
        self.store.lease_release(self.owner, tasks)
        self.held.difference_update(tasks)
