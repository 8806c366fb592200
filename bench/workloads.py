"""The workloads of issue 8, each measured next to its baseline in the same run.

Every goal is one row of ``GOALS``; ``Bench.run_all`` measures them all and returns one
``Outcome`` per row. Runs of a workload and of its baseline are interleaved (A, B, A, B …) so a
burst of noise on a shared machine hits both rather than one. A command another part of the
project has not delivered yet is detected (``goosetier import --help`` fails) and its rows say
"not available yet" instead of failing the harness; the other workloads still run.

Child processes get their own ``GOOSETIER_HOME`` inside the work folder, so backups and logs the
commands write never reach the officer's real data folder.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from bench import baselines
from bench.children import DEFER_MIN
from bench.generate import generate_roster
from bench.measure import Run, Samples, run_measured

ROOT = Path(__file__).resolve().parents[1]
MB = 1024 * 1024
SMALL_REGISTRY = 1_000
SEARCH_TEXT = "海容"


@dataclass(frozen=True, slots=True)
class Goal:
    """One line of the issue's goal table."""

    id: str
    label: str
    baseline: str  # what the figure is compared with ("" for an absolute goal)
    goal: str  # as the issue words it
    unit: str  # s / ms / MB


GOALS: tuple[Goal, ...] = (
    Goal("import_vs_calamine", "`goosetier import` of a new roster into an empty registry "
         "(whole process)", "bare python-calamine read (process)", "≤ 3 ×", "s"),
    Goal("import_vs_openpyxl", "`goosetier import` of a new roster (same runs)",
         "bare openpyxl read-only read (process)", "≤ 0.3 ×", "s"),
    Goal("import_again", "the same import again (nothing changes)", "the first import",
         "≤ 1 ×", "s"),
    Goal("dry_run", "`goosetier import --dry-run` preview (empty registry)",
         "bare python-calamine read (process)", "≤ 2.5 ×", "s"),
    Goal("export", "`goosetier export roster` of all rows (whole process)",
         "bare xlsxwriter constant_memory write of the same values (process)", "≤ 1.2 ×", "s"),
    Goal("summary", "`goosetier summary --json` at {rows} enterprises",
         f"the same at {SMALL_REGISTRY:,} enterprises", "≤ 2 ×", "s"),
    Goal("import_memory", "peak memory (max RSS) of the import", "", "≤ 400 MB", "MB"),
    Goal("version", "`goosetier --version`", "`python -c pass`", "≤ 1.5 × + 0.1 s", "s"),
    Goal("table_build", "table: build the model + first page (offscreen)", "", "≤ 150 ms", "ms"),
    Goal("table_sort", "table: sort by name + first page", "", "≤ 150 ms", "ms"),
    Goal("table_filter", f"table: text filter “{SEARCH_TEXT}” + first page", "", "≤ 150 ms",
         "ms"),
)
GOAL_IDS = tuple(g.id for g in GOALS)

# Goals that are a ratio: measured key, baseline key, limit (value ≤ limit × baseline + extra).
RATIO_GOALS: dict[str, tuple[str, str, float, float]] = {
    "import_vs_calamine": ("import_new", "calamine", 3.0, 0.0),
    "import_vs_openpyxl": ("import_new", "openpyxl", 0.3, 0.0),
    "import_again": ("import_again", "import_new", 1.0, 0.0),
    "dry_run": ("dry_run", "calamine", 2.5, 0.0),
    "export": ("export", "xlsxwriter", 1.2, 0.0),
    "summary": ("summary", "summary_small", 2.0, 0.0),
    "version": ("version", "python_pass", 1.5, 0.1),
}
# Absolute goals: measured key, limit in the goal's unit.
LIMIT_GOALS: dict[str, tuple[str, float]] = {
    "import_memory": ("import_rss", 400.0),
    "table_build": ("table_build", 150.0),
    "table_sort": ("table_sort", 150.0),
    "table_filter": ("table_filter", 150.0),
}
BASELINES: tuple[tuple[str, str], ...] = (
    ("calamine", "bare python-calamine read of the roster (process)"),
    ("openpyxl", "bare openpyxl read-only read of the roster (process)"),
    ("sqlite_write", "bare sqlite3 write of the rows the first import stored, into a copy of "
                     "the empty registry (process, pickle load excluded)"),
    ("xlsxwriter", "bare xlsxwriter constant_memory write of the exported values (process, "
                   "pickle load excluded)"),
    ("summary_small", f"`summary --json` at {SMALL_REGISTRY:,} enterprises"),
    ("python_pass", "`python -c pass`"),
)


