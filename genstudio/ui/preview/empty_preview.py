"""What the previewer pane shows before the previewer itself is built.

The previewer (images, players, waveforms, its network access) is the largest part of
the window and shows nothing until a task is selected, so the window is painted without
it and builds it just after (``Workspace.build_preview``). Until then this label says
what the previewer's own empty page says, in the same place.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QLabel, QWidget


def nothing_selected() -> str:
    # The previewer's own context: one translation for both.
    return QCoreApplication.translate("MediaPreview", "Select a task to preview its result.")


class EmptyPreview(QLabel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(nothing_selected(), parent)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setWordWrap(True)
