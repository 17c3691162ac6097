"""Sending without paying twice: what created nothing (429, a provider out of reach)
waits and goes out again by itself until a deadline, then asks the user; a removed
provider's tasks wait for it, with no key prompt."""

from __future__ import annotations

import asyncio
import dataclasses
import logging

import pytest

from genstudio.api.kinds import Scope
from genstudio.api.request import GenerationRequest
from genstudio.settings.preferences import Profile
from genstudio.sim import DEMO_KEY
from genstudio.sim.faults import Fault
from genstudio.tasks.actions import Action, applies
from genstudio.tasks.events import KeyProblem
from genstudio.tasks.settings_changes import ProviderDraft, SettingsChanges, apply_settings
from genstudio.tasks.states import TaskState
from tests.conftest import until
from tests.tasks.conftest import Harness


def req(prompt: str) -> GenerationRequest:
    return GenerationRequest(Scope.IMAGES, prompt, "flux-schnell")


async def test_429_on_every_submit_for_a_while_fails_nothing(harness: Harness) -> None:
    """Before: 2 of 3 jobs became failed rows although nothing was created."""
    service = harness.make()
    sim = harness.sim
    sim.inject(Fault("rate_limit", count=30, endpoint="submit", retry_after=0.05))
    records = [await service.submit("sim", req(f"[[seconds:0.2]] {i}")) for i in range(3)]
    # Each waits, or is being sent again at this moment; none failed, none was created.
    waiting = (TaskState.SEND_LATER, TaskState.SUBMITTING)
    assert all(r.state in waiting and r.task_id is None for r in records)
    assert records[-1].state is TaskState.SEND_LATER
    assert "asks to slow down" in (records[-1].last_error or "")
    assert "sends it again by itself" in (records[-1].last_error or "")
    assert applies(Action.DELETE, records[-1]) and not applies(Action.RETRY, records[-1])
    await until(lambda: all(r.state is TaskState.DONE for r in records), timeout=30)
    assert sim.stats()["submit"] == 3  # each accepted once
    assert len(service.records) == 3


async def test_a_provider_out_of_reach_is_sent_once_it_is_back(harness: Harness) -> None:
    service = harness.make()
    port = harness.sim.port
    harness.sim.stop()  # nobody answers: the request cannot have been sent
    record = await service.submit("sim", req("[[seconds:0.2]] first try lost"))
    assert record.state is TaskState.SEND_LATER and record.task_id is None
    harness.sim.config.port = port
    harness.sim.start()
    await until(lambda: record.state is TaskState.DONE, timeout=20)
    assert harness.sim.stats()["submit"] == 1 and len(service.records) == 1


async def test_after_the_deadline_the_user_is_asked_and_retry_reuses_the_row(
    harness: Harness,
) -> None:
    service = harness.make()
    service.policy = dataclasses.replace(service.policy, send_later_for=0.3)
    port = harness.sim.port
    harness.sim.stop()
    record = await service.submit("sim", req("[[seconds:0.2]] never reached"))
    await until(lambda: record.state is TaskState.FAILED, timeout=10)
    assert record.task_id is None
    assert record.fail_reason == (
        "Not sent: the provider could not be reached for 1 min. Nothing was started or "
        "charged; use Retry to send it."
    )
    assert applies(Action.RETRY, record)
    harness.sim.config.port = port
    harness.sim.start()
    again = await service.retry([record.id])
    assert again == [record] and len(service.records) == 1
    await until(lambda: record.state is TaskState.DONE)
    assert harness.sim.stats()["submit"] == 1


async def test_waiting_to_send_survives_a_restart(
    harness: Harness, caplog: pytest.LogCaptureFixture
) -> None:
    service = harness.make()
    harness.sim.inject(Fault("rate_limit", count=30, endpoint="submit", retry_after=5))
    with caplog.at_level(logging.INFO, "genstudio.api.client"):
        record = await service.submit("sim", req("[[seconds:0.2]] patient"))
    assert record.state is TaskState.SEND_LATER
    # Said at once: the client did not sit on it for three Retry-Afters first.
    assert not [r for r in caplog.records if "rate limited, retry" in r.getMessage()]
    await service.aclose()
    harness.sim.faults.clear()
    again = harness.make()
    (loaded,) = again.load()
    assert loaded.state is TaskState.SEND_LATER  # not "Submission unknown": nothing left
    await until(lambda: loaded.state is TaskState.DONE, timeout=20)
    assert harness.sim.stats()["submit"] == 1


async def test_a_removed_provider_is_named_and_its_tasks_wait_for_it(harness: Harness) -> None:
    """Before: treated as a refused key, and the key prompt opened."""
    service = harness.make()
    problems: list[KeyProblem] = []
    service.on_key_problem(problems.append)
    record = await service.submit("sim", req("[[seconds:1.5]] orphan"))
    await until(lambda: record.state in (TaskState.RUNNING, TaskState.WAITING))
    prefs, vault = harness.prefs, harness.vault
    apply_settings(SettingsChanges((), removed=frozenset({"sim"})), prefs, vault, service)
    assert record.state is TaskState.PROVIDER_REMOVED
    assert "was removed. Add it again under the same name" in (record.last_error or "")
    assert applies(Action.STOP, record) and not applies(Action.CHECK, record)
    fetches = harness.sim.stats()["fetch"]
    # Past the job's end at the provider, many check intervals later: never asked.
    await asyncio.sleep(2.0)
    assert harness.sim.stats()["fetch"] == fetches
    assert record.state is TaskState.PROVIDER_REMOVED and problems == []
    # Added again under its name: watched again, and it finishes.
    draft = ProviderDraft("sim", harness.sim.base_url, new_key=DEMO_KEY)
    apply_settings(SettingsChanges((draft,)), prefs, vault, service)
    await until(lambda: record.state is TaskState.DONE, timeout=20)
    assert problems == []


async def test_tasks_of_a_provider_gone_before_start_wait_without_a_key_prompt(
    harness: Harness,
) -> None:
    service = harness.make()
    record = await service.submit("sim", req("[[seconds:0.5]] left behind"))
    await service.aclose()
    harness.prefs.profiles = [Profile("other", harness.sim.base_url)]
    again = harness.make()
    problems: list[KeyProblem] = []
    again.on_key_problem(problems.append)
    (loaded,) = again.load()
    await until(lambda: loaded.state is TaskState.PROVIDER_REMOVED)
    assert loaded.id == record.id and problems == []
