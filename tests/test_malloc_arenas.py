"""The app asks glibc for fewer malloc arenas (genstudio.app.fewer_malloc_arenas)."""

from __future__ import annotations

import pytest

from genstudio.app import fewer_malloc_arenas


class _Libc:
    def __init__(self) -> None:
        self.calls: list[tuple[int, int]] = []

    def mallopt(self, option: int, value: int) -> int:
        self.calls.append((option, value))
        return 1


def test_the_app_asks_glibc_for_two_malloc_arenas(monkeypatch: pytest.MonkeyPatch) -> None:
    import ctypes

    libc = _Libc()
    monkeypatch.delenv("MALLOC_ARENA_MAX", raising=False)
    monkeypatch.setattr(ctypes, "CDLL", lambda name: libc)
    fewer_malloc_arenas("linux")
    assert libc.calls == [(-8, 2)]  # M_ARENA_MAX


def test_the_environment_s_own_setting_is_kept(monkeypatch: pytest.MonkeyPatch) -> None:
    import ctypes

    libc = _Libc()
    monkeypatch.setenv("MALLOC_ARENA_MAX", "4")
    monkeypatch.setattr(ctypes, "CDLL", lambda name: libc)
    fewer_malloc_arenas("linux")
    assert libc.calls == []


def test_a_libc_without_mallopt_is_left_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    import ctypes

    monkeypatch.delenv("MALLOC_ARENA_MAX", raising=False)
    monkeypatch.setattr(ctypes, "CDLL", lambda name: object())  # musl: no mallopt
    fewer_malloc_arenas("linux")  # no error
    monkeypatch.setattr(ctypes, "CDLL", lambda name: pytest.fail("not on macOS"))
    fewer_malloc_arenas("darwin")
