"""No garbage collection while the app starts (genstudio.app.main), and the collector as
it was once main returns, whichever way it returns."""

from __future__ import annotations

import gc

import pytest

from genstudio import app


def test_the_start_runs_without_collections_and_gives_the_collector_back(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    seen: list[bool] = []

    def problem() -> str:
        seen.append(gc.isenabled())
        return "No display here."

    monkeypatch.setattr("genstudio.preflight.problem", problem)
    assert gc.isenabled()
    assert app.main([]) == 2
    assert seen == [False]  # off before the preflight, so before Qt loads
    assert gc.isenabled()
    assert "No display here." in capsys.readouterr().err


def test_the_collector_is_back_after_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        app.main(["--no-such-option"])
    assert gc.isenabled()
    assert "--help" in capsys.readouterr().err
