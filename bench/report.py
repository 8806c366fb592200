"""Write ``results.md``: the machine line, the goal table, the baselines, and the notes.

Medians decide; min–max shows how noisy the machine was. A row whose command is not there yet
says "not available" with the reason, so the table always has every goal of the issue. The
"What we changed and why" section is copied from ``bench/notes.md`` (kept by hand: profiling
findings and the changes they led to), since this file is rewritten by every run.
"""

from __future__ import annotations

import datetime as dt
import os
import platform
from collections.abc import Sequence
from importlib import metadata
from pathlib import Path

from bench.measure import Samples
from bench.workloads import BASELINES, Bench, Outcome

NOTES = Path(__file__).with_name("notes.md")
LIBRARIES = ("python-calamine", "openpyxl", "xlsxwriter", "SQLAlchemy", "alembic",
             "PySide6-Essentials", "rapidfuzz", "goosetier")


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines():
            if line.lower().startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def ram_gb() -> float | None:
    try:
        for line in Path("/proc/meminfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("MemTotal:"):
                return int(line.split()[1]) / 1024 / 1024
    except OSError:
        pass
    try:
        return os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 1024**3
    except (ValueError, OSError, AttributeError):
        return None


def machine_line() -> str:
    ram = ram_gb()
    versions = []
    for lib in LIBRARIES:
        try:
            versions.append(f"{lib} {metadata.version(lib)}")
        except metadata.PackageNotFoundError:
            continue
    return (f"{cpu_model()}, {os.cpu_count()} cores"
            + (f", {ram:.1f} GB RAM" if ram else "")
            + f"; {platform.system()} {platform.release()}; Python {platform.python_version()}"
            + "; " + ", ".join(versions))


def fmt(value: float, unit: str) -> str:
    if unit == "ms":
        return f"{value:.0f} ms"
    if unit == "MB":
        return f"{value:.0f} MB"
    return f"{value:.3f} s" if value < 1 else f"{value:.2f} s"


def fmt_range(samples: Samples, unit: str) -> str:
    low, high = fmt(samples.low, unit), fmt(samples.high, unit)
    return f"{low.rsplit(' ', 1)[0]}–{high}"


def runs(samples: Samples) -> str:
    return f"{len(samples)} run" + ("" if len(samples) == 1 else "s")


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def goal_row(oc: Outcome) -> str:
    g = oc.goal
    unit = g.unit
    if oc.value:
        median = fmt(oc.value.median, unit)
        spread = f"{fmt_range(oc.value, unit)} ({runs(oc.value)})"
    else:
        median = "failed" if oc.status.startswith("failed") else "not available"
        spread = "—"
    base = "—"
    if g.baseline:
        base = g.baseline
        if oc.baseline:
            base += f": {fmt(oc.baseline.median, unit)}"
    ratio = f"{oc.ratio:.2f} ×" if oc.ratio is not None else "—"
    if oc.cpu_ratio is not None:
        cpu = f"{oc.cpu_ratio:.2f} ×"
    elif oc.cpu and unit == "ms":
        cpu = fmt(oc.cpu.median, unit)
    else:
        cpu = "—"
    if cpu != "—" and oc.cpu_passed is not None:
        cpu += " **pass**" if oc.cpu_passed else " **FAIL**"
    if oc.passed is True:
        result = "**pass**"
    elif oc.passed is False:
        result = "**FAIL**"
    else:
        result = oc.status or "not measured"
    if oc.status and oc.passed is not None:
        result += f" ({oc.status})"
    if oc.note:
        result += f"; {oc.note}"
    return "| " + " | ".join(_cell(c) for c in (g.label, median, spread, base, ratio, g.goal,
                                                 result, cpu)) + " |"


def verdict_words(oc: Outcome) -> str:
    """One goal's verdict on both clocks: "pass", "FAIL", or "FAIL on wall time, pass in CPU
    time" (and the reverse) — said the same way in results.md and on the console."""
    wall = {True: "pass", False: "FAIL", None: "not measured"}[oc.passed]
    if oc.cpu_passed is None or oc.passed is None or oc.cpu_passed == oc.passed:
        return wall
    cpu = "pass" if oc.cpu_passed else "FAIL"
    return f"{wall} on wall time, {cpu} in CPU time"


def verdict_lines(outcomes: Sequence[Outcome]) -> list[str]:
    """The verdict counted on wall time and on CPU time, and the rows where they differ."""
    passed = sum(1 for o in outcomes if o.passed is True)
    failed = sum(1 for o in outcomes if o.passed is False)
    other = len(outcomes) - passed - failed
    judged = [o for o in outcomes if o.cpu_passed is not None]
    cpu_pass = sum(1 for o in judged if o.cpu_passed)
    lines = [f"**Verdict on wall time:** {passed} pass, {failed} fail, {other} not measured. "
             f"**In CPU time:** {cpu_pass} pass, {len(judged) - cpu_pass} fail "
             f"(of the {len(judged)} goals with a CPU figure; peak memory has none)."]
    split = [o for o in outcomes
             if o.passed is not None and o.cpu_passed is not None and o.passed != o.cpu_passed]
    if split:
        lines += ["", "Wall and CPU time disagree on: " + "; ".join(
            f"{o.goal.label} ({verdict_words(o)})" for o in split) + ". A goal that fails on "
            "the wall clock but passes in CPU time waited for a core (check the load line); one "
            "that passes on the wall clock but fails in CPU time used the second core."]
    else:
        lines += ["", "Wall and CPU time agree on every goal."]
    return lines


def floor_figures(bench: Bench, clock: str = "") -> tuple[float, float, float] | None:
    """(calamine read, bare sqlite3 write, their sum) as medians on one clock ("" for wall
    time, "_cpu" for CPU time), or None while either is missing."""
    read, write = bench.samples.get(f"calamine{clock}"), bench.samples.get(f"sqlite_write{clock}")
    if not read or not write or read.median <= 0:
        return None
    return read.median, write.median, read.median + write.median


def floor_lines(bench: Bench) -> list[str]:
    """The section under the goal table: what reading the roster and storing the import's own
    rows costs at the least, so the import's ratio can be read against a measured floor rather
    than against the read alone. Informational: no goal, no verdict."""
    lines = ["## What the import's own writes cost", ""]
    wall = floor_figures(bench)
    if wall is None:
        why = (bench.why_missing("sqlite_write") or bench.why_missing("calamine")
               or "not measured")
        return lines + [f"Not measured ({why}), so the import's floor is unknown in this run."]
    read, write, floor = wall
    text = (f"Bare python-calamine read ({fmt(read, 's')}) + bare sqlite3 write of the rows the "
            f"first import stored ({fmt(write, 's')}) = **{fmt(floor, 's')}, "
            f"{floor / read:.2f} × the calamine read**. That is the floor an import of this "
            "roster cannot go below on this machine: it only reads the file and stores the same "
            "rows in the same schema with plain sqlite3 (one transaction, the import's pragmas, "
            "plain indexes of the big tables built after their rows), with none of the "
            "import's checking, matching or other Python work.")
    imp = bench.samples.get("import_new")
    if imp:
        text += (f" It is {floor / imp.median:.0%} of the import's median "
                 f"({fmt(imp.median, 's')}); the other {fmt(max(imp.median - floor, 0), 's')} "
                 "is everything else the import does.")
    cpu = floor_figures(bench, "_cpu")
    if cpu is not None:
        text += (f" In CPU time: {fmt(cpu[0], 's')} + {fmt(cpu[1], 's')} = {fmt(cpu[2], 's')}, "
                 f"{cpu[2] / cpu[0]:.2f} × the read")
        imp_cpu = bench.samples.get("import_new_cpu")
        text += (f", {cpu[2] / imp_cpu.median:.0%} of the import's {fmt(imp_cpu.median, 's')}."
                 if imp_cpu else ".")
    start = bench.samples.get("python_pass")
    text += (" Both figures include a Python start-up, so the sum counts one start-up too many"
             + (f" (`python -c pass`: {fmt(start.median, 's')})" if start else "") + ". This "
             "is not a goal and has no verdict.")
    return lines + [text]


def render(bench: Bench, outcomes: Sequence[Outcome], started: dt.datetime,
           elapsed: float) -> str:
    lines = [
        "# GooseTier benchmark results",
        "",
        f"Written by `make bench` (`python -m bench.run`) on {started:%Y-%m-%d %H:%M}: "
        f"{bench.rows:,} generated rows, {bench.runs} run(s) per figure"
        + (" (--quick: 1 run of the openpyxl baseline)" if bench.quick else "")
        + f", {elapsed:.0f} s in all. Figures are medians; min–max shows the spread. Every "
        "ratio is against a baseline measured in this same run, runs interleaved. Each goal is "
        "judged twice: on wall time (what the officer waits for; the \"result on wall time\" "
        "column) and in CPU time (user + system, which a machine shared with other work "
        "disturbs far less; the last column, with the CPU figure or ratio it judged).",
        "",
        f"**Machine:** {machine_line()}",
        "",
        f"**Load:** {bench.load_text()}",
        "",
        *verdict_lines(outcomes),
        "",
        "## Goals",
        "",
        "| workload | median | min–max | baseline (median) | ratio | goal | result on wall time "
        "| result in CPU time (user + system) |",
        "|---|---|---|---|---|---|---|---|",
        *(goal_row(o) for o in outcomes),
        "",
        *floor_lines(bench),
        "",
        "## Baselines",
        "",
        "| baseline | median | min–max |",
        "|---|---|---|",
    ]
    for key, label in BASELINES:
        s = bench.samples.get(key)
        if s:
            lines.append(f"| {label} | {fmt(s.median, 's')} | {fmt_range(s, 's')} ({runs(s)}) |")
        else:
            why = bench.why_missing(key) or "not measured"
            lines.append(f"| {label} | {_cell(why)} | — |")
    lines += ["", "## What the run saw", ""]
    lines += [f"- {o}" for o in bench.observations] or ["- (nothing to report)"]
    lines += [
        "",
        "How it is measured: each figure is a child process started with the virtualenv's "
        "Python by a ~9 MB wrapper that reaps it with `os.wait4`, which gives that child's own "
        "wall time, CPU time and peak RSS (the wrapper keeps the harness's own memory out of "
        "the child's high-water mark). The import workloads start from a copy of an empty, "
        "migrated registry; the "
        "export, summary and table work on the registry the import built (seeded directly "
        "through SQLAlchemy Core while the import command is missing). The table "
        "figures come from `bench/table_child.py` (the window's `EnterpriseTableModel`, "
        "`QT_QPA_PLATFORM=offscreen`), timed inside the process.",
        "",
        "## What we changed and why",
        "",
    ]
    if NOTES.exists():
        lines.append(NOTES.read_text(encoding="utf-8").strip())
    else:
        lines.append("_Profiling notes go in `bench/notes.md`; they are copied here._")
    return "\n".join(lines) + "\n"