@dataclass
class Outcome:
    """What the run found for one goal."""

    goal: Goal
    value: Samples | None = None
    baseline: Samples | None = None
    ratio: float | None = None
    passed: bool | None = None
    status: str = ""  # "" when measured; else "not available yet: …" or "failed: …"
    note: str = ""
    cpu: Samples | None = None  # the same figure in CPU time (user + system)
    cpu_ratio: float | None = None
    cpu_passed: bool | None = None


@dataclass
class Bench:
    """One benchmark run: a work folder, the generated roster, and every measurement."""

    rows: int
    runs: int
    workdir: Path
    quick: bool = False
    log: Callable[[str], None] = lambda line: print(line, file=sys.stderr, flush=True)
    samples: dict[str, Samples] = field(default_factory=dict)
    missing: dict[str, str] = field(default_factory=dict)  # measure key → why it has no figure
    failures: dict[str, list[str]] = field(default_factory=dict)  # measure key → failed runs
    observations: list[str] = field(default_factory=list)
    loads: list[tuple[str, str]] = field(default_factory=list)
    observed: set[str] = field(default_factory=set)  # what observations were already made
    stored: dict[str, int] | None = None  # table → rows the first import stored (once dumped)

    def __post_init__(self) -> None:
        self.workdir.mkdir(parents=True, exist_ok=True)
        self.python = sys.executable
        script = Path(self.python).with_name("goosetier")
        self.goosetier = [str(script)] if script.exists() else [self.python, "-m", "goosetier"]
        home = self.workdir / "home"
        home.mkdir(exist_ok=True)
        self.env = {k: v for k, v in os.environ.items()
                    if k not in ("GOOSETIER_DB", "GOOSETIER_LANG")}
        self.env.update(GOOSETIER_HOME=str(home), QT_QPA_PLATFORM="offscreen",
                        PYTHONDONTWRITEBYTECODE="1")
        self.openpyxl_runs = 1 if self.quick else self.runs

    # --- plumbing -----------------------------------------------------------------------------

    def child(self, argv: Sequence[str]) -> Run:
        return run_measured(argv, env=self.env, cwd=ROOT)

    def gt(self, db: Path | None, *args: str) -> list[str]:
        argv = list(self.goosetier)
        if db is not None:
            argv += ["--db", str(db)]
        return argv + list(args)

    def record(self, key: str, value: float) -> None:
        self.samples.setdefault(key, Samples()).add(value)

    def timed(self, key: str, argv: Sequence[str], *, rss_key: str | None = None) -> Run | None:
        """Run a measured child; record its seconds (and peak RSS) or why it failed."""
        run = self.child(argv)
        if not run.ok:
            self.failures.setdefault(key, []).append(
                f"exit {run.returncode}: {run.last_error_line()}")
            self.log(f"  {key}: FAILED ({run.last_error_line()})")
            return None
        self.record(key, run.seconds)
        self.record(f"{key}_cpu", run.cpu_seconds)
        if rss_key:
            self.record(rss_key, run.peak_rss / MB)
        self.log(f"  {key}: {run.seconds:.3f} s, peak {run.peak_rss / MB:.0f} MB")
        return run

    def helper(self, argv: Sequence[str], what: str) -> Run:
        run = self.child(argv)
        if not run.ok:
            raise RuntimeError(f"{what} failed: {run.last_error_line()}\n{run.stderr[-2000:]}")
        return run

    def has_command(self, *words: str) -> bool:
        return self.child(self.gt(None, *words, "--help")).ok

    def copy_registry(self, src: Path, dst: Path) -> Path:
        """A consistent copy (the sqlite3 backup API, so a WAL file is included)."""
        for stale in (dst, dst.with_name(dst.name + "-wal"), dst.with_name(dst.name + "-shm")):
            stale.unlink(missing_ok=True)
        with sqlite3.connect(src) as a, sqlite3.connect(dst) as b:
            a.backup(b)
        a.close()
        b.close()
        return dst

    @staticmethod
    def count(db: Path, table: str) -> int:
        with sqlite3.connect(db) as con:
            n = con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
        con.close()
        return n

    # --- the run ------------------------------------------------------------------------------

    def load_sample(self) -> str:
        """The load average and, where Linux reports it, how much work waited for a CPU."""
        try:
            one, five, _ = os.getloadavg()
            text = f"load average {one:.1f} (1 min), {five:.1f} (5 min)"
        except OSError:
            return "load average unknown"
        try:
            psi = Path("/proc/pressure/cpu").read_text(encoding="utf-8").split()
            avg60 = next(f for f in psi if f.startswith("avg60="))
            text += f", CPU pressure {avg60.split('=')[1]}% (60 s)"
        except (OSError, StopIteration):
            pass
        return text

    def load_text(self) -> str:
        return "; ".join(f"{when}: {what}" for when, what in self.loads)

    def run_all(self) -> list[Outcome]:
        self.loads = [("at the start", self.load_sample())]
        self.prepare()
        self.import_phase()
        self.loads.append(("after the imports", self.load_sample()))
        self.build_registries()
        self.export_phase()
        self.summary_phase()
        self.version_phase()
        self.table_phase()
        self.loads.append(("at the end", self.load_sample()))
        return self.outcomes()

    def prepare(self) -> None:
        self.log(f"generating a roster of {self.rows:,} rows …")
        self.roster = generate_roster(self.workdir / f"roster-{self.rows}.xlsx", self.rows).path
        self.small_roster = generate_roster(self.workdir / f"roster-{SMALL_REGISTRY}.xlsx",
                                            SMALL_REGISTRY, seed=9).path
        self.template = self.workdir / "empty.sqlite3"
        self.helper(self.gt(self.template, "check", "--json"), "creating an empty registry")
        self.can_import = self.has_command("import")
        self.can_export = self.has_command("export", "roster")
        for name, ok in (("import", self.can_import), ("export roster", self.can_export)):
            if not ok:
                self.observations.append(f"`goosetier {name}` is not available yet.")

    def import_phase(self) -> None:
        self.log("import workloads …")
        roster = str(self.roster)
        self.full: Path | None = None
        for i in range(self.runs):
            self.timed("calamine", [self.python, "-c", baselines.CALAMINE_READ, roster])
            if self.can_import:
                db = self.copy_registry(self.template, self.workdir / f"import-{i}.sqlite3")
                first = self.timed("import_new", self.gt(db, "import", roster, "--json"),
                                   rss_key="import_rss")
                if first is not None and "first import" not in self.observed:
                    self.observe_import(db, first, "first import")
                if first is not None and self.stored is None:
                    self.dump_stored(db)  # before the re-import, though it writes nothing
                again = self.timed("import_again", self.gt(db, "import", roster, "--json"),
                                   rss_key="import_again_rss")
                if again is not None and "import again" not in self.observed:
                    self.observe_import(db, again, "import again")
                dry_db = self.copy_registry(self.template, self.workdir / "dry.sqlite3")
                dry = self.timed("dry_run", self.gt(dry_db, "import", roster, "--json",
                                                    "--dry-run"), rss_key="dry_run_rss")
                if dry is not None and "dry run" not in self.observed:
                    self.observed.add("dry run")
                    left = self.count(dry_db, "enterprise")
                    self.observations.append(
                        f"dry-run: exit 0, registry left with {left:,} enterprises "
                        f"({'unchanged' if left == 0 else 'CHANGED'}).")
                if first is not None:
                    if self.full is not None:
                        self.full.unlink(missing_ok=True)
                    self.full = db
                else:
                    db.unlink(missing_ok=True)
            if self.stored is not None:
                self.time_sqlite_write()
            if i < self.openpyxl_runs:
                self.timed("openpyxl", [self.python, "-c", baselines.OPENPYXL_READ, roster])
        if not self.can_import:
            for key in ("import_new", "import_again", "dry_run", "import_rss", "sqlite_write"):
                self.missing[key] = "not available yet: `goosetier import` is not a command"
        elif self.stored is None:
            self.missing.setdefault("sqlite_write", "not measured: no import succeeded, so "
                                                    "there were no stored rows to write")
        elif self.stored:
            self.observe_sqlite_write()
        if self.quick and self.openpyxl_runs < self.runs:
            self.observations.append(
                f"--quick: the openpyxl baseline ran {self.openpyxl_runs} time(s), not "
                f"{self.runs}.")

    def observe_import(self, db: Path, run: Run, what: str) -> None:
        self.observed.add(what)
        ents, dess = self.count(db, "enterprise"), self.count(db, "designation")
        summary = ""
        try:
            data = json.loads(run.stdout)
            if isinstance(data, dict):
                keep = {k: v for k, v in data.items() if isinstance(v, int | float | str)
                        and not isinstance(v, bool)}
                counts = data.get("counts")
                if isinstance(counts, dict):
                    keep.update({f"counts.{k}": v for k, v in counts.items()
                                 if isinstance(v, int | float)})
                summary = ", ".join(f"{k}={v}" for k, v in list(keep.items())[:12])
        except ValueError:
            summary = "stdout is not JSON"
        self.observations.append(
            f"{what}: exit 0 in {run.seconds:.2f} s, peak {run.peak_rss / MB:.0f} MB; registry "
            f"holds {ents:,} enterprises and {dess:,} designations"
            + (f"; JSON: {summary}" if summary else "") + ".")

    def dump_stored(self, db: Path) -> None:
        """Pickle the rows the first import stored in `db`, for the bare sqlite3 write (not
        timed; a child, so the harness never holds them)."""
        self.stored_rows = self.workdir / "stored-rows.pickle"
        run = self.child([self.python, "-m", "bench.children", "dump-rows", str(db),
                          str(self.template), str(self.stored_rows)])
        if not run.ok:
            self.missing["sqlite_write"] = ("failed: reading the rows the import stored: "
                                            f"{run.last_error_line()}")
            self.stored = {}  # tried once; time_sqlite_write skips an empty dump
            return
        info = json.loads(run.stdout)
        self.stored = {t: info["added"][t] for t in info["order"]}
        self.stored_defer: list[str] = info["defer"]
        # what the copy must hold afterwards: the imported registry's own counts
        self.stored_counts = {t: self.count(db, t) for t in self.stored}

    def time_sqlite_write(self) -> None:
        """One run of the bare sqlite3 write into a fresh copy of the empty registry; the run
        counts only if the copy then holds the imported registry's row counts."""
        if not self.stored:
            return
        key = "sqlite_write"
        copy = self.copy_registry(self.template, self.workdir / "bare-write.sqlite3")
        try:
            run = self.child([self.python, "-c", baselines.SQLITE_WRITE, str(self.stored_rows),
                              str(copy)])
            if not run.ok:
                self.failures.setdefault(key, []).append(
                    f"exit {run.returncode}: {run.last_error_line()}")
                self.log(f"  {key}: FAILED ({run.last_error_line()})")
                return
            counts = {t: self.count(copy, t) for t in self.stored}
            if counts != self.stored_counts:
                wrong = ", ".join(f"{t} {counts[t]:,} (import {self.stored_counts[t]:,})"
                                  for t in counts if counts[t] != self.stored_counts[t])
                self.failures.setdefault(key, []).append(f"the copy holds other counts: {wrong}")
                self.log(f"  {key}: WRONG ROW COUNTS ({wrong})")
                return
            load, load_cpu = (float(x) for x in run.stdout.split())
            self.record(key, run.seconds - load)
            self.record(f"{key}_cpu", run.cpu_seconds - load_cpu)
            self.log(f"  {key}: {run.seconds - load:.3f} s (+ {load:.3f} s load), "
                     f"peak {run.peak_rss / MB:.0f} MB")
        finally:
            for path in (copy, copy.with_name(copy.name + "-wal"),
                         copy.with_name(copy.name + "-shm")):
                path.unlink(missing_ok=True)

    def observe_sqlite_write(self) -> None:
        assert self.stored is not None
        rows = sum(self.stored.values())
        tables = ", ".join(f"{t} {n:,}" for t, n in self.stored.items())
        deferred = (f"the plain indexes of {', '.join(self.stored_defer)} dropped first and "
                    f"built again after their rows, as the import does for a table that gets "
                    f"{DEFER_MIN:,} new rows or more" if self.stored_defer else
                    f"no index dropped: no table got {DEFER_MIN:,} new rows, and below that "
                    "the import drops none either")
        fails = len(self.failures.get("sqlite_write", []))
        checked = ("every copy held the imported registry's row counts" if not fails else
                   f"{fails} run(s) failed or left other row counts, and are not in the figure")
        self.observations.append(
            f"bare sqlite3 write: {rows:,} rows the first import stored ({tables}), written "
            f"into a copy of the empty registry in one transaction with the import's pragmas; "
            f"{deferred}; {checked}.")

    def build_registries(self) -> None:
        """The {rows}-enterprise registry (from the import, else seeded) and a 1,000 one."""
        self.log("registries for export, summary and table …")
        if self.full is not None:
            built_by = "`goosetier import`"
        else:
            self.full = self.copy_registry(self.template, self.workdir / "full.sqlite3")
            self.helper([self.python, "-m", "bench.children", "seed", str(self.full),
                         "--rows", str(self.rows)], "seeding the registry")
            built_by = "bench.children seed (SQLAlchemy Core), since the import is not available"
        self.small = self.copy_registry(self.template, self.workdir / "small.sqlite3")
        small_by = built_by
        if self.can_import and self.child(
                self.gt(self.small, "import", str(self.small_roster), "--json")).ok:
            pass
        else:
            self.small = self.copy_registry(self.template, self.small)
            self.helper([self.python, "-m", "bench.children", "seed", str(self.small),
                         "--rows", str(SMALL_REGISTRY), "--seed", "9"], "seeding the registry")
            small_by = "bench.children seed"
        self.full_count = self.count(self.full, "enterprise")
        self.small_count = self.count(self.small, "enterprise")
        self.observations.append(
            f"registries: {self.full_count:,} enterprises built by {built_by}; "
            f"{self.small_count:,} built by {small_by}.")

    def export_phase(self) -> None:
        self.log("export workloads …")
        values = self.workdir / "export-values.pickle"
        out = self.workdir / "export.xlsx"
        base_out = self.workdir / "baseline.xlsx"
        if not self.can_export:
            self.missing["export"] = ("not available yet: `goosetier export roster` is not a "
                                      "command")
        for i in range(self.runs):
            if self.can_export:
                out.unlink(missing_ok=True)
                run = self.timed("export", self.gt(self.full, "export", "roster", str(out)))
                if run is not None and not out.exists():
                    self.missing["export"] = "failed: exit 0 but no workbook was written"
            if i == 0:
                if out.exists():
                    n = int(self.helper([self.python, "-m", "bench.children", "dump-xlsx",
                                         str(out), str(values)], "reading the export").stdout)
                    self.observations.append(
                        f"export: the workbook holds {n:,} rows (title and header included); "
                        "the baseline writes exactly those cell values.")
                else:
                    n = int(self.helper([self.python, "-m", "bench.children", "dump-db",
                                         str(self.full), str(values)],
                                        "reading the registry").stdout)
                    self.observations.append(
                        f"export baseline: no exported workbook, so it writes the registry's "
                        f"{n:,} roster lines (store.selection.roster_lines).")
            base_out.unlink(missing_ok=True)
            run = self.child([self.python, "-c", baselines.XLSXWRITER_WRITE, str(values),
                              str(base_out)])
            if run.ok:
                load, load_cpu = (float(x) for x in run.stdout.split())
                self.record("xlsxwriter", run.seconds - load)
                self.record("xlsxwriter_cpu", run.cpu_seconds - load_cpu)
                self.log(f"  xlsxwriter: {run.seconds - load:.3f} s (+ {load:.3f} s load)")
            else:
                self.missing["xlsxwriter"] = f"failed: {run.last_error_line()}"

    def summary_phase(self) -> None:
        self.log("summary workloads …")
        for _ in range(self.runs):
            big = self.timed("summary", self.gt(self.full, "summary", "--json"))
            self.timed("summary_small", self.gt(self.small, "summary", "--json"))
        if big is not None:
            try:
                n = json.loads(big.stdout).get("enterprises")
                if n is not None:
                    self.observations.append(f"summary --json reports {n:,} enterprises.")
            except (ValueError, AttributeError):
                self.observations.append("summary --json did not print JSON.")

    def version_phase(self) -> None:
        self.log("start-up workloads …")
        for _ in range(max(self.runs, 5)):
            self.timed("python_pass", [self.python, "-c", baselines.PYTHON_PASS])
            self.timed("version", self.gt(None, "--version"))
        run = self.helper([self.python, "-c", baselines.CLI_IMPORTS], "checking CLI imports")
        line = next((ln for ln in run.stdout.splitlines() if ln.startswith("heavy:")), "heavy:")
        heavy = [m for m in line.removeprefix("heavy:").split(",") if m]
        self.cli_heavy = heavy
        self.observations.append(
            "`goosetier --version` imports " + (", ".join(heavy) if heavy else
                                                "none of Qt, SQLAlchemy, Alembic or the Excel "
                                                "libraries") + ".")

    def table_phase(self) -> None:
        self.log("table workloads …")
        for _ in range(self.runs):
            run = self.child([self.python, "-m", "bench.table_child", str(self.full),
                              "--search", SEARCH_TEXT])
            if not run.ok:
                reason = f"failed: {run.last_error_line()}"
                for key in ("table_build", "table_sort", "table_filter"):
                    self.missing.setdefault(key, reason)
                self.log(f"  table: FAILED ({run.last_error_line()})")
                return
            data = json.loads(run.stdout.strip().splitlines()[-1])
            if not data.get("available"):
                for key in ("table_build", "table_sort", "table_filter"):
                    self.missing[key] = f"not available yet: {data.get('reason', '')}"
                return
            for key in ("build", "sort", "filter"):
                self.record(f"table_{key}", data[f"{key}_ms"])
                self.record(f"table_{key}_cpu", data[f"{key}_cpu_ms"])
            if "last_ms" in data:
                self.record("table_last", data["last_ms"])
                self.record("table_last_cpu", data["last_cpu_ms"])
            self.log(f"  table: build {data['build_ms']:.0f} ms, sort {data['sort_ms']:.0f} ms, "
                     f"filter {data['filter_ms']:.0f} ms")
        last = ""
        if self.samples.get("table_last") and self.samples.get("table_last_cpu"):
            last = (f"; jumping to the last row of the unfiltered table afterwards (the ids "
                    f"the model had not read yet, then that row's page) took "
                    f"{self.samples['table_last'].median:.0f} ms "
                    f"(CPU {self.samples['table_last_cpu'].median:.0f} ms), not judged")
        self.observations.append(
            f"table: {data['model']} over {data['rows']:,} enterprises; the filter "
            f"“{SEARCH_TEXT}” leaves {data['filtered_rows']:,} row(s){last}.")

    # --- verdicts -----------------------------------------------------------------------------

    def outcomes(self) -> list[Outcome]:
        out = []
        for goal in GOALS:
            if goal.id == "summary":
                goal = Goal(goal.id, goal.label.format(rows=f"{self.rows:,}"), goal.baseline,
                            goal.goal, goal.unit)
            oc = Outcome(goal)
            if goal.id in RATIO_GOALS:
                key, base, limit, extra = RATIO_GOALS[goal.id]
                oc.value, oc.baseline = self.samples.get(key), self.samples.get(base)
                oc.status = self.why_missing(key) or self.why_missing(base)
                oc.note = self.failure_note(key, base)
                if oc.value and oc.baseline:
                    oc.ratio = oc.value.median / oc.baseline.median
                    oc.passed = oc.value.median <= limit * oc.baseline.median + extra
                    if extra:
                        oc.note = _join(oc.note,
                                        f"limit {limit * oc.baseline.median + extra:.3f} s")
                oc.cpu = self.samples.get(f"{key}_cpu")
                base_cpu = self.samples.get(f"{base}_cpu")
                if oc.cpu and base_cpu and base_cpu.median > 0:
                    oc.cpu_ratio = oc.cpu.median / base_cpu.median
                    oc.cpu_passed = oc.cpu.median <= limit * base_cpu.median + extra
            else:
                key, limit = LIMIT_GOALS[goal.id]
                oc.value = self.samples.get(key)
                oc.status = self.why_missing(key)
                oc.note = self.failure_note(key)
                oc.cpu = self.samples.get(f"{key}_cpu")
                if oc.cpu:
                    oc.cpu_passed = oc.cpu.median <= limit
                if oc.value:
                    worst = oc.value.high if goal.id == "import_memory" else oc.value.median
                    oc.passed = worst <= limit
                    if goal.id == "import_memory":
                        oc.note = _join(oc.note, "judged on the largest first-import run", *(
                            f"{what} peaks at {self.samples[k].high:.0f} MB"
                            for k, what in (("import_again_rss", "the re-import"),
                                            ("dry_run_rss", "the dry run"))
                            if self.samples.get(k)))
            if goal.id == "version" and getattr(self, "cli_heavy", None):
                heavy = {"PySide6", "sqlalchemy"} & set(self.cli_heavy)
                if heavy:
                    oc.passed = False
                    oc.note = _join(oc.note, "imports " + ", ".join(sorted(heavy)) +
                                    " at start-up")
            if oc.status and oc.value is None:
                oc.passed = None
            out.append(oc)
        return out

    def why_missing(self, key: str) -> str:
        """Why a measure has no figure ("" when it has one)."""
        if key in self.missing:
            return self.missing[key]
        if not self.samples.get(key) and self.failures.get(key):
            return f"failed: {self.failures[key][0]}"
        return ""

    def failure_note(self, *keys: str) -> str:
        """For measures with figures: how many of their runs failed, and the first error."""
        notes = []
        for key in keys:
            fails, got = self.failures.get(key, []), self.samples.get(key)
            if fails and got:
                notes.append(f"{len(fails)} of {len(fails) + len(got)} {key} runs failed "
                             f"({fails[0]}); the figure is the median of the others")
        return "; ".join(notes)

    def cleanup(self) -> None:
        shutil.rmtree(self.workdir, ignore_errors=True)


def _join(*parts: str) -> str:
    return "; ".join(p for p in parts if p)
