"""Where GenStudio keeps its files (platformdirs; XDG_* variables respected on Linux),
and where it saves outputs by default (QStandardPaths)."""

from __future__ import annotations

from pathlib import Path

import platformdirs

APP_NAME = "GenStudio"


def config_dir() -> Path:
    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False))


def data_dir() -> Path:
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def log_dir() -> Path:
    return Path(platformdirs.user_log_dir(APP_NAME, appauthor=False))


_DEFAULT_LIBRARY = {
    "images": ("PicturesLocation", platformdirs.user_pictures_dir),
    "videos": ("MoviesLocation", platformdirs.user_videos_dir),
    "audio": ("MusicLocation", platformdirs.user_music_dir),
}


def default_library_folder(scope: str) -> Path:
    """The user's Pictures, Videos or Music folder, with a GenStudio folder inside.

    Qt's QStandardPaths names them as the desktop's file manager does (user-dirs on
    Linux, known folders on Windows); platformdirs answers when Qt gives nothing.
    """
    location, fallback = _DEFAULT_LIBRARY[scope]
    try:
        from PySide6.QtCore import QStandardPaths

        found = QStandardPaths.writableLocation(getattr(QStandardPaths.StandardLocation, location))
    except ImportError:
        found = ""
    return Path(found or fallback()) / APP_NAME


def library_folder(overrides: dict[str, str], scope: str) -> Path:
    """Where outputs of ``scope`` are saved: the user's choice, else the default."""
    chosen = overrides.get(scope, "").strip()
    return Path(chosen).expanduser() if chosen else default_library_folder(scope)


def cache_dir() -> Path:
    return Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False))


def history_path() -> Path:
    return data_dir() / "history.sqlite3"


def settings_path() -> Path:
    return config_dir() / "settings.json"
