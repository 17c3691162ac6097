"""Preferences on disk, the key vault, and the app's command line."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from genstudio.app import crash_report
from genstudio.settings.key_store import KeyVault
from genstudio.settings.preferences import (
    Preferences,
    Profile,
    load_preferences,
    save_preferences,
)


def test_preferences_round_trip_without_demo(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    prefs = Preferences(
        profiles=[
            Profile("Work", "https://a.example.com"),
            Profile("Demo", "http://127.0.0.1:1", demo=True),
        ],
        current_profile="Demo",
        max_image_mb=5.0,
    )
    prefs.remember_model("videos", "veo3")
    prefs.remember_model("videos", "sora-2")
    prefs.remember_model("videos", "veo3")
    save_preferences(prefs, path)
    data = json.loads(path.read_text())
    assert [p["name"] for p in data["profiles"]] == ["Work"]
    assert data["current_profile"] is None
    again = load_preferences(path)
    assert again.profiles == [Profile("Work", "https://a.example.com")]
    assert again.recent_models["videos"] == ["veo3", "sora-2"]
    assert again.max_image_mb == 5.0
    assert list(tmp_path.iterdir()) == [path]  # no temporary file left behind


def test_damaged_settings_give_defaults(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    path.write_text("{not json")
    assert load_preferences(path) == Preferences()
    path.write_text('{"profiles": [{"name": 3}], "max_image_mb": -1}')
    prefs = load_preferences(path)
    assert prefs.profiles == [] and prefs.max_image_mb == 10.0


def test_vault_session_only_key_is_not_written(memory_keyring: object) -> None:
    vault = KeyVault()
    assert vault.set("Demo", "sk-demo", session_only=True) == "Kept in memory for this run only."
    assert vault.get("Demo") == "sk-demo"
    assert vault.store.get("Demo") is None
    vault.set("Work", "sk-work")
    assert vault.store.get("Work") == "sk-work"
    assert sorted(vault.known_keys()) == ["sk-demo", "sk-work"]


def test_crash_report_hides_keys() -> None:
    try:
        raise RuntimeError("boom with sk-secret-1 inside")
    except RuntimeError as exc:
        report = crash_report(type(exc), exc, exc.__traceback__, ["sk-secret-1"])
    assert "sk-secret-1" not in report
    assert "[key hidden]" in report and "GenStudio" in report and "RuntimeError" in report


def test_gui_command_line() -> None:
    from genstudio import __version__

    version = subprocess.run(
        [sys.executable, "-m", "genstudio", "--version"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert version.returncode == 0 and __version__ in version.stdout
    helped = subprocess.run(
        [sys.executable, "-m", "genstudio", "--help"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert helped.returncode == 0 and "--demo" in helped.stdout
    bad = subprocess.run(
        [sys.executable, "-m", "genstudio", "--bogus"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert bad.returncode == 2
    assert bad.stderr.strip().splitlines() == [
        "genstudio: unrecognized arguments: --bogus. Run 'genstudio --help' for the options."
    ]


def test_profile_money_settings_round_trip_and_bad_values_are_dropped(tmp_path: Path) -> None:
    from genstudio.settings.money import Budget, UserPrice

    prefs = Preferences(
        profiles=[
            Profile(
                "Work",
                "https://api.example.com",
                prices={"my-model": UserPrice(0.12, per_second=True)},
                budget=Budget(daily_cap_usd=5.0, confirm_above_usd=1.0),
                quota_per_usd=1_000_000.0,
            )
        ]
    )
    path = tmp_path / "settings.json"
    save_preferences(prefs, path)
    again = load_preferences(path).profiles[0]
    assert again.prices == {"my-model": UserPrice(0.12, per_second=True)}
    assert again.budget == Budget(daily_cap_usd=5.0, confirm_above_usd=1.0)
    assert again.quota_per_usd == 1_000_000.0
    data = json.loads(path.read_text())
    data["profiles"][0]["prices"] = {"a": {"usd": -1}, "b": "cheap", "": {"usd": 1}}
    data["profiles"][0]["budget"] = {"daily_cap_usd": "lots"}
    data["profiles"][0]["quota_per_usd"] = 0
    path.write_text(json.dumps(data))
    broken = load_preferences(path).profiles[0]
    assert broken.prices == {} and broken.budget == Budget()
    assert broken.quota_per_usd == 500_000.0
