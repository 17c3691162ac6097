"""``genstudio-cli history`` reads the window's history, newest first."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from genstudio.api.request import GenerationRequest
from genstudio.api.snapshot import Scope
from genstudio.cli.main import main
from genstudio.settings import paths
from genstudio.tasks.record import TaskState
from genstudio.tasks.store import HistoryStore


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
