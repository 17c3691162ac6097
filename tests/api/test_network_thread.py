"""The window's HTTP on a thread of its own: requests run there, answers and errors come
back to the caller's loop, cancelling the caller cancels the request, stop ends it."""

from __future__ import annotations

import asyncio
import threading

import httpx
import pytest

from genstudio.api.client import GenerationClient
from genstudio.api.errors import AuthenticationError
from genstudio.api.kinds import Scope, TaskStatus
from genstudio.api.network_thread import NetworkThread
from genstudio.api.request import GenerationRequest
from genstudio.settings.key_store import KeyVault
from genstudio.settings.preferences import Profile
from genstudio.sim import DEMO_KEY, Simulator
from genstudio.tasks.clients import ClientPool


async def test_requests_run_on_the_network_thread_and_answers_come_back() -> None:
    seen: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(threading.current_thread().name)
        if request.method == "POST":
            return httpx.Response(200, json={"task_id": "t1"})
        if request.url.path.endswith("/refused"):
            return httpx.Response(401, json={"error": {"message": "bad key"}})
        return httpx.Response(200, json={"task_id": "t1", "status": "IN_PROGRESS"})

    network = NetworkThread()
    client = GenerationClient(
        "http://127.0.0.1:9", "sk-x", transport=httpx.MockTransport(handler), network=network
    )
    try:
        assert await client.submit(GenerationRequest(Scope.IMAGES, "a kite", "m")) == "t1"
        snapshot = await client.fetch(Scope.IMAGES, "t1")
        assert snapshot.status is TaskStatus.IN_PROGRESS
        with pytest.raises(AuthenticationError):  # errors cross back as they are
            await client.fetch(Scope.IMAGES, "refused")
        assert seen == ["genstudio-network"] * 3
        assert threading.current_thread().name != "genstudio-network"
    finally:
        await client.aclose()
        network.stop()


async def test_cancelling_the_caller_cancels_the_request_there() -> None:
    arrived = threading.Event()
    cancelled = threading.Event()

    async def handler(_request: httpx.Request) -> httpx.Response:
        arrived.set()
        try:
            await asyncio.sleep(30)
        except asyncio.CancelledError:
            cancelled.set()
            raise
        return httpx.Response(200, json={})

    network = NetworkThread()
    client = GenerationClient(
        "http://127.0.0.1:9", "sk-x", transport=httpx.MockTransport(handler), network=network
    )
    check = asyncio.ensure_future(client.fetch(Scope.IMAGES, "t1"))
    await asyncio.to_thread(arrived.wait, 5)
    check.cancel()
    with pytest.raises(asyncio.CancelledError):
        await check
    assert await asyncio.to_thread(cancelled.wait, 5)
    await client.aclose()
    network.stop()


async def test_the_pool_s_clients_use_its_thread_and_closing_ends_it(sim: Simulator) -> None:
    vault = KeyVault()
    vault.set("sim", DEMO_KEY, session_only=True)
    pool = ClientPool({"sim": Profile("sim", sim.base_url)}.get, vault)
    client = pool.get("sim")
    task_id = await client.submit(GenerationRequest(Scope.IMAGES, "a kite", "m"))
    assert (await client.fetch(Scope.IMAGES, task_id)).task_id == task_id
    names = {t.name for t in threading.enumerate()}
    assert "genstudio-network" in names
    await pool.aclose()
    assert "genstudio-network" not in {t.name for t in threading.enumerate()}


async def test_stopping_with_a_request_in_flight_cancels_it_for_its_caller() -> None:
    arrived = threading.Event()

    async def handler(_request: httpx.Request) -> httpx.Response:
        arrived.set()
        await asyncio.sleep(30)
        return httpx.Response(200, json={})

    network = NetworkThread()
    client = GenerationClient(
        "http://127.0.0.1:9", "sk-x", transport=httpx.MockTransport(handler), network=network
    )
    check = asyncio.ensure_future(client.fetch(Scope.IMAGES, "t1"))
    await asyncio.to_thread(arrived.wait, 5)
    await asyncio.to_thread(network.stop)
    with pytest.raises(asyncio.CancelledError):
        await asyncio.wait_for(check, 5)  # not a wait for ever


async def test_a_call_after_stop_starts_no_new_thread() -> None:
    network = NetworkThread(name="stopped-network")

    async def answer() -> int:
        return 1

    assert await network.run(answer()) == 1
    network.stop()
    with pytest.raises(RuntimeError):  # as a closed httpx client says
        await network.run(answer())
    assert not [t for t in threading.enumerate() if t.name == "stopped-network"]
