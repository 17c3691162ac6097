"""The waveform widget: the playhead follows, a click or drag seeks, palettes are honoured."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QColor, QImage, QMouseEvent, QPalette
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from genstudio.ui.preview.peaks import Waveform
from genstudio.ui.preview.waveform_view import WaveformView

EVEN = Waveform(((-0.5, 0.5),) * 300, seconds=10.0, cut_short=False)


@pytest.fixture
def view(qtbot: QtBot) -> WaveformView:
    widget = WaveformView()
    qtbot.addWidget(widget)
    widget.resize(400, 100)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def picture(view: WaveformView) -> QImage:
    return view.grab().toImage()


def test_the_playhead_follows_the_position(view: WaveformView) -> None:
    view.set_waveform(EVEN)
    view.set_duration(10_000)
    view.set_position(2_500)
    assert view.position() == 2_500
    assert view.x_of(view.position()) == pytest.approx(100)
    image = picture(view)
    text = view.palette().color(QPalette.ColorRole.Text)
    assert image.pixelColor(100, 5) == text  # the playhead line, above the wave
    assert image.pixelColor(300, 5) != text
    view.set_position(7_500)
    image = picture(view)
    assert image.pixelColor(300, 5) == text
    assert image.pixelColor(100, 5) != text


def dark() -> QPalette:
    palette = QPalette()
    palette.setColor(QPalette.ColorRole.Base, QColor("#1e1e1e"))
    palette.setColor(QPalette.ColorRole.Text, QColor("#f0f0f0"))
    palette.setColor(QPalette.ColorRole.Highlight, QColor("#3d8ee6"))
    return palette


def light() -> QPalette:
    palette = QPalette()
    palette.setColor(QPalette.ColorRole.Base, QColor("#ffffff"))
    palette.setColor(QPalette.ColorRole.Text, QColor("#101010"))
    palette.setColor(QPalette.ColorRole.Highlight, QColor("#c0392b"))
    return palette


@pytest.mark.parametrize("palette", [light(), dark()], ids=["light", "dark"])
def test_played_part_in_the_highlight_colour(view: WaveformView, palette: QPalette) -> None:
    view.setPalette(palette)
    view.set_waveform(EVEN)
    view.set_duration(10_000)
    view.set_position(5_000)
    image = picture(view)
    base = palette.color(QPalette.ColorRole.Base)
    middle = view.height() // 2
    assert image.pixelColor(100, 5) == base  # above the wave: background
    assert image.pixelColor(100, middle) == palette.color(QPalette.ColorRole.Highlight)
    unplayed = image.pixelColor(300, middle)
    assert unplayed != palette.color(QPalette.ColorRole.Highlight) and unplayed != base
    # Between text and background: visible on either theme.
    text = palette.color(QPalette.ColorRole.Text)
    assert min(text.lightness(), base.lightness()) < unplayed.lightness()
    assert unplayed.lightness() < max(text.lightness(), base.lightness())


def test_a_louder_bucket_draws_taller(view: WaveformView) -> None:
    quiet_then_loud = Waveform(((-0.05, 0.05),) * 100 + ((-0.9, 0.9),) * 100, 4.0, False)
    view.set_waveform(quiet_then_loud)
    image = picture(view)
    base = view.palette().color(QPalette.ColorRole.Base)
    near_top = int(view.height() * 0.15)
    assert image.pixelColor(100, near_top) == base
    assert image.pixelColor(300, near_top) != base


def test_a_click_seeks_there(view: WaveformView, qtbot: QtBot) -> None:
    view.set_waveform(EVEN)
    view.set_duration(8_000)
    with qtbot.waitSignal(view.seek_requested, timeout=1000) as got:
        qtbot.mouseClick(view, Qt.MouseButton.LeftButton, pos=QPoint(300, 50))
    assert got.args == [6_000]
    assert view.position() == 6_000  # at once, before the player reports


def test_a_drag_seeks_along(view: WaveformView, qtbot: QtBot) -> None:
    view.set_waveform(EVEN)
    view.set_duration(8_000)
    asked: list[int] = []
    view.seek_requested.connect(asked.append)
    qtbot.mousePress(view, Qt.MouseButton.LeftButton, pos=QPoint(100, 50))
    for x in (200, 400, 500):  # past the end stays at the end
        move = QMouseEvent(
            QMouseEvent.Type.MouseMove,
            QPointF(x, 50),
            QPointF(view.mapToGlobal(QPoint(x, 50))),
            Qt.MouseButton.NoButton,
            Qt.MouseButton.LeftButton,
            Qt.KeyboardModifier.NoModifier,
        )
        QApplication.sendEvent(view, move)
    qtbot.mouseRelease(view, Qt.MouseButton.LeftButton, pos=QPoint(400, 50))
    assert asked == [2_000, 4_000, 8_000, 8_000]


def test_arrow_keys_step_five_seconds(view: WaveformView, qtbot: QtBot) -> None:
    view.set_waveform(EVEN)
    view.set_duration(8_000)
    asked: list[int] = []
    view.seek_requested.connect(asked.append)
    qtbot.keyClick(view, Qt.Key.Key_Right)
    qtbot.keyClick(view, Qt.Key.Key_Right)
    qtbot.keyClick(view, Qt.Key.Key_Left)
    assert asked == [5_000, 8_000, 3_000]


def test_without_a_length_a_click_asks_nothing(view: WaveformView, qtbot: QtBot) -> None:
    asked: list[int] = []
    view.seek_requested.connect(asked.append)
    qtbot.mouseClick(view, Qt.MouseButton.LeftButton, pos=QPoint(300, 50))
    assert asked == []


def test_the_peaks_length_stands_in_until_the_player_knows(view: WaveformView) -> None:
    view.set_waveform(EVEN)  # ten seconds
    assert view.ms_at(200) == 5_000
    view.set_duration(20_000)  # the whole sound, of which only ten seconds were read
    assert view.ms_at(200) == 10_000
    image = picture(view)
    middle = view.height() // 2
    base = view.palette().color(QPalette.ColorRole.Base)
    assert image.pixelColor(100, middle) != base
    assert image.pixelColor(300, middle) == base  # nothing drawn past what was read


def test_a_sentence_instead_of_a_waveform(view: WaveformView) -> None:
    view.set_waveform(EVEN)
    view.set_sentence("This sound file could not be read.")
    assert view.waveform() is None
    assert view.sentence() == "This sound file could not be read."
    base = view.palette().color(QPalette.ColorRole.Base)
    highlight = view.palette().color(QPalette.ColorRole.Highlight)
    image = picture(view)
    colours = {image.pixelColor(x, y).rgb() for x in range(view.width()) for y in range(0, 100, 3)}
    assert highlight.rgb() not in colours  # no wave
    assert len(colours) > 1  # but words
    view.clear()
    image = picture(view)
    assert {image.pixelColor(x, 50).rgb() for x in range(view.width())} == {base.rgb()}
