"""The Qt settings the app starts with (genstudio.app.qt_environment)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from genstudio.app import qt_environment

ROOT = Path(__file__).resolve().parents[2]


def test_set_unless_the_user_set_them() -> None:
    environ: dict[str, str] = {}
    qt_environment(environ)
    assert environ == {"QT_LOGGING_RULES": "qt.multimedia.*=false", "QT_NO_GUI_THREADPOOL": "1"}
    mine = {"QT_LOGGING_RULES": "*.debug=true", "QT_NO_GUI_THREADPOOL": ""}
    qt_environment(mine)
    assert mine == {"QT_LOGGING_RULES": "*.debug=true", "QT_NO_GUI_THREADPOOL": ""}


PAINT_WITH_TOOLBAR = """
import os, sys
if sys.argv[1] == "app":
    from genstudio.app import qt_environment
    qt_environment(os.environ)
from PySide6.QtCore import QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow, QToolBar
app = QApplication([])
window = QMainWindow()
window.resize(1400, 860)
bar = QToolBar("Tasks")
for name in ("Open", "Retry", "Delete"):
    bar.addAction(QAction(name, window))
window.addToolBar(bar)
window.setCentralWidget(QLabel("list"))
window.show()
QTimer.singleShot(300, app.quit)
app.exec()
names = [open(f"/proc/self/task/{t}/comm").read().strip() for t in os.listdir("/proc/self/task")]
print(sum(name == "Thread (pooled)" for name in names))
"""


@pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="counts threads in /proc")
def test_painting_a_toolbar_starts_no_thread_pool() -> None:
    """Qt's raster engine starts its pool for a toolbar's line, then hands it fills and
    waits; with the app's settings the first paint stays on the GUI thread."""

    def pooled(mode: str) -> int:
        found = subprocess.run(
            [sys.executable, "-c", PAINT_WITH_TOOLBAR, mode],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
            env={k: v for k, v in os.environ.items() if k != "QT_NO_GUI_THREADPOOL"},
        )
        return int(found.stdout.strip())

    assert pooled("plain") > 0  # Qt's own way, as this test sees it
    assert pooled("app") == 0
