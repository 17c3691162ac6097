"""What every benchmark shares: a figure next to its anchor and target, medians and
percentiles, event-loop lag per unit of time, and CPU and memory read from /proc.

A benchmark prints its own lines for a reader, and one ``FIGURES {json}`` line that
``python -m benchmarks`` collects into the one table.
"""

from __future__ import annotations

import bisect
import itertools
import json
import os
import resource
import statistics
import sys
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

MARK = "FIGURES "
CLOCK_TICK = os.sysconf("SC_CLK_TCK")


@dataclass(frozen=True)
class Figure:
    """One row of the table. ``ours``/``anchor``: the measured values in ``unit``;
    ``ratio_target``/``limit``: at most this ratio to the anchor / at most this value
    (``at_least`` turns either into a minimum). ``why``: why it is n/a, or a note;
    ``failed``: what it covers was not all measured (``why`` says what), never a PASS."""

    name: str
    unit: str
    ours: float | None
    anchor: float | None = None
    anchor_name: str = ""
    ratio_target: float | None = None
    limit: float | None = None
    at_least: bool = False
    why: str = ""
    comparable: bool = True  # False: the anchor is a different quantity, show no ratio
    failed: bool = False  # part of what the figure covers could not be measured: a MISS

    @property
    def ratio(self) -> float | None:
        if self.ours is None or not self.anchor or not self.comparable:
            return None
        return self.ours / self.anchor

    @property
    def target(self) -> str:
        sign = "≥" if self.at_least else "≤"
        if self.ratio_target is not None:
            return f"{sign} {self.ratio_target:g}× {self.anchor_name}".strip()
        if self.limit is not None:
            return f"{sign} {fmt(self.limit, self.unit)}"
        return ""

    @property
    def verdict(self) -> str:
        if self.failed:
            return "MISS"
        if self.ours is None:
            return "n/a"
        if self.ratio_target is not None:
            value, bound = self.ratio, self.ratio_target
        elif self.limit is not None:
            value, bound = self.ours, self.limit
        else:
            return ""
        if value is None:
            return "n/a"
        good = value >= bound if self.at_least else value <= bound
        return "PASS" if good else "MISS"


def fmt(value: float | None, unit: str) -> str:
    if value is None:
        return "n/a"
    if unit == "s":
        return f"{value:.2f} s"
    if unit == "ms":
        if abs(value) < 1:
            return f"{value:.2f} ms"
        return f"{value:.1f} ms" if abs(value) < 100 else f"{value:.0f} ms"
    if unit in ("MiB", "MB", "MB/s"):
        return f"{value:.0f} {unit}" if abs(value) >= 10 else f"{value:.1f} {unit}"
    if unit == "/s":
        return f"{value:.0f} /s"
    if unit == "cores":
        return f"{value:.3f} cores"
    return f"{value:g} {unit}".strip()


def emit(figures: Iterable[Figure]) -> None:
    """The line ``python -m benchmarks`` reads."""
    print(MARK + json.dumps([asdict(f) for f in figures]), flush=True)


def collect(output: str) -> list[Figure]:
    found: list[Figure] = []
    for line in output.splitlines():
        if line.startswith(MARK):
            found.extend(Figure(**raw) for raw in json.loads(line[len(MARK) :]))
    return found


def table(figures: Sequence[Figure]) -> str:
    rows = [("figure", "GenStudio", "anchor", "ratio", "target", "")]
    for f in figures:
        anchor = fmt(f.anchor, f.unit) if f.anchor is not None else "—"
        if f.anchor is not None and f.anchor_name:
            anchor += f" ({f.anchor_name})"
        ratio = f"{f.ratio:.2f}×" if f.ratio is not None else "—"
        ours = fmt(f.ours, f.unit) if f.ours is not None else "n/a"
        rows.append((f.name, ours, anchor, ratio, f.target or "—", f.verdict))
    widths = [max(len(r[i]) for r in rows) for i in range(6)]
    lines = []
    for n, row in enumerate(rows):
        lines.append("  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row)).rstrip())
        if n == 0:
            lines.append("  ".join("-" * w for w in widths))
    notes = [f"  {f.name}: {f.why}" for f in figures if f.why]
    if notes:
        lines += ["", "notes:", *notes]
    return "\n".join(lines)


# -- statistics -----------------------------------------------------------------------------


def median(values: Sequence[float]) -> float | None:
    return statistics.median(values) if values else None


def percentile(values: Sequence[float], q: float) -> float | None:
    """The nearest-rank percentile (q in 0..1); None for no values."""
    if not values:
        return None
    ordered = sorted(values)
    rank = max(0, min(len(ordered) - 1, int(q * len(ordered) + 0.999999) - 1))
    return ordered[rank]


def slot_lags(ticks: Sequence[float], period: float, slot: float = 0.010) -> list[float]:
    """How late the event loop was, once per ``slot`` of wall time.

    ``ticks``: when a timer of ``period`` actually fired. At a moment s between two ticks
    the loop owed its next tick at max(s, previous tick + period); the lag at s is how
    much later it came. A 120 ms stall so counts in every 10 ms slot it covered
    (115, 110 … 5 ms), not once; an early tick gives a small negative lag, kept as is.
    """
    lags: list[float] = []
    if len(ticks) < 2:
        return lags
    moment = ticks[0]
    while moment < ticks[-1]:
        i = bisect.bisect_right(ticks, moment) - 1
        due = max(moment, ticks[i] + period)
        lags.append(ticks[i + 1] - due)
        moment += slot
    return lags


def stalls(ticks: Sequence[float], period: float, longer_than: float = 0.050) -> int:
    """Gaps between ticks more than ``longer_than`` past the period."""
    return sum(1 for a, b in itertools.pairwise(ticks) if b - a - period > longer_than)


# -- CPU and memory from /proc --------------------------------------------------------------


def process_cpu(pid: int) -> float:
    """Seconds of CPU (user + system) a process has used so far, all its threads."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / CLOCK_TICK


def process_age() -> float:
    """Seconds since this process started (Linux /proc)."""
    fields = Path("/proc/self/stat").read_text().rsplit(")", 1)[1].split()
    uptime = float(Path("/proc/uptime").read_text().split()[0])
    return uptime - int(fields[19]) / CLOCK_TICK


LAUNCHED_AT = "GENSTUDIO_BENCH_LAUNCHED_AT"


def since_launch() -> float:
    """Seconds since the parent started this process (its wall clock just before the
    spawn, in the environment), else since the kernel says it started (10 ms steps)."""
    launched = os.environ.get(LAUNCHED_AT)
    return time.time() - float(launched) if launched else process_age()


def peak_rss_mib() -> float:
    """This process's peak resident memory so far (ru_maxrss is KiB on Linux)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _status_mib(key: str) -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(key + ":"):
            return int(line.split()[1]) / 1024
    raise RuntimeError(f"{key} not in /proc/self/status")


def rss_mib() -> float:
    return _status_mib("VmRSS")


def reset_peak() -> None:
    """Start a new high-water mark (Linux ≥ 4.0), so each round's peak is its own."""
    Path("/proc/self/clear_refs").write_text("5")


def peak_since_reset_mib() -> float:
    return _status_mib("VmHWM")


def run_main(main: Callable[[], list[Figure]]) -> None:
    """The end of a benchmark's ``__main__``: its figures as a table and the FIGURES line."""
    figures = main()
    print(table(figures), flush=True)
    emit(figures)
    sys.stdout.flush()
