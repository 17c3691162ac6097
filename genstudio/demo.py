"""The built-in demo: the provider simulator on a free loopback port, as a profile."""

from __future__ import annotations

from genstudio.settings.key_store import KeyVault
from genstudio.settings.preferences import Preferences, Profile
from genstudio.sim import DEMO_KEY, Simulator, SimulatorConfig

DEMO_PROFILE = "Demo"


class Demo:
    def __init__(self, prefs: Preferences, vault: KeyVault, task_seconds: float = 8.0) -> None:
        self.prefs = prefs
        self.vault = vault
        self.task_seconds = task_seconds
        self.simulator: Simulator | None = None

    async def start(self) -> Profile:
        """Start the simulator (once) and select the Demo profile; its key stays in memory."""
        if self.simulator is None:
            self.simulator = Simulator(SimulatorConfig(port=0, task_seconds=self.task_seconds))
            self.simulator.start()
        profile = Profile(DEMO_PROFILE, self.simulator.base_url, demo=True)
        self.prefs.profiles = [p for p in self.prefs.profiles if p.name != DEMO_PROFILE]
        self.prefs.profiles.append(profile)
        self.prefs.current_profile = profile.name
        self.vault.set(DEMO_PROFILE, DEMO_KEY, session_only=True)
        return profile

    def stop(self) -> None:
        if self.simulator is not None:
            self.simulator.stop()
            self.simulator = None
