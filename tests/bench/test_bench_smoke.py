"""The benchmark harness at 5,000 rows, one run: it must run end to end and write every row.

No timing is asserted (this machine is not the benchmark machine): the point is that the bench
code cannot rot. A workload whose command another feature has not delivered yet must still
have its row, saying "not available"; a command that exists but fails is a failure here.
"""

from __future__ import annotations

import contextlib
import io
import json
import re
import sqlite3
import subprocess
import sys

import pytest

from bench import baselines
from bench.children import main as children
from bench.generate import HEADER, TITLE, generate_roster
from bench.run import main
from bench.workloads import BASELINES, GOALS
from goosetier.core.codes import check_code
from goosetier.core.names import normalize_name

ROWS = 5_000


def _read(path):
    import python_calamine as pc

    return pc.CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0).to_python()


def test_generated_roster_without_title_has_header_first(tmp_path):
    info = generate_roster(tmp_path / "r.xlsx", 50, title_rows=False, seed=1)
    rows = _read(info.path)
    assert info.header_row == 0
    assert tuple(rows[0]) == HEADER
    assert len(rows) == 51


def test_same_seed_same_roster(tmp_path):
    a = _read(generate_roster(tmp_path / "a.xlsx", 30, seed=3).path)
    b = _read(generate_roster(tmp_path / "b.xlsx", 30, seed=3).path)
    c = _read(generate_roster(tmp_path / "c.xlsx", 30, seed=4).path)
    assert a == b
    assert a != c


@pytest.mark.slow
def test_harness_writes_every_row(tmp_path):
    out = tmp_path / "results.md"
    work = tmp_path / "work"
    status = main(["--rows", str(ROWS), "--runs", "1", "--out", str(out), "--workdir",
                   str(work), "--keep"])
    assert status == 0
    text = out.read_text(encoding="utf-8")
    assert "**Machine:**" in text and "Python " in text
    assert "## What we changed and why" in text

    table = [line for line in text.splitlines() if line.startswith("| ")]
    for goal in GOALS:
        label = goal.label.format(rows=f"{ROWS:,}")
        row = next((line for line in table if line.startswith(f"| {label} |")), None)
        assert row is not None, f"no row for {goal.id}"
        median = row.split(" | ")[1]
        assert re.fullmatch(r"[\d.,]+ (s|ms|MB)", median) or median == "not available", (
            f"{goal.id}: {row}")

    # the bare sqlite3 write of the rows the import stored: a baseline with a figure, and the
    # import's floor (read + write) said under the goal table, with no verdict
    label = dict(BASELINES)["sqlite_write"]
    row = next((line for line in table if line.startswith(f"| {label} |")), None)
    assert row is not None, "no row for the bare sqlite3 write"
    assert re.fullmatch(r"[\d.,]+ s", row.split(" | ")[1]), row
    section = text.split("## What the import's own writes cost", 1)[1].split("## ", 1)[0]
    assert re.search(r"= \*\*[\d.,]+ s, [\d.,]+ × the calamine read\*\*", section), section
    assert re.search(r"It is \d+% of the import's median", section), section
    assert "every copy held the imported registry's row counts" in text

    # the roster the harness used has the promised shape
    rows = _read(work / f"roster-{ROWS}.xlsx")
    assert rows[0][0] == TITLE
    assert tuple(rows[1]) == HEADER
    data = rows[2:]
    assert len(data) == ROWS
    col = {h: i for i, h in enumerate(HEADER)}
    assert [int(r[col["序号"]]) for r in data] == list(range(1, ROWS + 1))
    codes = [r[col["统一社会信用代码"]] for r in data]
    assert all(isinstance(c, str) and check_code(c).ok for c in codes)
    assert len(set(codes)) == ROWS
    names = [normalize_name(r[col["企业名称"]]) for r in data]
    assert len(set(names)) == ROWS
    assert all(r[col["企业名称"]].endswith("有限公司") for r in data)
    assert all(re.fullmatch(r"第\d批", r[col["认定批次"]]) for r in data)
    assert {r[col["所属产业"]] for r in data} >= {"船舶海工", "芯屏", "人工智能"}


    _bare_write_builds_the_same_registry(work)


def _bare_write_builds_the_same_registry(work):
    """The bare sqlite3 write, with every table's plain indexes dropped and rebuilt (at 5,000
    rows the harness drops none, as the import does): the copy ends up with the imported
    registry's rows, values and schema."""
    # the harness's names: the first run's imported registry and the empty migrated one
    imported, empty = work / "import-0.sqlite3", work / "empty.sqlite3"
    dump, copy = work / "rows-all-deferred.pickle", work / "bare-all-deferred.sqlite3"
    with sqlite3.connect(empty) as a, sqlite3.connect(copy) as b:
        a.backup(b)
    a.close()
    b.close()
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert children(["dump-rows", str(imported), str(empty), str(dump),
                         "--defer-min", "1"]) == 0
    info = json.loads(out.getvalue())
    assert info["order"][0] == "import_batch"
    assert {"enterprise", "designation", "yearly_figure", "import_change"} <= set(info["defer"])
    done = subprocess.run([sys.executable, "-c", baselines.SQLITE_WRITE, str(dump), str(copy)],
                          capture_output=True, text=True, check=True)
    assert len(done.stdout.split()) == 2  # the pickle's load time, wall and CPU
    con = sqlite3.connect(copy)
    try:
        con.execute("ATTACH ? AS imported", (str(imported),))
        for table in info["order"]:
            for a, b in (("main", "imported"), ("imported", "main")):
                extra = con.execute(f'SELECT count(*) FROM (SELECT * FROM {a}."{table}" '
                                    f'EXCEPT SELECT * FROM {b}."{table}")').fetchone()[0]
                assert extra == 0, f"{table}: {extra} rows in {a} only"
        schema = "SELECT type, name, sql FROM {}.sqlite_master ORDER BY name"
        assert (con.execute(schema.format("main")).fetchall()
                == con.execute(schema.format("imported")).fetchall())
        assert con.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    finally:
        con.close()


def test_report_says_which_clock_each_goal_passes_on():
    from bench.measure import Samples
    from bench.report import goal_row, verdict_lines, verdict_words
    from bench.workloads import Outcome

    by_id = {g.id: g for g in GOALS}
    both = Outcome(by_id["table_build"], passed=True, cpu_passed=True)
    loaded = Outcome(by_id["table_filter"], passed=False, cpu_passed=True)
    memory = Outcome(by_id["import_memory"], passed=True)
    assert verdict_words(both) == "pass"
    assert verdict_words(loaded) == "FAIL on wall time, pass in CPU time"
    assert verdict_words(memory) == "pass"
    text = "\n".join(verdict_lines([both, loaded, memory]))
    assert "**Verdict on wall time:** 2 pass, 1 fail" in text
    assert "**In CPU time:** 2 pass, 0 fail" in text
    assert f"{by_id['table_filter'].label} (FAIL on wall time, pass in CPU time)" in text

    loaded.value, loaded.cpu = Samples([180.0]), Samples([60.0])
    row = goal_row(loaded).split(" | ")
    assert row[-2].startswith("**FAIL**") and row[-1] == "60 ms **pass** |"
