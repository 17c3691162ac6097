"""Add provider: one focused step, tested against the simulator; the window's action
opens it (not the whole Settings), applies what it returns, and the new provider becomes
the current one."""

from __future__ import annotations

from collections.abc import Callable, Collection

import keyring.errors
import pytest
from pytestqt.qtbot import QtBot

from genstudio.settings.key_store import KeyVault
from genstudio.sim import DEMO_KEY, Simulator
from genstudio.tasks.settings_changes import ProviderDraft
from genstudio.ui.dialogs.add_provider import AddProviderDialog
from genstudio.ui.dialogs.settings_dialog import SettingsDialog
from tests.conftest import MemoryKeyring, until
from tests.ui.conftest import App, QLoop


def dialog(qtbot: QtBot, vault: KeyVault, taken: Collection[str] = ()) -> AddProviderDialog:
    widget = AddProviderDialog(vault, taken)
    qtbot.addWidget(widget)
    widget.show()
    return widget


def test_only_what_adding_a_provider_needs(qtbot: QtBot) -> None:
    d = dialog(qtbot, KeyVault())
    assert d.base_url.placeholderText() == "https://api.example.com"
    assert "test memory keyring" in d.key_where.text()  # where the key will be kept
    assert d.key.echoMode() == d.key.EchoMode.Password
    d.show_key.setChecked(True)
    assert d.key.echoMode() == d.key.EchoMode.Normal
    words = " ".join(w.text() for w in d.findChildren(type(d.key_where)))
    for general in ("deadline", "Largest", "Language", "library"):
        assert general not in words
    assert not d.insecure.isVisible()  # only for a plain-http address


def test_add_returns_what_was_typed_and_writes_nothing(
    qtbot: QtBot, memory_keyring: MemoryKeyring
) -> None:
    d = dialog(qtbot, KeyVault(), taken={"Demo"})
    d.name.setText(" Work ")
    d.base_url.setText("https://api.example.com/v1/")
    d.key.setText(" sk-work ")
    d.add_button.click()
    assert d.result() == AddProviderDialog.DialogCode.Accepted
    assert d.draft() == ProviderDraft("Work", "https://api.example.com/v1/", False, "sk-work")
    assert memory_keyring.entries == {}


def test_a_name_in_use_is_said_while_typing(qtbot: QtBot) -> None:
    d = dialog(qtbot, KeyVault(), taken={"Studio"})
    d.name.setText("Studio")
    assert d.error.text() == "A provider called “Studio” already exists: choose another name."
    d.base_url.setText("https://api.example.com")
    d.key.setText("sk")
    d.add_button.click()
    assert "already exists" in d.error.text() and d.result() == 0
    d.name.setText("Studio 2")
    assert d.error.text() == ""


def test_sentences_say_what_to_fix_and_nothing_moves(qtbot: QtBot) -> None:
    d = dialog(qtbot, KeyVault())
    top, key_top = d.buttons.geometry().top(), d.key.geometry().top()
    d.add_button.click()
    assert d.error.text() == "Give the new provider a name." and d.isVisible()
    assert d.buttons.geometry().top() == top
    d.name.setText("Work")
    d.base_url.setText("http://api.example.com")
    assert "plain http" in d.error.text() and d.insecure.isVisible()
    qtbot.wait(0)  # let the layout settle: the checkbox kept its row, the key stays put
    assert d.key.geometry().top() == key_top and d.buttons.geometry().top() == top
    d.key.setText("sk")  # typing elsewhere does not hide what is still wrong
    assert "plain http" in d.error.text()
    d.key.setText("")
    d.insecure.setChecked(True)
    assert d.error.text() == ""
    d.add_button.click()
    assert "paste the API key" in d.error.text() and d.isVisible()
    assert d.buttons.geometry().top() == top


@pytest.mark.parametrize(("key", "expected"), [(DEMO_KEY, "Connected"), ("sk-no", "refused")])
def test_test_connection_against_the_simulator(
    qtbot: QtBot, qloop: QLoop, sim: Simulator, key: str, expected: str
) -> None:
    d = dialog(qtbot, KeyVault())
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


def test_the_window_adds_a_provider_in_one_step(
    qloop: QLoop,
    make_app: Callable[[], App],
    monkeypatch: pytest.MonkeyPatch,
    memory_keyring: MemoryKeyring,
) -> None:
    def no_settings(_self: SettingsDialog) -> int:
        raise AssertionError("Add provider opened the whole Settings")

    made: list[App] = []

    def fill_and_add(self: AddProviderDialog) -> int:
        self.name.setText("Studio")
        self.base_url.setText(made[0].sim.base_url)
        self.key.setText("sk-studio-1")
        self.add_button.click()
        return self.result()

    monkeypatch.setattr(SettingsDialog, "exec", no_settings)
    monkeypatch.setattr(AddProviderDialog, "exec", fill_and_add)

    async def body() -> None:
        app = make_app()
        made.append(app)
        app.window.menus.add_provider.trigger()
        assert app.prefs.current_profile == "Studio"
        assert app.window.profile_combo.currentData() == "Studio"
        assert memory_keyring.entries[("genstudio", "Studio")] == "sk-studio-1"
        assert "Added Studio" in app.window.statusBar().currentMessage()
        assert "sk-studio" not in app.settings_path.read_text(encoding="utf-8")

    qloop.run(body())


def test_a_refusing_keyring_reopens_add_provider_with_its_sentence(
    qloop: QLoop,
    make_app: Callable[[], App],
    monkeypatch: pytest.MonkeyPatch,
    memory_keyring: MemoryKeyring,
) -> None:
    seen: list[tuple[str, str]] = []

    def fill_then_cancel(self: AddProviderDialog) -> int:
        if not seen:
            seen.append(("", ""))
            self.name.setText("Studio")
            self.base_url.setText("https://api.example.com")
            self.key.setText("sk-studio-1")
            self.add_button.click()
            return self.result()
        seen.append((self.error.text(), self.key.text()))  # opened again, as typed
        return AddProviderDialog.DialogCode.Rejected.value

    def refuse(service: str, username: str, password: str) -> None:
        raise keyring.errors.PasswordSetError("locked")

    monkeypatch.setattr(AddProviderDialog, "exec", fill_then_cancel)

    async def body() -> None:
        app = make_app()
        monkeypatch.setattr(memory_keyring, "set_password", refuse)
        app.window.menus.add_provider.trigger()
        problem, key = seen[1]
        assert "refused to store the key" in problem and key == "sk-studio-1"
        assert [p.name for p in app.prefs.profiles] == ["sim"]
        assert app.prefs.current_profile == "sim"
        assert "refused to store the key" in app.window.statusBar().currentMessage()

    qloop.run(body())
