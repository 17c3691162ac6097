"""The layers docs/ARCHITECTURE.md promises, read from the source: the protocol, the
simulator, the task service and the command line know nothing of Qt; nothing below the
widgets imports them; and no module grows past 500 lines."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "genstudio"
LONGEST = 500


def imported(path: Path) -> set[str]:
    """Every module ``path`` imports, at the top or inside a function."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names.add(node.module)
    return names


def modules(folder: str) -> list[Path]:
    return sorted((PACKAGE / folder).rglob("*.py"))


@pytest.mark.parametrize("folder", ["api", "sim", "tasks", "cli"])
def test_the_lower_layers_know_nothing_of_qt(folder: str) -> None:
    found = {
        f"{path.relative_to(ROOT)} imports {name}"
        for path in modules(folder)
        for name in imported(path)
        if name == "PySide6" or name.startswith(("PySide6.", "qasync"))
    }
    assert not found


def test_settings_use_no_widgets() -> None:
    # QStandardPaths (QtCore) finds the folders the OS expects; nothing drawn.
    found = {
        f"{path.relative_to(ROOT)} imports {name}"
        for path in modules("settings")
        for name in imported(path)
        if name.startswith(("PySide6.QtWidgets", "PySide6.QtGui"))
    }
    assert not found


@pytest.mark.parametrize("folder", ["api", "sim", "tasks", "settings", "cli"])
def test_nothing_below_the_widgets_imports_them(folder: str) -> None:
    found = {
        f"{path.relative_to(ROOT)} imports {name}"
        for path in modules(folder)
        for name in imported(path)
        if name == "genstudio.ui" or name.startswith("genstudio.ui.")
    }
    assert not found


def test_no_module_is_longer_than_500_lines() -> None:
    long = {
        f"{path.relative_to(ROOT)}: {lines} lines"
        for folder in ("genstudio", "benchmarks", "tests", "packaging")
        for path in (ROOT / folder).rglob("*.py")
        if (lines := len(path.read_text(encoding="utf-8").splitlines())) > LONGEST
    }
    assert not long


def test_the_checks_see_what_they_look_for(tmp_path: Path) -> None:
    """The import reader finds imports inside functions too (the lazy ones)."""
    source = tmp_path / "lazy.py"
    source.write_text(
        "import os\n\ndef f():\n    from PySide6.QtCore import Qt\n    import genstudio.ui.icons\n",
        encoding="utf-8",
    )
    assert imported(source) == {"os", "PySide6.QtCore", "genstudio.ui.icons"}
