"""Saving under faults: links that can never be saved, a folder that is full, read-only
or missing (injected through the saver's seams, never a real full disk), and the
leftovers of a killed run."""

from __future__ import annotations

import asyncio
import errno
import logging
import os
import subprocess
import sys
import threading
import time
from collections.abc import Awaitable, Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from genstudio.api.download import DownloadedFile, OutputDownloader
from genstudio.api.folder_errors import folder_write_error
from genstudio.api.kinds import Scope
from genstudio.api.request import GenerationRequest
from genstudio.tasks.actions import Action, applies
from genstudio.tasks.record import TaskRecord
from genstudio.tasks.save_pause import ROOM_CHECK_EVERY, Cause, Disk, SavePause
from genstudio.tasks.saver import OutputSaver
from genstudio.tasks.states import FileState, TaskState
from tests.api.test_download import Reply, ScriptedHost
from tests.conftest import until

PNG = b"\x89PNG\r\n\x1a\n" + bytes(100)


def state_of(record: TaskRecord) -> FileState:
    """The first output's state (a function: mypy would keep an earlier narrowing)."""
    return record.files[0].state


class Clock:
    """The saver's sleep, driven by the test: nothing waits until ``advance``."""

    def __init__(self) -> None:
        self.now = 0.0
        self.sleeps: list[float] = []
        self._due: list[tuple[float, asyncio.Future[None]]] = []

    async def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        future: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self._due.append((self.now + seconds, future))
        await future

    def advance(self, seconds: float) -> None:
        self.now += seconds
        for due, future in list(self._due):
            if due <= self.now:
                self._due.remove((due, future))
                if not future.done():
                    future.set_result(None)


class FakeDisk(Disk):
    """Room as the test says; ``asked`` counts the looks."""

    def __init__(self) -> None:
        self.cause: Cause | None = None
        self.asked: list[int] = []

    def room(self, folder: Path, needed: int) -> Cause | None:
        self.asked.append(needed)
        return self.cause


class FailingWrites(OutputDownloader):
    """Raises the folder error the test sets (as a real write would) until it is cleared."""

    def __init__(self) -> None:
        super().__init__()
        self.error: OSError | None = None
        self.needed: int | None = None
        self.calls = 0

    async def download(self, url: str, folder: Path, *args: Any, **kwargs: Any) -> DownloadedFile:
        self.calls += 1
        if self.error is not None:
            raise folder_write_error(folder, self.error, self.needed)
        return await super().download(url, folder, *args, **kwargs)


@pytest.fixture
def host() -> Iterator[ScriptedHost]:
    scripted = ScriptedHost()
    scripted.routes["/a.png"] = Reply(
        headers={"Content-Type": "image/png", "Content-Length": str(len(PNG))}, body=PNG
    )
    yield scripted
    scripted.close()


def done_record(*urls: str) -> TaskRecord:
    return TaskRecord(
        id=1,
        profile="sim",
        request=GenerationRequest(Scope.IMAGES, "a kite", "m"),
        created_at=time.time(),
        state=TaskState.DONE,
        task_id="t1",
        outputs=urls,
        finished_at=time.time(),
    )


def make_saver(
    library: Path,
    clock: Clock,
    *,
    downloader: OutputDownloader | None = None,
    disk: Disk | None = None,
    provider: str | None = "http://127.0.0.1:1",
) -> OutputSaver:
    sleep: Callable[[float], Awaitable[None]] = clock.sleep
    return OutputSaver(
        lambda scope: library / scope.value,
        lambda _record: None,
        downloader=downloader,
        sleep=sleep,
        disk=disk,
        provider_url=lambda _record: provider,
    )


@pytest.mark.parametrize(
    ("url", "words"),
    [
        ("file:///etc/passwd", "not a web"),
        ("javascript:alert(1)", "not a web"),
        ("data:image/png;base64,iVBORw0KGgo=", "not a web"),
        ("/outputs/relative.png", "not a web"),
        ("http://169.254.169.254/latest/meta-data/", "does not download from"),
        ("http://[fe80::1]/x.png", "does not download from"),
    ],
)
async def test_a_link_that_can_never_be_saved_is_said_once_and_not_retried(
    url: str, words: str, tmp_path: Path
) -> None:
    clock = Clock()
    saver = make_saver(tmp_path, clock)
    record = done_record(url)
    saver.enqueue(record)
    await until(lambda: not record.saving)
    (file,) = record.files
    assert file.state is FileState.REFUSED and file.error and words in file.error
    assert "trying again" not in file.error and file.attempts == 0
    assert clock.sleeps == []  # no retry was even scheduled
    # "Save again" cannot help such a link, so it is not offered, and does nothing.
    assert not applies(Action.SAVE_AGAIN, record)
    assert saver.save_again(record) is False
    await saver.aclose()


