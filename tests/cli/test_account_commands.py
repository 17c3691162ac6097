"""``genstudio-cli models`` and ``balance`` end to end: subprocesses against a simulator."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from collections.abc import Iterator

import httpx
import pytest

from genstudio.sim import DEMO_KEY, Simulator, SimulatorConfig
from genstudio.sim.account import default_models


@pytest.fixture(scope="module")
def gateway() -> Iterator[Simulator]:
    with Simulator(SimulatorConfig(task_seconds=60)) as simulator:
        yield simulator


def run_cli(base_url: str, *args: str, key: str = DEMO_KEY) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("GENSTUDIO_")}
    env.update(
        {
            "GENSTUDIO_BASE_URL": base_url,
            "GENSTUDIO_API_KEY": key,
            # A subprocess must never reach the machine's real keyring.
            "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring",
        }
    )
    result = subprocess.run(
        [sys.executable, "-m", "genstudio.cli.main", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )
    # Whatever the server answered: no traceback, and never the key.
    assert "Traceback" not in result.stderr
    assert key not in result.stdout and key not in result.stderr
    return result


def test_models_sorted_as_text_and_json(gateway: Simulator) -> None:
    text = run_cli(gateway.base_url, "models")
    assert text.returncode == 0 and text.stdout.split() == sorted(default_models())
    listed = run_cli(gateway.base_url, "models", "--json")
    assert listed.returncode == 0 and json.loads(listed.stdout) == sorted(default_models())
    assert "sora-2-pro" not in listed.stdout


def test_balance_after_a_job() -> None:
    with Simulator() as sim:
        answer = httpx.post(
            f"{sim.base_url}/v2/videos/generations",
            json={"model": "veo3-fast", "prompt": "a kite"},
            headers={"Authorization": f"Bearer {DEMO_KEY}"},
        )
        assert answer.status_code == 200
        text = run_cli(sim.base_url, "balance")
        assert text.returncode == 0
        assert text.stdout.strip() == "Balance: $24.60 left of $25.00 (used $0.40)"
        data = json.loads(run_cli(sim.base_url, "balance", "--json").stdout)
        assert data == {
            "available_usd": pytest.approx(24.6),
            "used_usd": pytest.approx(0.4),
            "granted_usd": pytest.approx(25.0),
            "unlimited": False,
            "source": "new-api",
        }
        halved = run_cli(sim.base_url, "balance", "--quota-per-usd", "1000000")
        assert halved.stdout.strip() == "Balance: $12.30 left of $12.50 (used $0.20)"


def test_balance_from_the_billing_pair_when_new_apis_is_absent() -> None:
    with Simulator(SimulatorConfig(absent=frozenset({"balance"}), balance_usd=3)) as sim:
        data = json.loads(run_cli(sim.base_url, "balance", "--json").stdout)
        assert data["source"] == "openai" and data["available_usd"] == pytest.approx(3.0)


def test_a_provider_without_them_exits_4_with_one_sentence() -> None:
    absent = frozenset({"models", "pricing", "balance", "billing"})
    with Simulator(SimulatorConfig(absent=absent)) as sim:
        models = run_cli(sim.base_url, "models", "--json")
        assert models.returncode == 4 and models.stdout == ""
        assert models.stderr.strip() == "genstudio-cli: This provider does not list its models."
        balance = run_cli(sim.base_url, "balance")
        assert balance.returncode == 4
        assert "This provider does not tell the balance of a key." in balance.stderr
        assert len(balance.stderr.strip().splitlines()) == 1


def test_a_refused_key_exits_3(gateway: Simulator) -> None:
    key = "sk-not-the-right-one-0123456789"
    for command in ("models", "balance"):
        result = run_cli(gateway.base_url, command, "--verbose", key=key)
        assert result.returncode == 3 and "refused the API key (HTTP 401)" in result.stderr


def test_a_provider_out_of_reach_exits_4() -> None:
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    result = run_cli(f"http://127.0.0.1:{port}", "models")
    assert result.returncode == 4 and "could not be read: not reached" in result.stderr


def test_a_quota_rate_that_is_not_one_is_a_usage_error(gateway: Simulator) -> None:
    result = run_cli(gateway.base_url, "balance", "--quota-per-usd", "0")
    assert result.returncode == 2 and "--quota-per-usd" in result.stderr
