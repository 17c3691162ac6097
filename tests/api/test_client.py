"""The client against the simulator over real loopback sockets: one test per error class."""

from __future__ import annotations

import json
import logging
import socket

import httpx
import pytest

from genstudio.api.client import USER_AGENT, GenerationClient, parse_retry_after
from genstudio.api.errors import (
    ApiError,
    AuthenticationError,
    BadResponseError,
    NetworkError,
    RateLimitedError,
    RequestRejectedError,
    ServerError,
    SubmissionUnknownError,
    TaskNotFoundError,
)
from genstudio.api.kinds import Scope, TaskStatus
from genstudio.api.request import GenerationRequest
from genstudio.sim import DEMO_KEY, Fault, Simulator
from tests.conftest import FAST_BACKOFF

WRONG_KEY = "sk-wrong-0123456789abcdef"


def request(scope: Scope = Scope.IMAGES, prompt: str = "a lighthouse") -> GenerationRequest:
    return GenerationRequest(scope, prompt, "test-model")


def assert_no_key(error: ApiError, key: str) -> None:
    for text in (str(error), repr(error), error.user_message, error.details, error.log_text()):
        assert key not in text


@pytest.mark.parametrize("scope", list(Scope))
async def test_submit_then_fetch(client: GenerationClient, scope: Scope) -> None:
    task_id = await client.submit(request(scope))
    snap = await client.fetch(scope, task_id)
    assert snap.task_id == task_id
    assert snap.status in (TaskStatus.NOT_START, TaskStatus.QUEUED, TaskStatus.IN_PROGRESS)


async def test_task_id_is_percent_encoded(sim: Simulator, client: GenerationClient) -> None:
    task_id = await client.submit(request(Scope.VIDEOS))
    assert ":" in task_id  # the simulator uses the veo3:<time>-<random> shape
    snap = await client.fetch(Scope.VIDEOS, task_id)
    assert snap.task_id == task_id
    # An id with a slash must not become two path segments.
    with pytest.raises(TaskNotFoundError):
        await client.fetch(Scope.VIDEOS, "a/b?c#d")


async def test_user_agent_and_auth_header_sent() -> None:
    seen: list[httpx.Request] = []

    def handler(req: httpx.Request) -> httpx.Response:
        seen.append(req)
        return httpx.Response(200, json={"task_id": "t1"})

    async with GenerationClient(
        "https://api.example.test", "k123456", transport=httpx.MockTransport(handler)
    ) as api:
        assert await api.submit(request()) == "t1"
    assert seen[0].headers["User-Agent"] == USER_AGENT
    assert seen[0].headers["Authorization"] == "Bearer k123456"
    assert seen[0].url == "https://api.example.test/v2/images/generations"
    assert json.loads(seen[0].content) == {"prompt": "a lighthouse", "model": "test-model"}


