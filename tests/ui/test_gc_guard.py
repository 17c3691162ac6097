from __future__ import annotations

import gc

from genstudio.ui.gc_guard import GarbageCollector


def test_collects_on_the_gui_thread_and_restores() -> None:
    collector = GarbageCollector()
    try:
        assert not gc.isenabled()

        class Node:
            def __init__(self) -> None:
                self.me = self

        for _ in range(gc.get_threshold()[0] + 10):
            Node()
        assert gc.get_count()[0] > gc.get_threshold()[0]
        collector.check()
        assert gc.get_count()[0] < gc.get_threshold()[0]
    finally:
        collector.stop()
    assert gc.isenabled()
