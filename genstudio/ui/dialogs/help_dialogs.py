"""Help → Keyboard shortcuts, and Help → About GenStudio."""

from __future__ import annotations

import platform
from pathlib import Path

import PySide6
from PySide6.QtCore import Qt, qVersion
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QLayout,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from genstudio import __version__


def shortcut_rows(
    actions: list[QAction], extra: list[tuple[str, QKeySequence]]
) -> list[tuple[str, str]]:
    """(what it does, keys) for every action with a shortcut, then ``extra``; read off
    the actions themselves so the list cannot drift from what the keys do."""
    rows = []
    for action in actions:
        keys = action.shortcut()
        if not keys.isEmpty():
            rows.append((action.text().replace("&", "").rstrip("…"), keys))
    rows += extra
    return [(text, keys.toString(QKeySequence.SequenceFormat.NativeText)) for text, keys in rows]


class ShortcutsDialog(QDialog):
    def __init__(self, rows: list[tuple[str, str]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Keyboard shortcuts"))
        layout = QVBoxLayout(self)
        self.table = QTableWidget(len(rows), 2)
        self.table.setAccessibleName(self.tr("Keyboard shortcuts"))
        self.table.setHorizontalHeaderLabels([self.tr("Action"), self.tr("Keys")])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        for row, (text, keys) in enumerate(rows):
            self.table.setItem(row, 0, QTableWidgetItem(text))
            self.table.setItem(row, 1, QTableWidgetItem(keys))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        layout.addWidget(self.table)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(460, 520)


class AboutDialog(QDialog):
    def __init__(self, folders: list[tuple[str, Path]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("About GenStudio"))
        layout = QVBoxLayout(self)
        title = QLabel(f"<h2>GenStudio {__version__}</h2>")
        title.setAccessibleName(f"GenStudio {__version__}")
        layout.addWidget(title)
        layout.addWidget(
            QLabel(self.tr("A desktop client for AI image, video and music generation."))
        )
        versions = self.tr("Qt %1 · PySide6 %2 · Python %3").replace("%1", qVersion())
        versions = versions.replace("%2", PySide6.__version__)
        versions = versions.replace("%3", platform.python_version())
        layout.addWidget(QLabel(versions))
        places = "".join(
            f"<tr><td style='padding-right:8px'>{label}</td>"
            f"<td><a href='{path.as_uri()}'>{path}</a></td></tr>"
            for label, path in folders
        )
        self.folders = QLabel(f"<table>{places}</table>")
        self.folders.setOpenExternalLinks(True)
        self.folders.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        layout.addWidget(self.folders)
        self.licences = QLabel(
            self.tr(
                "GenStudio is free software under the MIT licence. It uses Qt and "
                "PySide6 (LGPL 3), FFmpeg through Qt Multimedia (LGPL 2.1), httpx and "
                "qasync (BSD), keyring and platformdirs (MIT)."
            )
        )
        self.licences.setWordWrap(True)
        # A wrapped label only asks for the height of its text at a known width.
        self.licences.setMinimumWidth(480)
        layout.addWidget(self.licences)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        about_qt = buttons.addButton(self.tr("About Qt"), QDialogButtonBox.ButtonRole.HelpRole)
        about_qt.clicked.connect(QApplication.aboutQt)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        layout.setSizeConstraint(QLayout.SizeConstraint.SetMinimumSize)
