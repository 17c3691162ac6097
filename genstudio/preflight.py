"""Before Qt starts: does this Linux machine have what Qt's platform plugin needs?

Without a display or a system library, Qt aborts with a core dump and a message that
names the wrong thing (it asks for xcb-cursor0 when xcb-icccm4 is missing). This module
looks first, with the standard library only, and gives one sentence naming the exact
``apt-get install`` line. The same table drives ``packaging/linux/install-system-deps.sh``
(``python3 -m genstudio.preflight --missing-packages``) and the test suite's check.

The lists were found by starting the window on a bare Debian with only these packages
(see README); Wayland, macOS and Windows need nothing beyond the wheels.
"""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Callable, Iterable, Mapping
from functools import cache
from pathlib import Path

# soname -> the Debian/Ubuntu package that ships it.
GUI_LIBRARIES = {
    "libGL.so.1": "libgl1",
    "libEGL.so.1": "libegl1",
    "libfontconfig.so.1": "libfontconfig1",
    "libfreetype.so.6": "libfreetype6",
    "libX11.so.6": "libx11-6",
    "libxkbcommon.so.0": "libxkbcommon0",
    "libglib-2.0.so.0": "libglib2.0-0",
    "libgthread-2.0.so.0": "libglib2.0-0",
    "libdbus-1.so.3": "libdbus-1-3",
}
XCB_LIBRARIES = {
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libxcb.so.1": "libxcb1",
    "libX11-xcb.so.1": "libx11-xcb1",
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-randr.so.0": "libxcb-randr0",
    "libxcb-render.so.0": "libxcb-render0",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-shm.so.0": "libxcb-shm0",
    "libxcb-sync.so.1": "libxcb-sync1",
    "libxcb-util.so.1": "libxcb-util1",
    "libxcb-xfixes.so.0": "libxcb-xfixes0",
    "libxcb-xkb.so.1": "libxcb-xkb1",
}
# Playback only (QtMultimedia, and its FFmpeg plugin for libXrandr): without them the
# window starts and the previewer says what is missing.
MULTIMEDIA_LIBRARIES = {"libpulse.so.0": "libpulse0", "libXrandr.so.2": "libxrandr2"}
# Qt's Wayland plugin; every Wayland desktop has them, and Qt falls back to X11 without.
WAYLAND_LIBRARIES = {
    "libwayland-cursor.so.0": "libwayland-cursor0",
    "libwayland-egl.so.1": "libwayland-egl1",
}

Loader = Callable[[str], bool]


def loadable(soname: str) -> bool:
    """Whether the dynamic loader finds ``soname`` (as Qt's plugin will ask it)."""
    if soname_listed(soname, _loader_cache(), _own_library_folders()):
        return True
    import ctypes  # what the cache does not list, the loader itself is asked for

    try:
        ctypes.CDLL(soname)
    except OSError:
        return False
    return True


def soname_listed(soname: str, loader_cache: bytes, folders: tuple[bytes, ...]) -> bool:
    """Whether ``/etc/ld.so.cache`` (its bytes) lists ``soname`` in one of ``folders``, the
    ones that hold this machine's own libraries (a 32-bit copy elsewhere doesn't count).
    The loader finds what the cache lists (after LD_LIBRARY_PATH), so reading it spares
    ctypes, 2.6 ms before the first paint. What it cannot tell: a listed file deleted
    without ldconfig, or one whose own dependencies are missing; packages installed
    the usual way leave neither, and Qt then says what it misses itself."""
    needle = b"/" + soname.encode() + b"\0"
    at = loader_cache.find(needle)
    while at != -1:
        begins = loader_cache.rfind(b"\0", 0, at) + 1
        if folders and loader_cache[begins:at].endswith(folders):
            return True
        at = loader_cache.find(needle, at + 1)
    return False


@cache
def _loader_cache() -> bytes:
    try:
        return Path("/etc/ld.so.cache").read_bytes()
    except OSError:
        return b""


def _own_library_folders() -> tuple[bytes, ...]:
    """Debian's and Ubuntu's (``/usr/lib/x86_64-linux-gnu``), Fedora's (``/usr/lib64``)."""
    multiarch = getattr(sys.implementation, "_multiarch", "")
    folders = (f"/{multiarch}".encode(),) if multiarch else ()
    return (*folders, b"/lib64") if sys.maxsize > 2**32 else folders


