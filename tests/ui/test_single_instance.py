"""One GenStudio per history (issue 12, point 1): a second launch hands its arguments to
the running window and exits 0; a lock left by a crash is taken over."""

from __future__ import annotations

import asyncio
import os
import sys
import textwrap
from pathlib import Path

from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from genstudio import app as genstudio_app
from genstudio.demo import DEMO_PROFILE
from genstudio.settings import paths
from genstudio.single_instance import InstanceGuard, server_name
from genstudio.ui.window.main_window import MainWindow
from tests.conftest import until
from tests.ui.conftest import QLoop
from tests.ui.test_demo_restart import app_dirs, started_window

__all__ = ["app_dirs"]  # the fixture, used by name


async def run_python(code: str, *args: str) -> tuple[int, str]:
    """Another real process, run while this loop keeps serving the guard."""
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-c",
        textwrap.dedent(code),
        *args,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.STDOUT,
        env=dict(os.environ, QT_QPA_PLATFORM="offscreen"),
    )
    out, _ = await asyncio.wait_for(process.communicate(), 60)
    assert process.returncode is not None
    return process.returncode, out.decode(errors="replace")


def test_a_second_launch_raises_the_running_window_and_exits_0(
    qtbot: QtBot, qloop: QLoop, qapp: QApplication, app_dirs: Path
) -> None:
    async def body() -> None:
        running = asyncio.ensure_future(genstudio_app.run(qapp))
        window = await started_window()
        assert window.prefs.current_profile != DEMO_PROFILE
        # The real program, as a double click on the icon starts it (with --demo).
        code, out = await run_python(
            "import sys; from genstudio.app import main; sys.exit(main(['--demo']))"
        )
        assert code == 0, out
        # The running window did what the second launch asked, and no second one opened.
        await until(lambda: window.prefs.current_profile == DEMO_PROFILE, timeout=30)
        windows = [w for w in qapp.topLevelWidgets() if isinstance(w, MainWindow)]
        assert [w for w in windows if w.isVisible()] == [window]
        window.close()
        assert await running == 0

    qloop.run(body(), timeout=120)


HOLD_AND_CRASH = """
    import os, signal, sys
    from pathlib import Path
    from PySide6.QtCore import QCoreApplication
    from genstudio.single_instance import InstanceGuard
    app = QCoreApplication([])
    guard = InstanceGuard(Path(sys.argv[1]))
    assert guard.acquire()
    guard.listen()
    print("held", flush=True)
    os.kill(os.getpid(), signal.SIGKILL)  # a crash: the lock and the socket stay behind
"""

LAUNCH_AGAIN = """
    import sys
    from pathlib import Path
    from PySide6.QtCore import QCoreApplication
    from genstudio.single_instance import InstanceGuard
    app = QCoreApplication([])
    guard = InstanceGuard(Path(sys.argv[1]))
    if guard.acquire():
        sys.exit(3)  # it should have found the lock held
    sys.exit(0 if guard.hand_over(sys.argv[2:]) else 4)
"""


def test_a_lock_left_by_a_crash_is_taken_over(qloop: QLoop, tmp_path: Path) -> None:
    history = tmp_path / "history.sqlite3"

    async def body() -> None:
        code, out = await run_python(HOLD_AND_CRASH, str(history))
        assert code == -9 and "held" in out
        assert Path(f"{history}.lock").exists()
        guard = InstanceGuard(history)
        heard: list[list[str]] = []
        guard.arrived.connect(heard.append)
        assert guard.acquire()  # the crashed process's lock and socket are taken over
        guard.listen()
        try:
            code, out = await run_python(LAUNCH_AGAIN, str(history), "--demo")
            assert code == 0, out
            await until(lambda: heard == [["--demo"]])
        finally:
            guard.release()

    qloop.run(body(), timeout=120)


LAUNCH_WHILE_STARTING = """
    import sys
    from pathlib import Path
    from PySide6.QtCore import QCoreApplication
    from genstudio.single_instance import InstanceGuard
    app = QCoreApplication([])
    guard = InstanceGuard(Path(sys.argv[1]))
    if guard.acquire():
        sys.exit(3)
    print("trying", flush=True)
    sys.exit(0 if guard.hand_over(["--demo"]) else 4)
"""


def test_a_launch_while_the_first_is_starting_waits_until_it_listens(
    qloop: QLoop, tmp_path: Path
) -> None:
    """The first launch listens only once its window is painted: a second one that
    comes in between finds the lock held and no one listening yet, and keeps trying."""
    history = tmp_path / "history.sqlite3"

    async def body() -> None:
        guard = InstanceGuard(history)
        heard: list[list[str]] = []
        guard.arrived.connect(heard.append)
        assert guard.acquire()
        second = await asyncio.create_subprocess_exec(
            sys.executable,
            "-c",
            textwrap.dedent(LAUNCH_WHILE_STARTING),
            str(history),
            stdout=asyncio.subprocess.PIPE,
            env=dict(os.environ, QT_QPA_PLATFORM="offscreen"),
        )
        try:
            assert second.stdout is not None
            assert await asyncio.wait_for(second.stdout.readline(), 60) == b"trying\n"
            await asyncio.sleep(0.5)  # its first tries find no one listening
            assert second.returncode is None and heard == []
            guard.listen()
            assert await asyncio.wait_for(second.wait(), 60) == 0
            await until(lambda: heard == [["--demo"]])
        finally:
            guard.release()
            if second.returncode is None:
                second.kill()
                await second.wait()

    qloop.run(body(), timeout=120)


def test_each_history_and_user_has_its_own_name(tmp_path: Path) -> None:
    one = server_name(tmp_path / "a" / "history.sqlite3")
    assert one == server_name(tmp_path / "a" / ".." / "a" / "history.sqlite3")
    assert one != server_name(tmp_path / "b" / "history.sqlite3")
    assert paths.history_path().name == "history.sqlite3"
