"""Waiting for one task: poll with growing intervals until it is final.

This is the single-task loop used by ``genstudio-cli wait``. A failed status check is
not a failed task: network and server errors are retried with back-off, and only
``max_failures`` of them in a row end the wait.
"""

from __future__ import annotations

import asyncio
import random
import time
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING

from genstudio.api.backoff import BackoffPolicy
from genstudio.api.errors import (
    ApiError,
    BadResponseError,
    NetworkError,
    RateLimitedError,
    ServerError,
)

if TYPE_CHECKING:
    from genstudio.api.client import GenerationClient
    from genstudio.api.kinds import Scope
    from genstudio.api.snapshot import TaskSnapshot

DEFAULT_POLICY = BackoffPolicy(first=2.0, factor=2.0, cap=15.0, jitter=0.15)


class WaitTimedOutError(ApiError):
    """The client's own deadline passed; the task may still finish at the provider."""

    def __init__(self, user_message: str, snapshot: TaskSnapshot | None):
        super().__init__(user_message)
        self.snapshot = snapshot


_TRANSIENT = (NetworkError, ServerError, BadResponseError)


async def wait_for_task(
    client: GenerationClient,
    scope: Scope,
    task_id: str,
    *,
    timeout: float,
    policy: BackoffPolicy = DEFAULT_POLICY,
    max_failures: int = 10,
    no_output_grace: float = 60.0,
    on_update: Callable[[TaskSnapshot], None] | None = None,
    on_trouble: Callable[[ApiError, float], None] | None = None,
    sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    clock: Callable[[], float] = time.monotonic,
    rng: random.Random | None = None,
) -> TaskSnapshot:
    """Return the final snapshot: a result, a failure, or SUCCESS without output
    after ``no_output_grace`` seconds. Raises :class:`WaitTimedOutError` at the deadline,
    :class:`AuthenticationError` / :class:`TaskNotFoundError` at once, and the last
    transient error after ``max_failures`` failed checks in a row."""
    deadline = clock() + timeout
    attempt = 0
    failures = 0
    last: TaskSnapshot | None = None
    empty_success_since: float | None = None
    while True:
        retry_after: float | None = None
        try:
            # The deadline holds while a check is in flight too (an answer that trickles).
            async with asyncio.timeout(max(0.0, deadline - clock())):
                snapshot = await client.fetch(scope, task_id)
        except TimeoutError:
            raise _timed_out(timeout, scope, task_id, last) from None
        except RateLimitedError as exc:
            retry_after = exc.retry_after
            if on_trouble:
                on_trouble(exc, policy.after_hint(attempt, retry_after, rng))
        except _TRANSIENT as exc:
            failures += 1
            if failures >= max_failures:
                raise
            if on_trouble:
                on_trouble(exc, policy.delay(attempt, rng))
        else:
            failures = 0
            last = snapshot
            if on_update:
                on_update(snapshot)
            if snapshot.is_final:
                return snapshot
            if snapshot.succeeded_without_output:
                empty_success_since = empty_success_since or clock()
                if clock() - empty_success_since >= no_output_grace:
                    return snapshot
            else:
                empty_success_since = None
        wait = policy.after_hint(attempt, retry_after, rng)
        attempt += 1
        remaining = deadline - clock()
        if remaining <= 0:
            raise _timed_out(timeout, scope, task_id, last)
        await sleep(min(wait, remaining))


def _timed_out(
    timeout: float, scope: Scope, task_id: str, last: TaskSnapshot | None
) -> WaitTimedOutError:
    return WaitTimedOutError(
        f"Stopped waiting after {timeout:.0f} s; the task may still finish at the "
        f"provider. Check it later with: genstudio-cli wait {scope.value} {task_id}",
        last,
    )
