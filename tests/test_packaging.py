"""Guards on how GenStudio is packaged and pinned."""

from __future__ import annotations

import os
import subprocess
import sys
import tomllib
from pathlib import Path

from genstudio.resources import resource_path, resources_dir

ROOT = Path(__file__).resolve().parent.parent

VOID_CALLS = """
import sys
from PySide6.QtWidgets import QApplication, QLabel
app = QApplication(sys.argv)
label = QLabel()
for i in range(20_000):
    label.setText(str(i))  # a void Qt method: PySide6 6.12.0 aborts 3.11 here
print("ok", label.text())
"""


def test_many_void_qt_calls_do_not_abort() -> None:
    """PySide6 6.12.0 dies with 'none_dealloc' on CPython 3.11; the pin keeps 6.11.3."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run(
        [sys.executable, "-c", VOID_CALLS],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip() == "ok 19999"


def test_pyside_pins_use_environment_markers() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    deps = project["dependencies"]
    assert "PySide6-Essentials==6.11.3; python_version < '3.12'" in deps
    assert "PySide6-Addons==6.11.3; python_version < '3.12'" in deps
    assert not any(
        d.split(";")[0].strip().lower().startswith("pyside6 ")
        or d.split(";")[0].strip().lower() in ("pyside6",)
        for d in deps
    )


def test_resources_are_found() -> None:
    assert (resources_dir() / "sim").is_dir()
    for name in ("font.json", "clip_16x9.mp4", "clip_9x16.mp4", "clip_1x1.mp4"):
        assert resource_path("sim", name).is_file()


def test_protocol_and_simulator_import_no_qt() -> None:
    code = (
        "import sys, genstudio.api, genstudio.api.download, genstudio.api.waiting, "
        "genstudio.sim, genstudio.settings.key_store, genstudio.cli.main; "
        "print([m for m in sys.modules if m.startswith('PySide6')])"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True
    )
    assert result.stdout.strip() == "[]"
