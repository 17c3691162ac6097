"""Settings: profiles, where the key is kept, insecure URLs, Test connection.

The dialog only edits and returns a ``SettingsChanges``; the window applies it through
``tasks.settings_changes`` (here the ``dialog`` helper does, on accept, as the window would).
"""

from __future__ import annotations

from collections.abc import Callable

import keyring.errors
import pytest
from pytestqt.qtbot import QtBot

from genstudio.api.kinds import Scope
from genstudio.settings.key_store import KeyStore, KeyVault
from genstudio.settings.money import Budget, MoneySettings, UserPrice
from genstudio.settings.preferences import Preferences, Profile
from genstudio.sim import DEMO_KEY, Simulator
from genstudio.tasks.settings_changes import Applied, apply_settings
from genstudio.ui.dialogs.money_dialog import MoneyDialog
from genstudio.ui.dialogs.settings_dialog import SettingsDialog
from tests.conftest import MemoryKeyring, until
from tests.ui.conftest import App, QLoop


class AppliedDialog(SettingsDialog):
    applied: Applied | None = None


def dialog(qtbot: QtBot, prefs: Preferences, vault: KeyVault, apply: bool = True) -> AppliedDialog:
    widget = AppliedDialog(prefs, vault)
    if apply:

        def on_accept() -> None:
            widget.applied = apply_settings(widget.changes(), prefs, vault, None)

        widget.accepted.connect(on_accept)
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
    assert d.applied is not None and "Work" in d.applied.changed_profiles
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
    assert d.applied is not None and d.applied.changed_profiles == {"Work"}


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


def test_the_dialog_only_returns_what_was_typed(
    qtbot: QtBot, memory_keyring: MemoryKeyring
) -> None:
    prefs = Preferences(profiles=[Profile("Demo", "http://127.0.0.1:1", demo=True)])
    vault = KeyVault()
    d = dialog(qtbot, prefs, vault, apply=False)
    d.name.setText("Demo")
    d.base_url.setText("https://api.example.com")
    d.key.setText("sk-work")
    d._save()
    assert "already exists" in d.error.text() and d.result() == 0  # the demo's name
    d.name.setText("Work")
    d._save()
    assert d.result() == SettingsDialog.DialogCode.Accepted and d.error.text() == ""
    changes = d.changes()
    assert [(p.name, p.new_key, p.existing) for p in changes.profiles] == [
        ("Work", "sk-work", False)
    ]
    assert changes.general is not None and changes.general.max_output_mb == 2048
    # Nothing written by the dialog itself.
    assert [p.name for p in prefs.profiles] == ["Demo"] and memory_keyring.entries == {}


def test_removing_a_provider_returns_it_as_removed(qtbot: QtBot) -> None:
    d, prefs = studio_dialog(qtbot)
    d.remove_button.click()
    assert d.changes().removed == {"Studio"} and d.changes().profiles == ()
    assert [p.name for p in prefs.profiles] == ["Studio"]  # until applied


def open_settings_with(
    monkeypatch: pytest.MonkeyPatch, edit: Callable[[SettingsDialog, int], int]
) -> list[int]:
    """Replace the dialog's exec: ``edit(dialog, call)`` plays the user."""
    calls: list[int] = []

    def exec_(self: SettingsDialog) -> int:
        calls.append(len(calls))
        return edit(self, calls[-1])

    monkeypatch.setattr(SettingsDialog, "exec", exec_)
    return calls


def test_the_window_applies_settings_and_says_so(
    qloop: QLoop, make_app: Callable[[], App], monkeypatch: pytest.MonkeyPatch
) -> None:
    def edit(d: SettingsDialog, _call: int) -> int:
        d.deadlines["videos"].setValue(90)
        d.base_url.setText(d.base_url.text() + "/")  # the same address: no key change
        d._save()
        return d.result()

    open_settings_with(monkeypatch, edit)

    async def body() -> None:
        app = make_app()
        updated: list[str] = []
        monkeypatch.setattr(app.service, "key_updated", updated.append)
        app.window.menus.settings.trigger()
        assert app.window.statusBar().currentMessage() == "Settings saved."
        assert app.prefs.deadline_minutes["videos"] == 90
        assert app.service.policy.deadline_for(Scope.VIDEOS) == 5400
        assert '"videos": 90' in app.settings_path.read_text(encoding="utf-8")
        assert updated == []

    qloop.run(body())