async def test_too_large_is_not_retried_but_save_again_stays(
    host: ScriptedHost, tmp_path: Path
) -> None:
    clock = Clock()
    saver = make_saver(tmp_path, clock, downloader=OutputDownloader(max_bytes=10))
    record = done_record(host.url("/a.png"))
    saver.enqueue(record)
    await until(lambda: not record.saving)
    assert record.files[0].state is FileState.FAILED and clock.sleeps == []
    assert len(host.seen) == 1
    assert applies(Action.SAVE_AGAIN, record)  # after raising the limit it can help
    await saver.aclose()


@pytest.mark.parametrize(
    ("error", "cause", "words"),
    [
        (OSError(errno.ENOSPC, "No space left on device"), Cause.FULL, "is full"),
        (OSError(errno.EDQUOT, "Disk quota exceeded"), Cause.FULL, "is full"),
        (OSError(errno.EROFS, "Read-only file system"), Cause.READ_ONLY, "cannot be written"),
        (OSError(errno.EACCES, "Permission denied"), Cause.READ_ONLY, "cannot be written"),
        (OSError(errno.ENOENT, "No such file or directory"), Cause.MISSING, "is not there"),
    ],
)
async def test_a_folder_that_cannot_be_written_pauses_saving_until_it_has_room(
    error: OSError, cause: Cause, words: str, host: ScriptedHost, tmp_path: Path
) -> None:
    (tmp_path / "images").mkdir()
    clock, disk, writes = Clock(), FakeDisk(), FailingWrites()
    writes.error, writes.needed = error, 250_000_000
    saver = make_saver(tmp_path, clock, downloader=writes, disk=disk)
    heard: list[tuple[SavePause, ...]] = []
    saver.on_pauses(heard.append)
    record = done_record(host.url("/a.png"))
    saver.enqueue(record)
    await until(lambda: bool(saver.pauses))
    (pause,) = saver.pauses
    assert pause.folder == tmp_path / "images" and pause.cause is cause
    sentence = pause.sentence()
    assert str(tmp_path / "images") in sentence and words in sentence
    assert "resumes by itself" in sentence
    if cause is Cause.FULL:
        assert "251 MB" in sentence  # what the output needs, with a little to spare
    # The output waits, not failed, and says why.
    (file,) = record.files
    assert file.state is FileState.PENDING and file.error and "Waiting for room" in file.error
    # Still no room at the next look: still paused, nothing fetched again.
    disk.cause = cause
    writes.error = None
    looks = len(disk.asked)
    clock.advance(ROOM_CHECK_EVERY)
    await until(lambda: len(disk.asked) > looks)
    assert saver.pauses and writes.calls == 1
    assert disk.asked[-1] >= 250_000_000
    # Room again: at the next look saving resumes by itself and the banner goes.
    disk.cause = None
    clock.advance(ROOM_CHECK_EVERY)
    await until(lambda: not record.saving)
    assert state_of(record) is FileState.SAVED and record.files[0].error is None
    assert Path(record.files[0].path or "").read_bytes() == PNG
    assert heard[-1] == () and saver.pauses == ()
    await saver.aclose()


async def test_a_full_folder_is_seen_at_start_and_saving_resumes_after_a_restart(
    host: ScriptedHost, tmp_path: Path
) -> None:
    # The last run paused on a full disk: the output was left pending, not failed.
    clock, disk = Clock(), FakeDisk()
    disk.cause = Cause.FULL
    record = done_record(host.url("/a.png"))
    saver = make_saver(tmp_path, clock, disk=disk)
    saver.resume([record], fresh_since=0)
    await until(lambda: bool(saver.pauses))
    assert host.seen == []  # looked at the folder first, asked the host nothing
    assert record.files[0].state is FileState.PENDING
    await saver.aclose()
    # Started again once there is room: saved without anyone asking.
    again = make_saver(tmp_path, Clock(), disk=FakeDisk())
    again.resume([record], fresh_since=0)
    await until(lambda: not record.saving)
    assert state_of(record) is FileState.SAVED
    await again.aclose()


async def test_try_now_looks_at_once(host: ScriptedHost, tmp_path: Path) -> None:
    clock, disk = Clock(), FakeDisk()
    disk.cause = Cause.MISSING
    saver = make_saver(tmp_path, clock, disk=disk)
    record = done_record(host.url("/a.png"))
    saver.enqueue(record)
    await until(lambda: bool(saver.pauses))
    disk.cause = None
    saver.check_room_now()  # the banner's button: no need to wait for the clock
    await until(lambda: not record.saving)
    assert state_of(record) is FileState.SAVED
    await saver.aclose()


async def test_another_library_folder_takes_the_waiting_outputs(
    host: ScriptedHost, tmp_path: Path
) -> None:
    clock = Clock()
    chosen = {"folder": tmp_path / "full"}

    class FullThere(Disk):
        def room(self, folder: Path, needed: int) -> Cause | None:
            return Cause.FULL if folder == tmp_path / "full" else None

    saver = OutputSaver(
        lambda _scope: chosen["folder"],
        lambda _record: None,
        sleep=clock.sleep,
        disk=FullThere(),
        provider_url=lambda _record: "http://127.0.0.1:1",
    )
    record = done_record(host.url("/a.png"))
    saver.enqueue(record)
    await until(lambda: bool(saver.pauses))
    chosen["folder"] = tmp_path / "roomy"  # the user picked another folder in Settings
    clock.advance(ROOM_CHECK_EVERY)
    await until(lambda: not record.saving)
    assert Path(record.files[0].path or "").parent == tmp_path / "roomy"
    await saver.aclose()


def dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def test_leftovers_of_a_killed_run_are_removed_at_start(tmp_path: Path) -> None:
    old = time.time() - 7200
    images, videos = tmp_path / "images", tmp_path / "videos"
    images.mkdir()
    videos.mkdir()
    sleeper = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        fresh_but_dead = [  # their writers are dead: nobody will finish them
            images / f".genstudio-{dead_pid()}-0123456789abcdef.part",
            images / f".2026-11-25_m_kite_2.png.json.{dead_pid()}-0a1b2c3d.tmp",
        ]
        gone = [
            videos / ".genstudio-0123456789abcdef.part",  # an earlier version's
            videos / f".genstudio-{os.getpid()}-00000000000000aa.part",  # not ours: same pid
            images / f".genstudio-{sleeper.pid}-00000000000000bb.part",  # alive, untouched 2 h
            images / ".2026-11-25_m_kite_1.png.json.0a1b2c3d.tmp",  # a sidecar half-written
        ]
        kept = [
            images / f".genstudio-{sleeper.pid}-00000000000000cc.part",  # a live writer's
            images / f".2026-11-25_m_kite_3.png.json.{sleeper.pid}-0a1b2c3d.tmp",  # live too
            images / ".notes.part",  # not ours
            images / "2026-11-25_m_kite_1.png",
        ]
        for path in fresh_but_dead + gone + kept:
            path.write_bytes(b"x")
        for path in gone:
            os.utime(path, (old, old))
        gone += fresh_but_dead
        saver = make_saver(tmp_path, Clock())
        saver.resume([], fresh_since=0)
        assert [p for p in gone if p.exists()] == []
        assert [p for p in kept if not p.exists()] == []
    finally:
        sleeper.kill()
        sleeper.wait()


async def test_the_sweep_at_start_is_off_the_window_thread_and_saving_waits_for_it(
    host: ScriptedHost, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    released = threading.Event()
    swept_on: list[str] = []

    def slow_sweep(folder: Path) -> int:  # a library of 100,000 files
        swept_on.append(threading.current_thread().name)
        released.wait(10)
        return 0

    monkeypatch.setattr("genstudio.tasks.saver.leftovers.sweep", slow_sweep)
    downloader = FailingWrites()
    saver = make_saver(tmp_path, Clock(), downloader=downloader)
    saver.resume([], fresh_since=0)  # returns at once: the window paints meanwhile
    record = done_record(host.url("/a.png"))
    saver.enqueue(record)
    await until(lambda: bool(swept_on))
    await asyncio.sleep(0.05)
    assert downloader.calls == 0  # nothing written beside files still being swept
    assert threading.main_thread().name not in swept_on
    released.set()
    await until(lambda: not record.saving)
    assert downloader.calls == 1 and record.files[0].state is FileState.SAVED
    assert len(swept_on) == 3  # each kind's folder
    await saver.aclose()


async def test_a_sweep_that_fails_does_not_stop_saving(
    host: ScriptedHost,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    def broken(folder: Path) -> int:
        raise RuntimeError("a bug in the sweep")

    monkeypatch.setattr("genstudio.tasks.saver.leftovers.sweep", broken)
    saver = make_saver(tmp_path, Clock())
    with caplog.at_level(logging.ERROR, logger="genstudio.tasks.saver"):
        saver.resume([], fresh_since=0)
        record = done_record(host.url("/a.png"))
        saver.enqueue(record)
        await until(lambda: not record.saving)
    assert record.files[0].state is FileState.SAVED
    assert "sweeping" in caplog.text and "a bug in the sweep" in caplog.text
    await saver.aclose()


def test_the_real_disk_says_full_and_missing(tmp_path: Path) -> None:
    disk = Disk()
    assert disk.room(tmp_path / "not" / "made" / "yet", 1000) is None  # made when saving
    assert disk.room(tmp_path, 10**18) is Cause.FULL
    (tmp_path / "file").write_bytes(b"")
    assert disk.room(tmp_path / "file" / "library", 0) is Cause.MISSING


def test_a_folder_another_save_creates_meanwhile_is_not_missing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A first run saving an image and a sound at once: the image's save creates the
    library folder while the sound's looks for its own folder's nearest parent."""
    library = tmp_path / "library"
    real_stat = os.stat
    created: list[Path] = []

    def stat_as_it_is_created(path: Any, *args: Any, **kwargs: Any) -> os.stat_result:
        if Path(path) == library and not created:
            library.mkdir()  # by the other save, just after this look found nothing
            created.append(library)
            raise FileNotFoundError(errno.ENOENT, "No such file or directory", str(path))
        return real_stat(path, *args, **kwargs)

    monkeypatch.setattr(os, "stat", stat_as_it_is_created)
    assert Disk().room(library / "audio", 0) is None
    assert created  # the race happened
