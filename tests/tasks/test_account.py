"""What providers say about the key: learned, kept a day, forgotten when the address
changes, and nothing at all from a provider without the endpoints."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from genstudio.settings.key_store import KeyVault
from genstudio.settings.preferences import Preferences, Profile
from genstudio.sim import DEMO_KEY, Fault, Simulator, SimulatorConfig
from genstudio.tasks.account import DAY, AccountInfo
from genstudio.tasks.clients import ClientPool

ROOT = Path(__file__).resolve().parents[2]


class Clock:
    def __init__(self) -> None:
        self.now = 1_000_000.0

    def __call__(self) -> float:
        return self.now


def make(
    sim: Simulator, tmp_path: Path, clock: Clock, key: bool = True
) -> tuple[AccountInfo, ClientPool, Preferences]:
    prefs = Preferences(profiles=[Profile("gw", sim.base_url)])
    vault = KeyVault()
    if key:
        vault.set("gw", DEMO_KEY)
    clients = ClientPool(prefs.profile, vault)
    return AccountInfo(clients, prefs.profile, tmp_path / "facts.json", clock), clients, prefs


async def test_learns_models_prices_and_balance_and_caches_a_day(
    sim: Simulator, tmp_path: Path
) -> None:
    clock = Clock()
    info, clients, _ = make(sim, tmp_path, clock)
    heard: list[str] = []
    info.subscribe(heard.append)
    facts = await info.refresh("gw")
    assert facts.models is not None and "veo3" in facts.models
    assert facts.prices is not None and facts.prices.per_call_usd("veo3") == pytest.approx(0.8)
    assert facts.balance is not None and facts.balance.available_usd == pytest.approx(25.0)
    assert heard == ["gw"]
    await info.refresh("gw")  # within the day: only the balance is asked again
    assert (sim.counts["models"], sim.counts["pricing"], sim.counts["balance"]) == (1, 1, 2)
    clock.now += DAY
    await info.refresh("gw")
    assert sim.counts["models"] == 2
    await clients.aclose()
    # A new start reads the cache: the model list is known before anything is asked.
    again, clients2, _ = make(sim, tmp_path, clock)
    cached = again.facts("gw")
    assert cached.models == facts.models and cached.prices == facts.prices
    assert cached.balance is None  # never cached: it changes with every job
    assert DEMO_KEY not in (tmp_path / "facts.json").read_text()
    await clients2.aclose()


async def test_the_cache_is_kept_on_a_fresh_machine_whose_cache_folder_is_not_made_yet(
    sim: Simulator, tmp_path: Path
) -> None:
    prefs = Preferences(profiles=[Profile("gw", sim.base_url)])
    vault = KeyVault()
    vault.set("gw", DEMO_KEY)
    clients = ClientPool(prefs.profile, vault)
    folder = tmp_path / "cache" / "GenStudio"  # the first thing ever written there
    info = AccountInfo(clients, prefs.profile, folder / "provider-facts.json", Clock())
    await info.refresh("gw")
    await clients.aclose()
    assert "veo3" in json.loads((folder / "provider-facts.json").read_text())["gw"]["models"]


async def test_a_new_address_forgets_what_the_old_one_said(sim: Simulator, tmp_path: Path) -> None:
    info, clients, prefs = make(sim, tmp_path, Clock())
    await info.refresh("gw")
    prefs.profiles[0].base_url = "http://127.0.0.1:9"
    assert info.facts("gw").models is None
    await clients.aclose()


async def test_a_provider_without_the_endpoints_changes_nothing(tmp_path: Path) -> None:
    config = SimulatorConfig(absent=frozenset({"models", "pricing", "balance", "billing"}))
    with Simulator(config) as bare:
        info, clients, _ = make(bare, tmp_path, Clock())
        facts = await info.refresh("gw")
        assert (facts.models, facts.prices, facts.balance) == (None, None, None)
        await clients.aclose()


@pytest.mark.parametrize(
    "fault",
    [
        Fault("server_error", endpoint="models", status=503),
        Fault("drop", endpoint="pricing"),
        Fault("rate_limit", endpoint="models", retry_after=1),
    ],
)
async def test_a_fault_keeps_what_was_known_and_asks_again_at_the_next_refresh(
    sim: Simulator, tmp_path: Path, fault: Fault
) -> None:
    clock = Clock()
    info, clients, _ = make(sim, tmp_path, clock)
    first = await info.refresh("gw")
    assert first.models is not None and first.prices is not None
    clock.now += DAY  # stale: the next refresh asks, and meets the fault
    sim.faults.add(fault)
    during = await info.refresh("gw")
    assert (during.models, during.prices) == (first.models, first.prices)
    assert during.learned_at == first.learned_at  # not settled for another day
    asked = (sim.counts["models"], sim.counts["pricing"])
    clock.now += 60  # the next refresh (a job's end, Test connection) asks again
    after = await info.refresh("gw")
    assert (sim.counts["models"], sim.counts["pricing"]) == (asked[0] + 1, asked[1] + 1)
    assert after.learned_at == clock.now and after.models == first.models
    await clients.aclose()


async def test_a_fault_on_the_first_ask_leaves_the_facts_unknown_and_stale(
    sim: Simulator, tmp_path: Path
) -> None:
    clock = Clock()
    info, clients, _ = make(sim, tmp_path, clock)
    sim.faults.add(Fault("server_error", endpoint="pricing", status=500))
    facts = await info.refresh("gw")
    assert facts.models is not None and facts.prices is None and facts.learned_at is None
    facts = await info.refresh("gw")
    assert facts.prices is not None and facts.learned_at == clock.now
    await clients.aclose()


async def test_no_key_yet_asks_nothing(sim: Simulator, tmp_path: Path) -> None:
    info, clients, _ = make(sim, tmp_path, Clock(), key=False)
    facts = await info.refresh("gw")
    assert facts.models is None and sim.counts["models"] == 0
    assert (await info.refresh("nobody")).models is None
    await clients.aclose()


@pytest.mark.parametrize(
    "text",
    [
        "{",
        "[]",
        '{"gw": 5}',
        '{"gw": {"models": 5, "prices": []}}',
        '{"gw": {"learned_at": 1' + "0" * 4000 + "}}",  # no float holds it: was OverflowError
    ],
)
async def test_a_damaged_cache_is_ignored(sim: Simulator, tmp_path: Path, text: str) -> None:
    (tmp_path / "facts.json").write_text(text)
    info, clients, _ = make(sim, tmp_path, Clock())
    assert info.facts("gw").models is None
    assert (await info.refresh("gw")).models is not None
    await clients.aclose()


async def test_cached_prices_get_the_same_checks_as_an_answer(
    sim: Simulator, tmp_path: Path
) -> None:
    clock = Clock()
    info, clients, _ = make(sim, tmp_path, clock)
    await info.refresh("gw")
    await clients.aclose()
    data = json.loads((tmp_path / "facts.json").read_text())
    entries = data["gw"]["prices"]["data"]
    for entry in entries:
        if entry["model_name"] == "veo3":
            entry["model_price"] = 1e300  # edited by hand, or damaged
    (tmp_path / "facts.json").write_text(json.dumps(data))
    again, clients2, _ = make(sim, tmp_path, clock)
    prices = again.facts("gw").prices
    assert prices is not None and prices.per_call_usd("veo3") is None
    assert prices.per_call_usd("sora-2") == pytest.approx(0.5)
    await clients2.aclose()


async def test_a_balance_check_does_not_rewrite_the_cache(sim: Simulator, tmp_path: Path) -> None:
    info, clients, _ = make(sim, tmp_path, Clock())
    await info.refresh("gw")
    cache = tmp_path / "facts.json"
    cache.write_text(cache.read_text() + " ")  # marked: a rewrite would drop the space
    await info.refresh("gw", learn=False)
    assert info.facts("gw").balance is not None
    assert cache.read_text().endswith(" ")
    await clients.aclose()


async def test_models_heard_by_test_connection_count_for_the_saved_address_only(
    sim: Simulator, tmp_path: Path
) -> None:
    info, clients, _ = make(sim, tmp_path, Clock())
    heard: list[str] = []
    info.subscribe(heard.append)
    info.note_models("gw", "https://typed.example.com", frozenset({"x"}))  # not saved yet
    info.note_models("gone", sim.base_url, frozenset({"x"}))  # no such provider
    assert info.facts("gw").models is None and heard == []
    info.note_models("gw", sim.base_url, frozenset({"veo3", "suno"}))
    assert info.facts("gw").models == frozenset({"veo3", "suno"}) and heard == ["gw"]
    assert sim.counts["models"] == 0  # nothing asked again for it
    assert json.loads((tmp_path / "facts.json").read_text())["gw"]["models"] == ["suno", "veo3"]
    await clients.aclose()


def test_a_start_reads_cached_prices_without_the_gateway(tmp_path: Path) -> None:
    """With a provider's facts cached, the window is built with them: read (with the same
    checks as an answer) by genstudio.api.prices, while the gateway's calls, answers and
    balance wait for the first question, after the first paint."""
    cache = tmp_path / "facts.json"
    prices = {"data": [{"model_name": "m", "quota_type": 1, "model_price": 0.25}]}
    cache.write_text(
        json.dumps({"gw": {"base_url": "http://gw", "models": ["m"], "prices": prices}})
    )
    probe = (
        "import sys; from pathlib import Path;"
        "from genstudio.settings.key_store import KeyVault;"
        "from genstudio.settings.preferences import Preferences, Profile;"
        "from genstudio.tasks.account import AccountInfo;"
        "from genstudio.tasks.clients import ClientPool;"
        "prefs = Preferences(profiles=[Profile('gw', 'http://gw')]);"
        "info = AccountInfo(ClientPool(prefs.profile, KeyVault()), prefs.profile,"
        f" Path({str(cache)!r}));"
        "print(info.facts('gw').prices.per_call_usd('m'), 'genstudio.api.gateway' in sys.modules)"
    )
    found = subprocess.run(
        [sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert found.stdout.split() == ["0.25", "False"]
