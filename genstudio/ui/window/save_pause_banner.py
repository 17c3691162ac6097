"""The banner that says saving waits for room in a library folder, and goes by itself."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

if TYPE_CHECKING:
    from genstudio.tasks.save_pause import SavePause
    from genstudio.tasks.saver import OutputSaver
    from genstudio.ui.banner import Banner


class SavePauseBanner(QObject):
    """Shows the saver's pauses in ``banner`` while there are any; its button looks at
    the folders now instead of at the saver's next periodic look."""

    def __init__(self, saver: OutputSaver, banner: Banner, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._saver = saver
        self._banner = banner
        banner.action_clicked.connect(saver.check_room_now)
        saver.on_pauses(self._show)
        self._show(saver.pauses)

    def _show(self, pauses: tuple[SavePause, ...]) -> None:
        if not pauses:
            self._banner.hide()
            return
        text = "\n".join(pause.sentence() for pause in pauses)
        self._banner.show_message(text, "warning", self.tr("Try now"))
