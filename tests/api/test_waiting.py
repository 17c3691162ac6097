"""Waiting for a task: growing intervals, errors survived, deadlines kept."""

from __future__ import annotations

import random

import pytest

from genstudio.api.backoff import BackoffPolicy
from genstudio.api.client import GenerationClient
from genstudio.api.errors import ApiError, AuthenticationError, NetworkError, ServerError
from genstudio.api.kinds import Scope, TaskStatus
from genstudio.api.request import GenerationRequest
from genstudio.api.snapshot import TaskSnapshot
from genstudio.api.waiting import WaitTimedOutError, wait_for_task
from genstudio.sim import Fault, Simulator
from tests.conftest import FAST_BACKOFF


async def submit(
    client: GenerationClient, prompt: str = "a kite", scope: Scope = Scope.IMAGES
) -> str:
    return await client.submit(GenerationRequest(scope, prompt, "m"))


async def test_progress_rises_to_success(client: GenerationClient) -> None:
    task_id = await submit(client)
    seen: list[TaskSnapshot] = []
    snap = await wait_for_task(
        client, Scope.IMAGES, task_id, timeout=20, policy=FAST_BACKOFF, on_update=seen.append
    )
    assert snap.has_result
    statuses = [s.status for s in seen]
    assert statuses[-1] is TaskStatus.SUCCESS
    assert TaskStatus.IN_PROGRESS in statuses
    progress = [s.progress for s in seen if s.status is TaskStatus.IN_PROGRESS]
    assert progress == sorted(progress)  # type: ignore[type-var]


async def test_failure_reason_is_returned(client: GenerationClient) -> None:
    task_id = await submit(client, "a [[fail:too many cats]] scene")
    snap = await wait_for_task(client, Scope.IMAGES, task_id, timeout=20, policy=FAST_BACKOFF)
    assert snap.status is TaskStatus.FAILURE
    assert snap.fail_reason == "too many cats"


async def test_server_and_network_errors_are_not_a_failed_task(
    sim: Simulator, client: GenerationClient
) -> None:
    task_id = await submit(client)
    sim.inject(Fault("server_error", count=3, endpoint="fetch", body="html"))
    sim.inject(Fault("drop", count=2, endpoint="fetch"))
    sim.inject(Fault("rate_limit", count=2, endpoint="fetch", retry_after=0.05))
    troubles: list[ApiError] = []
    snap = await wait_for_task(
        client,
        Scope.IMAGES,
        task_id,
        timeout=20,
        policy=FAST_BACKOFF,
        on_trouble=lambda e, _w: troubles.append(e),
    )
    assert snap.has_result
    assert sum(isinstance(e, ServerError) for e in troubles) == 3
    assert sum(isinstance(e, NetworkError) for e in troubles) == 2


async def test_trouble_that_outlasts_the_retries_is_raised(
    sim: Simulator, client: GenerationClient
) -> None:
    task_id = await submit(client)
    sim.inject(Fault("server_error", count=50, endpoint="fetch"))
    with pytest.raises(ServerError):
        await wait_for_task(
            client, Scope.IMAGES, task_id, timeout=20, policy=FAST_BACKOFF, max_failures=4
        )
    assert sim.stats()["fetch"] == 0  # every one of the 4 checks hit the fault


async def test_deadline(client: GenerationClient) -> None:
    task_id = await submit(client, "[[never]]")
    with pytest.raises(WaitTimedOutError) as caught:
        await wait_for_task(client, Scope.IMAGES, task_id, timeout=0.5, policy=FAST_BACKOFF)
    assert caught.value.snapshot is not None
    assert caught.value.snapshot.status is TaskStatus.IN_PROGRESS
    assert "may still finish" in caught.value.user_message


async def test_success_without_output_waits_for_grace(client: GenerationClient) -> None:
    task_id = await submit(client, "[[no-output]] [[seconds:0]]")
    seen: list[TaskSnapshot] = []
    snap = await wait_for_task(
        client,
        Scope.IMAGES,
        task_id,
        timeout=20,
        policy=FAST_BACKOFF,
        no_output_grace=0.4,
        on_update=seen.append,
    )
    assert snap.succeeded_without_output
    assert len(seen) >= 3  # kept checking during the grace period


async def test_auth_error_ends_the_wait(sim: Simulator, client: GenerationClient) -> None:
    task_id = await submit(client)
    sim.config.api_key = "rotated"
    with pytest.raises(AuthenticationError):
        await wait_for_task(client, Scope.IMAGES, task_id, timeout=20, policy=FAST_BACKOFF)


async def test_intervals_grow_to_the_cap_and_honour_retry_after(
    sim: Simulator, client: GenerationClient
) -> None:
    task_id = await submit(client, "[[never]]")
    sim.inject(Fault("rate_limit", count=1, endpoint="fetch", retry_after=30))
    waits: list[float] = []
    now = [0.0]

    async def fake_sleep(seconds: float) -> None:
        waits.append(seconds)
        now[0] += seconds

    with pytest.raises(WaitTimedOutError):
        await wait_for_task(
            client,
            Scope.IMAGES,
            task_id,
            timeout=120,
            policy=BackoffPolicy(first=2, factor=2, cap=15, jitter=0.0),
            sleep=fake_sleep,
            clock=lambda: now[0],
        )
    assert waits[:5] == [30, 4, 8, 15, 15]
    assert sum(waits) == pytest.approx(120)


def test_jitter_stays_within_bounds() -> None:
    policy = BackoffPolicy(first=2, factor=2, cap=15, jitter=0.1)
    rng = random.Random(4)
    delays = [policy.delay(3, rng) for _ in range(200)]
    assert min(delays) >= 15 * 0.9 and max(delays) <= 15 * 1.1
    assert len(set(delays)) > 100
