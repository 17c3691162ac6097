"""The simulator's gateway side: model list, prices, a balance that pays for jobs."""

from __future__ import annotations

import threading
import time

import httpx
import pytest

from genstudio.api.presets import MODELS
from genstudio.cli.errors import CliError
from genstudio.cli.main import build_parser
from genstudio.cli.sim_command import config_from
from genstudio.sim import DEMO_KEY, Fault, Simulator, SimulatorConfig
from genstudio.sim.account import PRICES, default_models

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
    # The refund is due when the failing job ends, read or not: long enough that a busy
    # machine still reads the balance before (0.2 s failed under two suites at once).
    with Simulator(SimulatorConfig(task_seconds=1.5)) as sim:
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


def test_the_default_model_list_is_the_presets_but_two() -> None:
    presets = {model for models in MODELS.values() for model in models}
    assert set(default_models()) == presets - {"sora-2-pro", "flux-dev"}
    assert presets <= set(PRICES) | {"minimax-tts"}  # every preset has a price


def test_a_failed_job_is_refunded_when_it_fails_asked_or_not() -> None:
    with Simulator(SimulatorConfig(task_seconds=60)) as sim:
        submit(sim, "veo3", "p [[fail]] [[seconds:0]]")  # fails at once; never fetched
        submit(sim, "veo3-fast", "p [[fail]] [[never]]")  # never ends: stays paid for
        assert available(sim) == pytest.approx(24.6)
        billing = httpx.get(f"{sim.base_url}/v1/dashboard/billing/usage", headers=AUTH).json()
        assert billing["total_usage"] == pytest.approx(40.0)  # cents


def test_usage_billed_and_unknown_models_cost_a_cent() -> None:
    with Simulator() as sim:
        assert submit(sim, "minimax-tts").status_code == 200
        assert submit(sim, "someone-elses-model").status_code == 200
        assert available(sim) == pytest.approx(24.98)


def test_concurrent_submits_cannot_overspend() -> None:
    with Simulator(SimulatorConfig(balance_usd=2.4)) as sim:  # three veo3 jobs
        codes: list[int] = []
        start = threading.Barrier(10)

        def one() -> None:
            start.wait()
            codes.append(submit(sim, "veo3").status_code)

        threads = [threading.Thread(target=one) for _ in range(10)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert sorted(codes) == [200] * 3 + [403] * 7
        assert len(sim.tasks) == 3 and available(sim) == pytest.approx(0.0)


def test_prices_from_the_config() -> None:
    with Simulator(SimulatorConfig(prices={"veo3": 2.0, "minimax-tts": 0.5})) as sim:
        data = httpx.get(f"{sim.base_url}/api/pricing").json()["data"]
        prices = {d["model_name"]: d["model_price"] for d in data}
        assert prices == {"veo3": 2.0, "minimax-tts": 0.5}
        submit(sim, "veo3")
        assert available(sim) == pytest.approx(23.0)


def test_every_endpoint_can_be_absent() -> None:
    config = SimulatorConfig(absent=frozenset({"models", "pricing", "balance", "billing"}))
    with Simulator(config) as sim:
        for path in (
            "/v1/models",
            "/api/usage/token",
            "/v1/dashboard/billing/subscription",
            "/v1/dashboard/billing/usage",
        ):
            answer = httpx.get(f"{sim.base_url}{path}", headers=AUTH)
            assert answer.status_code == 404 and answer.json()["code"] == "not_found"
        assert "<html>" in httpx.get(f"{sim.base_url}/api/pricing").text
        assert submit(sim, "veo3").status_code == 200  # generating needs none of them
        assert {k: sim.counts[k] for k in ("models", "pricing", "balance", "billing")} == {
            "models": 1,
            "pricing": 1,
            "balance": 1,
            "billing": 2,
        }


def test_faults_on_each_new_endpoint_through_the_control_endpoint() -> None:
    with Simulator() as sim:
        for endpoint, path in (
            ("models", "/v1/models"),
            ("pricing", "/api/pricing"),
            ("balance", "/api/usage/token"),
            ("billing", "/v1/dashboard/billing/subscription"),
        ):
            fault = {"kind": "server_error", "status": 404, "endpoint": endpoint, "count": 1000}
            assert httpx.post(f"{sim.base_url}/_sim/faults", json=fault).status_code == 200
            assert httpx.get(f"{sim.base_url}{path}", headers=AUTH).status_code == 404
            httpx.delete(f"{sim.base_url}/_sim/faults")
            assert httpx.get(f"{sim.base_url}{path}", headers=AUTH).status_code == 200
        delay = {"kind": "delay", "seconds": 0.01, "endpoint": "models"}
        httpx.post(f"{sim.base_url}/_sim/faults", json=delay)
        assert httpx.get(f"{sim.base_url}/v1/models", headers=AUTH).status_code == 200
        assert sim.faults.pending() == 0


def test_api_faults_spare_the_new_endpoints_and_any_faults_do_not() -> None:
    with Simulator() as sim:
        sim.inject(Fault("server_error", endpoint="api", status=502))
        assert httpx.get(f"{sim.base_url}/api/pricing").status_code == 200
        assert sim.faults.pending() == 1
        sim.faults.clear()
        sim.inject(Fault("server_error", endpoint="any", status=502))
        assert httpx.get(f"{sim.base_url}/api/pricing").status_code == 502


@pytest.mark.parametrize(
    "body",
    [b'{"balance_usd": -1}', b'{"balance_usd": true}', b'{"balance_usd": NaN}', b"{}", b"[]"],
)
def test_the_account_control_refuses_nonsense(body: bytes) -> None:
    with Simulator() as sim:
        answer = httpx.post(
            f"{sim.base_url}/_sim/account",
            content=body,
            headers={"Content-Type": "application/json"},
        )
        assert answer.status_code == 400 and available(sim) == pytest.approx(25.0)


def test_a_wrong_key_is_refused_by_the_keyed_endpoints() -> None:
    with Simulator() as sim:
        wrong = {"Authorization": "Bearer sk-wrong"}
        for path in ("/v1/models", "/api/usage/token", "/v1/dashboard/billing/usage"):
            assert httpx.get(f"{sim.base_url}{path}", headers=wrong).status_code == 401


@pytest.mark.parametrize(
    "argv", [["--balance", "-1"], ["--balance", "inf"], ["--extras-latency", "nan"]]
)
def test_command_line_refuses_nonsense(argv: list[str]) -> None:
    with pytest.raises(CliError):
        build_parser().parse_args(["sim", *argv])
