"""Copies never overwrite, never leave half-written files."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from genstudio.tasks.file_copies import CopyError, copy_file, copy_files


def test_copies_take_a_free_name(tmp_path: Path) -> None:
    source = tmp_path / "beach.png"
    source.write_bytes(b"png")
    out = tmp_path / "out"
    out.mkdir()
    (out / "beach.png").write_bytes(b"mine")
    first, second = copy_files([source, source], out)
    assert (first.name, second.name) == ("beach (2).png", "beach (3).png")
    assert (out / "beach.png").read_bytes() == b"mine"  # the user's own file untouched
    assert first.read_bytes() == b"png"


def test_a_full_disk_leaves_nothing_half_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = tmp_path / "clip.mp4"
    source.write_bytes(b"x" * 1000)

    def full(src: Path, dst: Path) -> None:
        Path(dst).write_bytes(b"x" * 10)
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(shutil, "copy2", full)
    with pytest.raises(CopyError, match=r"Could not copy clip\.mp4: No space left on device"):
        copy_file(source, tmp_path / "out.mp4")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["clip.mp4"]
