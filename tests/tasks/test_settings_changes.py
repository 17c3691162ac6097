"""Settings changes applied below the widgets: keys first, then providers, then the
service; a refusing keyring changes nothing."""

from __future__ import annotations

import keyring.errors
import pytest

from genstudio.api.kinds import Scope
from genstudio.settings.key_store import KeyStore, KeyVault
from genstudio.settings.preferences import Preferences, Profile
from genstudio.tasks.settings_changes import (
    GeneralSettings,
    ProviderDraft,
    SettingsChanges,
    add_provider,
    apply_settings,
    problem_with,
)
from tests.conftest import MemoryKeyring
from tests.tasks.conftest import Harness


class RefusingKeyring(MemoryKeyring):
    name = "locked keyring"

    def set_password(self, service: str, username: str, password: str) -> None:
        raise keyring.errors.PasswordSetError("the keyring is locked")


GENERAL = GeneralSettings(
    language="zh_CN",
    notify_when_done=False,
    max_image_mb=5.0,
    max_output_mb=900.0,
    deadline_minutes={"videos": 90.0},
    library_dirs={"images": "/tmp/pictures", "videos": "  "},
)


async def test_apply_writes_keys_providers_general_and_tells_the_service(
    harness: Harness, memory_keyring: MemoryKeyring, monkeypatch: pytest.MonkeyPatch
) -> None:
    service = harness.make()
    prefs, vault = harness.prefs, harness.vault
    prefs.profiles.append(Profile("Demo", "http://127.0.0.1:1", demo=True))
    prefs.current_profile = "sim"
    updated: list[str] = []
    monkeypatch.setattr(service, "key_updated", updated.append)
    changes = SettingsChanges(
        (
            ProviderDraft("sim", harness.sim.base_url, existing=True),
            ProviderDraft("Work", "https://api.example.com/v2/", new_key=" sk-work "),
        ),
        general=GENERAL,
    )
    applied = apply_settings(changes, prefs, vault, service)
    assert applied.problem is None
    assert memory_keyring.entries[("genstudio", "Work")] == "sk-work"
    assert [p.name for p in prefs.profiles] == ["sim", "Work", "Demo"]  # the demo is kept
    assert prefs.profile("Work") == Profile("Work", "https://api.example.com")
    assert applied.changed_profiles == {"Work"} and updated == ["Work"]
    assert prefs.language == "zh_CN" and prefs.max_output_mb == 900.0
    assert prefs.library_dirs == {"images": "/tmp/pictures"}  # a blank folder: the default
    assert service.policy.deadline_for(Scope.VIDEOS) == 5400
    removed = apply_settings(
        SettingsChanges((), removed=frozenset({"sim", "Work"})), prefs, vault, service
    )
    assert removed.problem is None and ("genstudio", "Work") not in memory_keyring.entries
    assert [p.name for p in prefs.profiles] == ["Demo"] and prefs.current_profile == "Demo"


def test_a_refusing_keyring_changes_nothing() -> None:
    vault = KeyVault(KeyStore(backend=RefusingKeyring()))
    prefs = Preferences(profiles=[Profile("Old", "https://old.example.com")], current_profile="Old")
    applied = add_provider(
        ProviderDraft("New", "https://new.example.com", new_key="sk-new"), prefs, vault, None
    )
    assert applied.problem and applied.problem.rstrip().endswith(".")  # a sentence
    assert [p.name for p in prefs.profiles] == ["Old"] and prefs.current_profile == "Old"
    assert "sk-new" not in applied.problem


def test_add_provider_makes_it_current_and_refuses_a_name_in_use() -> None:
    prefs, vault = Preferences(profiles=[Profile("Old", "https://old.example.com")]), KeyVault()
    vault.set("Old", "sk-old")
    draft = ProviderDraft("New", "https://new.example.com", new_key="sk-new")
    assert add_provider(draft, prefs, vault, None).problem is None
    assert prefs.current_profile == "New" and vault.get("New") == "sk-new"
    assert vault.get("Old") == "sk-old"  # the others are untouched
    again = add_provider(
        ProviderDraft("Old", "https://x.example.com", new_key="k"), prefs, vault, None
    )
    assert again.problem and "already exists" in again.problem
    assert prefs.profile("Old") == Profile("Old", "https://old.example.com")


