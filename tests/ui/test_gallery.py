"""The gallery: its model under qtmodeltester, thumbnails for every kind, the toggle."""

from __future__ import annotations

import shutil
from pathlib import Path
from unittest.mock import patch

import pytest
from PySide6.QtCore import QSize, Qt, QUrl
from PySide6.QtGui import QDesktopServices, QImage
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from genstudio.api.kinds import Scope
from genstudio.api.request import GenerationRequest
from genstudio.resources import resource_path
from genstudio.sim.media import render_png, render_wav
from genstudio.tasks.events import TaskEvent
from genstudio.tasks.record import SavedFile, TaskRecord
from genstudio.tasks.states import FileState, TaskState
from genstudio.ui.tasklist import thumbnail_icons
from genstudio.ui.tasklist.gallery import ID_ROLE, RECORD_ROLE, GalleryFilter, GalleryModel
from genstudio.ui.tasklist.thumbnail_icons import ThumbnailIcons
from genstudio.ui.tasklist.thumbnail_maker import ICON_SIZE, ThumbnailMaker
from genstudio.ui.tasklist.thumbnails import SIZE, cached_thumbnail, make_thumbnail
from tests.conftest import until
from tests.ui.conftest import App, QLoop
from tests.ui.history_models import gallery_over, history_of
from tests.ui.test_window_e2e import fill_and_submit, states


def record(i: int, scope: Scope, outputs: int = 1, state: TaskState = TaskState.DONE) -> TaskRecord:
    return TaskRecord(
        id=i,
        profile="p",
        request=GenerationRequest(scope, f"prompt {i}", "m"),
        created_at=float(i),
        state=state,
        task_id=f"t{i}",
        outputs=tuple(f"https://cdn.test/{i}/{n}" for n in range(outputs)),
    )


def test_gallery_model_passes_qtmodeltester(qtmodeltester: ModelTester, tmp_path: Path) -> None:
    model, store = gallery_over(
        tmp_path,
        [
            record(3, Scope.AUDIO, 2),
            record(2, Scope.VIDEOS),
            record(1, Scope.IMAGES, state=TaskState.RUNNING),
        ],
    )
    assert model.rowCount() == 3  # the running task has nothing to show yet
    qtmodeltester.check(model, force_py=True)  # and each change below as it is signalled
    store.update(record(1, Scope.IMAGES))  # done now
    store.restore([record(4, Scope.IMAGES)])
    model.apply(TaskEvent("changed", (record(1, Scope.IMAGES),)))
    model.apply(TaskEvent("added", (record(4, Scope.IMAGES),)))
    store.delete([2])
    model.apply(TaskEvent("removed", (record(2, Scope.VIDEOS),)))
    model.refresh(only_if_changed=True)  # what the settle timer does
    prompts = [model.index(r).data(Qt.ItemDataRole.ToolTipRole) for r in range(4)]
    assert prompts == ["prompt 4", "prompt 3", "prompt 3", "prompt 1"]  # newest first


def test_filter_by_kind_and_search(tmp_path: Path) -> None:
    model, _store = gallery_over(
        tmp_path, [record(3, Scope.AUDIO, 2), record(2, Scope.VIDEOS), record(1, Scope.IMAGES)]
    )
    proxy = GalleryFilter()
    proxy.setSourceModel(model)
    proxy.set_scope("audio")
    assert proxy.rowCount() == 2
    proxy.set_scope(None)
    proxy.set_search("prompt 2")
    assert proxy.rowCount() == 1


def test_hidden_gallery_reads_nothing_until_shown(tmp_path: Path) -> None:
    store = history_of(tmp_path, [record(2, Scope.VIDEOS), record(1, Scope.IMAGES)])
    history = store.reader()
    model = GalleryModel(history)
    model.set_search("prompt 1")
    assert model.rowCount() == 0 and history.rows_read == 0
    model.set_active(True)
    assert model.rowCount() == 1 and model.index(0).data(ID_ROLE) == 1


def test_thumbnails_for_every_kind(tmp_path: Path) -> None:
    image = tmp_path / "a.png"
    image.write_bytes(render_png("thumb", 800, 400))
    video = tmp_path / "v.mp4"
    shutil.copy(resource_path("sim", "clip_1x1.mp4"), video)
    audio = tmp_path / "a.wav"
    audio.write_bytes(render_wav(65.0))
    cache = tmp_path / "cache"
    for path, scope in ((image, Scope.IMAGES), (video, Scope.VIDEOS), (audio, Scope.AUDIO)):
        thumb = make_thumbnail(path, scope, cache)
        assert not thumb.isNull()
        assert max(thumb.width(), thumb.height()) <= SIZE
    assert len(list(cache.glob("*.png"))) == 3
    assert make_thumbnail(image, Scope.IMAGES, cache).width() == SIZE  # from the cache


