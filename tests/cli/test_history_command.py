"""``genstudio-cli history`` reads the window's history, newest first."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from genstudio.api.kinds import Scope
from genstudio.api.request import GenerationRequest
from genstudio.cli import history_command
from genstudio.cli.main import main
from genstudio.settings import paths
from genstudio.tasks.states import TaskState
from genstudio.tasks.store import HistoryStore
from tests.tasks.history_files import filled_history, overwrite_pages


@pytest.fixture
def data_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    return tmp_path


def test_no_history_yet(data_home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["history"]) == 0
    assert "No history yet" in capsys.readouterr().out
    assert main(["history", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == []


def test_history_lists_newest_first(data_home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert str(paths.history_path()).startswith(str(data_home))
    store = HistoryStore(paths.history_path())
    for i in range(3):
        record = store.insert(
            "default", GenerationRequest(Scope.VIDEOS, f"p{i}", "veo3"), created_at=1000.0 + i
        )
        record.task_id = f"veo3:{i}"
        record.state = TaskState.DONE
        record.outputs = (f"https://cdn.test/{i}.mp4",)
        store.update(record)
    store.close()
    assert main(["history", "--limit", "2"]) == 0
    lines = capsys.readouterr().out.strip().splitlines()
    assert lines == [
        "veo3:2\tvideos\tveo3\tDone\thttps://cdn.test/2.mp4",
        "veo3:1\tvideos\tveo3\tDone\thttps://cdn.test/1.mp4",
    ]
    assert main(["history", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [r["task_id"] for r in rows] == ["veo3:2", "veo3:1", "veo3:0"]
    assert rows[0]["outputs"] == ["https://cdn.test/2.mp4"] and rows[0]["status"] == "done"


# -- a damaged history is a sentence, never a traceback (issue 12, point 6) -----------------


def test_a_history_damaged_past_its_header_is_a_sentence(
    data_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = filled_history(paths.history_path())
    overwrite_pages(path, 20, 30)
    assert main(["history"]) == 4
    err = capsys.readouterr().err
    assert "is damaged" in err and "Start the GenStudio window to repair it" in err
    assert "Traceback" not in err
    # As a terminal shows it: the sentence alone, no log line before it saying the same.
    shown = subprocess.run(
        [sys.executable, "-m", "genstudio.cli.main", "history"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert shown.returncode == 4
    assert shown.stderr.startswith("genstudio-cli: The task history at")
    assert len(shown.stderr.strip().splitlines()) == 1


def test_an_empty_history_file_is_said_not_taken_for_a_new_one(
    data_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = paths.history_path()
    path.parent.mkdir(parents=True)
    path.write_bytes(b"")
    assert main(["history"]) == 4
    assert "is empty (0 bytes)" in capsys.readouterr().err
    assert path.stat().st_size == 0  # left as it was, for the window to repair


def test_a_locked_history_says_who_may_hold_it(
    data_home: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    path = filled_history(paths.history_path(), count=1)
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("PRAGMA locking_mode = EXCLUSIVE")
    other.execute("BEGIN EXCLUSIVE")
    monkeypatch.setattr(history_command, "BUSY_TIMEOUT", 0.1)
    assert main(["history"]) == 4
    err = capsys.readouterr().err
    assert "locked by another program" in err and "Traceback" not in err
    other.close()


def _without_root_powers() -> list[str]:
    """A command prefix under which chmod binds (root ignores it unless its DAC
    capabilities are dropped)."""
    if os.geteuid() != 0:
        return []
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        pytest.skip("running as root without setpriv: a read-only folder cannot be made")
    return [setpriv, "--bounding-set", "-dac_override,-dac_read_search"]


def test_a_read_only_folder_gets_its_own_advice(tmp_path: Path) -> None:
    data = tmp_path / "data"
    path = filled_history(data / "GenStudio" / "history.sqlite3", count=3)
    # WAL mode needs to create its index file beside the history: it cannot here.
    (data / "GenStudio").chmod(0o555)
    env = dict(os.environ, XDG_DATA_HOME=str(data))
    try:
        result = subprocess.run(
            [*_without_root_powers(), sys.executable, "-m", "genstudio.cli.main", "history"],
            capture_output=True,
            text=True,
            env=env,
            timeout=60,
            check=False,
        )
    finally:
        (data / "GenStudio").chmod(0o755)
    assert result.returncode == 4, result.stderr
    assert "read-only" in result.stderr and "write permission" in result.stderr
    assert "Move the file away" not in result.stderr and "Traceback" not in result.stderr
    assert path.exists()
