"""Small widgets: a banner that follows light and dark, a label that shortens names."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from genstudio.ui.appearance import dark_palette
from genstudio.ui.banner import _DARK, _LIGHT, Banner
from genstudio.ui.elided_label import ElidedLabel
from tests.conftest import until
from tests.ui.conftest import App, QLoop


def test_a_shown_banner_follows_a_switch_to_dark(qtbot: QtBot) -> None:
    banner = Banner()
    qtbot.addWidget(banner)
    banner.show_message("Demo mode", "demo")
    assert _LIGHT["demo"][0] in banner.styleSheet()
    light = QApplication.palette()
    try:
        QApplication.setPalette(dark_palette())  # what the app does when the system turns dark
        qtbot.waitUntil(lambda: _DARK["demo"][0] in banner.styleSheet())
    finally:
        QApplication.setPalette(light)
    qtbot.waitUntil(lambda: _LIGHT["demo"][0] in banner.styleSheet())


def test_a_long_name_never_widens_its_pane(qtbot: QtBot) -> None:
    label = ElidedLabel()
    qtbot.addWidget(label)
    label.setText("♪ 2026-11-25_suno-v4_" + "a-very-long-name-" * 20 + "1.wav")
    assert label.minimumSizeHint().width() == 0
    label.resize(200, 20)
    label.show()
    assert not label.grab().isNull()  # paints its shortened text without complaint


def test_the_window_s_banners_follow_a_switch_to_dark(
    qloop: QLoop, make_app: Callable[[], App]
) -> None:
    async def body() -> None:
        window = make_app().window
        window.show_banner("Something to know", "info")
        light = QApplication.palette()
        try:
            QApplication.setPalette(dark_palette())
            await until(lambda: _DARK["info"][0] in window.banner.styleSheet())
        finally:
            QApplication.setPalette(light)
        await until(lambda: _LIGHT["info"][0] in window.banner.styleSheet())

    qloop.run(body())
