from __future__ import annotations

import gc
import weakref

from genstudio.ui.gc_guard import GarbageCollector, settle


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


def test_what_the_start_made_is_set_aside_and_new_cycles_are_still_collected() -> None:
    collector = GarbageCollector()
    try:
        frozen = gc.get_freeze_count()
        made_at_start = [[n] for n in range(1000)]
        settle()
        assert gc.get_freeze_count() >= frozen + len(made_at_start)

        class Node:
            def __init__(self) -> None:
                self.me = self

        later = weakref.ref(Node())  # a cycle made after the start
        gc.collect(2)  # what a full collection by check() does
        assert later() is None
    finally:
        collector.stop()
