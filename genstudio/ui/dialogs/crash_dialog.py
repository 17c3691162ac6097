"""The dialog behind the excepthook: what went wrong, and a report to copy."""

from __future__ import annotations

from PySide6.QtGui import QFontDatabase, QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)


class CrashDialog(QDialog):
    def __init__(self, report: str, log_path: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("GenStudio hit a problem"))
        self.resize(640, 420)
        layout = QVBoxLayout(self)
        text = QLabel(
            self.tr(
                "Something unexpected went wrong. Your tasks are safe: they are saved and keep "
                "running at the provider. If this happens again, copy the report below and send "
                "it to us. It contains no API key. The full log is at %1."
            ).replace("%1", log_path)
        )
        text.setWordWrap(True)
        layout.addWidget(text)
        self.report = QPlainTextEdit(report)
        self.report.setReadOnly(True)
        self.report.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        layout.addWidget(self.report)
        box = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        copy = QPushButton(self.tr("Copy report"))
        box.addButton(copy, QDialogButtonBox.ButtonRole.ActionRole)
        copy.clicked.connect(lambda: QGuiApplication.clipboard().setText(report))
        box.rejected.connect(self.reject)
        layout.addWidget(box)
