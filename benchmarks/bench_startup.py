"""Start time, peak memory, scrolling and the gallery: GenStudio next to a bare script.

For an empty history and histories of 10,000 and 100,000 jobs (saved files and their
sidecars in the library folders, history_home.py), each run launches GenStudio (the real
``genstudio.app.main``, offscreen) and the bare PySide6 script (bare_window.py) in fresh
processes, alternating which goes first, after one unmeasured warm-up launch of each;
every counted launch starts from the thumbnail cache the warm-up left. Both are timed
from the parent's spawn to the end of the first paint that shows the window with its
first rows (first_paint.py: work either leaves for after that paint is not counted, as
the user does not wait for it), then scroll the table, show the gallery (the bare
script: a list view in icon mode), wait a second and report their peak memory. Medians
of ``--runs``, and of at least ``EMPTY_RUNS`` for the empty history: its launches are the
shortest (a quarter of a second), where one scheduler hiccup weighs most, and on this
2-core machine single launches of either side ranged 0.15-0.31 s within one run.
Targets (issue 13): start ≤ 1.5× bare empty, ≤ 2× bare at 100,000 jobs; peak memory at
100,000 jobs ≤ 1.5× bare. Run: ``python -m benchmarks.bench_startup [--quick]``.
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
from pathlib import Path

from benchmarks.child_launch import launch, run_script
from benchmarks.figures import Figure, median, percentile, run_main
from benchmarks.history_home import launch_home, make_home

HOMES = Path(tempfile.gettempdir()) / "genstudio-bench-homes"
EMPTY_RUNS = 11


def measure(rows: int, runs: int, root: Path) -> dict[str, dict[str, list[float]]]:
    template = make_home(HOMES / str(rows), rows)
    found: dict[str, dict[str, list[float]]] = {}
    for n in range(runs + 1):  # launch 0 warms both sides and is not counted
        order = ("genstudio", "bare") if n % 2 else ("bare", "genstudio")
        for side in order:
            run, warm = root / side, root / f"{side}-warm-cache"
            if n:  # every counted launch finds the cache the warm-up left, no more
                shutil.rmtree(run / "cache", ignore_errors=True)
                shutil.copytree(warm, run / "cache")
            home = launch_home(template, run)
            if side == "genstudio":
                result = launch("benchmarks.start_scenario:scenario", {"rows": rows}, home)
            else:
                history = Path(home["XDG_DATA_HOME"]) / "GenStudio" / "history.sqlite3"
                result = run_script(["benchmarks.bare_window", str(history)], home)
            if n == 0:
                shutil.rmtree(warm, ignore_errors=True)
                shutil.copytree(run / "cache", warm)
                continue
            into = found.setdefault(side, {})
            for key in ("shown", "ready", "gallery", "peak_mib"):
                into.setdefault(key, []).append(result[key])
            into.setdefault("steps", []).extend(result["steps"])
            into.setdefault("gallery_steps", []).extend(result["gallery_steps"])
            into.setdefault("rows", []).append(result["rows"])
        if n:
            ours, bare = found["genstudio"], found["bare"]
            print(
                f"{rows:>7,} jobs, run {n}: GenStudio {ours['shown'][-1]:.2f} s "
                f"{ours['peak_mib'][-1]:.0f} MiB, bare {bare['shown'][-1]:.2f} s "
                f"{bare['peak_mib'][-1]:.0f} MiB",
                flush=True,
            )
    return found


def figures(sizes: list[int], runs: int, skipped: list[int]) -> list[Figure]:
    out: list[Figure] = []
    with tempfile.TemporaryDirectory(prefix="genstudio-bench-") as tmp:
        full = runs >= 5  # --quick stays quick
        counts = {rows: max(runs, EMPTY_RUNS) if rows == 0 and full else runs for rows in sizes}
        measured = {rows: measure(rows, counts[rows], Path(tmp)) for rows in sizes}
    start_targets = {0: 1.5, 100_000: 2.0}
    for rows in sizes + skipped:
        label = "empty history" if rows == 0 else f"{rows:,} jobs"
        got = measured.get(rows)
        why = "" if got else "not measured with --quick"
        ours = got["genstudio"] if got else {}
        bare = got["bare"] if got else {}

        def med(side: dict[str, list[float]], key: str, scale: float = 1.0) -> float | None:
            value = median(side.get(key, []))
            return None if value is None else value * scale

        note = f"median of {counts[rows]}" if got else why
        out.append(
            Figure(
                f"start → painted window, {label}",
                "s",
                med(ours, "shown"),
                med(bare, "shown"),
                "bare",
                ratio_target=start_targets.get(rows),
                why=note,
            )
        )
        if got:
            out.append(
                Figure(
                    f"start → ready for a first click, {label}",
                    "s",
                    med(ours, "ready"),
                    med(bare, "ready"),
                    "bare",
                    why=(
                        "the painted window plus what it leaves for just after its first "
                        "paint (the previewer, listening for a second launch), which a "
                        "first click would wait for"
                        if rows == sizes[0]
                        else ""
                    ),
                )
            )
        out.append(
            Figure(
                f"peak memory, {label}",
                "MiB",
                med(ours, "peak_mib"),
                med(bare, "peak_mib"),
                "bare",
                ratio_target=1.5 if rows == 100_000 else None,
                why="" if got else why,
            )
        )
        if rows and got:
            out.append(
                Figure(
                    f"scroll step p95 (painted), {label}",
                    "ms",
                    (percentile(ours["steps"], 0.95) or 0) * 1000,
                    (percentile(bare["steps"], 0.95) or 0) * 1000,
                    "bare",
                )
            )
            out.append(
                Figure(
                    f"gallery shown, {label}",
                    "ms",
                    med(ours, "gallery", 1000),
                    med(bare, "gallery", 1000),
                    "bare list view",
                    why=f"rows in the table after start: {int(median(ours['rows']) or 0):,}",
                )
            )
    return out


def main() -> list[Figure]:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--quick", action="store_true", help="3 runs, no 100,000-job history")
    args = parser.parse_args()
    if args.quick:
        return figures([0, 10_000], min(args.runs, 3), [100_000])
    return figures([0, 10_000, 100_000], args.runs, [])


if __name__ == "__main__":
    run_main(main)
