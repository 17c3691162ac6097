"""The protocol layer against a hostile provider on loopback (issue 12, points 7 and 9):
numbers no float holds, answers that trickle in, bodies that cannot be decoded, and the
key echoed back in every place a server can put it."""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import AsyncIterator, Iterator

import pytest

from genstudio.api import answers
from genstudio.api import client as client_module
from genstudio.api.answers import MAX_DEPTH, Redactor, decode_json, guarded
from genstudio.api.client import GenerationClient
from genstudio.api.errors import (
    BadResponseError,
    NetworkError,
    SubmissionUnknownError,
)
from genstudio.api.gateway import ask_models
from genstudio.api.kinds import Scope, TaskStatus
from genstudio.api.request import GenerationRequest
from genstudio.api.waiting import WaitTimedOutError, wait_for_task
from tests.hostile_provider import KEY, Answer, HostileProvider, huge_numbers

# Far longer than any check below should take: without the deadlines they hang, and
# this bound turns the hang into a failure instead of a stuck test run.
HANG = 30.0


@pytest.fixture
def provider() -> Iterator[HostileProvider]:
    with HostileProvider(lambda _m, _p: Answer(status=500)) as hostile:
        yield hostile


@pytest.fixture
async def api(provider: HostileProvider) -> AsyncIterator[GenerationClient]:
    async with GenerationClient(
        provider.base_url, KEY, allow_insecure=True, fetch_deadline=1.0, submit_deadline=1.0
    ) as client:
        yield client


async def test_numbers_no_float_holds_are_unknown(
    provider: HostileProvider, api: GenerationClient
) -> None:
    """Before: OverflowError (a traceback in the CLI, a task never checked again)."""
    provider.script = lambda _m, _p: Answer(huge_numbers())
    snapshot = await api.fetch(Scope.IMAGES, "t1")
    assert snapshot.status is TaskStatus.IN_PROGRESS
    assert snapshot.progress is None and snapshot.submit_time is None
    assert snapshot.start_time is None


def test_nesting_is_capped_before_anything_recurses() -> None:
    assert decode_json("[" * MAX_DEPTH + "]" * MAX_DEPTH) is not None
    with pytest.raises(answers.TooDeepError):
        decode_json("[" * (MAX_DEPTH + 1) + "]" * (MAX_DEPTH + 1))
    with pytest.raises(ValueError):  # more digits than Python converts
        decode_json("1" * 5000)


async def test_a_trickling_status_answer_meets_the_deadline(
    provider: HostileProvider, api: GenerationClient
) -> None:
    """One byte every 0.2 s never trips a read timeout; the whole call's deadline does."""
    provider.script = lambda _m, _p: Answer(b'{"status": "QUEUED"}', trickle=0.2)
    with pytest.raises(NetworkError, match="did not answer in time"):
        await asyncio.wait_for(api.fetch(Scope.IMAGES, "t1"), HANG)


async def test_a_trickling_submit_answer_is_a_submission_unknown(
    provider: HostileProvider, api: GenerationClient
) -> None:
    provider.script = lambda _m, _p: Answer(b'{"task_id": "t1"}', trickle=0.2)
    request = GenerationRequest(Scope.IMAGES, "a kite", "m")
    with pytest.raises(SubmissionUnknownError):
        await asyncio.wait_for(api.submit(request), HANG)


async def test_waiting_ends_at_its_timeout_while_a_check_trickles(
    provider: HostileProvider,
) -> None:
    """``wait --timeout`` holds while a request is in flight, not only between checks."""
    provider.script = lambda _m, _p: Answer(b'{"status": "QUEUED"}', trickle=0.2)
    async with GenerationClient(provider.base_url, KEY, allow_insecure=True) as api:
        with pytest.raises(WaitTimedOutError):
            await asyncio.wait_for(wait_for_task(api, Scope.IMAGES, "t1", timeout=0.5), HANG)


