"""Every benchmark, one after another (never two at once), and one table.

Each runs in a process of its own (``python -m benchmarks.<name>``), prints its own
lines, and ends with a ``FIGURES`` line; this collects them into one table of figure,
GenStudio, anchor, ratio, target and PASS/MISS. A benchmark that fails is a row saying
so, not a number. ``--quick`` asks each for fewer rounds and rows (a few minutes in
all); the kill test runs only without it.
Run: ``python -m benchmarks [--quick] [--only startup views ...]``.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time

from benchmarks.figures import Figure, collect, table

# (module, passes --quick, runs with --quick)
BENCHMARKS = (
    ("bench_startup", True, True),
    ("bench_views", True, True),
    ("bench_gui_lag", True, True),
    ("bench_task_cost", True, True),
    ("bench_download", True, True),
    ("bench_preview", True, True),
    ("bench_polling", True, True),
    ("faults", False, False),
)


def run_one(module: str, args: list[str]) -> list[Figure]:
    print(f"\n== {module} {' '.join(args)}", flush=True)
    started = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-m", f"benchmarks.{module}", *args],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout is not None
    lines = []
    for line in proc.stdout:
        lines.append(line)
        if not line.startswith("FIGURES "):
            print("  " + line.rstrip(), flush=True)
    proc.wait()
    output = "".join(lines)
    figures = collect(output)
    print(f"   ({time.perf_counter() - started:.0f} s, exit {proc.returncode})", flush=True)
    if module == "faults":  # it prints its own table; its exit code says whether all held
        return [
            Figure(
                "kill test: lost, resent, partial, mismatched = 0",
                "",
                float(proc.returncode),
                limit=0.0,
                why="exit code of benchmarks.faults (0: every figure at its target)",
            )
        ]
    if proc.returncode or not figures:
        return [*figures, Figure(module, "", None, why=f"failed (exit {proc.returncode})")]
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--only", nargs="*", help="benchmark names, e.g. startup views")
    args = parser.parse_args()
    started = time.perf_counter()
    figures: list[Figure] = []
    for module, takes_quick, in_quick in BENCHMARKS:
        name = module.removeprefix("bench_")
        if args.only and name not in args.only and module not in args.only:
            continue
        if args.quick and not in_quick:
            continue
        figures += run_one(module, ["--quick"] if args.quick and takes_quick else [])
    minutes = (time.perf_counter() - started) / 60
    mode = "--quick" if args.quick else "full"
    print(f"\nGenStudio benchmarks ({mode} run, {minutes:.0f} min)\n", flush=True)
    print(table(figures), flush=True)


if __name__ == "__main__":
    main()
