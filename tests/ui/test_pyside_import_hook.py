"""PySide's import hook answers from the file's bytes (genstudio.ui.pyside_import_hook)."""

from __future__ import annotations

import importlib
import json
import os
import subprocess
import sys
import types
from pathlib import Path

import pytest

import genstudio.ui  # noqa: F401  (installs it)
from genstudio.ui.pyside_import_hook import lighten

feature = sys.modules["shibokensupport.feature"]


def test_it_is_installed_once_the_widgets_package_loads() -> None:
    assert getattr(feature._mod_uses_pyside, "lightened", False)
    installed = feature._mod_uses_pyside
    lighten()  # again: kept, not wrapped twice
    assert feature._mod_uses_pyside is installed


@pytest.mark.parametrize(
    "name",
    [
        "genstudio.ui.window.main_window",  # Qt code
        "email",  # a package: its __init__.py
        "json",  # the standard library
        "email.mime.text",  # no Qt, not loaded before the hook
        "qasync",  # a third party that uses PySide6
        "sys",  # built in: no file
        "_sqlite3",  # an extension module
    ],
)
def test_the_answer_is_pyside_s_own(name: str) -> None:
    import inspect

    module = importlib.import_module(name)
    try:
        expected = "PySide6" in inspect.getsource(module)
    except (TypeError, OSError):
        expected = False
    assert feature._mod_uses_pyside(module) is expected


def test_genstudio_s_own_modules_are_qt_names_as_they_are_without_a_read(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """None of ours uses __feature__: 0 (plain Qt names) is right for each, even one
    with no Qt in it (PySide would say -1, never asked again: the same names)."""
    import genstudio.tasks.service

    def no_reading(*_args: object) -> bytes:
        raise AssertionError("read a genstudio file")

    monkeypatch.setattr(Path, "read_bytes", no_reading)
    assert feature._mod_uses_pyside(genstudio.tasks.service) is True
    assert feature._mod_uses_pyside(sys.modules["genstudio.ui.window.main_window"]) is True


def test_the_standard_library_is_answered_without_a_read(monkeypatch: pytest.MonkeyPatch) -> None:
    """None of it names PySide6: "no", as PySide itself answers, without reading the
    file; a package installed inside the standard library's folder is still read."""
    import email.mime.text

    read: list[str] = []

    def reading(path: Path) -> bytes:
        read.append(str(path))
        return b"from PySide6 import QtCore"

    monkeypatch.setattr(Path, "read_bytes", reading)
    assert feature._mod_uses_pyside(json) is False
    assert feature._mod_uses_pyside(email.mime.text) is False
    assert read == []
    installed = types.ModuleType("installed")
    installed.__file__ = str(Path(os.__file__).parent / "site-packages" / "x.py")
    assert feature._mod_uses_pyside(installed) is True
    assert read == [installed.__file__]


def test_a_file_gone_is_left_to_pyside(tmp_path: Path) -> None:
    module = types.ModuleType("gone")
    module.__file__ = str(tmp_path / "gone.py")  # never written
    assert feature._mod_uses_pyside(module) is False  # PySide's own answer: no source


def test_the_app_installs_it_before_qasync_brings_pyside_and_asyncio_in() -> None:
    """Every module imported after PySide is looked at: asyncio's thirty were looked at
    through their source when qasync came first (about 10 ms of the start, measured)."""
    probe = (
        "import sys, importlib.abc\n"
        "class Probe(importlib.abc.MetaPathFinder):\n"
        "    def find_spec(self, name, path, target=None):\n"
        "        if name == 'qasync':\n"
        "            feature = sys.modules.get('shibokensupport.feature')\n"
        "            hook = getattr(feature, '_mod_uses_pyside', None)\n"
        "            print('LIGHT' if getattr(hook, 'lightened', False) else 'HEAVY')\n"
        "            raise SystemExit(0)\n"
        "        return None\n"
        "sys.meta_path.insert(0, Probe())\n"
        "from genstudio.app import main\n"
        "main([])\n"
    )
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, env=env, timeout=60
    )
    assert done.stdout.strip() == "LIGHT", done.stderr[-2000:]