def test_problems_are_sentences() -> None:
    assert problem_with([ProviderDraft("", "https://a.example.com", new_key="k")]) == (
        "Give the new provider a name."
    )
    twice = [ProviderDraft("A", "https://a.example.com", new_key="k")] * 2
    assert "names must differ" in (problem_with(twice) or "")
    assert "paste the API key" in (
        problem_with([ProviderDraft("A", "https://a.example.com")]) or ""
    )
    plain = problem_with([ProviderDraft("A", "http://a.example.com", new_key="k")]) or ""
    assert plain.startswith("A: ") and "http" in plain
    assert problem_with([ProviderDraft("A", "https://a.example.com", existing=True)]) is None


class SecondKeyRefused(MemoryKeyring):
    """Stores one key, then refuses: the first must not stay behind."""

    name = "fussy keyring"

    def set_password(self, service: str, username: str, password: str) -> None:
        if any(user != "Old" for _s, user in self.entries):
            raise keyring.errors.PasswordSetError("the keyring is locked")
        super().set_password(service, username, password)


def test_a_keyring_refusing_midway_puts_back_the_keys_already_written() -> None:
    backend = SecondKeyRefused()
    vault = KeyVault(KeyStore(backend=backend))
    vault.set("Old", "sk-old")
    prefs = Preferences(profiles=[Profile("Old", "https://old.example.com")], current_profile="Old")
    before = Preferences.from_json(prefs.to_json())
    changes = SettingsChanges(
        (
            ProviderDraft("Old", "https://old.example.com", new_key="sk-replaced", existing=True),
            ProviderDraft("A", "https://a.example.com", new_key="sk-a"),
            ProviderDraft("B", "https://b.example.com", new_key="sk-b"),
        ),
        general=GENERAL,
    )
    applied = apply_settings(changes, prefs, vault, None)
    assert applied.problem and "refused to store the key" in applied.problem
    assert backend.entries == {("genstudio", "Old"): "sk-old"}  # the old key is back
    assert prefs.to_json() == before.to_json()  # and nothing else changed


def test_removed_keys_go_except_a_name_added_again() -> None:
    vault = KeyVault()
    for name in ("A", "B"):
        vault.set(name, f"sk-{name}")
    prefs = Preferences(
        profiles=[Profile("A", "https://a.example.com"), Profile("B", "https://b.example.com")],
        current_profile="B",
    )
    changes = SettingsChanges(
        (ProviderDraft("A", "https://a2.example.com", new_key="sk-new-a"),),
        removed=frozenset({"A", "B"}),
    )
    applied = apply_settings(changes, prefs, vault, None)
    assert applied.problem is None and applied.note is None
    assert vault.get("A") == "sk-new-a" and vault.get("B") is None
    assert prefs.profiles == [Profile("A", "https://a2.example.com")]
    assert prefs.current_profile == "A"  # the current one was removed


def test_a_key_the_keyring_will_not_delete_is_said_but_the_provider_goes() -> None:
    class KeepsKeys(MemoryKeyring):
        def delete_password(self, service: str, username: str) -> None:
            raise keyring.errors.KeyringError("locked")

    vault = KeyVault(KeyStore(backend=KeepsKeys()))
    vault.set("Gone", "sk-gone")
    prefs = Preferences(profiles=[Profile("Gone", "https://g.example.com")])
    applied = apply_settings(SettingsChanges((), frozenset({"Gone"})), prefs, vault, None)
    assert applied.problem is None and prefs.profiles == []
    assert applied.note and "refused to delete the key" in applied.note


def test_a_new_provider_may_not_take_the_demo_name() -> None:
    prefs = Preferences(profiles=[Profile("Demo", "http://127.0.0.1:1", demo=True)])
    draft = ProviderDraft("Demo", "https://a.example.com", new_key="k")
    for applied in (
        apply_settings(SettingsChanges((draft,)), prefs, KeyVault(), None),
        add_provider(draft, prefs, KeyVault(), None),
    ):
        assert applied.problem and "already exists" in applied.problem
    assert [p.name for p in prefs.profiles] == ["Demo"]


def test_a_name_in_use_is_a_sentence() -> None:
    draft = ProviderDraft("Work", "https://a.example.com", new_key="k")
    assert problem_with([draft], {"Work"}) == (
        "A provider called “Work” already exists: choose another name."
    )
    assert problem_with([draft], {"Home"}) is None
