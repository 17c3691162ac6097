"""The task service against a hostile provider on loopback (issue 12, points 7 and 9):
whatever comes back, a submit ends in a state and a task goes on being checked; another
task's answer is never merged; the key echoed back never reaches the history."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator, Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from genstudio.api.client import GenerationClient
from genstudio.api.kinds import Scope
from genstudio.api.request import GenerationRequest
from genstudio.api.snapshot import TaskSnapshot
from genstudio.settings.key_store import KeyVault
from genstudio.settings.preferences import Preferences, Profile
from genstudio.tasks.clients import ClientPool
from genstudio.tasks.record import TaskRecord
from genstudio.tasks.service import TaskService
from genstudio.tasks.states import FileState, TaskState
from genstudio.tasks.store import HistoryStore
from tests.conftest import until
from tests.hostile_provider import KEY, Answer, HostileProvider, deep, huge_numbers
from tests.tasks.conftest import FAST_POLICY

HANG = 20.0
SUBMITTED = Answer.of({"task_id": "t1"})
DONE = Answer.of({"task_id": "t1", "status": "SUCCESS", "data": {"output": "https://x.test/a"}})


@dataclass
class Scripted:
    """The provider's submit answer, then its status answers in turn (the last repeats)."""

    submit: Answer
    checks: list[Answer]

    def __call__(self, method: str, _path: str) -> Answer:
        if method == "POST":
            return self.submit
        return self.checks.pop(0) if len(self.checks) > 1 else self.checks[0]


@pytest.fixture
def provider() -> Iterator[HostileProvider]:
    with HostileProvider(Scripted(SUBMITTED, [DONE])) as hostile:
        yield hostile


Make = Callable[..., TaskService]


@pytest.fixture
async def make(provider: HostileProvider, tmp_path: Path) -> AsyncIterator[Make]:
    made: list[TaskService] = []
    prefs = Preferences(profiles=[Profile("p", provider.base_url, allow_insecure=True)])
    vault = KeyVault()
    vault.set("p", KEY, session_only=True)

    def build(
        client_class: type[GenerationClient] = GenerationClient, save: bool = False
    ) -> TaskService:
        def factory(url: str, key: str, **options: Any) -> GenerationClient:
            return client_class(url, key, fetch_deadline=0.5, submit_deadline=0.5, **options)

        service = TaskService(
            HistoryStore(tmp_path / "history.sqlite3"),
            ClientPool(prefs.profile, vault, factory),
            FAST_POLICY,
            library=(lambda scope: tmp_path / "library" / scope.value) if save else None,
        )
        made.append(service)
        return service

    yield build
    for service in made:
        await service.aclose()
        await service.clients.aclose()
        service.store.close()


async def submit(service: TaskService) -> TaskRecord:
    request = GenerationRequest(Scope.IMAGES, "a kite", "m")
    return await asyncio.wait_for(service.submit("p", request), HANG)


async def test_numbers_no_float_holds_do_not_stop_the_checks(
    provider: HostileProvider, make: Make
) -> None:
    """Before: OverflowError ended the check and the task was never checked again."""
    provider.script = Scripted(SUBMITTED, [Answer(huge_numbers()), Answer(huge_numbers()), DONE])
    record = await submit(make())
    await until(lambda: record.state is TaskState.DONE, HANG)


async def test_deep_nesting_is_a_submission_unknown_then_a_failed_check(
    provider: HostileProvider, make: Make
) -> None:
    provider.script = Scripted(Answer(deep()), [DONE])
    service = make()
    unknown = await submit(service)
    assert unknown.state is TaskState.SUBMISSION_UNKNOWN
    provider.script = Scripted(SUBMITTED, [Answer(deep())])
    watched = await submit(service)
    await until(lambda: watched.state is TaskState.UNREACHABLE, HANG)
    checks = provider.fetches()
    await until(lambda: provider.fetches() > checks + 1, HANG)  # still being checked


async def test_a_trickling_submit_answer_is_a_submission_unknown(
    provider: HostileProvider, make: Make
) -> None:
    provider.script = Scripted(Answer(b'{"task_id": "t1"}', trickle=0.1), [DONE])
    record = await submit(make())
    assert record.state is TaskState.SUBMISSION_UNKNOWN


