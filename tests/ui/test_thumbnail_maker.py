"""The first video tile makes the frame grabber once, in steps: the window's loop turns
between QtMultimedia's import and the player."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from genstudio.ui.preview import multimedia, video_frames
from genstudio.ui.tasklist.thumbnail_maker import ThumbnailMaker
from tests.ui.conftest import QLoop


def test_the_grabber_is_made_once_with_a_turn_of_the_loop_before_it(
    qloop: QLoop, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    order: list[str] = []

    def available() -> bool:
        order.append("import")
        return True

    monkeypatch.setattr(multimedia, "available", available)

    class Grabber:
        def __init__(self) -> None:
            order.append("grabber")

    monkeypatch.setattr(video_frames, "VideoFrameGrabber", Grabber)
    maker = ThumbnailMaker(tmp_path)

    async def body() -> None:
        first, second = maker._grabber(), maker._grabber()  # two video tiles at once
        asyncio.get_running_loop().call_soon(lambda: order.append("turn"))
        made: object = await first
        assert isinstance(made, Grabber)
        again: object = await second
        assert again is made
        assert order == ["import", "turn", "grabber"]

    qloop.run(body())


def test_without_qtmultimedia_there_is_no_grabber(
    qloop: QLoop, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(multimedia, "available", lambda: False)
    maker = ThumbnailMaker(tmp_path)

    async def body() -> None:
        assert await maker._grabber() is None

    qloop.run(body())