async def test_an_answer_too_large_is_dropped_not_kept(
    provider: HostileProvider, api: GenerationClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(client_module, "MAX_ANSWER_BYTES", 1000)
    padding = "x" * 5000
    provider.script = lambda _m, _p: Answer.of({"status": "QUEUED", "pad": padding})
    with pytest.raises(BadResponseError):
        await api.fetch(Scope.IMAGES, "t1")


async def test_a_body_that_cannot_be_decompressed_is_an_api_error(
    provider: HostileProvider, api: GenerationClient
) -> None:
    """Before: httpx.DecodingError escaped, which no caller expects."""
    provider.script = lambda _m, _p: Answer(
        b"not gzip at all", headers={"Content-Encoding": "gzip"}
    )
    with pytest.raises(NetworkError):
        await api.fetch(Scope.IMAGES, "t1")


async def test_the_key_echoed_in_a_status_answer_is_hidden(
    provider: HostileProvider, api: GenerationClient, caplog: pytest.LogCaptureFixture
) -> None:
    echoed = {
        "task_id": "t1",
        "status": "SUCCESS",
        "fail_reason": f"upstream said: bad key {KEY}",
        "data": {
            "output": f"https://cdn.example.test/a.png?key={KEY}",
            "outputs": ["https://cdn.example.test/b.png"],
            "usage": {"note": f"billed to {KEY}", KEY: 1},
        },
    }
    provider.script = lambda _m, _p: Answer.of(echoed)
    with caplog.at_level(logging.WARNING):
        first = await api.fetch(Scope.IMAGES, "t1")
        await api.fetch(Scope.IMAGES, "t1")
    assert KEY not in repr(first) and KEY not in json.dumps(first.raw)
    assert first.fail_reason == "upstream said: bad key [key hidden]"
    assert first.outputs == (
        "https://cdn.example.test/a.png?key=[key hidden]",
        "https://cdn.example.test/b.png",
    )
    said = [r for r in caplog.records if "held the API key" in r.getMessage()]
    assert len(said) == 1  # once, not at every check
    assert KEY not in caplog.text


async def test_the_key_echoed_in_an_error_is_hidden_even_when_escaped(
    provider: HostileProvider, api: GenerationClient
) -> None:
    """A JSON escape spells the key differently on the wire than once decoded."""
    spelled = "".join(f"\\u{ord(c):04x}" for c in KEY)
    body = ('{"error": {"message": "key ' + spelled + ' refused\\u001b[2J"}}').encode()
    provider.script = lambda _m, _p: Answer(body, status=400)
    request = GenerationRequest(Scope.IMAGES, "a kite", "m")
    with pytest.raises(Exception) as caught:
        await api.submit(request)
    text = f"{caught.value} {getattr(caught.value, 'details', '')}"
    text += getattr(caught.value, "server_message", "")
    assert KEY not in text and "[key hidden]" in text
    assert "\x1b" not in text and "\\x1b[2J" in text


async def test_a_task_id_holding_the_key_is_not_used(
    provider: HostileProvider, api: GenerationClient
) -> None:
    provider.script = lambda _m, _p: Answer.of({"task_id": f"task-{KEY}"})
    with pytest.raises(SubmissionUnknownError) as caught:
        await api.submit(GenerationRequest(Scope.IMAGES, "a kite", "m"))
    assert KEY not in f"{caught.value} {caught.value.details}"


async def test_the_key_echoed_in_the_model_list_is_hidden(
    provider: HostileProvider, api: GenerationClient
) -> None:
    provider.script = lambda _m, _p: Answer.of({"data": [{"id": "veo3"}, {"id": f"m-{KEY}"}]})
    assert await ask_models(api) == frozenset({"veo3", "m-[key hidden]"})


def test_the_key_is_hidden_percent_encoded_too() -> None:
    redactor = Redactor("ab+c/d=")
    assert redactor.text("?k=ab%2Bc%2Fd%3D and ab+c/d=") == "?k=[key hidden] and [key hidden]"


async def test_anything_unforeseen_becomes_an_api_error() -> None:
    async def broken() -> str:
        raise OverflowError("int too large to convert to float")

    with pytest.raises(BadResponseError):
        await guarded(broken())
    with pytest.raises(SubmissionUnknownError):
        await guarded(broken(), submitting=True)