def test_video_thumbnail_is_a_frame_of_the_video(qloop: QLoop, tmp_path: Path) -> None:
    video = tmp_path / "v.mp4"
    shutil.copy(resource_path("sim", "clip_16x9.mp4"), video)
    broken = tmp_path / "broken.mp4"
    broken.write_bytes(b"\x00\x00\x00\x18ftypmp42" + b"junk" * 500)
    maker = ThumbnailMaker(tmp_path / "cache")

    async def body() -> tuple[QImage, QImage]:
        try:
            return await maker.make(video, Scope.VIDEOS), await maker.make(broken, Scope.VIDEOS)
        finally:
            maker.shutdown()

    frame, fallback = qloop.run(body())
    assert (frame.width(), frame.height()) == (SIZE, SIZE * 9 // 16)  # the clip's shape
    placeholder = fallback.pixelColor(4, 4)
    assert (fallback.width(), fallback.height()) == (SIZE, SIZE)
    assert placeholder.name() == "#2b2f3a"
    # The simulator's clips are a colourful test pattern: many colours, none of them
    # the placeholder's.
    colours = {frame.pixelColor(x, y).name() for x in range(0, SIZE, 8) for y in range(0, 90, 8)}
    assert len(colours) > 10 and "#2b2f3a" not in colours
    # Cached: a second maker finds it on disk without decoding.
    again = ThumbnailMaker(tmp_path / "cache")
    try:
        assert cached_thumbnail(video, Scope.VIDEOS, tmp_path / "cache") is not None
    finally:
        again.shutdown()


def test_gallery_in_the_window(qtbot: QtBot, qloop: QLoop, make_app: object) -> None:
    async def body() -> None:
        app: App = make_app()  # type: ignore[operator]
        for scope in Scope:
            fill_and_submit(qtbot, app, f"a {scope.value} thing", scope)
        await until(
            lambda: (
                len(app.service.records) == 3
                and all(s is TaskState.DONE for s in states(app))
                and not any(r.saving for r in app.service.records.values())
            )
        )
        window = app.window
        window.view_toggle.click()
        assert window.views.currentWidget() is window.gallery
        assert window.gallery_kind.isVisible()
        model = window.gallery_model
        assert model.rowCount() == 4  # audio gives two takes
        await until(lambda: all(model.has_thumbnail(r) for r in range(model.rowCount())))
        assert not window.actions_.retry.isEnabled()  # nothing selected: nothing to act on
        index = window.gallery_proxy.index(0, 0)
        rect = window.gallery.visualRect(index)
        qtbot.mouseClick(window.gallery.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        chosen = index.data(RECORD_ROLE)
        assert isinstance(chosen, TaskRecord)
        # One click previews, exactly like a row of the list.
        assert window.preview._record is chosen and window.details.record is chosen
        assert window.actions_.open.isEnabled() and window.actions_.delete.isEnabled()
        opened: list[QUrl] = []
        with patch.object(QDesktopServices, "openUrl", side_effect=opened.append):
            qtbot.mouseDClick(
                window.gallery.viewport(), Qt.MouseButton.LeftButton, pos=rect.center()
            )
        assert [u.toLocalFile() for u in opened] == [chosen.files[0].path]  # full size
        window.actions_.delete.trigger()  # the gallery follows the same rule: undoable
        assert model.rowCount() == 4 - len(chosen.outputs)
        assert all(Path(f.path or "").exists() for f in chosen.files)  # files stay
        window.actions_.undo_last()
        assert model.rowCount() == 4 and chosen.id in app.service.records
        window.view_toggle.click()
        assert window.views.currentWidget() is window.table

    qloop.run(body())


def test_saved_file_gets_a_thumbnail_state(tmp_path: Path) -> None:
    rec = record(1, Scope.IMAGES)
    path = tmp_path / "x.png"
    path.write_bytes(render_png("x", 64, 64))
    rec.files = (SavedFile(rec.outputs[0], FileState.SAVED, str(path)),)
    model, _store = gallery_over(tmp_path, [rec])
    assert not model.has_thumbnail(0)  # no maker given: the kind icon stays


def test_outputs_without_a_thumbnail_get_a_tile_saying_where_they_stand(tmp_path: Path) -> None:
    rec = record(1, Scope.VIDEOS, outputs=3)
    rec.files = (
        SavedFile(rec.outputs[0]),
        SavedFile(rec.outputs[1], FileState.EXPIRED, error="Link expired"),
        SavedFile(rec.outputs[2], FileState.FAILED, error="too large"),
    )
    model, _store = gallery_over(tmp_path, [rec])
    tiles = [model.index(row).data(Qt.ItemDataRole.DecorationRole) for row in range(3)]
    for tile in tiles:
        assert tile.availableSizes() == [QSize(SIZE, SIZE)]  # a full tile, not a tiny icon
    images = [t.pixmap(SIZE, SIZE).toImage() for t in tiles]
    assert images[0] != images[1] != images[2]  # different words on each


def test_a_tile_waiting_for_room_says_so_not_saving(tmp_path: Path) -> None:
    rec = record(1, Scope.IMAGES, outputs=2)
    rec.files = (
        SavedFile(rec.outputs[0]),  # being saved
        SavedFile(rec.outputs[1], error="The library folder is full."),  # paused
    )
    model, _store = gallery_over(tmp_path, [rec])
    assert [model.tile_words(rec, i) for i in (0, 1)] == ["Saving…", "Waiting to save"]


def test_events_keep_newest_first_without_rebuilding_rows(qtbot: QtBot, tmp_path: Path) -> None:
    model, store = gallery_over(tmp_path, [record(1, Scope.IMAGES), record(5, Scope.AUDIO, 2)])
    for i in (3, 7, 2):
        store.restore([record(i, Scope.VIDEOS)])
        model.apply(TaskEvent("added", (record(i, Scope.VIDEOS),)))
    order = [model.index(r).data(ID_ROLE) for r in range(model.rowCount())]
    assert order == [7, 5, 5, 3, 2, 1]
    changed = record(5, Scope.AUDIO, outputs=2)
    changed.files = (SavedFile(changed.outputs[0]),)  # e.g. saving progress
    with (
        qtbot.assertNotEmitted(model.rowsRemoved),
        qtbot.assertNotEmitted(model.modelReset),
        qtbot.waitSignal(model.dataChanged),
    ):
        model.apply(TaskEvent("changed", (changed,)))
    store.delete([5])
    model.apply(TaskEvent("removed", (changed,)))
    order = [model.index(r).data(ID_ROLE) for r in range(model.rowCount())]
    assert order == [7, 3, 2, 1]


def test_thumbnail_icons_kept_are_bounded_and_made_again(
    qloop: QLoop, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(thumbnail_icons, "ICONS_KEPT", 2)
    paths = []
    for n in range(3):
        path = tmp_path / f"{n}.png"
        path.write_bytes(render_png(str(n), 64, 64))
        paths.append(str(path))
    maker = ThumbnailMaker(tmp_path / "cache")
    icons = ThumbnailIcons(maker)

    async def body() -> None:
        try:
            for path in paths:  # a scroll through a long history
                icons.icon(path, Scope.IMAGES)
            await until(lambda: not icons._requested)
            kept = [p for p in paths if icons.has(p)]
            assert len(kept) == 2  # the oldest dropped
            (dropped,) = set(paths) - set(kept)
            assert icons.icon(dropped, Scope.IMAGES) is None  # scrolled back: made again
            await until(lambda: icons.has(dropped))
        finally:
            maker.shutdown()

    qloop.run(body())


def test_thumbnails_waiting_are_bounded_newest_first_and_kept_at_display_size(
    qloop: QLoop, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A fast scroll leaves no backlog: the rows on screen now are made first, and the
    rows scrolled past long ago are forgotten (asked again if seen again)."""
    monkeypatch.setattr(thumbnail_icons, "WAITING_KEPT", 3)
    monkeypatch.setattr(thumbnail_icons, "MAKING_AT_ONCE", 1)
    paths = []
    for n in range(6):
        path = tmp_path / f"{n}.png"
        path.write_bytes(render_png(str(n), 400, 300))
        paths.append(str(path))
    maker = ThumbnailMaker(tmp_path / "cache")
    icons = ThumbnailIcons(maker)
    made: list[str] = []
    icons.ready.connect(made.append)

    async def body() -> None:
        try:
            for path in paths:  # 0 starts at once; 1 and 2 are forgotten for 3, 4, 5
                icons.icon(path, Scope.IMAGES)
            await until(lambda: not icons._requested)
            assert made == [paths[0], paths[5], paths[4], paths[3]]
            size = icons._icons[paths[5]].availableSizes()[0]
            assert max(size.width(), size.height()) == ICON_SIZE
            assert icons.icon(paths[1], Scope.IMAGES) is None  # seen again: asked again
            await until(lambda: icons.has(paths[1]))
        finally:
            maker.shutdown()

    qloop.run(body())