async def test_wrong_key_is_refused_and_never_shown(
    sim: Simulator, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    async with GenerationClient(sim.base_url, WRONG_KEY) as api:
        with pytest.raises(AuthenticationError) as caught:
            await api.submit(request())
        with pytest.raises(AuthenticationError):
            await api.fetch(Scope.IMAGES, "whatever")
        assert WRONG_KEY not in repr(api)
    # The simulator echoes the key it got, as real gateways do; the client hides it.
    assert "[key hidden]" in caught.value.details
    assert_no_key(caught.value, WRONG_KEY)
    assert WRONG_KEY not in caplog.text


async def test_403_is_an_authentication_error(sim: Simulator) -> None:
    sim.config.auth_status = 403
    async with GenerationClient(sim.base_url, WRONG_KEY) as api:
        with pytest.raises(AuthenticationError) as caught:
            await api.fetch(Scope.IMAGES, "x")
    assert caught.value.status_code == 403


@pytest.mark.parametrize("body", ["json", "empty"])
async def test_rate_limit_on_submit_is_retried_after_retry_after(
    sim: Simulator, client: GenerationClient, body: str
) -> None:
    sim.inject(Fault("rate_limit", count=2, endpoint="submit", retry_after=0.1, body=body))  # type: ignore[arg-type]
    notices: list[float] = []
    task_id = await client.submit(request(), on_retry=lambda _t, wait: notices.append(wait))
    assert task_id
    assert notices == [pytest.approx(0.1, abs=0.06)] * 2
    assert sim.stats()["tasks"] == 1


async def test_rate_limit_gives_up_after_a_few_tries(
    sim: Simulator, client: GenerationClient
) -> None:
    sim.inject(Fault("rate_limit", count=10, endpoint="submit", body="empty"))
    with pytest.raises(RateLimitedError) as caught:
        await client.submit(request())
    assert "nothing was started" in caught.value.user_message
    assert sim.stats()["submit"] == 0  # faults answer before the endpoint counts
    assert sim.stats()["tasks"] == 0


async def test_rate_limit_on_fetch_carries_retry_after(
    sim: Simulator, client: GenerationClient
) -> None:
    sim.inject(Fault("rate_limit", endpoint="fetch", retry_after=7))
    with pytest.raises(RateLimitedError) as caught:
        await client.fetch(Scope.IMAGES, "x")
    assert caught.value.retry_after == 7.0


@pytest.mark.parametrize(("status", "body"), [(500, "json"), (502, "html"), (504, "empty")])
async def test_server_error_on_fetch(
    sim: Simulator, client: GenerationClient, status: int, body: str
) -> None:
    sim.inject(Fault("server_error", endpoint="fetch", status=status, body=body))  # type: ignore[arg-type]
    with pytest.raises(ServerError) as caught:
        await client.fetch(Scope.IMAGES, "x")
    assert caught.value.status_code == status
    assert f"HTTP {status}" in caught.value.user_message


async def test_server_error_on_submit_is_submission_unknown(
    sim: Simulator, client: GenerationClient
) -> None:
    sim.inject(Fault("server_error", endpoint="submit", status=502, body="html"))
    with pytest.raises(SubmissionUnknownError) as caught:
        await client.submit(request())
    assert isinstance(caught.value.cause, ServerError)
    assert "may or may not have started" in caught.value.user_message
    assert "The images request for model test-model was sent at" in caught.value.user_message
    assert caught.value.sent_at is not None
    assert "Bad Gateway" in caught.value.details
    assert sim.stats()["tasks"] == 0  # and it was not silently sent again


async def test_rejected_submit_carries_server_message(client: GenerationClient) -> None:
    with pytest.raises(RequestRejectedError) as caught:
        await client.submit(request(prompt="a [[reject]] thing"))
    assert caught.value.status_code == 400
    assert "safety system" in caught.value.server_message
    assert "safety system" in caught.value.user_message


@pytest.mark.parametrize(
    "answer",
    [
        {"code": "bad_size", "message": "size 9x9 is not supported", "data": None},
        {"error": {"message": "size 9x9 is not supported", "type": "invalid_request_error"}},
        "size 9x9 is not supported",
    ],
)
async def test_rejected_message_from_every_shape(answer: object) -> None:
    def handler(_req: httpx.Request) -> httpx.Response:
        if isinstance(answer, str):
            return httpx.Response(422, text=answer)
        return httpx.Response(400, json=answer)

    async with GenerationClient(
        "https://api.example.test", "k", transport=httpx.MockTransport(handler)
    ) as api:
        with pytest.raises(RequestRejectedError) as caught:
            await api.submit(request())
    assert caught.value.server_message == "size 9x9 is not supported"


@pytest.mark.parametrize("style", [400, 404])
async def test_unknown_task(sim: Simulator, client: GenerationClient, style: int) -> None:
    sim.config.unknown_task_status = style
    with pytest.raises(TaskNotFoundError) as caught:
        await client.fetch(Scope.VIDEOS, "veo3:1756693796-nothere")
    assert caught.value.status_code == style


async def test_connection_refused_is_a_network_error() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    async with GenerationClient(f"http://127.0.0.1:{port}", "k") as api:
        with pytest.raises(NetworkError) as caught:
            await api.fetch(Scope.IMAGES, "x")
        assert not caught.value.request_sent
        # Nothing was sent, so a submit is a plain network error, not "unknown".
        with pytest.raises(NetworkError):
            await api.submit(request())


async def test_dns_failure_is_a_network_error() -> None:
    def handler(req: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("[Errno -2] Name or service not known", request=req)

    async with GenerationClient(
        "https://no-such-host.test", "k", transport=httpx.MockTransport(handler)
    ) as api:
        with pytest.raises(NetworkError, match="Cannot reach"):
            await api.fetch(Scope.IMAGES, "x")


async def test_read_timeout(sim: Simulator) -> None:
    timeout = httpx.Timeout(connect=2.0, read=0.2, write=2.0, pool=2.0)
    async with GenerationClient(sim.base_url, DEMO_KEY, timeout=timeout) as api:
        sim.inject(Fault("delay", endpoint="fetch", seconds=0.6))
        with pytest.raises(NetworkError, match="did not answer in time") as caught:
            await api.fetch(Scope.IMAGES, "x")
        assert caught.value.request_sent
        sim.inject(Fault("delay", endpoint="submit", seconds=0.6))
        with pytest.raises(SubmissionUnknownError) as unknown:
            await api.submit(request())
        assert isinstance(unknown.value.cause, NetworkError)


async def test_dropped_connection(sim: Simulator, client: GenerationClient) -> None:
    sim.inject(Fault("drop", endpoint="fetch"))
    with pytest.raises(NetworkError, match="broke off"):
        await client.fetch(Scope.IMAGES, "x")


@pytest.mark.parametrize(
    "response",
    [
        httpx.Response(200, text="<html>login page</html>"),
        httpx.Response(200, json=["not", "an", "object"]),
        httpx.Response(200, json={"hello": "world"}),
    ],
)
async def test_bad_response_on_fetch(response: httpx.Response) -> None:
    async with GenerationClient(
        "https://api.example.test", "k", transport=httpx.MockTransport(lambda _r: response)
    ) as api:
        with pytest.raises(BadResponseError):
            await api.fetch(Scope.IMAGES, "x")


async def test_unreadable_submit_answer_is_submission_unknown() -> None:
    transport = httpx.MockTransport(lambda _r: httpx.Response(200, json={"ok": True}))
    async with GenerationClient("https://api.example.test", "k", transport=transport) as api:
        with pytest.raises(SubmissionUnknownError) as caught:
            await api.submit(request())
    assert isinstance(caught.value.cause, BadResponseError)


@pytest.mark.parametrize(
    "answer",
    [
        {"task_id": "a1"},
        {"data": {"task_id": "a1"}},
        {"id": "a1"},
        {"code": "success", "data": "a1"},
    ],
)
async def test_submit_answer_shapes(answer: dict[str, object]) -> None:
    transport = httpx.MockTransport(lambda _r: httpx.Response(200, json=answer))
    async with GenerationClient("https://api.example.test", "k", transport=transport) as api:
        assert await api.submit(request()) == "a1"


async def test_insecure_base_url_refused() -> None:
    with pytest.raises(ValueError, match="plain http"):
        GenerationClient("http://api.example.test", "k")


def test_retry_after_parsing() -> None:
    assert parse_retry_after("5") == 5.0
    assert parse_retry_after(" 1.5 ") == 1.5
    assert parse_retry_after(None) is None
    assert parse_retry_after("soon") is None
    assert parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT") == 0.0


async def test_rate_limit_policy_used_without_retry_after(sim: Simulator) -> None:
    waits: list[float] = []

    async def fake_sleep(seconds: float) -> None:
        waits.append(seconds)

    async with GenerationClient(
        sim.base_url, DEMO_KEY, rate_limit_backoff=FAST_BACKOFF, sleep=fake_sleep
    ) as api:
        sim.inject(Fault("rate_limit", count=3, endpoint="submit"))
        assert await api.submit(request())
    assert waits == [0.05, 0.1, 0.2]
