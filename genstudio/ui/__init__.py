"""Widgets only: they show the task service's state and forward the user's actions."""

from genstudio.ui.pyside_import_hook import lighten

lighten()  # before the widget modules load: each is checked by PySide's import hook
