"""Qt Linguist sources and their compiled catalogues.

``update``: pyside6-lupdate reads every module under ``genstudio/`` and refreshes
``resources/translations/genstudio_<lang>.ts`` (existing translations are kept).
English has a catalogue too, of the plural messages only ("1 task", "2 tasks" for the
source's "%n task(s)"); it is also what a language without a catalogue gets.
``release``: pyside6-lrelease compiles each ``.ts`` into the ``.qm`` the app loads.
Run from anywhere: ``python packaging/translations.py update|release``.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FOLDER = ROOT / "resources" / "translations"
LANGUAGES = ("zh_CN", "en")
_PLURALS_ONLY = {"en"}


def tool(name: str) -> str:
    """pyside6-lupdate / pyside6-lrelease from the running Python's environment."""
    here = Path(sys.executable).parent
    for candidate in (here / f"pyside6-{name}", here / f"pyside6-{name}.exe"):
        if candidate.exists():
            return str(candidate)
    found = shutil.which(f"pyside6-{name}")
    if not found:
        sys.exit(f"pyside6-{name} is missing: pip install PySide6-Essentials")
    return found


def sources() -> list[str]:
    return sorted(str(p.relative_to(ROOT)) for p in (ROOT / "genstudio").rglob("*.py"))


def update() -> None:
    FOLDER.mkdir(parents=True, exist_ok=True)
    for lang in LANGUAGES:
        ts = FOLDER / f"genstudio_{lang}.ts"
        only = ["-pluralonly"] if lang in _PLURALS_ONLY else []
        command = [tool("lupdate"), "-no-obsolete", *only, "-locations", "none", *sources()]
        subprocess.run([*command, "-ts", str(ts)], cwd=ROOT, check=True)


def release(out: Path = FOLDER) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    made = []
    for lang in LANGUAGES:
        ts = FOLDER / f"genstudio_{lang}.ts"
        qm = out / f"genstudio_{lang}.qm"
        subprocess.run([tool("lrelease"), "-silent", str(ts), "-qm", str(qm)], cwd=ROOT, check=True)
        made.append(qm)
    return made


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("action", choices=("update", "release"))
    args = parser.parse_args()
    update() if args.action == "update" else release()


if __name__ == "__main__":
    main()
