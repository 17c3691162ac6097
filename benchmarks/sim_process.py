"""For benchmarks: the simulator in a process of its own (so it does not share our GIL),
and a task service wired to it with the key in memory (never the machine's keyring)."""

from __future__ import annotations

import contextlib
import re
import subprocess
import sys
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from genstudio.api.kinds import Scope
from genstudio.settings.key_store import KeyStore, KeyVault
from genstudio.settings.preferences import Preferences, Profile
from genstudio.sim import DEMO_KEY
from genstudio.tasks.clients import ClientPool
from genstudio.tasks.policy import PollPolicy
from genstudio.tasks.service import TaskService
from genstudio.tasks.store import HistoryStore


@dataclass(frozen=True)
class SimProcess:
    base_url: str
    pid: int  # for its CPU time in /proc (figures.process_cpu)


@contextlib.contextmanager
def simulator(task_seconds: float = 3600, extra: Sequence[str] = ()) -> Iterator[SimProcess]:
    """The simulator in its own process, so that it does not share our GIL; ``extra``:
    more ``genstudio-cli sim`` options."""
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "genstudio.cli.main",
            "sim",
            "--port",
            "0",
            "--task-seconds",
            str(task_seconds),
            *extra,
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert proc.stdout is not None
        line = proc.stdout.readline()
        match = re.search(r"http://127\.0\.0\.1:\d+", line)
        if not match:
            raise RuntimeError(f"the simulator did not start: {line!r}")
        yield SimProcess(match.group(0), proc.pid)
    finally:
        proc.terminate()
        proc.wait(timeout=10)


@contextlib.contextmanager
def simulator_process(task_seconds: float = 3600, extra: Sequence[str] = ()) -> Iterator[str]:
    """:func:`simulator`, for those who need its address only."""
    with simulator(task_seconds, extra) as sim:
        yield sim.base_url


class _NoKeyring:
    priority = 0  # a backend that never works: the vault keeps keys in memory


def sim_service(
    base_url: str,
    folder: Path,
    policy: PollPolicy | None = None,
    *,
    history: str = "h.sqlite3",
    library: Callable[[Scope], Path] | None = None,
) -> tuple[Preferences, KeyVault, TaskService]:
    """A profile "sim" for ``base_url``, its key in memory, and a service over the
    history ``folder/history`` (saving into ``library`` when given)."""
    prefs = Preferences(profiles=[Profile("sim", base_url)], current_profile="sim")
    vault = KeyVault(KeyStore(backend=_NoKeyring()))
    vault.set("sim", DEMO_KEY)
    service = TaskService(
        HistoryStore(folder / history),
        ClientPool(prefs.profile, vault),
        policy,
        library=library,
    )
    return prefs, vault, service