def test_a_refusing_keyring_reopens_settings_with_its_sentence(
    qloop: QLoop,
    make_app: Callable[[], App],
    monkeypatch: pytest.MonkeyPatch,
    memory_keyring: MemoryKeyring,
) -> None:
    said: list[str] = []

    def edit(d: SettingsDialog, call: int) -> int:
        if call == 0:
            d.key.setText("sk-new")
            d.max_output_mb.setValue(5000)
            d._save()
            return d.result()
        said.append(d.error.text())
        assert d.key.text() == "sk-new"  # nothing typed is lost
        return SettingsDialog.DialogCode.Rejected.value

    calls = open_settings_with(monkeypatch, edit)

    def refuse(service: str, username: str, password: str) -> None:
        raise keyring.errors.PasswordSetError("locked")

    async def body() -> None:
        app = make_app()
        monkeypatch.setattr(memory_keyring, "set_password", refuse)
        app.window.menus.settings.trigger()
        assert len(calls) == 2 and "refused to store the key" in said[0]
        assert "refused to store the key" in app.window.statusBar().currentMessage()
        assert app.vault.get("sim") == DEMO_KEY and app.prefs.max_output_mb == 2048

    qloop.run(body())


def test_save_keeps_each_providers_prices_and_budget(qtbot: QtBot) -> None:
    """Save rebuilt the providers from what the dialog edits and dropped every limit."""
    prices, budget = {"veo3": UserPrice(0.8)}, Budget(daily_cap_usd=5.0, confirm_above_usd=1.0)
    work = Profile("Work", "https://a.example.com", prices=prices, budget=budget)
    work.quota_per_usd = 1000.0
    prefs = Preferences(profiles=[work])
    vault = KeyVault()
    vault.set("Work", "sk-x")
    d = dialog(qtbot, prefs, vault)
    assert "At most $5.00 a day" in d.money_summary.text()
    assert "one price of your own" in d.money_summary.text()
    d.base_url.setText("https://b.example.com")
    d._save()
    saved = prefs.profiles[0]
    assert saved.base_url == "https://b.example.com"
    assert (saved.prices, saved.budget, saved.quota_per_usd) == (prices, budget, 1000.0)


def test_prices_and_budget_from_settings(qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> None:
    """The button edits this provider's money in the dialog's draft: kept on Save, not
    on Cancel."""
    chosen = MoneySettings({"suno": UserPrice(0.1)}, Budget(monthly_cap_usd=20.0), 500_000.0)
    seen: list[str] = []

    def fake_exec(self: MoneyDialog) -> int:
        seen.append(self.windowTitle())
        self.settings = lambda: chosen  # type: ignore[method-assign]
        return MoneyDialog.DialogCode.Accepted.value

    monkeypatch.setattr(MoneyDialog, "exec", fake_exec)
    for save in (False, True):
        d, prefs = studio_dialog(qtbot)
        assert d.money_summary.text() == "No limits set."
        d.money_button.click()
        assert seen[-1] == "Prices and budget — Studio"
        assert "At most $20.00 a month" in d.money_summary.text()
        if save:
            d._save()
            assert prefs.profiles[0].budget == Budget(monthly_cap_usd=20.0)
            assert prefs.profiles[0].prices == {"suno": UserPrice(0.1)}
        else:
            d.reject()
            assert prefs.profiles[0].budget == Budget()


def test_test_connection_learns_the_models_of_a_saved_provider(
    qtbot: QtBot, qloop: QLoop, sim: Simulator
) -> None:
    vault = KeyVault()
    vault.set("Sim", DEMO_KEY)
    d = dialog(qtbot, Preferences(profiles=[Profile("Sim", sim.base_url)]), vault)
    learned: list[tuple[str, str, frozenset[str]]] = []
    d.models_learned.connect(lambda *args: learned.append(args))

    async def body() -> None:
        d.test_button.click()
        await until(lambda: d.test_button.isEnabled() and "Connected" in d.test_result.text())

    qloop.run(body())
    assert learned, d.test_result.text()
    name, address, models = learned[0]
    assert (name, address) == ("Sim", sim.base_url)
    assert "veo3" in models and "sora-2-pro" not in models
    assert f"It offers {len(models)} models to this key." in d.test_result.text()
