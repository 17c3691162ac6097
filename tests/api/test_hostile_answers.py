"""Any answer, parsed totally (issue 12, point 7): deep nesting, absurd times, another
task's id, control characters."""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping

import httpx
import pytest

from genstudio.api.client import GenerationClient
from genstudio.api.errors import BadResponseError
from genstudio.api.kinds import Scope
from genstudio.api.snapshot import parse_snapshot, parse_time
from genstudio.cli.main import main
from genstudio.printable import printable

DEEP = b'{"status": "FAILURE", "fail_reason": ' + b"[" * 100_000 + b"]" * 100_000 + b"}"


def client(body: bytes | Mapping[str, object]) -> GenerationClient:
    def handler(req: httpx.Request) -> httpx.Response:
        if isinstance(body, bytes):
            return httpx.Response(200, content=body)
        return httpx.Response(200, json=body)

    return GenerationClient(
        "https://api.example.test", "k123456", transport=httpx.MockTransport(handler)
    )


@pytest.mark.parametrize("body", [b"[" * 100_000 + b"]" * 100_000, DEEP])
async def test_deep_nesting_is_a_bad_response(body: bytes) -> None:
    """Before: RecursionError escaped (a traceback in the CLI, a task stuck in the app)."""
    async with client(body) as api:
        with pytest.raises(BadResponseError):
            await api.fetch(Scope.IMAGES, "t1")


@pytest.mark.parametrize("value", [1e300, "1e300", 253_402_300_800_000, 1e308 * 10, -5, "soon"])
def test_times_outside_the_calendar_are_unknown(value: object) -> None:
    assert parse_time(value) is None


def test_a_plausible_time_and_milliseconds_are_kept() -> None:
    assert parse_time(1_700_000_000) == 1_700_000_000.0
    assert parse_time(1_700_000_000_000) == 1_700_000_000.0


async def test_an_answer_about_another_task_is_not_merged(
    caplog: pytest.LogCaptureFixture,
) -> None:
    other = {"task_id": "t2", "status": "SUCCESS", "data": {"output": "x"}}
    async with client(other) as api:
        with caplog.at_level(logging.WARNING), pytest.raises(BadResponseError, match="another"):
            await api.fetch(Scope.IMAGES, "t1")
    assert "asked for 't1'" in caplog.text
    # A gateway's own row number in "id" is not a task id: that answer is used.
    async with client({"id": 77, "status": "IN_PROGRESS"}) as api:
        assert (await api.fetch(Scope.IMAGES, "t1")).task_id == "77"


def test_control_characters_are_shown_escaped() -> None:
    snapshot = parse_snapshot({"task_id": "t", "status": "FAILURE", "fail_reason": "a\x1b[2Jb"})
    assert snapshot.fail_reason == "a\\x1b[2Jb"
    assert printable("id\x1b]0;pwned\x07\u202eevil\nnext\t") == (
        "id\\x1b]0;pwned\\x07\\u202eevil\nnext\t"
    )


def test_the_cli_prints_no_escape_sequences(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    hostile = {"task_id": "t1", "status": "FAILURE", "fail_reason": "\x1b[2J\x1b]0;owned\x07"}
    monkeypatch.setattr(GenerationClient, "__init__", _mock_init(hostile))
    monkeypatch.setenv("GENSTUDIO_API_KEY", "k123456")
    assert main(["--base-url", "https://api.example.test", "status", "images", "t1"]) == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\\x1b[2J" in out


def test_the_cli_says_a_sentence_for_deep_nesting(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(GenerationClient, "__init__", _mock_init(DEEP))
    monkeypatch.setenv("GENSTUDIO_API_KEY", "k123456")
    assert main(["--base-url", "https://api.example.test", "status", "images", "t1"]) == 4
    err = capsys.readouterr().err
    assert "Traceback" not in err and "does not understand" in err


def _mock_init(body: bytes | Mapping[str, object]) -> Callable[..., None]:
    real = GenerationClient.__init__

    def init(self: GenerationClient, base_url: str, key: str, **kwargs: object) -> None:
        def handler(req: httpx.Request) -> httpx.Response:
            if isinstance(body, bytes):
                return httpx.Response(200, content=body)
            return httpx.Response(200, json=body)

        kwargs["transport"] = httpx.MockTransport(handler)
        real(self, base_url, key, **kwargs)  # type: ignore[arg-type]

    return init
