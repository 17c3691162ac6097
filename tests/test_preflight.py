"""The check before Qt starts: a missing display or library is one sentence and exit 2."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from genstudio import preflight
from genstudio.preflight import GUI_LIBRARIES, XCB_LIBRARIES, platform_plugin, problem

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux only")


def everything_but(*missing: str) -> preflight.Loader:
    return lambda soname: soname not in missing


def test_no_display_is_a_sentence_and_exit_2_before_qt_loads(tmp_path: object) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env.pop("QT_QPA_PLATFORM", None)
    env.pop("XDG_SESSION_TYPE", None)
    code = "import sys; from genstudio.app import main; r = main([]); " + (
        "assert not any(m.startswith('PySide6') for m in sys.modules), 'Qt was loaded'; sys.exit(r)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 2, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr  # one sentence, no traceback, no core dump
    assert "DISPLAY is not set" in lines[0] and "xvfb-run" in lines[0]


def test_a_display_nobody_answers_on_is_named() -> None:
    sentence = problem({"DISPLAY": ":987"}, everything_but())
    assert sentence is not None and ":987" in sentence


def test_missing_xcb_libraries_name_the_exact_install_line(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # As on Debian: apt-get is there.
    monkeypatch.setattr("genstudio.preflight.shutil.which", lambda name: f"/usr/bin/{name}")
    env = {"DISPLAY": "remote-host:0"}  # not a local socket: only the libraries are checked
    sentence = problem(env, everything_but("libxcb-icccm.so.4", "libxcb-keysyms.so.1"))
    assert sentence is not None
    assert "apt-get install libxcb-icccm4 libxcb-keysyms1" in sentence
    assert sentence.count(".") <= 2  # one sentence (the only dots: packaging paths)


def test_offscreen_needs_no_xcb_but_the_gui_libraries() -> None:
    env = {"QT_QPA_PLATFORM": "offscreen"}
    assert problem(env, everything_but("libxcb-icccm.so.4")) is None
    sentence = problem(env, everything_but("libEGL.so.1"))
    assert sentence is not None and "libegl1" in sentence


def test_wayland_needs_nothing_extra() -> None:
    env = {"WAYLAND_DISPLAY": "wayland-0"}
    assert platform_plugin(env) == "wayland"
    assert problem(env, everything_but(*XCB_LIBRARIES)) is None


def test_platform_from_qt_qpa_platform() -> None:
    assert platform_plugin({"QT_QPA_PLATFORM": "xcb:dpi=96"}) == "xcb"
    assert platform_plugin({"QT_QPA_PLATFORM": "wayland;xcb"}) == "wayland"
    assert platform_plugin({}) == "xcb"


def test_every_library_maps_to_a_package() -> None:
    for soname, package in {**GUI_LIBRARIES, **XCB_LIBRARIES}.items():
        assert soname.startswith("lib") and ".so." in soname
        assert package and " " not in package


def test_the_test_suite_check_names_libpulse(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("genstudio.preflight.shutil.which", lambda name: f"/usr/bin/{name}")
    sentence = preflight.test_suite_problem(everything_but("libpulse.so.0"))
    assert sentence is not None and "libpulse0" in sentence and "pytest" in sentence
    assert preflight.test_suite_problem(everything_but()) is None


def test_missing_packages_for_the_install_script() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "genstudio.preflight", "--missing-packages"],
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert result.returncode == 0
    # This machine runs the tests, so its Qt libraries are present.
    assert not set(result.stdout.split()) & set(GUI_LIBRARIES.values())


def test_the_loader_s_cache_answers_for_this_machine_s_own_libraries() -> None:
    folders = (b"/x86_64-linux-gnu", b"/lib64")
    cache = (
        b"glibc-ld.so.cache1.1\0libX11.so.6\0/usr/lib/i386-linux-gnu/libX11.so.6\0"
        b"libEGL.so.1\0/lib/x86_64-linux-gnu/libEGL.so.1\0/usr/lib64/libGL.so.1\0"
        b"/opt/lib/x86_64-linux-gnu/libdbus-1.so.3.32\0"
    )
    assert preflight.soname_listed("libEGL.so.1", cache, folders)
    assert preflight.soname_listed("libGL.so.1", cache, folders)  # Fedora's folder
    assert not preflight.soname_listed("libX11.so.6", cache, folders)  # a 32-bit copy only
    assert not preflight.soname_listed("libdbus-1.so.3", cache, folders)  # another name
    assert not preflight.soname_listed("libEGL.so.1", cache, ())  # no folder known: ask
    assert not preflight.soname_listed("libEGL.so.1", b"", folders)  # no cache


def test_what_the_cache_does_not_list_is_asked_of_the_loader(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(preflight, "_loader_cache", lambda: b"")
    assert preflight.loadable("libc.so.6")  # found by dlopen: this process has it
    assert not preflight.loadable("libgenstudio-no-such-library.so.7")


def test_a_plain_start_s_check_loads_neither_ctypes_nor_socket() -> None:
    code = (
        "import sys; from genstudio.preflight import problem;"
        "assert problem({'QT_QPA_PLATFORM': 'offscreen'}) is None;"
        "print('ctypes' in sys.modules, 'socket' in sys.modules)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60
    )
    assert result.stdout.split() == ["False", "False"], result.stderr
