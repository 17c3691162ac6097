"""The gateway's optional endpoints: present, absent, broken or hostile, never raising."""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import AsyncIterator, Awaitable, Callable

import httpx
import pytest

from genstudio.api import gateway
from genstudio.api.client import GenerationClient
from genstudio.api.errors import NetworkError
from genstudio.api.gateway import (
    Unavailable,
    ask_balance,
    ask_models,
    ask_prices,
    fetch_balance,
    fetch_models,
    fetch_prices,
)
from genstudio.api.prices import MAX_MODELS
from genstudio.sim import DEMO_KEY, Fault, Simulator
from genstudio.sim.account import NOT_OFFERED
from genstudio.sim.server import SimulatorConfig

KEY = "sk-secret-0123456789abcdef"


def mock(
    handler: Callable[[httpx.Request], httpx.Response], base_url: str = "https://gw.example"
) -> GenerationClient:
    return GenerationClient(base_url, KEY, transport=httpx.MockTransport(handler))


def by_path(answers: dict[str, httpx.Response]) -> GenerationClient:
    """A gateway that answers these paths, and 404 for the rest."""
    return mock(lambda r: answers.get(r.url.path, httpx.Response(404, text="404 page not found")))


def gateway_lines(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.name == gateway.__name__]


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


async def test_absent_endpoints_say_so_in_one_line_each(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO)
    async with by_path({}) as client:
        assert await fetch_models(client) is None
        assert await fetch_prices(client) is None
        assert await fetch_balance(client) is None
        why = await ask_models(client)
    assert isinstance(why, Unavailable) and why.absent and not why.key_refused
    lines = gateway_lines(caplog)
    assert len(lines) == 4  # one per question, the balance's two tries in one line
    assert lines[0] == "model list: no such endpoint (HTTP 404)"
    assert lines[1] == "pricing: no such endpoint (HTTP 404)"
    assert lines[2].startswith("balance: /api/usage/token: no such endpoint (HTTP 404); billing:")


async def test_an_html_page_is_not_json(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO)
    page = httpx.Response(200, text="<html><body>Welcome to our gateway</body></html>")
    async with by_path({"/api/pricing": page}) as client:
        assert await fetch_prices(client) is None
    assert gateway_lines(caplog) == ["pricing: the answer is not JSON"]


@pytest.mark.parametrize("status", [401, 403])
async def test_a_refused_key_gives_none_and_says_so(
    status: int, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO)
    refused = httpx.Response(status, json={"error": {"message": f"Invalid token: {KEY}"}})
    async with mock(lambda r: refused) as client:
        assert await fetch_models(client) is None
        assert await fetch_prices(client) is None
        assert await fetch_balance(client) is None
        why = await ask_balance(client)
    assert isinstance(why, Unavailable) and why.key_refused and why.status == status
    assert f"the key was refused (HTTP {status})" in caplog.text and KEY not in caplog.text


async def test_a_refused_key_on_either_balance_endpoint_is_the_news() -> None:
    async with by_path({"/v1/dashboard/billing/subscription": httpx.Response(401)}) as client:
        why = await ask_balance(client)
    assert isinstance(why, Unavailable) and why.key_refused


async def test_the_base_url_path_prefix_is_kept() -> None:
    seen: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request.url.path)
        return httpx.Response(200, json={"data": [{"id": "veo3"}]})

    async with mock(handler, "https://gw.example/relay/") as client:
        assert await fetch_models(client) == frozenset({"veo3"})
        await client.get_json("/api/pricing")
    assert seen == ["/relay/v1/models", "/relay/api/pricing"]


async def test_the_model_list_is_capped_and_cleaned() -> None:
    items: list[object] = [{"id": f" m{i} "} for i in range(6000)]
    items[:4] = [{"id": "x" * 201}, {"id": None}, {"name": "no id"}, 7]
    async with mock(lambda r: httpx.Response(200, json={"data": items})) as client:
        models = await fetch_models(client)
    assert models is not None and len(models) == MAX_MODELS
    assert "m4" in models and " m4 " not in models and all(len(m) <= 200 for m in models)


@pytest.mark.parametrize("ask", [fetch_models, fetch_prices, fetch_balance])
async def test_deeply_nested_json_gives_none(
    ask: Callable[[GenerationClient], Awaitable[object]],
) -> None:
    deep = b'{"data": ' + b"[" * 100_000 + b"]" * 100_000 + b"}"
    async with mock(lambda r: httpx.Response(200, content=deep)) as client:
        assert await ask(client) is None


