"""The start benchmark's child loads, before GenStudio starts, only what the bare script
loads or what GenStudio loads anyway: anything else would be charged to GenStudio's start
(the parent's launch helpers and history maker, with hashlib, once were)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def modules_after(*imports: str) -> set[str]:
    """The modules a fresh interpreter holds after importing ``imports``."""
    code = "import sys\n" + "".join(f"import {name}\n" for name in imports)
    code += "print('\\n'.join(sys.modules))"
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    assert out.returncode == 0, out.stderr
    return set(out.stdout.split())


def test_the_start_child_loads_nothing_the_bare_script_or_the_app_does_not() -> None:
    own = {"benchmarks.app_child", "benchmarks.start_scenario"}
    child = modules_after(*own)
    bare = modules_after("benchmarks.bare_window")
    app = modules_after("genstudio.app")
    assert child - own - bare - app == set()
