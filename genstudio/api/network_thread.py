"""An asyncio loop on a thread of its own, for the window's HTTP.

A status check costs about 0.8 ms of CPU, nearly all of it in httpx; with a thousand
jobs polling, that is most of the window's thread. A client given a ``NetworkThread``
runs its requests on this loop instead: the window's thread only hands the call over
and takes the answer back (about 0.1 ms a check, measured against the simulator).
The hand-overs are batched: calls made while the network loop has not yet woken for
earlier ones share its wake-up, and answers go back to a caller's loop together, at
most :data:`GATHER` seconds after the first of them, in one wake-up of that loop (with
qasync, each wake-up from another thread is a Qt signal: with thousands of jobs
polling, one per answer cost as much as the answer itself).
The CLI has no window to keep responsive and does not use one.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import threading
from collections.abc import Coroutine
from typing import Any, TypeVar

_T = TypeVar("_T")


#: How long answers wait for others to go back to their caller's loop together.
GATHER = 0.010


class _Call:
    """One coroutine run on the network loop for a caller on another loop."""

    __slots__ = ("answer", "caller", "coro", "task")

    def __init__(
        self,
        coro: Coroutine[Any, Any, Any],
        caller: asyncio.AbstractEventLoop,
        answer: asyncio.Future[Any],
    ) -> None:
        self.coro = coro
        self.caller = caller
        self.answer = answer
        self.task: asyncio.Task[Any] | None = None


class NetworkThread:
    """Started on first use; :meth:`stop` ends it (a daemon thread, so a forgotten one
    never keeps the process alive)."""

    def __init__(self, name: str = "genstudio-network") -> None:
        self._name = name
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self._lock = threading.Lock()
        self._inbox: list[_Call] = []  # calls the network loop has not started yet
        self._outbox: dict[asyncio.AbstractEventLoop, list[_Call]] = {}  # finished calls
        self._gathering: asyncio.TimerHandle | None = None
        self._stopped = False

    def _ensure(self) -> asyncio.AbstractEventLoop:
        with self._lock:
            if self._stopped:
                # A late call (a check that was due as the app closed) must not start a
                # thread nobody stops, with connections nobody closes.
                raise RuntimeError("the network thread has stopped")
            if self._loop is None:
                loop = asyncio.new_event_loop()
                thread = threading.Thread(target=loop.run_forever, name=self._name, daemon=True)
                thread.start()
                self._loop, self._thread = loop, thread
            return self._loop

    def is_current(self) -> bool:
        """Whether the caller already runs on this thread's loop."""
        try:
            return asyncio.get_running_loop() is self._loop
        except RuntimeError:
            return False

    async def run(self, coro: Coroutine[Any, Any, _T]) -> _T:
        """``coro`` run on the network loop, awaited from the caller's loop; cancelling
        the caller cancels it there too."""
        try:
            loop = self._ensure()
        except RuntimeError:
            coro.close()
            raise
        caller = asyncio.get_running_loop()
        answer: asyncio.Future[_T] = caller.create_future()
        call = _Call(coro, caller, answer)
        with self._lock:
            self._inbox.append(call)
            wake = len(self._inbox) == 1  # else a wake-up is on its way already
        if wake:
            loop.call_soon_threadsafe(self._start_calls)
        try:
            return await answer
        except asyncio.CancelledError:
            # The caller stopped waiting: the call is cancelled there too.
            with contextlib.suppress(RuntimeError):  # the loop is closed: nothing runs
                loop.call_soon_threadsafe(self._cancel, call)
            raise

    # -- on the network loop ---------------------------------------------------------------

    def _start_calls(self) -> None:
        with self._lock:
            calls, self._inbox = self._inbox, []
        loop = asyncio.get_running_loop()
        for call in calls:
            call.task = loop.create_task(call.coro)
            call.task.add_done_callback(functools.partial(self._finished, call))

    def _finished(self, call: _Call, _task: asyncio.Task[Any]) -> None:
        with self._lock:
            waiting = self._outbox.setdefault(call.caller, [])
            waiting.append(call)
            first = self._gathering is None
            if first:
                loop = asyncio.get_running_loop()
                self._gathering = loop.call_later(GATHER, self._send_back)

    def _send_back(self) -> None:
        with self._lock:
            self._gathering = None
            callers = list(self._outbox)
        for caller in callers:
            with contextlib.suppress(RuntimeError):  # that loop is closed: nobody waits
                caller.call_soon_threadsafe(self._deliver, caller)

    # -- on a caller's loop ----------------------------------------------------------------

    def _deliver(self, caller: asyncio.AbstractEventLoop) -> None:
        with self._lock:
            calls = self._outbox.pop(caller, [])
        for call in calls:
            task, answer = call.task, call.answer
            if task is None:
                continue
            if answer.done():  # the caller left; the error is read so none is reported
                if not task.cancelled():
                    task.exception()
                continue
            if task.cancelled():
                answer.cancel()
            elif (error := task.exception()) is not None:
                answer.set_exception(error)
            else:
                answer.set_result(task.result())

    @staticmethod
    def _cancel(call: _Call) -> None:
        if call.task is not None:
            call.task.cancel()

    def stop(self) -> None:
        with self._lock:
            loop, thread = self._loop, self._thread
            self._loop = self._thread = None
            self._stopped = True
        if loop is None or thread is None:
            return
        # A request still running would leave its caller waiting for ever: cancelled,
        # its caller hears CancelledError.
        with contextlib.suppress(Exception):
            asyncio.run_coroutine_threadsafe(self._cancel_all(), loop).result(timeout=5)
        loop.call_soon_threadsafe(loop.stop)
        thread.join(timeout=5)
        if not thread.is_alive():
            loop.close()

    async def _cancel_all(self) -> None:
        self._start_calls()  # those handed over meanwhile: started, so cancelled below
        current = asyncio.current_task()
        tasks = [task for task in asyncio.all_tasks() if task is not current]
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        await asyncio.sleep(0)  # the tasks' done callbacks
        with self._lock:
            gathering, self._gathering = self._gathering, None
        if gathering is not None:
            gathering.cancel()
        self._send_back()  # now, not after the loop has stopped
