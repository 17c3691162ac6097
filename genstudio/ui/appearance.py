"""Light or dark, as the system says, on every platform.

Fusion takes the platform theme's palette where there is one (Windows, macOS, a
desktop portal); where the system asks for dark but the palette stays light (a bare
X11 session, an old portal), a dark palette is set here. Follows changes while running.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette


def _is_dark(palette: QPalette) -> bool:
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


def dark_palette() -> QPalette:
    p = QPalette()
    role = QPalette.ColorRole
    for which, colour in (
        (role.Window, "#2b2d31"),
        (role.WindowText, "#e8e8ea"),
        (role.Base, "#1f2023"),
        (role.AlternateBase, "#26282c"),
        (role.ToolTipBase, "#2b2d31"),
        (role.ToolTipText, "#e8e8ea"),
        (role.PlaceholderText, "#8a8d93"),
        (role.Text, "#e8e8ea"),
        (role.Button, "#34373c"),
        (role.ButtonText, "#e8e8ea"),
        (role.BrightText, "#ff6b6b"),
        (role.Highlight, "#3b82c4"),
        (role.HighlightedText, "#ffffff"),
        (role.Link, "#7fb2ff"),
        (role.LinkVisited, "#b89cff"),
        (role.Mid, "#45484e"),
        (role.Dark, "#18191b"),
        (role.Light, "#4a4d53"),
    ):
        p.setColor(which, QColor(colour))
    disabled = QPalette.ColorGroup.Disabled
    for which in (role.WindowText, role.Text, role.ButtonText):
        p.setColor(disabled, which, QColor("#7a7d83"))
    return p


def apply_color_scheme(app: QGuiApplication) -> None:
    """Match the palette to the system's colour scheme, now and whenever it changes."""
    system_palette = QPalette(app.palette())

    def follow(scheme: Qt.ColorScheme) -> None:
        if scheme == Qt.ColorScheme.Dark and not _is_dark(system_palette):
            app.setPalette(dark_palette())
        else:
            app.setPalette(system_palette)

    follow(app.styleHints().colorScheme())
    app.styleHints().colorSchemeChanged.connect(follow)
