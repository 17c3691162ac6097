"""``genstudio-cli import``: a paid task found again by its id, into the window's history."""

from __future__ import annotations

from pathlib import Path

import pytest

from genstudio.cli.main import main
from genstudio.settings import paths
from genstudio.settings.preferences import Preferences, Profile, save_preferences
from genstudio.sim import DEMO_KEY, Simulator
from genstudio.tasks.states import TaskState
from genstudio.tasks.store import HistoryStore
from tests.tasks.test_import import started_elsewhere


@pytest.fixture
def homes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, sim: Simulator) -> Path:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setenv("GENSTUDIO_BASE_URL", sim.base_url)
    monkeypatch.setenv("GENSTUDIO_API_KEY", DEMO_KEY)
    return tmp_path


def test_import_records_the_task_for_the_window(
    homes: Path, sim: Simulator, capsys: pytest.CaptureFixture[str]
) -> None:
    save_preferences(Preferences(profiles=[Profile("gw", sim.base_url)]), paths.settings_path())
    task_id = started_elsewhere(sim, "made on the website")
    assert main(["import", "images", task_id, "--profile", "gw", "--model", "flux-schnell"]) == 0
    out = capsys.readouterr().out
    assert f"Imported {task_id}" in out and "no provider named" not in out
    assert main(["import", "image", task_id, "--profile", "gw"]) == 0
    assert "already in the history" in capsys.readouterr().out
    store = HistoryStore(paths.history_path())
    (record,) = store.load()
    store.close()
    assert (record.profile, record.task_id, record.state) == ("gw", task_id, TaskState.CHECKING)
    assert record.request.model == "flux-schnell" and record.request.prompt == ""
    assert sim.stats()["submit"] == 1  # found again, not sent again


def test_a_profile_the_window_lacks_is_said(
    homes: Path, sim: Simulator, capsys: pytest.CaptureFixture[str]
) -> None:
    task_id = started_elsewhere(sim, "another")
    assert main(["import", "images", task_id]) == 0
    assert "The window has no provider named 'default'" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("task_id", "code", "words"),
    [("two words", 2, "does not look like a task ID"), ("task-nobody-made", 1, "does not know")],
)
def test_bad_ids_are_a_sentence_and_nothing_is_recorded(
    homes: Path, capsys: pytest.CaptureFixture[str], task_id: str, code: int, words: str
) -> None:
    assert main(["import", "videos", task_id]) == code
    err = capsys.readouterr().err
    assert words in err and "Traceback" not in err
    assert not paths.history_path().exists()
