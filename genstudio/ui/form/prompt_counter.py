"""The prompt's character count under it ("1,234 / 4,000"), red past the model's limit."""

from __future__ import annotations

from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import QLabel

from genstudio.ui.inline_error import ERROR_COLOUR


class PromptCounter(QLabel):
    def __init__(self) -> None:
        super().__init__()
        self.limit: int | None = None
        self.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.setToolTip(self.tr("Characters in the prompt, and the most it can have"))

    def numbers(self) -> QLocale:
        """The user's way of writing numbers ("4,000", "4 000"); English for the C locale,
        which writes none of the separators that make a limit readable."""
        locale = self.locale()
        if locale.language() == QLocale.Language.C:
            return QLocale(QLocale.Language.English, QLocale.Country.UnitedStates)
        return locale

    def count(self, count: int) -> str:
        """Show ``count``; the sentence to say when it is over the limit, else ""."""
        locale = self.numbers()
        limit = self.limit
        if limit is None:
            self.setText(locale.toString(count))
        else:
            self.setText(f"{locale.toString(count)} / {locale.toString(limit)}")
        over = limit is not None and count > limit
        self.setStyleSheet(f"color: {ERROR_COLOUR};" if over else "")
        return self.too_long(count) if over else ""

    def too_long(self, count: int) -> str:
        limit = self.limit or 0
        locale = self.numbers()
        return (
            self.tr(
                "The prompt is %1 characters long; this model takes at most %2. "
                "Shorten it by %3 characters."
            )
            .replace("%1", locale.toString(count))
            .replace("%2", locale.toString(limit))
            .replace("%3", locale.toString(count - limit))
        )
