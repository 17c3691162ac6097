"""Saving outputs: exact bytes, sidecars, no key to the output host, retries, expiry."""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import time
from pathlib import Path

import httpx
import pytest

from genstudio.api.download import DownloadedFile
from genstudio.api.kinds import Scope
from genstudio.api.request import GenerationRequest
from genstudio.sim import DEMO_KEY, Fault
from genstudio.tasks.earlier_copy import keep_earlier_copy
from genstudio.tasks.record import SavedFile
from genstudio.tasks.states import FileState, TaskState
from genstudio.tasks.store import SCHEMA_VERSION, HistoryStore
from genstudio.tasks.store_schema import _v1
from tests.conftest import until
from tests.tasks.conftest import Harness


def files_in(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


async def test_outputs_are_saved_with_sidecars(harness: Harness) -> None:
    service = harness.make(save=True)
    record = await service.submit("sim", GenerationRequest(Scope.AUDIO, "lofi rain", "suno-v4"))
    await until(lambda: record.state is TaskState.DONE and not record.saving)
    assert [f.state for f in record.files] == [FileState.SAVED, FileState.SAVED]
    async with httpx.AsyncClient() as plain:
        for file in record.files:
            assert file.path is not None
            data = Path(file.path).read_bytes()
            assert data == (await plain.get(file.url)).content
            assert file.sha256 == hashlib.sha256(data).hexdigest()
            sidecar = json.loads(Path(file.path + ".json").read_text())
            assert sidecar["prompt"] == "lofi rain" and sidecar["model"] == "suno-v4"
            assert sidecar["task_id"] == record.task_id and sidecar["sha256"] == file.sha256
            assert sidecar["source_url"] == file.url and sidecar["provider_profile"] == "sim"
            assert DEMO_KEY not in json.dumps(sidecar)
    names = files_in(harness.library / "audio")
    assert len(names) == 4 and all("suno-v4_lofi-rain_" in n for n in names)
    assert not harness.sim.output_requests or not any(
        r.had_authorization for r in harness.sim.output_requests
    )
    stored = service.store.load()[0]
    assert stored.files == record.files  # the history knows where each file is


async def test_cut_connection_is_retried_and_leaves_no_partial_file(harness: Harness) -> None:
    service = harness.make(save=True)
    harness.sim.inject(Fault("drop", count=2, endpoint="output"))
    record = await service.submit("sim", GenerationRequest(Scope.VIDEOS, "waves", "veo3"))
    await until(lambda: record.state is TaskState.DONE and not record.saving)
    (file,) = record.files
    assert file.state is FileState.SAVED and file.attempts == 2
    assert files_in(harness.library / "videos") == [
        Path(file.path or "").name,
        Path(file.path or "").name + ".json",
    ]


async def test_expired_link_is_said_in_words(harness: Harness) -> None:
    service = harness.make(save=True)
    harness.sim.inject(Fault("server_error", count=1, endpoint="output", status=410, body="empty"))
    record = await service.submit("sim", GenerationRequest(Scope.IMAGES, "a kite", "m"))
    await until(lambda: record.state is TaskState.DONE and not record.saving)
    (file,) = record.files
    assert file.state is FileState.EXPIRED
    assert file.error and file.error.startswith("Link expired")
    assert files_in(harness.library / "images") == []


async def test_hostile_prompt_stays_in_the_folder_and_nothing_is_overwritten(
    harness: Harness,
) -> None:
    service = harness.make(save=True)
    prompt = "../../etc/passwd \\ C:evil\x00 🚀 " + "x" * 300
    first = await service.submit("sim", GenerationRequest(Scope.IMAGES, prompt, "../m"))
    second = await service.submit("sim", GenerationRequest(Scope.IMAGES, prompt, "../m"))
    try:
        await until(
            lambda: all(r.state is TaskState.DONE and not r.saving for r in (first, second))
        )
    except AssertionError:  # seen once in a full parallel run: say where each one stood
        states = [(r.state, r.saving, r.last_error, r.files) for r in (first, second)]
        raise AssertionError(f"not done and saved in time: {states}") from None
    folder = (harness.library / "images").resolve()
    paths = [Path(r.files[0].path or "") for r in (first, second)]
    assert paths[0] != paths[1]
    for path in paths:
        assert path.resolve().parent == folder
        assert len(path.name.encode()) < 255


async def test_saving_resumes_after_a_restart(harness: Harness) -> None:
    first = harness.make(save=False)  # finishes without saving, as if it had quit
    record = await first.submit("sim", GenerationRequest(Scope.IMAGES, "a boat", "m"))
    await until(lambda: record.state is TaskState.DONE)
    assert record.files == ()
    await first.aclose()
    second = harness.make(save=True)
    loaded = {r.id: r for r in second.load()}
    again = loaded[record.id]
    await until(lambda: bool(again.files) and not again.saving)
    assert again.files[0].state is FileState.SAVED


async def test_the_row_hears_how_far_the_download_is(harness: Harness) -> None:
    service = harness.make(save=True)
    harness.sim.config.output_rate = 250_000  # the 86 kB clip takes about a third of a second
    fractions: list[float] = []
    service.subscribe(
        lambda event: fractions.extend(
            r.save_fraction for r in event.records if r.save_fraction is not None
        )
    )
    record = await service.submit("sim", GenerationRequest(Scope.VIDEOS, "slow", "veo3"))
    await until(lambda: record.state is TaskState.DONE and not record.saving, timeout=20)
    assert record.files[0].state is FileState.SAVED
    assert any(0 < f < 1 for f in fractions), fractions
    assert fractions == sorted(fractions)
    assert record.save_fraction is None  # nothing left to show once saved
    assert service.store.load()[0].save_fraction is None  # never stored


async def test_too_large_is_said_and_saved_after_the_limit_is_raised(harness: Harness) -> None:
    limit = [10_000]
    service = harness.make(save=True, max_output_bytes=lambda: limit[0])
    record = await service.submit("sim", GenerationRequest(Scope.VIDEOS, "long", "veo3"))
    await until(lambda: record.state is TaskState.DONE and not record.saving)
    (file,) = record.files
    assert file.state is FileState.FAILED and file.attempts == 0  # not retried in vain
    assert "larger than the 0 MB limit" in (file.error or "")
    assert "Save again" in (file.error or "")
    assert files_in(harness.library / "videos") == []  # nothing partial
    limit[0] = 10**9
    service.save_again([record.id])
    await until(lambda: not record.saving)
    assert record.files[0].state is FileState.SAVED
    assert service.store.load()[0].files[0].state is FileState.SAVED


async def test_a_copy_cut_short_is_saved_again_after_a_restart(harness: Harness) -> None:
    first = harness.make(save=True)
    record = await first.submit("sim", GenerationRequest(Scope.IMAGES, "a kite", "m"))
    await until(lambda: record.state is TaskState.DONE and not record.saving)
    path = Path(record.files[0].path or "")
    good = path.read_bytes()
    await first.aclose()
    path.write_bytes(good[:100])  # what a power cut before the disk caught up leaves
    second = harness.make(save=True)
    again = {r.id: r for r in second.load()}[record.id]
    await until(lambda: again.files[0].state is FileState.SAVED and not again.saving)
    fresh = Path(again.files[0].path or "")
    assert fresh.read_bytes() == good
    assert files_in(harness.library / "images") == [fresh.name, fresh.name + ".json"]


async def test_a_deleted_copy_is_not_fetched_again(harness: Harness) -> None:
    first = harness.make(save=True)
    record = await first.submit("sim", GenerationRequest(Scope.IMAGES, "a kite", "m"))
    await until(lambda: record.state is TaskState.DONE and not record.saving)
    await first.aclose()
    for leftover in (harness.library / "images").iterdir():
        leftover.unlink()  # the user threw it away
    second = harness.make(save=True)
    again = {r.id: r for r in second.load()}[record.id]
    assert again.files[0].state is FileState.SAVED and not again.saving
    assert files_in(harness.library / "images") == []


def test_history_schema_1_is_migrated(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    db = sqlite3.connect(path, isolation_level=None)
    _v1(db)
    db.execute("PRAGMA user_version = 1")
    db.execute(
        "INSERT INTO tasks (profile, scope, model, prompt, request_json, created_at, state, "
        "updated_at) VALUES ('p', 'images', 'm', 'old', ?, 1.0, 'done', 1.0)",
        (json.dumps(GenerationRequest(Scope.IMAGES, "old", "m").to_json_dict()),),
    )
    db.close()
    store = HistoryStore(path)
    assert store.schema_version == SCHEMA_VERSION
    (record,) = store.load()
    assert record.request.prompt == "old" and record.files == ()
    record.files = (SavedFile("https://x/1.png", FileState.SAVED, "/tmp/1.png", "ab", 3),)
    store.update(record)
    assert store.load()[0].files == record.files


async def test_outputs_of_old_tasks_are_not_fetched_at_start(harness: Harness) -> None:
    first = harness.make(save=False)
    old = await first.submit("sim", GenerationRequest(Scope.IMAGES, "long ago", "m"))
    new = await first.submit("sim", GenerationRequest(Scope.IMAGES, "just now", "m"))
    await until(lambda: old.state is TaskState.DONE and new.state is TaskState.DONE)
    old.finished_at = old.created_at = time.time() - 3 * 86400  # its links are long dead
    first.store.update(old)
    await first.aclose()
    second = harness.make(save=True)
    loaded = {r.id: r for r in second.load()}
    await until(lambda: not loaded[new.id].saving and bool(loaded[new.id].files))
    assert loaded[new.id].files[0].state is FileState.SAVED
    assert old.id not in loaded  # finished long ago: not even read at start
    again = second.record(old.id)  # read when asked for
    assert again is not None and again.files == ()  # not tried: no requests to expired links
    fetched = {r.path for r in harness.sim.output_requests}
    assert not any(u.endswith(p) for u in old.outputs for p in fetched)


@pytest.mark.parametrize("sidecar_written", [True, False])
async def test_a_copy_saved_by_a_killed_run_is_kept_not_saved_twice(
    harness: Harness, sidecar_written: bool
) -> None:
    first = harness.make(save=True)
    record = await first.submit("sim", GenerationRequest(Scope.IMAGES, "a lamp", "m"))
    await until(lambda: record.state is TaskState.DONE and not record.saving)
    path = Path(record.files[0].path or "")
    # Killed after the rename (and the sidecar, or not) but before the history heard.
    record.files = tuple(SavedFile(f.url) for f in record.files)
    first.store.update(record)
    if not sidecar_written:
        Path(f"{path}.json").unlink()
    os.utime(path, (time.time() - 3600, time.time() - 3600))  # the killed run was earlier
    await first.aclose()
    second = harness.make(save=True)
    again = {r.id: r for r in second.load()}[record.id]
    await until(lambda: again.files[0].state is FileState.SAVED)
    assert again.files[0].path == str(path)
    assert files_in(path.parent) == [path.name, path.name + ".json"]
    assert json.loads(Path(f"{path}.json").read_text())["task_id"] == record.task_id


async def test_an_earlier_file_of_the_same_name_that_differs_is_left_alone(
    harness: Harness,
) -> None:
    service = harness.make(save=True)
    first = await service.submit("sim", GenerationRequest(Scope.IMAGES, "a lamp", "m"))
    await until(lambda: first.state is TaskState.DONE and not first.saving)
    path = Path(first.files[0].path or "")
    # Another task's copy of the same bytes, and a file of the user's of the same size.
    second = await service.submit("sim", GenerationRequest(Scope.IMAGES, "a lamp", "m"))
    await until(lambda: second.state is TaskState.DONE and not second.saving)
    assert second.files[0].path != first.files[0].path
    Path(f"{path}.json").unlink()
    path.write_bytes(bytes(path.stat().st_size))
    third = await service.submit("sim", GenerationRequest(Scope.IMAGES, "a lamp", "m"))
    await until(lambda: third.state is TaskState.DONE and not third.saving)
    assert len({r.files[0].path for r in (first, second, third)}) == 3


@pytest.mark.parametrize("written_by_this_run", [True, False])
def test_a_file_of_this_run_waiting_for_its_sidecar_is_not_taken(
    tmp_path: Path, written_by_this_run: bool
) -> None:
    """Two jobs of one prompt finishing together: the second must not take the first's
    file in the moment between its rename and its sidecar (seen once in CI). A file an
    earlier run left without its sidecar is the same output saved before: kept."""
    stem = "2026-11-25_m_a-lamp_1"
    data = b"\x89PNG same bytes"
    earlier = tmp_path / f"{stem}.png"
    earlier.write_bytes(data)
    if not written_by_this_run:
        os.utime(earlier, (time.time() - 3600, time.time() - 3600))
    new = tmp_path / f"{stem}_2.png"
    new.write_bytes(data)
    digest = hashlib.sha256(data).hexdigest()
    saved = DownloadedFile("http://x/a.png", new, len(data), digest, "image/png")
    kept = keep_earlier_copy(saved, stem, "t2")
    if written_by_this_run:
        assert kept.path == new and earlier.exists()
    else:
        assert kept.path == earlier and not new.exists()
