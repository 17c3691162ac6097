"""Translatable sentences in the layers that know nothing of Qt.

``translate("Messages", text)`` returns ``text`` as it is until the app installs Qt's
translator (:func:`install`); pyside6-lupdate finds the calls either way. Sentences
keep ``{name}`` fields, filled with ``.format`` after translating, so that a
translation can put them where its grammar wants them.
"""

from __future__ import annotations

from collections.abc import Callable

_translator: Callable[[str, str], str] | None = None


def install(translator: Callable[[str, str], str] | None) -> None:
    """``translator(context, text)``; None goes back to English."""
    global _translator
    _translator = translator


def translate(context: str, text: str) -> str:
    return _translator(context, text) if _translator is not None else text
