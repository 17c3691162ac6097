"""No garbage collection while the app starts (genstudio.app.main), and the collector as
it was once main returns, whichever way it returns."""

from __future__ import annotations

import gc

import pytest

from genstudio import __version__, app


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


def test_the_command_line_options(capsys: pytest.CaptureFixture[str]) -> None:
    assert app.parse_args([]).demo is False
    assert app.parse_args(["--demo"]).demo is True
    with pytest.raises(SystemExit) as version:
        app.parse_args(["--version"])
    assert version.value.code == 0
    assert capsys.readouterr().out.strip() == f"GenStudio {__version__}"
    with pytest.raises(SystemExit) as wrong:
        app.parse_args(["--demo", "--colour"])
    assert wrong.value.code == 2
    assert capsys.readouterr().err == (
        "genstudio: unrecognized arguments: --colour. Run 'genstudio --help' for the options.\n"
    )


def test_a_plain_launch_reads_its_options_without_argparse() -> None:
    from tests.ui.test_deferred_start import fresh_interpreter

    probe = (
        "import sys; from genstudio.app import parse_args; parse_args([]);"
        "print('argparse' in sys.modules, 'logging.handlers' in sys.modules)"
    )
    assert fresh_interpreter(probe).split() == ["False", "False"]
