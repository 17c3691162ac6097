from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from genstudio.api.backoff import BackoffPolicy
from genstudio.settings.key_store import KeyVault
from genstudio.settings.preferences import Preferences, Profile
from genstudio.sim import DEMO_KEY, Simulator
from genstudio.tasks.clients import ClientPool
from genstudio.tasks.policy import PollPolicy
from genstudio.tasks.service import TaskService
from genstudio.tasks.store import HistoryStore

FAST_SAVE_RETRY = BackoffPolicy(first=0.05, factor=2.0, cap=0.2, jitter=0.0)
FAST_POLICY = PollPolicy(
    first=0.05,
    min_cap=0.1,
    max_cap=0.2,
    jitter=0.0,
    error_first=0.05,
    error_cap=0.2,
    unreachable_after=2,
    no_output_grace=0.3,
)


@dataclass
class Harness:
    prefs: Preferences
    vault: KeyVault
    db_path: Path
    sim: Simulator
    make: Callable[..., TaskService]
    library: Path


@pytest.fixture
async def harness(sim: Simulator, tmp_path: Path) -> AsyncIterator[Harness]:
    prefs = Preferences(profiles=[Profile("sim", sim.base_url)])
    vault = KeyVault()
    vault.set("sim", DEMO_KEY)
    made: list[TaskService] = []

    def make(save: bool = False, **options: Any) -> TaskService:
        service = TaskService(
            HistoryStore(tmp_path / "history.sqlite3"),
            ClientPool(prefs.profile, vault),
            FAST_POLICY,
            library=(lambda scope: tmp_path / "library" / scope.value) if save else None,
            save_retry=FAST_SAVE_RETRY,
            **options,
        )
        made.append(service)
        return service

    yield Harness(prefs, vault, tmp_path / "history.sqlite3", sim, make, tmp_path / "library")
    for service in made:
        await service.aclose()
        await service.clients.aclose()
        service.store.close()