class Unforeseen(GenerationClient):
    """A client that fails as no one foresaw: its submit once, its first two checks."""

    failures = 0

    async def submit(self, request: GenerationRequest, **options: Any) -> str:
        Unforeseen.failures += 1
        if Unforeseen.failures == 1:
            raise RuntimeError("a bug nobody foresaw")
        return await super().submit(request, **options)

    async def fetch(self, scope: Scope, task_id: str) -> TaskSnapshot:
        Unforeseen.failures += 1
        if Unforeseen.failures <= 3:
            raise ValueError("another bug")
        return await super().fetch(scope, task_id)


async def test_an_unforeseen_failure_is_never_a_task_left_unwatched(
    make: Make, caplog: pytest.LogCaptureFixture
) -> None:
    """Before: the submit's exception escaped the service, leaving the row "Sending";
    a check's ended the checks for good."""
    service = make(Unforeseen)
    with caplog.at_level(logging.ERROR):
        first = await submit(service)
    assert first.state is TaskState.SUBMISSION_UNKNOWN
    assert "a bug nobody foresaw" in caplog.text  # the traceback is in the log
    second = await submit(service)
    await until(lambda: second.state is TaskState.DONE, HANG)


async def test_an_answer_about_another_task_is_not_merged(
    provider: HostileProvider, make: Make, caplog: pytest.LogCaptureFixture
) -> None:
    other = Answer.of({"task_id": "t2", "status": "SUCCESS", "data": {"output": "https://x/2"}})
    provider.script = Scripted(SUBMITTED, [other, other, other, DONE])
    with caplog.at_level(logging.WARNING):
        record = await submit(make())
        await until(lambda: record.state is TaskState.DONE, HANG)
    assert record.outputs == ("https://x.test/a",)
    assert "asked for 't1', the answer is about 't2'" in caplog.text


async def test_the_key_echoed_back_never_reaches_the_history(
    provider: HostileProvider, make: Make, tmp_path: Path
) -> None:
    echo = {
        "task_id": "t1",
        "status": "FAILURE",
        "fail_reason": f"upstream refused key {KEY}",
        "data": {"output": f"https://x.test/a?key={KEY}", "seen_key": KEY},
    }
    provider.script = Scripted(SUBMITTED, [Answer.of(echo)])
    service = make()
    record = await submit(service)
    await until(lambda: record.state is TaskState.FAILED, HANG)
    assert record.fail_reason == "upstream refused key [key hidden]"
    assert record.outputs == ("https://x.test/a?key=[key hidden]",)
    service.store.close()
    for path in tmp_path.iterdir():  # the database and its journal files
        assert KEY.encode() not in path.read_bytes(), path.name


async def test_a_link_holding_the_key_is_not_fetched_and_no_file_holds_the_key(
    provider: HostileProvider, make: Make, tmp_path: Path
) -> None:
    png = b"\x89PNG\r\n\x1a\n" + bytes(64)

    def script(method: str, path: str) -> Answer:
        if method == "POST":
            return SUBMITTED
        if path.startswith("/clean.png"):
            return Answer(png)
        base = provider.base_url
        outputs = [f"{base}/clean.png", f"{base}/keyed.png?key={KEY}"]
        return Answer.of({"task_id": "t1", "status": "SUCCESS", "data": {"outputs": outputs}})

    provider.script = script
    service = make(save=True)
    record = await submit(service)
    await until(lambda: record.state is TaskState.DONE and not record.saving, HANG)
    clean, keyed = record.files
    assert clean.state is FileState.SAVED and Path(clean.path or "").read_bytes() == png
    # Fetching it would hand the key to whoever serves the file: said once, not tried.
    assert keyed.state is FileState.REFUSED and "held your API key" in (keyed.error or "")
    assert not any(path.startswith("/keyed") for _method, path in provider.requests)
    service.store.close()
    everything = [p for p in tmp_path.rglob("*") if p.is_file()]
    assert Path(f"{clean.path}.json") in everything
    for path in everything:  # the output, its sidecar, the history
        assert KEY.encode() not in path.read_bytes(), path.name
