"""``genstudio-cli key`` in-process, over the in-memory keyring of the fixture."""

from __future__ import annotations

import io

import pytest

from genstudio.cli.main import main
from genstudio.cli.task_commands import resolve_key
from genstudio.settings.key_store import SERVICE, KeyStore
from tests.conftest import MemoryKeyring


def test_set_status_delete(
    memory_keyring: MemoryKeyring,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("sk-live-123456\n"))
    assert main(["key", "set", "--profile", "work"]) == 0
    assert memory_keyring.entries == {(SERVICE, "work"): "sk-live-123456"}
    out = capsys.readouterr().out
    assert "test memory keyring" in out and "sk-live" not in out

    assert main(["--profile", "work", "key", "status"]) == 0
    assert "is stored in test memory keyring" in capsys.readouterr().out
    assert main(["key", "status"]) == 0
    assert "'default' is not stored" in capsys.readouterr().out

    assert main(["key", "delete", "--profile", "work"]) == 0
    assert memory_keyring.entries == {}
    assert main(["key", "delete", "--profile", "work"]) == 0
    assert "There was no key" in capsys.readouterr().out


def test_empty_key_refused(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("\n"))
    assert main(["key", "set"]) == 2
    assert "No key was given" in capsys.readouterr().err


def test_key_from_environment_wins(
    memory_keyring: MemoryKeyring, monkeypatch: pytest.MonkeyPatch
) -> None:
    memory_keyring.set_password(SERVICE, "default", "from-keyring")
    assert resolve_key("default") == "from-keyring"
    monkeypatch.setenv("GENSTUDIO_API_KEY", "from-env")
    assert resolve_key("default") == "from-env"


def test_plaintext_backend_is_not_trusted() -> None:
    class PlaintextKeyring(MemoryKeyring):
        pass

    store = KeyStore(backend=PlaintextKeyring())
    assert store.backend_name() is None
