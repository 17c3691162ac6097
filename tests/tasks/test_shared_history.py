"""The CLI and the window share one history (issue 12, point 2): the window notices rows
another process writes, leaves a task to the process holding its lease, and takes it
over (checks it, saves its outputs) once that process ends or dies."""

from __future__ import annotations

import asyncio
import os
import sqlite3
import sys
import time
from pathlib import Path

import pytest

from genstudio.api.client import GenerationClient
from genstudio.api.kinds import Scope
from genstudio.api.request import GenerationRequest
from genstudio.cli.history_record import CliHistory
from genstudio.sim import DEMO_KEY
from genstudio.tasks.clients import ClientPool
from genstudio.tasks.leases import LEASE_SECONDS, Leases
from genstudio.tasks.service import TaskService
from genstudio.tasks.shared_history import SharedHistory
from genstudio.tasks.states import FileState, TaskState
from genstudio.tasks.store import SCHEMA_VERSION, HistoryStore
from tests.conftest import until
from tests.tasks.conftest import FAST_POLICY, FAST_SAVE_RETRY, Harness


class Clock:
    def __init__(self) -> None:
        self.offset = 0.0

    def __call__(self) -> float:
        return time.time() + self.offset


def test_one_lease_holder_at_a_time_and_expired_leases_are_taken_over(tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite3"
    clock = Clock()
    window_store, cli_store = HistoryStore(path), HistoryStore(path)
    window = Leases(window_store, "window", clock=clock)
    cli = Leases(cli_store, "cli", clock=clock)
    row = cli_store.insert(
        "sim",
        GenerationRequest(Scope.IMAGES, "p", "m"),
        lease=("cli", clock() + LEASE_SECONDS),
    )
    cli.held.add(row.id)
    assert not window.take(row.id)  # from the moment the row exists
    assert window.held_by_others() == {row.id}
    clock.offset = LEASE_SECONDS - 5
    cli.renew()  # renewed while held
    clock.offset = LEASE_SECONDS + 5
    assert not window.take(row.id)
    clock.offset = 2 * LEASE_SECONDS + 10  # the CLI died: no renewal
    assert window.take(row.id)
    cli.renew()
    assert cli.held == set()  # it learns it lost the task
    window.release()
    assert cli.take(row.id)
    for store in (window_store, cli_store):
        store.close()


def test_two_processes_racing_for_a_lease_never_both_win(tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite3"
    stores = [HistoryStore(path) for _ in range(4)]
    row = stores[0].insert("sim", GenerationRequest(Scope.IMAGES, "p", "m"))
    wins = [Leases(s, f"owner{i}").take(row.id) for i, s in enumerate(stores)]
    assert wins == [True, False, False, False]
    for store in stores:
        store.close()


def finished_at_sim(harness: Harness, task_id: str) -> bool:
    task = harness.sim.tasks.by_token(_tokens[task_id])
    assert task is not None
    return time.time() >= task.created + task.run_seconds + 0.05


def status_checks(harness: Harness, task_id: str) -> int:
    """GETs of the task (the simulator counts each look-up; the test made one)."""
    return int(harness.sim.stats()["fetches_per_task"][task_id]) - 1


_tokens: dict[str, str] = {}


async def submit_from_cli(harness: Harness, prompt: str) -> tuple[CliHistory, str]:
    """What ``genstudio-cli submit`` does, in this process on its own connection."""
    cli = CliHistory("sim", harness.db_path)
    request = GenerationRequest(Scope.IMAGES, prompt, "flux")
    cli.sending(request)
    async with GenerationClient(harness.sim.base_url, DEMO_KEY) as client:
        task_id = await client.submit(request)
    cli.sent(task_id)
    task = harness.sim.tasks.get(task_id)
    assert task is not None
    _tokens[task_id] = task.token
    return cli, task_id


async def test_a_cli_task_shows_in_the_window_and_is_taken_over_when_the_cli_ends(
    harness: Harness,
) -> None:
    service = harness.make(save=True)
    shared = SharedHistory(service)
    service.load()
    added: list[str] = []
    service.subscribe(lambda e: added.append(e.kind) if e.kind == "added" else None)

    cli, task_id = await submit_from_cli(harness, "a lighthouse")
    shared.tick()  # noticed without a restart
    (record,) = service.records.values()
    assert record.task_id == task_id and record.request.prompt == "a lighthouse"
    assert added == ["added"]
    # The CLI holds the task: the window does not check it.
    await until(lambda: finished_at_sim(harness, task_id))
    for _ in range(5):
        shared.tick()
    assert status_checks(harness, task_id) == 0
    assert record.id in shared.waiting and record.state is TaskState.WAITING

    await cli.aclose()  # the command ended
    shared.tick()
    await until(lambda: record.state is TaskState.DONE)
    await until(lambda: [f.state for f in record.files] == [FileState.SAVED])
    assert Path(record.files[0].path or "").is_file()
    assert HistoryStore(harness.db_path).load()[0].state is TaskState.DONE


async def test_what_the_cli_saw_while_waiting_is_shown_and_it_is_saved_by_the_window(
    harness: Harness,
) -> None:
    service = harness.make(save=True)
    shared = SharedHistory(service)
    service.load()
    cli, task_id = await submit_from_cli(harness, "rain")
    shared.tick()
    (record,) = service.records.values()
    async with GenerationClient(harness.sim.base_url, DEMO_KEY) as client:
        await until(lambda: finished_at_sim(harness, task_id))
        cli.seen(await client.fetch(Scope.IMAGES, task_id))  # what --wait does
    shared.tick()
    assert record.state is TaskState.DONE and record.outputs  # shown as the CLI saw it
    assert not record.files  # not saved while the CLI holds it
    await cli.aclose()
    shared.tick()
    await until(lambda: [f.state for f in record.files] == [FileState.SAVED])
    # The window saved it without asking the provider again.
    assert status_checks(harness, task_id) == 1


async def test_a_killed_cli_lets_go_when_its_lease_expires(harness: Harness) -> None:
    clock = Clock()
    service = harness.make(save=True)
    shared = SharedHistory(service, clock=clock)
    service.load()
    _cli, task_id = await submit_from_cli(harness, "killed")  # never closed: SIGKILL
    shared.tick()
    (record,) = service.records.values()
    shared.tick()
    assert status_checks(harness, task_id) == 0
    clock.offset = LEASE_SECONDS + 1
    shared.tick()
    await until(lambda: record.state is TaskState.DONE and not record.saving and record.files)


async def test_a_job_the_cli_is_sending_is_not_taken_for_interrupted(harness: Harness) -> None:
    clock = Clock()
    cli = CliHistory("sim", harness.db_path)
    cli.sending(GenerationRequest(Scope.IMAGES, "in flight", "flux"))
    service = harness.make()
    shared = SharedHistory(service, clock=clock)
    (record,) = service.load()  # the window starts meanwhile
    assert record.state is TaskState.SUBMITTING
    shared.tick()
    assert record.state is TaskState.SUBMITTING
    # The CLI was killed in the middle of sending: after its lease, the job's fate is
    # unknown, as for the window's own jobs.
    clock.offset = LEASE_SECONDS + 1
    shared.tick()
    assert service.records[record.id].state is TaskState.SUBMISSION_UNKNOWN
    assert HistoryStore(harness.db_path).load()[0].state is TaskState.SUBMISSION_UNKNOWN


async def test_a_refused_cli_job_leaves_no_row(harness: Harness) -> None:
    cli = CliHistory("sim", harness.db_path)
    cli.sending(GenerationRequest(Scope.IMAGES, "refused", "flux"))
    cli.not_created()
    await cli.aclose()
    assert HistoryStore(harness.db_path).count() == 0


async def test_a_history_the_cli_cannot_use_is_a_warning_not_a_failure(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "history.sqlite3"
    path.write_bytes(b"")
    cli = CliHistory("sim", path)
    cli.sending(GenerationRequest(Scope.IMAGES, "p", "m"))
    cli.sent("task-1")
    await cli.aclose()
    err = capsys.readouterr().err
    assert "not recorded in the history" in err and "0 bytes" in err
    assert path.stat().st_size == 0


def test_leases_live_outside_the_schema_version(tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite3"
    HistoryStore(path).close()
    db = sqlite3.connect(path)
    assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert db.execute("SELECT count(*) FROM leases").fetchone()[0] == 0
    db.close()


async def run_cli(harness: Harness, data: Path, *args: str) -> tuple[int, str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("GENSTUDIO_")}
    env.update(
        {
            "GENSTUDIO_BASE_URL": harness.sim.base_url,
            "GENSTUDIO_API_KEY": DEMO_KEY,
            "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring",
            "XDG_DATA_HOME": str(data),
        }
    )
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "genstudio.cli.main",
        *args,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
        env=env,
    )
    out, err = await asyncio.wait_for(process.communicate(), 60)
    assert process.returncode is not None
    return process.returncode, out.decode(), err.decode()


async def test_the_real_cli_and_a_running_window_share_the_history(
    harness: Harness, tmp_path: Path
) -> None:
    data = tmp_path / "data"
    store = HistoryStore(data / "GenStudio" / "history.sqlite3")
    service = TaskService(
        store,
        ClientPool(harness.prefs.profile, harness.vault),
        FAST_POLICY,
        library=lambda scope: tmp_path / "library" / scope.value,
        save_retry=FAST_SAVE_RETRY,
    )
    shared = SharedHistory(service, interval=0.05)
    service.load()
    following = asyncio.ensure_future(shared.run())
    try:
        seen_while_running: list[TaskState] = []
        cli = asyncio.ensure_future(
            run_cli(
                harness,
                data,
                "--profile",
                "sim",
                "submit",
                "images",
                "--model",
                "my-image-model",
                "--prompt",
                "from the terminal",
                "--wait",
            )
        )
        await until(lambda: bool(service.records))  # shown while the CLI still waits
        (record,) = service.records.values()
        seen_while_running.append(record.state)
        code, out, err = await cli
        assert code == 0, err
        assert seen_while_running[0] is not TaskState.DONE
        await until(lambda: [f.state for f in record.files] == [FileState.SAVED])
        assert record.outputs[0] in out  # the URL the CLI printed, saved by the window
        code, out, err = await run_cli(harness, data, "history")
        assert code == 0, err
        assert out.splitlines() == [
            f"{record.task_id}\timages\tmy-image-model\tDone\t{record.outputs[0]}"
        ]
    finally:
        following.cancel()
        await asyncio.gather(following, return_exceptions=True)
        await service.aclose()
        await service.clients.aclose()
        shared.close()
        store.close()
