"""``genstudio-cli`` against a hostile provider on loopback, in real subprocesses
(issue 12, points 7 and 9): no traceback, no wait past ``--timeout``, no escape sequence
reaching the terminal, no key printed back."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from genstudio.api.kinds import Scope
from genstudio.api.request import GenerationRequest
from genstudio.settings import paths
from genstudio.tasks.states import TaskState
from genstudio.tasks.store import HistoryStore
from tests.hostile_provider import KEY, Answer, HostileProvider, deep, huge_numbers

RAW_CONTROLS = ("\x1b", "\x07", "\x9b", "\u202e")
# Without the deadlines a trickling answer never ends; this bounds the test instead.
HANG = 60


@pytest.fixture
def provider() -> Iterator[HostileProvider]:
    with HostileProvider(lambda _m, _p: Answer(status=500)) as hostile:
        yield hostile


def run_cli(
    provider: HostileProvider, *args: str, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    environment = {k: v for k, v in os.environ.items() if not k.startswith("GENSTUDIO_")}
    environment.update(
        {
            "GENSTUDIO_BASE_URL": provider.base_url,
            "GENSTUDIO_API_KEY": KEY,
            "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring",
            **(env or {}),
        }
    )
    return subprocess.run(
        [sys.executable, "-m", "genstudio.cli.main", "--allow-insecure", *args],
        capture_output=True,
        text=True,
        env=environment,
        timeout=HANG,
        check=False,
    )


def test_wait_timeout_holds_while_an_answer_trickles(provider: HostileProvider) -> None:
    """Before: ``wait --timeout 10`` was still running at 75 s."""
    provider.script = lambda _m, _p: Answer(b'{"status": "QUEUED"}', trickle=0.5)
    result = run_cli(provider, "wait", "images", "t1", "--timeout", "2")
    assert result.returncode == 5, result.stderr
    assert "Stopped waiting after 2 s" in result.stderr


@pytest.mark.parametrize("body", [huge_numbers(), deep()], ids=["huge-numbers", "deep"])
def test_any_answer_is_a_sentence_or_a_status(provider: HostileProvider, body: bytes) -> None:
    """Before: an OverflowError traceback for numbers no float holds."""
    provider.script = lambda _m, _p: Answer(body)
    result = run_cli(provider, "status", "images", "t1")
    assert "Traceback" not in result.stderr
    if body.startswith(b'{"task_id"'):
        assert result.returncode == 0 and result.stdout.startswith("t1: "), result.stderr
    else:
        assert result.returncode == 4 and "does not understand" in result.stderr


def test_no_escape_sequence_reaches_the_terminal(provider: HostileProvider) -> None:
    hostile = {
        "task_id": "t1",
        "status": "FAILURE",
        "fail_reason": "\x1b]0;owned\x07\x1b[2J \x9b2J \u202eevil",
        "data": {"outputs": ["https://x.test/\x1b[31mred"]},
    }
    provider.script = lambda _m, _p: Answer.of(hostile)
    runs = [
        run_cli(provider, "status", "images", "t1"),
        run_cli(provider, "status", "images", "t1", "--json"),
        run_cli(provider, "wait", "images", "t1", "--json"),
        run_cli(provider, "wait", "images", "t1"),
    ]
    # An answer about another task is logged (on stderr), quoting the server's words.
    other = {"task_id": "t2\x1b[2J", "status": "QUEUED", "x": "\x9b6n"}
    provider.script = lambda _m, _p: Answer.of(other)
    runs.append(run_cli(provider, "status", "images", "t1"))
    for result in runs:
        for control in RAW_CONTROLS:
            assert control not in result.stdout + result.stderr, (result.args, control)
    assert "\\x1b[2J" in runs[0].stdout and "\\x1b[2J" in runs[3].stderr
    assert "asked for 't1'" in runs[4].stderr and "\\x1b[2J" in runs[4].stderr
    assert json.loads(runs[1].stdout)["fail_reason"].endswith("\\u202eevil")  # escaped at parse


def test_history_json_escapes_what_json_leaves_raw(
    provider: HostileProvider, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    store = HistoryStore(paths.history_path())
    record = store.insert("default", GenerationRequest(Scope.IMAGES, "p", "m"), created_at=1.0)
    record.state = TaskState.FAILED
    record.fail_reason = "old row \x9b2J \u202eevil"  # stored before reasons were escaped
    store.update(record)
    store.close()
    env = {"XDG_DATA_HOME": str(tmp_path)}
    for args in (("history",), ("history", "--json")):
        result = run_cli(provider, *args, env=env)
        assert result.returncode == 0, result.stderr
        assert "old row" in result.stdout
        assert not any(control in result.stdout for control in RAW_CONTROLS)
    rows = json.loads(result.stdout)
    assert rows[0]["fail_reason"] == "old row \x9b2J \u202eevil"  # the same text, read back


def test_the_key_echoed_back_is_never_printed(provider: HostileProvider) -> None:
    echo = {
        "task_id": "t1",
        "status": "SUCCESS",
        "fail_reason": f"key {KEY}",
        "data": {"output": f"https://x.test/a.png?key={KEY}"},
    }
    provider.script = lambda method, path: (
        Answer.of({"data": [{"id": f"m-{KEY}"}]}) if path == "/v1/models" else Answer.of(echo)
    )
    for args in (("status", "images", "t1"), ("status", "images", "t1", "--json"), ("models",)):
        result = run_cli(provider, *args, "--verbose")
        assert result.returncode == 0, result.stderr
        assert KEY not in result.stdout + result.stderr
        assert "[key hidden]" in result.stdout
