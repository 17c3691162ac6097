"""The log file stays within its size and keeps three older ones, as the standard
library's rotating handler did."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

import pytest

from genstudio.log_file import RotatingLog


@pytest.fixture
def logger() -> Iterator[logging.Logger]:
    log = logging.getLogger("tests.log_file")
    log.propagate = False
    log.setLevel(logging.INFO)
    yield log
    for handler in list(log.handlers):
        log.removeHandler(handler)
        handler.close()


def test_a_full_log_moves_aside_and_the_oldest_goes(tmp_path: Path, logger: logging.Logger) -> None:
    path = tmp_path / "genstudio.log"
    logger.addHandler(RotatingLog(path, max_bytes=100, backups=3))
    for n in range(40):
        logger.info("line %02d %s", n, "x" * 20)  # 29 bytes: three lines to a file
    files = sorted(p.name for p in tmp_path.iterdir())
    assert files == ["genstudio.log", "genstudio.log.1", "genstudio.log.2", "genstudio.log.3"]
    for name in files:
        assert 0 < (tmp_path / name).stat().st_size <= 100
    newest = path.read_text(encoding="utf-8").splitlines()
    assert newest[-1].startswith("line 39")
    oldest = (tmp_path / "genstudio.log.3").read_text(encoding="utf-8").splitlines()
    assert oldest[0].startswith("line 30")  # ten lines kept, in order, none lost between
    kept = []
    for name in reversed(files[1:]):
        kept += (tmp_path / name).read_text(encoding="utf-8").splitlines()
    kept += newest
    assert [line[5:7] for line in kept] == [f"{n:02d}" for n in range(30, 40)]


def test_a_log_is_appended_to_across_starts(tmp_path: Path, logger: logging.Logger) -> None:
    path = tmp_path / "genstudio.log"
    path.write_text("from the last run\n", encoding="utf-8")
    logger.addHandler(RotatingLog(path))
    logger.info("this run")
    assert path.read_text(encoding="utf-8") == "from the last run\nthis run\n"


def test_a_line_longer_than_the_limit_is_written_whole(
    tmp_path: Path, logger: logging.Logger
) -> None:
    path = tmp_path / "genstudio.log"
    logger.addHandler(RotatingLog(path, max_bytes=10, backups=1))
    logger.info("a" * 50)
    logger.info("b" * 50)
    assert path.read_text(encoding="utf-8") == "b" * 50 + "\n"
    assert (tmp_path / "genstudio.log.1").read_text(encoding="utf-8") == "a" * 50 + "\n"


def test_a_log_that_cannot_move_aside_is_reported_not_raised(
    tmp_path: Path, logger: logging.Logger, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "genstudio.log"
    handler = RotatingLog(path, max_bytes=10, backups=1)
    logger.addHandler(handler)
    logger.info("first line")
    reported: list[logging.LogRecord] = []
    monkeypatch.setattr(handler, "handleError", reported.append)

    def refuse(*_args: object) -> None:
        raise PermissionError("read-only")

    monkeypatch.setattr(Path, "replace", refuse)
    logger.info("second line")  # no exception reaches the caller
    assert [r.getMessage() for r in reported] == ["second line"]
    assert path.read_text(encoding="utf-8") == "first line\nsecond line\n"  # nothing lost


def test_the_file_is_opened_with_the_first_line(tmp_path: Path, logger: logging.Logger) -> None:
    """A second launch that only hands over to the running window holds no log open."""
    path = tmp_path / "genstudio.log"
    handler = RotatingLog(path)
    logger.addHandler(handler)
    assert handler.stream is None and not path.exists()
    logger.info("first")
    assert path.read_text(encoding="utf-8") == "first\n"


def test_lines_another_process_wrote_count_toward_the_size(
    tmp_path: Path, logger: logging.Logger
) -> None:
    path = tmp_path / "genstudio.log"
    logger.addHandler(RotatingLog(path, max_bytes=60, backups=1))
    logger.info("ours")
    with path.open("a", encoding="utf-8") as other:  # another GenStudio, same log
        other.write("x" * 50 + "\n")
    logger.info("ours again")  # 5 + 51 + 11 bytes: past 60, so the file moves aside first
    assert path.read_text(encoding="utf-8") == "ours again\n"
    assert (tmp_path / "genstudio.log.1").read_text(encoding="utf-8").endswith("x\n")
