"""Settings: profiles, where the key is kept, insecure URLs, Test connection."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from genstudio.settings.key_store import KeyStore, KeyVault
from genstudio.settings.preferences import Preferences, Profile
from genstudio.sim import DEMO_KEY, Simulator
from genstudio.tasks.settings_changes import apply_settings
from genstudio.ui.dialogs.settings_dialog import SettingsDialog
from tests.conftest import MemoryKeyring, until
from tests.ui.conftest import QLoop


def dialog(qtbot: QtBot, prefs: Preferences, vault: KeyVault) -> SettingsDialog:
    widget = SettingsDialog(
        prefs, vault, lambda changes: apply_settings(changes, prefs, vault, None)
    )
    qtbot.addWidget(widget)
    widget.show()
    return widget


def studio_dialog(qtbot: QtBot) -> tuple[SettingsDialog, Preferences]:
    """The dialog over one saved provider, "Studio", whose key is in the vault."""
    prefs, vault = Preferences(profiles=[Profile("Studio", "https://api.example.com")]), KeyVault()
    vault.set("Studio", "sk-x")
    return dialog(qtbot, prefs, vault), prefs


def test_add_profile_stores_key_in_keyring(qtbot: QtBot, memory_keyring: MemoryKeyring) -> None:
    prefs, vault = Preferences(), KeyVault()
    d = dialog(qtbot, prefs, vault)
    assert "Stored in test memory keyring" in d.key_where.text()
    d.name.setText("Work")
    d.base_url.setText("https://api.example.com/v2/")
    d.key.setText("sk-work-123")
    d._save()
    assert d.result() == SettingsDialog.DialogCode.Accepted
    assert prefs.profiles == [Profile("Work", "https://api.example.com")]
    assert prefs.current_profile == "Work"
    assert memory_keyring.entries[("genstudio", "Work")] == "sk-work-123"
    assert "Work" in d.applied.changed_profiles
    assert "sk-work" not in str(prefs.to_json())


def test_missing_key_and_bad_url_are_refused(qtbot: QtBot) -> None:
    prefs, vault = Preferences(), KeyVault()
    d = dialog(qtbot, prefs, vault)
    d.name.setText("Work")
    d.base_url.setText("http://api.example.com")
    assert "plain http" in d.url_error.text()
    assert d.insecure.isVisibleTo(d)
    d.key.setText("k")
    d._save()
    assert "plain http" in d.error.text() and prefs.profiles == []
    d.insecure.setChecked(True)
    assert d.insecure_warning.isVisibleTo(d)
    assert d.url_error.text() == ""
    d._save()
    assert prefs.profiles == [Profile("Work", "http://api.example.com", allow_insecure=True)]


def test_no_keyring_keeps_key_in_memory(qtbot: QtBot) -> None:
    class PlaintextKeyring(MemoryKeyring):
        pass

    vault = KeyVault(KeyStore(backend=PlaintextKeyring()))
    prefs = Preferences()
    d = dialog(qtbot, prefs, vault)
    assert "kept in memory for this run only" in d.key_where.text()
    d.name.setText("P")
    d.base_url.setText("https://api.example.com")
    d.key.setText("sk-memory")
    d._save()
    assert vault.get("P") == "sk-memory"
    assert KeyVault(KeyStore(backend=PlaintextKeyring())).get("P") is None


def test_existing_profile_cannot_be_renamed_and_keeps_its_key(qtbot: QtBot) -> None:
    vault = KeyVault()
    vault.set("Work", "sk-old")
    prefs = Preferences(profiles=[Profile("Work", "https://a.example.com")], current_profile="Work")
    d = dialog(qtbot, prefs, vault)
    assert d.name.isReadOnly()
    assert "saved" in d.key.placeholderText()
    d.base_url.setText("https://b.example.com")
    d._save()
    assert prefs.profiles[0].base_url == "https://b.example.com"
    assert vault.get("Work") == "sk-old"
    assert d.applied.changed_profiles == {"Work"}


@pytest.mark.parametrize(
    ("key", "expected"), [(DEMO_KEY, "Connected"), ("sk-wrong", "refused this key")]
)
def test_test_connection(
    qtbot: QtBot, qloop: QLoop, sim: Simulator, key: str, expected: str
) -> None:
    d = dialog(qtbot, Preferences(), KeyVault())
    d.name.setText("Sim")
    d.base_url.setText(sim.base_url)
    d.key.setText(key)

    async def body() -> None:
        d.test_button.click()
        await until(
            lambda: d.test_button.isEnabled() and d.test_result.text() not in ("", "Testing…")
        )

    qloop.run(body())
    assert expected in d.test_result.text()


def test_test_connection_unreachable(qtbot: QtBot, qloop: QLoop) -> None:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    d = dialog(qtbot, Preferences(), KeyVault())
    d.name.setText("Gone")
    d.base_url.setText(f"http://127.0.0.1:{port}")
    d.key.setText("k")

    async def body() -> None:
        d.test_button.click()
        await until(
            lambda: (
                d.test_button.isEnabled()
                and "Testing" not in d.test_result.text()
                and d.test_result.text() != ""
            )
        )

    qloop.run(body())
    assert "Cannot reach" in d.test_result.text()


def test_output_size_limit_is_kept(qtbot: QtBot) -> None:
    prefs, vault = Preferences(profiles=[Profile("P", "https://api.example.com")]), KeyVault()
    vault.set("P", "sk-p")
    d = dialog(qtbot, prefs, vault)
    assert d.max_output_mb.value() == 2048  # the default: 2 GB
    d.max_output_mb.setValue(5000)
    d._save()
    assert prefs.max_output_mb == 5000
    assert Preferences.from_json(prefs.to_json()).max_output_mb == 5000
