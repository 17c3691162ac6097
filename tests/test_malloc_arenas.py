"""The app asks glibc for fewer malloc arenas (genstudio.app.fewer_malloc_arenas)."""

from __future__ import annotations

import sys

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
    monkeypatch.setattr(sys, "platform", "linux")
    monkeypatch.setattr(ctypes, "CDLL", lambda name: libc)
    fewer_malloc_arenas()
    assert libc.calls == [(-8, 2)]  # M_ARENA_MAX


def test_a_libc_without_mallopt_is_left_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    import ctypes

    monkeypatch.setattr(sys, "platform", "linux")
    monkeypatch.setattr(ctypes, "CDLL", lambda name: object())  # musl: no mallopt
    fewer_malloc_arenas()  # no error
    monkeypatch.setattr(sys, "platform", "darwin")
    monkeypatch.setattr(ctypes, "CDLL", lambda name: pytest.fail("not on macOS"))
    fewer_malloc_arenas()