async def test_numbers_too_large_for_a_float_are_skipped_not_raised() -> None:
    huge = 10**400  # json.loads gives an int that float() cannot hold
    payload = {
        "data": [
            {"model_name": "big", "quota_type": 1, "model_price": huge},
            {"model_name": "ok", "quota_type": 1, "model_price": 0.5, "enable_groups": ["vip"]},
        ],
        "group_ratio": {"vip": huge, "default": 1},
    }
    async with mock(lambda r: httpx.Response(200, json=payload)) as client:
        prices = await fetch_prices(client)
    assert prices is not None and set(prices.prices) == {"ok"}
    assert prices.prices["ok"].groups == ("vip",)  # new-api's own spelling, enable_groups
    assert prices.per_call_usd("ok", "vip") == 0.5  # an unusable ratio counts as 1
    assert prices.per_call_usd("unknown") is None and prices.ratio("ok") is None
    balance = {"data": {"total_available": huge}}
    async with by_path({"/api/usage/token": httpx.Response(200, json=balance)}) as client:
        assert await fetch_balance(client) is None


@pytest.mark.parametrize("available", [-1, float("nan"), 1e18, "1e999"])
async def test_a_negative_or_absurd_balance_is_not_shown(available: object) -> None:
    body = json.dumps({"data": {"total_available": available}}).encode()  # NaN as NaN
    async with by_path({"/api/usage/token": httpx.Response(200, content=body)}) as client:
        assert await fetch_balance(client) is None


async def test_a_bad_side_figure_leaves_just_that_figure_unknown() -> None:
    payload = {"data": {"total_available": 500_000, "total_used": "?", "total_granted": -5}}
    async with by_path({"/api/usage/token": httpx.Response(200, json=payload)}) as client:
        balance = await fetch_balance(client)
    assert balance == gateway.Balance(1.0, None, None, False, "new-api")


async def test_the_openai_billing_pair() -> None:
    subscription = httpx.Response(200, json={"hard_limit_usd": 20})
    usage = httpx.Response(200, json={"total_usage": 250})  # cents
    async with by_path(
        {
            "/v1/dashboard/billing/subscription": subscription,
            "/v1/dashboard/billing/usage": usage,
        }
    ) as client:
        assert await fetch_balance(client) == gateway.Balance(17.5, 2.5, 20.0, False, "openai")


async def test_billing_without_its_usage_is_unknown_not_unlimited() -> None:
    subscription = httpx.Response(200, json={"hard_limit_usd": 20})
    async with by_path({"/v1/dashboard/billing/subscription": subscription}) as client:
        assert await fetch_balance(client) is None


async def test_new_apis_unlimited_sign_in_the_billing_pair() -> None:
    subscription = httpx.Response(200, json={"hard_limit_usd": 100_000_000})
    usage = httpx.Response(200, json={"total_usage": 1234})
    async with by_path(
        {
            "/v1/dashboard/billing/subscription": subscription,
            "/v1/dashboard/billing/usage": usage,
        }
    ) as client:
        balance = await fetch_balance(client)
    assert balance is not None and balance.unlimited and balance.available_usd is None
    assert balance.used_usd == pytest.approx(12.34)


async def test_a_quota_rate_that_is_not_a_rate_gives_none() -> None:
    payload = {"data": {"total_available": 500_000}}
    async with mock(lambda r: httpx.Response(200, json=payload)) as client:
        assert await fetch_balance(client, quota_per_usd=0) is None
        assert await fetch_balance(client, quota_per_usd=float("nan")) is None


async def test_a_slow_endpoint_gives_none(
    sim: Simulator, client: GenerationClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(gateway, "TIMEOUT", 0.2)
    sim.inject(Fault("delay", endpoint="pricing", seconds=2.0))
    why = await ask_prices(client)
    assert isinstance(why, Unavailable) and why.status is None and not why.absent


async def test_an_error_body_with_the_key_is_never_logged(
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)
    echo = httpx.Response(500, text=f"upstream said: bad key {KEY}")
    async with mock(lambda r: echo) as client:
        assert await fetch_models(client) is None
        assert await fetch_prices(client) is None
        assert await fetch_balance(client) is None
    assert "HTTP 500" in caplog.text and KEY not in caplog.text


@pytest.mark.parametrize(
    "error",
    [
        httpx.ReadTimeout("slow"),
        httpx.RemoteProtocolError("cut off"),
        NetworkError("Cannot reach the provider.", "refused"),
        ConnectionResetError("reset"),
    ],
)
async def test_network_errors_give_none(error: Exception) -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        raise error

    async with mock(handler) as client:
        why = await ask_models(client)
        assert await fetch_balance(client) is None
    assert isinstance(why, Unavailable) and why.status is None and not why.absent
