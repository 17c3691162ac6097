"""The built-in demo: the provider simulator on loopback, as a profile.

Its task book lives in a folder (GenStudio's data folder by default), and it comes back
on the port it had when it can, so demo jobs that were running when GenStudio closed
finish after the restart and their outputs are still fetched from the same links.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from genstudio.settings import paths
from genstudio.settings.preferences import Preferences, Profile

if TYPE_CHECKING:
    from genstudio.settings.key_store import KeyVault
    from genstudio.sim import Simulator
    from genstudio.tasks.record import TaskRecord

log = logging.getLogger(__name__)

DEMO_PROFILE = "Demo"
_PORT_FILE = "port"


def has_unfinished_jobs(records: Iterable[TaskRecord]) -> bool:
    """Demo jobs of an earlier run still running or saving: the simulator must come back."""
    return any(r.profile == DEMO_PROFILE and (not r.state.is_final or r.saving) for r in records)


class Demo:
    TASK_SECONDS = 8.0  # long enough to watch a job move, short enough to wait for

    def __init__(
        self,
        prefs: Preferences,
        vault: KeyVault,
        task_seconds: float | None = None,
        state_dir: Path | None = None,
    ) -> None:
        self.prefs = prefs
        self.vault = vault
        self.task_seconds = task_seconds if task_seconds is not None else self.TASK_SECONDS
        self.state_dir = state_dir or paths.data_dir() / "demo-simulator"
        self.simulator: Simulator | None = None

    async def start(self, *, select: bool = True) -> Profile:
        """Start the simulator (once) and add the Demo profile; its key stays in memory.

        ``select=False`` only brings it back for the demo jobs of an earlier run.
        """
        from genstudio.sim import DEMO_KEY  # the simulator loads only when a demo runs

        if self.simulator is None:
            self.simulator = self._start_simulator()
        profile = Profile(DEMO_PROFILE, self.simulator.base_url, demo=True)
        self.prefs.profiles = [p for p in self.prefs.profiles if p.name != DEMO_PROFILE]
        self.prefs.profiles.append(profile)
        if select or self.prefs.profile(self.prefs.current_profile) is None:
            self.prefs.current_profile = profile.name
        self.vault.set(DEMO_PROFILE, DEMO_KEY, session_only=True)
        return profile

    def _start_simulator(self) -> Simulator:
        from genstudio.sim import Simulator, SimulatorConfig

        port_file = self.state_dir / _PORT_FILE
        last_port = 0
        with contextlib.suppress(OSError, ValueError):
            last_port = int(port_file.read_text(encoding="ascii").strip())
        for port in dict.fromkeys((last_port, 0)):  # the old port first, then any
            config = SimulatorConfig(
                port=port, task_seconds=self.task_seconds, state_dir=self.state_dir
            )
            try:
                simulator = Simulator(config).start()
            except OSError as exc:
                log.info("demo port %d not free (%s); taking another", port, exc)
                continue
            break
        else:  # pragma: no cover - port 0 always binds on loopback
            raise OSError("no loopback port for the demo")
        try:
            self.state_dir.mkdir(parents=True, exist_ok=True)
            port_file.write_text(str(simulator.port), encoding="ascii")
        except OSError as exc:
            log.warning("demo port not remembered: %s", exc)
        return simulator

    def stop(self) -> None:
        if self.simulator is not None:
            self.simulator.stop()
            self.simulator = None
