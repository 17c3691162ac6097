"""The window's layout between runs: geometry, splitters, columns, the form's fold."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray

if TYPE_CHECKING:
    from genstudio.ui.window.main_window import MainWindow


def _b64(data: QByteArray) -> str:
    return bytes(data.toBase64().data()).decode("ascii")


def _unb64(text: str) -> QByteArray:
    return QByteArray.fromBase64(text.encode("ascii"))


def restore_layout(window: MainWindow) -> None:
    prefs = window.prefs
    window.workspace.form_panel.set_folded(prefs.form_folded)  # first: it sets the minimum
    if prefs.window_geometry:
        window.restoreGeometry(_unb64(prefs.window_geometry))
    fit_screen(window)  # the first run's default size too: a laptop screen may be smaller
    if prefs.splitter_state:
        window.workspace.restoreState(_unb64(prefs.splitter_state))
    if prefs.side_splitter_state:
        window.workspace.side.restoreState(_unb64(prefs.side_splitter_state))
    window.workspace.table.restore_state(prefs.table_header_state)


def fit_screen(window: MainWindow) -> None:
    """A size remembered from a larger screen (a monitor, now the laptop alone), or the
    first run's default on a small one, is cut to the screen, so that no part of the
    window (the Generate button first) is out of reach. Run before the window is shown
    and again after its first paint: only then is the frame the desktop adds known."""
    if window.isMaximized() or window.isFullScreen():
        return  # the desktop sizes it
    room = window.screen().availableGeometry()
    frame = window.frameGeometry()
    extra_w, extra_h = frame.width() - window.width(), frame.height() - window.height()
    width = min(window.width(), room.width() - extra_w)
    height = min(window.height(), room.height() - extra_h)
    if (width, height) != (window.width(), window.height()):
        window.resize(width, height)
        window.move(room.topLeft())


def remember_layout(window: MainWindow) -> None:
    prefs = window.prefs
    prefs.window_geometry = _b64(window.saveGeometry())
    prefs.splitter_state = _b64(window.workspace.saveState())
    prefs.side_splitter_state = _b64(window.workspace.side.saveState())
    prefs.table_header_state = window.workspace.table.save_state()
    prefs.last_form = window.form.state()
    prefs.form_folded = window.workspace.form_panel.folded
