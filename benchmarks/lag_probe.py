"""How late the GUI thread's event loop is, per unit of time (see figures.slot_lags).

A precise 5 ms ``QTimer`` notes when it fires; afterwards every 10 ms slot of wall time
gets the delay the loop had there, so a stall counts for all the time it lasted.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from PySide6.QtCore import QObject, Qt, QTimer

from benchmarks.figures import percentile, slot_lags, stalls

PERIOD = 0.005


@dataclass(frozen=True)
class LagSummary:
    p50_ms: float
    p99_ms: float
    max_ms: float
    stalls_per_minute: float  # gaps more than 50 ms past the period
    seconds: float
    ticks: int
    ticks_due: int

    def words(self) -> str:
        return (
            f"loop lag p50 {self.p50_ms:.1f} ms, p99 {self.p99_ms:.1f} ms, max "
            f"{self.max_ms:.0f} ms, {self.stalls_per_minute:.1f} stalls > 50 ms a minute "
            f"({self.ticks} ticks of {self.ticks_due} due in {self.seconds:.1f} s)"
        )


class LagProbe(QObject):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ticks: list[float] = []
        self._timer = QTimer(self)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.setInterval(int(PERIOD * 1000))
        self._timer.timeout.connect(self._tick)

    def _tick(self) -> None:
        self.ticks.append(time.perf_counter())

    def start(self) -> None:
        self.ticks = [time.perf_counter()]
        self._timer.start()

    def stop(self) -> LagSummary:
        self._timer.stop()
        self._tick()  # the end of the window: a stall running into it counts too
        return summarize(self.ticks)


def summarize(ticks: list[float]) -> LagSummary:
    lags = slot_lags(ticks, PERIOD)
    seconds = ticks[-1] - ticks[0] if len(ticks) > 1 else 0.0
    return LagSummary(
        p50_ms=(percentile(lags, 0.5) or 0.0) * 1000,
        p99_ms=(percentile(lags, 0.99) or 0.0) * 1000,
        max_ms=max(lags, default=0.0) * 1000,
        stalls_per_minute=stalls(ticks, PERIOD) / (seconds / 60) if seconds else 0.0,
        seconds=seconds,
        ticks=len(ticks),
        ticks_due=int(seconds / PERIOD),
    )
