"""``make bench``: run every workload of issue 8 with its baseline and write ``results.md``.

    python -m bench.run [--rows 100000] [--runs 3] [--out bench/results.md] [--quick]
                        [--workdir DIR] [--keep] [--strict]

The work folder (a temporary one unless ``--workdir``) holds the generated rosters, the
registries and the exported workbooks; it is removed at the end unless ``--keep``. The exit
status is 0 when the harness ran, whatever the verdicts (a noisy machine must not break
``make``); ``--strict`` makes any failed goal exit 1.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import tempfile
import time
from pathlib import Path

from bench.report import floor_figures, fmt, render, verdict_words
from bench.workloads import Bench

DEFAULT_OUT = Path(__file__).with_name("results.md")


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m bench.run", description=(
        "Run GooseTier's benchmark (issue 8) and write a results table."))
    p.add_argument("--rows", type=int, default=100_000, help="roster size (default 100,000)")
    p.add_argument("--runs", type=int, default=3, help="runs per figure, ≥ 1 (default 3)")
    p.add_argument("--out", type=Path, default=DEFAULT_OUT, help="results file (Markdown)")
    p.add_argument("--quick", action="store_true",
                   help="run the slow openpyxl baseline once (said so in the results)")
    p.add_argument("--workdir", type=Path, help="work folder (default: a temporary one)")
    p.add_argument("--keep", action="store_true", help="keep the work folder")
    p.add_argument("--strict", action="store_true", help="exit 1 when a goal fails")
    return p


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.runs < 1 or args.rows < 1:
        print("bench: --rows and --runs must be at least 1", file=sys.stderr)
        return 2
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="goosetier-bench-"))
    bench = Bench(rows=args.rows, runs=args.runs, workdir=workdir, quick=args.quick)
    started, t0 = dt.datetime.now(), time.perf_counter()
    try:
        outcomes = bench.run_all()
    finally:
        if not args.keep:
            bench.cleanup()
    text = render(bench, outcomes, started, time.perf_counter() - t0)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text, encoding="utf-8")
    print(f"{'wall':>4} {'cpu':>4}  {'goal':<20} figure (ratio) · CPU figure (ratio)")
    for oc in outcomes:
        wall = {True: "pass", False: "FAIL", None: "n/a"}[oc.passed]
        cpu = {True: "pass", False: "FAIL", None: "—"}[oc.cpu_passed]
        figure = fmt(oc.value.median, oc.goal.unit) if oc.value else oc.status
        ratio = f" ({oc.ratio:.2f} ×)" if oc.ratio is not None else ""
        cpu_figure = (f" · CPU {oc.cpu_ratio:.2f} ×" if oc.cpu_ratio is not None else
                      f" · CPU {fmt(oc.cpu.median, oc.goal.unit)}"
                      if oc.cpu and oc.goal.unit == "ms" else "")
        print(f"{wall:>4} {cpu:>4}  {oc.goal.id:<20} {figure}{ratio}{cpu_figure}  "
              f"goal {oc.goal.goal}  → {verdict_words(oc)}")
    floor = floor_figures(bench)
    if floor is not None:
        imp = bench.samples.get("import_new")
        share = f", {floor[2] / imp.median:.0%} of the import's median" if imp else ""
        print(f"{'—':>4} {'—':>4}  {'import_floor':<20} {fmt(floor[2], 's')} "
              f"({floor[2] / floor[0]:.2f} ×{share})  calamine read + bare sqlite3 write of the "
              "stored rows  → no goal")
    print(f"results written to {args.out}")
    if args.keep:
        print(f"work folder kept: {workdir}")
    return 1 if args.strict and any(o.passed is False for o in outcomes) else 0


if __name__ == "__main__":
    sys.exit(main())
