"""The simulator's gateway side: model list, prices, a balance that pays for jobs."""

from __future__ import annotations

import time

import httpx
import pytest

from genstudio.cli.main import build_parser
from genstudio.cli.sim_command import config_from
from genstudio.sim import DEMO_KEY, Fault, Simulator, SimulatorConfig

AUTH = {"Authorization": f"Bearer {DEMO_KEY}"}


def available(sim: Simulator) -> float:
    data = httpx.get(f"{sim.base_url}/api/usage/token", headers=AUTH).json()["data"]
    return float(data["total_available"]) / 500_000


def submit(sim: Simulator, model: str, prompt: str = "p") -> httpx.Response:
    return httpx.post(
        f"{sim.base_url}/v2/videos/generations",
        json={"model": model, "prompt": prompt},
        headers=AUTH,
    )


def finish(sim: Simulator, task_id: str) -> str:
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        status = httpx.get(f"{sim.base_url}/v2/videos/generations/{task_id}", headers=AUTH).json()[
            "status"
        ]
        if status in ("SUCCESS", "FAILURE"):
            return str(status)
        time.sleep(0.05)
    raise AssertionError("the task never finished")


def test_a_job_is_paid_for_and_a_failed_one_refunded() -> None:
    with Simulator(SimulatorConfig(task_seconds=0.2)) as sim:
        assert available(sim) == pytest.approx(25.0)
        ok = submit(sim, "veo3").json()["task_id"]
        assert available(sim) == pytest.approx(24.2)
        failing = submit(sim, "veo3", "p [[fail]]").json()["task_id"]
        assert available(sim) == pytest.approx(23.4)
        assert finish(sim, failing) == "FAILURE" and finish(sim, ok) == "SUCCESS"
        assert available(sim) == pytest.approx(24.2)
        finish(sim, failing)  # asked again: refunded once only
        assert available(sim) == pytest.approx(24.2)


def test_not_enough_balance_is_a_403_and_creates_nothing() -> None:
    with Simulator(SimulatorConfig(balance_usd=0.5)) as sim:
        refused = submit(sim, "veo3")
        assert refused.status_code == 403
        assert refused.json()["error"]["code"] == "insufficient_user_quota"
        assert len(sim.tasks) == 0
        topped = httpx.post(f"{sim.base_url}/_sim/account", json={"balance_usd": 5})
        assert topped.status_code == 200 and available(sim) == pytest.approx(5.0)
        assert submit(sim, "veo3").status_code == 200
        bad = httpx.post(f"{sim.base_url}/_sim/account", json={"balance_usd": "lots"})
        assert bad.status_code == 400


def test_model_list_needs_the_key_and_pricing_does_not() -> None:
    with Simulator() as sim:
        assert httpx.get(f"{sim.base_url}/v1/models").status_code == 401
        assert httpx.get(f"{sim.base_url}/api/pricing").json()["success"] is True
        billing = httpx.get(
            f"{sim.base_url}/v1/dashboard/billing/subscription", headers=AUTH
        ).json()
        assert billing["hard_limit_usd"] == pytest.approx(25.0)
        assert sim.counts["models"] == 1 and sim.counts["billing"] == 1


def test_switches_and_faults_on_the_gateway_endpoints() -> None:
    config = SimulatorConfig(absent=frozenset({"pricing", "models"}), models=("only-this",))
    with Simulator(config) as sim:
        page = httpx.get(f"{sim.base_url}/api/pricing")
        assert page.status_code == 404 and page.headers["content-type"] == "text/html"
        assert httpx.get(f"{sim.base_url}/v1/models", headers=AUTH).status_code == 404
        sim.inject(Fault("server_error", endpoint="balance", status=500, count=1))
        assert httpx.get(f"{sim.base_url}/api/usage/token", headers=AUTH).status_code == 500
        assert httpx.get(f"{sim.base_url}/api/usage/token", headers=AUTH).status_code == 200
    with Simulator(SimulatorConfig(models=("only-this",))) as sim:
        answer = httpx.get(f"{sim.base_url}/v1/models", headers=AUTH).json()
        assert [m["id"] for m in answer["data"]] == ["only-this"]


def test_command_line_switches() -> None:
    args = build_parser().parse_args(
        ["sim", "--no-models", "--no-billing", "--extras-latency", "0.5", "--balance", "3"]
    )
    config = config_from(args)
    assert config.absent == frozenset({"models", "billing"})
    assert config.extras_latency == 0.5 and config.balance_usd == 3.0
