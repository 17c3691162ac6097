"""Shared fixtures: offscreen Qt, an in-memory keyring, a loopback-only network, a simulator."""

from __future__ import annotations

import asyncio
import atexit
import compileall
import ipaddress
import os
import shutil
import socket
import sys
import tempfile
import time
from collections.abc import AsyncIterator, Callable, Iterator
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
if sys.dont_write_bytecode:
    # Each of the suite's workers (and each CLI it starts) imports the whole project:
    # with PYTHONDONTWRITEBYTECODE from the shell every run compiled it again in every
    # worker, about 4 s of CPU each. Compiled once instead, into the usual __pycache__
    # folders (ignored by git). Not into a folder of the suite's own: Python then looks
    # for every module's bytecode there, and each worker of a first run compiled the
    # whole standard library and every installed package again (18 s of CPU, measured).
    sys.dont_write_bytecode = False
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)

import keyring
import pytest
from keyring.backend import KeyringBackend
from keyring.errors import PasswordDeleteError

from genstudio.api.backoff import BackoffPolicy
from genstudio.api.client import GenerationClient
from genstudio.app import qt_environment
from genstudio.preflight import test_suite_problem
from genstudio.sim import DEMO_KEY, Simulator, SimulatorConfig

qt_environment(os.environ)  # as the app starts Qt: before any test makes a QApplication


def pytest_configure(config: pytest.Config) -> None:
    # Before collection imports Qt: a missing system library is one sentence, not a
    # collection traceback for every test module.
    sentence = test_suite_problem()
    if sentence:
        pytest.exit(sentence, returncode=pytest.ExitCode.USAGE_ERROR)
    # No test writes to the user's own settings, history, log or demo folders.
    homes = Path(tempfile.mkdtemp(prefix="genstudio-tests-"))
    atexit.register(shutil.rmtree, homes, True)
    for name in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"):
        os.environ[name] = str(homes / name.lower())
    if not hasattr(config, "workerinput"):
        # Compiled once here, before the workers start, rather than by each of them at
        # once on a first run (a fresh clone); nothing to do when it already is.
        compileall.compile_dir(Path(__file__).parent.parent / "genstudio", quiet=1)
        if getattr(config.option, "numprocesses", None):  # workers will start
            _rewrite_tests_once(config)


def _rewrite_tests_once(config: pytest.Config) -> None:
    """Each worker collects every test module: on a first run each of them rewrote the
    asserts of all of them (2.3 s of CPU each, measured). Done here once, the way pytest
    does it and into the file it reads. pytest's names for it are private: whatever goes
    wrong here (a pytest that moved them, a test file that does not parse) is left for
    the workers to meet and report as they always would."""
    try:
        from _pytest.assertion import rewrite

        state = config.stash[rewrite.assertstate_key]
    except Exception:
        return
    for source in Path(__file__).parent.rglob("*.py"):
        if not (source.name.startswith("test_") or source.name == "conftest.py"):
            continue
        try:
            folder = rewrite.get_cache_dir(source)
            pyc = folder / (source.name[:-3] + rewrite.PYC_TAIL)
            if rewrite._read_pyc(source, pyc) is None and rewrite.try_makedirs(folder):
                source_hash, code = rewrite._rewrite_test(source, config)
                rewrite._write_pyc(state, code, source_hash, pyc)
        except Exception:
            continue


class MemoryKeyring(KeyringBackend):
    """A keyring that lives in a dict: tests never touch the machine's keyring."""

    priority = 1
    name = "test memory keyring"

    def __init__(self) -> None:
        super().__init__()  # type: ignore[no-untyped-call]
        self.entries: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.entries.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.entries[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        if self.entries.pop((service, username), None) is None:
            raise PasswordDeleteError("no such entry")


@pytest.fixture(autouse=True)
def memory_keyring() -> Iterator[MemoryKeyring]:
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    try:
        yield backend
    finally:
        keyring.set_keyring(previous)


def _is_local(address: Any) -> bool:
    if isinstance(address, str | bytes):  # AF_UNIX
        return True
    host = str(address[0])
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


@pytest.fixture(autouse=True, scope="session")
def loopback_only() -> Iterator[None]:
    """Fail any in-process connection beyond 127.0.0.1/::1."""
    original_connect = socket.socket.connect
    original_connect_ex = socket.socket.connect_ex

    def connect(self: socket.socket, address: Any) -> None:
        if not _is_local(address):
            raise ConnectionRefusedError(f"tests may not reach {address!r}")
        original_connect(self, address)

    def connect_ex(self: socket.socket, address: Any) -> int:
        if not _is_local(address):
            raise ConnectionRefusedError(f"tests may not reach {address!r}")
        return original_connect_ex(self, address)

    socket.socket.connect = connect  # type: ignore[method-assign,assignment]
    socket.socket.connect_ex = connect_ex  # type: ignore[method-assign,assignment]
    try:
        yield
    finally:
        socket.socket.connect = original_connect  # type: ignore[method-assign]
        socket.socket.connect_ex = original_connect_ex  # type: ignore[method-assign]


async def until(condition: Callable[[], object], timeout: float = 20.0) -> None:
    """Wait, on the running loop, until ``condition()`` is true (no fixed sleeps)."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("condition not met in time")
        await asyncio.sleep(0.02)


FAST_BACKOFF = BackoffPolicy(first=0.05, factor=2.0, cap=0.2, jitter=0.0)


@pytest.fixture
def sim() -> Iterator[Simulator]:
    with Simulator(SimulatorConfig(task_seconds=0.3)) as simulator:
        yield simulator


@pytest.fixture
async def client(sim: Simulator) -> AsyncIterator[GenerationClient]:
    async with GenerationClient(sim.base_url, DEMO_KEY, rate_limit_backoff=FAST_BACKOFF) as api:
        yield api
