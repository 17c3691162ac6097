"""The gateway's optional endpoints: present, absent, broken or hostile, never raising."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator, Callable

import httpx
import pytest

from genstudio.api.client import GenerationClient
from genstudio.api.gateway import fetch_balance, fetch_models, fetch_prices
from genstudio.sim import DEMO_KEY, Fault, Simulator
from genstudio.sim.account import NOT_OFFERED
from genstudio.sim.server import SimulatorConfig

KEY = "sk-secret-0123456789abcdef"


def mock(handler: Callable[[httpx.Request], httpx.Response]) -> GenerationClient:
    return GenerationClient("https://gw.example", KEY, transport=httpx.MockTransport(handler))


async def test_the_simulator_answers_all_four(client: GenerationClient, sim: Simulator) -> None:
    models = await fetch_models(client)
    assert models is not None and "veo3" in models and not NOT_OFFERED & models
    prices = await fetch_prices(client)
    assert prices is not None
    assert prices.per_call_usd("veo3") == pytest.approx(0.8)
    assert prices.per_call_usd("veo3", "vip") == pytest.approx(0.64)
    assert prices.per_call_usd("minimax-tts") is None and prices.ratio("minimax-tts") == 2.5
    balance = await fetch_balance(client)
    assert balance is not None and balance.source == "new-api"
    assert balance.available_usd == pytest.approx(25.0) and not balance.unlimited
    assert {k: sim.counts[k] for k in ("models", "pricing", "balance")} == dict.fromkeys(
        ("models", "pricing", "balance"), 1
    )


async def test_absent_endpoints_give_none_and_billing_is_the_fallback() -> None:
    config = SimulatorConfig(absent=frozenset({"models", "pricing", "balance"}))
    with Simulator(config) as sim:
        async with GenerationClient(sim.base_url, DEMO_KEY) as client:
            assert await fetch_models(client) is None
            assert await fetch_prices(client) is None  # an HTML 404 page
            balance = await fetch_balance(client)
            assert balance is not None and balance.source == "openai"
            assert balance.granted_usd == pytest.approx(25.0)
            assert balance.available_usd == pytest.approx(25.0)
    config = SimulatorConfig(absent=frozenset({"balance", "billing"}))
    with Simulator(config) as sim:
        async with GenerationClient(sim.base_url, DEMO_KEY) as client:
            assert await fetch_balance(client) is None


async def test_a_slow_endpoint_is_given_up_on(sim: Simulator, client: GenerationClient) -> None:
    sim.inject(Fault("delay", endpoint="models", seconds=3.0))
    with pytest.raises(TimeoutError):
        await client.get_json("/v1/models", timeout=0.3)


async def test_faults_on_the_new_endpoints(sim: Simulator, client: GenerationClient) -> None:
    sim.inject(Fault("server_error", endpoint="pricing", status=502, body="html"))
    assert await fetch_prices(client) is None
    assert await fetch_prices(client) is not None  # one fault, then fine


async def test_a_wrong_key_gives_none_and_the_key_is_never_logged(
    sim: Simulator, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    async with GenerationClient(sim.base_url, KEY) as client:
        assert await fetch_models(client) is None
        assert await fetch_balance(client) is None
    assert KEY not in caplog.text


@pytest.mark.parametrize(
    "body",
    [
        b"<html>hello</html>",
        b"",
        b"[]",
        b'{"data": "nope"}',
        b'{"data": [{"id": 5}, {"id": "  "}, {"id": "x"}]}',
        b"[" * 100_000 + b"]" * 100_000,
    ],
)
async def test_bad_model_lists(body: bytes) -> None:
    client = mock(lambda r: httpx.Response(200, content=body))
    models = await fetch_models(client)
    assert models is None or models == frozenset({"x"})


@pytest.mark.parametrize(
    "entry",
    [
        {"model_name": "m", "quota_type": 1, "model_price": 1e300},
        {"model_name": "m", "quota_type": 1, "model_price": -1},
        {"model_name": "m", "quota_type": 1, "model_price": "NaN"},
        {"model_name": "m", "quota_type": 1, "model_price": True},
        {"model_name": "m", "quota_type": 1, "model_price": {"x": 1}},
        {"model_name": 7, "quota_type": 1, "model_price": 1},
        "m",
    ],
)
async def test_bad_price_entries_are_left_out_not_fatal(entry: object) -> None:
    good = {"model_name": "ok", "quota_type": 1, "model_price": 0.25}
    payload = {"success": True, "data": [entry, good], "group_ratio": {"default": "x"}}
    client = mock(lambda r: httpx.Response(200, json=payload))
    prices = await fetch_prices(client)
    assert prices is not None and set(prices.prices) == {"ok"}
    assert prices.per_call_usd("ok") == 0.25  # an unusable group ratio counts as 1


@pytest.mark.parametrize(
    "data",
    [
        {"data": {"total_available": 1e30, "unlimited_quota": False}},
        {"data": {"total_available": "lots"}},
        {"data": {}},
        {"code": True},
        ["x"],
    ],
)
async def test_bad_balances_are_not_shown(data: object) -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/api/usage/token":
            return httpx.Response(200, json=data)
        return httpx.Response(404, text="no")

    assert await fetch_balance(mock(handler)) is None


async def test_unlimited_and_a_quota_conversion() -> None:
    payload = {"data": {"total_available": 0, "total_used": 2_000_000, "unlimited_quota": True}}
    balance = await fetch_balance(mock(lambda r: httpx.Response(200, json=payload)))
    assert balance is not None and balance.unlimited and balance.available_usd is None
    payload = {"data": {"total_available": 1_000_000, "unlimited_quota": False}}
    client = mock(lambda r: httpx.Response(200, json=payload))
    balance = await fetch_balance(client, quota_per_usd=1_000_000)
    assert balance is not None and balance.available_usd == 1.0


async def test_the_key_echoed_in_an_error_never_reaches_the_log(
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)

    def handler(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError(f"refused for {KEY}")

    client = mock(handler)
    assert await fetch_models(client) is None
    assert KEY not in caplog.text and "[key hidden]" in caplog.text


async def test_a_trickling_answer_is_bounded_by_the_timeout() -> None:
    class Slow(httpx.AsyncByteStream):
        async def __aiter__(self) -> AsyncIterator[bytes]:
            for _ in range(100):
                await asyncio.sleep(0.05)
                yield b" "

    client = mock(lambda r: httpx.Response(200, stream=Slow()))
    with pytest.raises(TimeoutError):
        await client.get_json("/v1/models", timeout=0.3)