def missing_packages(libraries: Mapping[str, str], load: Loader = loadable) -> list[str]:
    return list(dict.fromkeys(pkg for soname, pkg in libraries.items() if not load(soname)))


def platform_plugin(env: Mapping[str, str]) -> str:
    """The platform Qt will pick: QT_QPA_PLATFORM's first entry, else Wayland's or X11's."""
    chosen = env.get("QT_QPA_PLATFORM", "").split(";")[0].split(":")[0].strip()
    if chosen:
        return chosen
    wayland = env.get("WAYLAND_DISPLAY") or env.get("XDG_SESSION_TYPE") == "wayland"
    return "wayland" if wayland else "xcb"


def install_line(packages: Iterable[str]) -> str:
    names = " ".join(packages)
    root = hasattr(os, "geteuid") and os.geteuid() == 0
    return f"{'' if root else 'sudo '}apt-get install {names}"


def _libraries_sentence(packages: list[str], what: str, then: str) -> str:
    if shutil.which("apt-get") or shutil.which("dpkg"):
        return (
            f"GenStudio can't {what}: this computer lacks the system libraries "
            f"{', '.join(packages)}; install them with “{install_line(packages)}” "
            f"(or run packaging/linux/install-system-deps.sh), then {then}."
        )
    return (
        f"GenStudio can't {what}: this computer lacks system libraries (Debian names: "
        f"{', '.join(packages)}); install them with your system's package manager, "
        f"then {then}."
    )


def _x11_socket_reachable(display: str) -> bool | None:
    """True/False for a local display (":0", "unix:1.0"); None when it can't be told."""
    host, _, rest = display.rpartition(":")
    if host not in ("", "unix") or not rest:
        return None  # a TCP display (ssh -X): Qt will say itself
    number = rest.split(".")[0]
    if not number.isdigit():
        return None
    import socket  # only here: X11 alone needs it

    path = f"/tmp/.X11-unix/X{number}"
    for address in (path, "\0" + path):  # the file, or Linux's abstract socket
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as probe:
            probe.settimeout(1.0)
            try:
                probe.connect(address)
            except OSError:
                continue
            return True
    return False


def problem(env: Mapping[str, str] | None = None, load: Loader = loadable) -> str | None:
    """The sentence to print instead of starting Qt, or None when all looks present."""
    if not sys.platform.startswith("linux"):
        return None
    env = os.environ if env is None else env
    plugin = platform_plugin(env)
    if plugin == "xcb":
        display = env.get("DISPLAY", "")
        if not display:
            return (
                "GenStudio needs a desktop to show its window, and none was found (DISPLAY "
                "is not set): start it from your desktop session, or on a machine without "
                "a screen run it under a virtual one with “xvfb-run -a genstudio”."
            )
        if _x11_socket_reachable(display) is False:
            return (
                f"GenStudio can't reach the display {display} (no X server answers there): "
                "start it from your desktop session, or check the DISPLAY variable."
            )
    needed = dict(GUI_LIBRARIES)
    if plugin == "xcb":
        needed.update(XCB_LIBRARIES)
    packages = missing_packages(needed, load)
    if packages:
        return _libraries_sentence(packages, "open its window", "start GenStudio again")
    return None


def test_suite_problem(load: Loader = loadable) -> str | None:
    """Why the tests can't run here (Qt offscreen with multimedia), or None."""
    if not sys.platform.startswith("linux"):
        return None
    packages = missing_packages({**GUI_LIBRARIES, **MULTIMEDIA_LIBRARIES}, load)
    if packages:
        return _libraries_sentence(packages, "run its tests", "run pytest again")
    return None


def main(argv: list[str] | None = None) -> int:
    """``python3 -m genstudio.preflight --missing-packages``: the Debian packages to
    install for the window (X11, Wayland, offscreen) and playback, one line; empty if
    none."""
    args = sys.argv[1:] if argv is None else argv
    if args != ["--missing-packages"]:
        print("usage: python3 -m genstudio.preflight --missing-packages", file=sys.stderr)
        return 2
    every = {**GUI_LIBRARIES, **XCB_LIBRARIES, **MULTIMEDIA_LIBRARIES, **WAYLAND_LIBRARIES}
    print(" ".join(missing_packages(every)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
