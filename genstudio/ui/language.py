"""Which language the window speaks: the system's, or the one chosen in Settings.

Installs GenStudio's catalogue and Qt's own (for the standard dialogs' buttons), and
hands Qt's translator to :mod:`genstudio.i18n` so that the layers below the widgets
speak the same language. A change in Settings takes effect at the next start.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from genstudio import i18n
from genstudio.resources import resource_path

log = logging.getLogger(__name__)

# "" follows the system. The names are shown in their own language.
LANGUAGES: dict[str, str] = {"": "", "en": "English", "zh_CN": "简体中文"}


def install_translations(app: QCoreApplication, choice: str = "") -> QLocale:
    """Load the catalogues for ``choice`` (a key of ``LANGUAGES``) into ``app``."""
    locale = QLocale(choice) if choice else QLocale.system()
    QLocale.setDefault(locale)
    folder = str(resource_path("translations"))
    ours = QTranslator(app)
    # English has a catalogue of plural forms ("1 task", "2 tasks"): also the fallback
    # for a language GenStudio does not speak.
    if ours.load(locale, "genstudio", "_", folder) or ours.load("genstudio_en", folder):
        app.installTranslator(ours)
        log.info("language: %s", locale.name())
    qt = QTranslator(app)
    if qt.load(locale, "qtbase", "_", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(qt)
    i18n.install(QCoreApplication.translate)
    return locale


def remove_translations(app: QCoreApplication) -> None:
    """Back to English (for tests)."""
    for translator in app.findChildren(QTranslator):
        app.removeTranslator(translator)
        translator.deleteLater()
    i18n.install(None)
    QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
