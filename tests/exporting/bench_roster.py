"""Benchmark: roster export of N enterprises against a bare xlsxwriter constant_memory write.

    .venv/bin/python -m tests.exporting.bench_roster [N] [--db PATH]

Goal: export ≤ 1.2 × the bare write of the same values. The bare writes get the values already in
memory (fetching them is not timed) and write them with no formats, no widths, no safety checks:
"write_row" is the idiomatic ``ws.write_row``; "typed" calls write_string / write_number /
write_datetime per cell, the fastest bare form. The export is timed end to end (SQL included).
Not collected by pytest (its name does not start with test_).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import tempfile
import time
from pathlib import Path

from sqlalchemy import insert

from goosetier.core.codes import make_code
from goosetier.core.names import normalize_name
from goosetier.exporting import roster_query as Q
from goosetier.exporting.roster import export_roster
from goosetier.store import models as m
from goosetier.store.database import open_registry
from goosetier.store.selection import Selection
from goosetier.store.writes import window_for

CLUSTERS = ("船舶海工", "智能家电", "高端化工新材料", "汽车", "高端装备", "芯屏", "海洋生物医药",
            "人工智能", "其他")
PROGRAMS = ("little_giant", "high_tech", "specialized_sme", "tech_sme", "above_scale")


def fill(registry, n: int) -> float:
    """n enterprises, one designation and one revenue each, inserted with SQLAlchemy Core."""
    rnd, now = random.Random(1), dt.datetime(2026, 1, 1)
    ents, des, figs = [], [], []
    for i in range(1, n + 1):
        name = f"青岛{rnd.choice('海容中加特赛轮双星澳柯玛')}{i:06d}科技股份有限公司"
        org = "".join(rnd.choice("0123456789ABCDEFGHJKLMNPQRTUWXY") for _ in range(8))
        ents.append({"id": i, "name": name, "name_norm": normalize_name(name),
                     "credit_code": make_code("91370211", org) if i % 10 else None,
                     "cluster": rnd.choice(CLUSTERS), "street": rnd.choice(("灵珠山街道", "黄岛街道")),
                     "legal_rep": "张三", "contact_name": "李四",
                     "contact_phone": f"1380000{i % 10000:04d}", "listed": i % 50 == 0,
                     "notes": None if i % 3 else "重点培育", "created_at": now, "updated_at": now})
        figs.append({"enterprise_id": i, "year": 2025, "revenue": rnd.uniform(1000, 500000)})
        program, year = rnd.choice(PROGRAMS), rnd.randint(2019, 2025)
        count_from, count_until = window_for(program, year, None, None)
        des.append({"enterprise_id": i, "program_id": program, "year": year, "kind": "new",
                    "batch_text": f"第{rnd.randint(1, 8)}批", "count_from": count_from,
                    "count_until": count_until, "status": "valid", "created_at": now,
                    "updated_at": now})
    t = time.perf_counter()
    with registry.engine.begin() as conn:
        conn.execute(insert(m.Enterprise.__table__), ents)
        conn.execute(insert(m.YearlyFigure.__table__), figs)
        conn.execute(insert(m.Designation.__table__), des)
    return time.perf_counter() - t


def timed(fn, *args, **kwargs) -> tuple[float, float]:
    """(wall, CPU) seconds of one call: CPU time is steadier on a shared, busy machine."""
    wall, cpu = time.perf_counter(), time.process_time()
    fn(*args, **kwargs)
    return time.perf_counter() - wall, time.process_time() - cpu


def bare(header, rows, path: Path, typed: bool) -> None:
    import xlsxwriter

    wb = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    ws = wb.add_worksheet()
    ws.write_row(0, 0, header)
    if typed:
        date_fmt = wb.add_format({"num_format": "yyyy-mm-dd"})
        for r, values in enumerate(rows, 1):
            for c, v in enumerate(values):
                if v is None:
                    continue
                if isinstance(v, str):
                    ws.write_string(r, c, v)
                elif isinstance(v, dt.date):
                    ws.write_datetime(r, c, v, date_fmt)
                else:
                    ws.write_number(r, c, v)
    else:
        for r, values in enumerate(rows, 1):
            ws.write_row(r, 0, values)
    wb.close()


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("n", nargs="?", type=int, default=100_000)
    ap.add_argument("--db", type=Path)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    work = Path(tempfile.mkdtemp(prefix="goosetier-bench-"))
    os.environ.setdefault("GOOSETIER_HOME", str(work))  # backups never go to the real home
    db = args.db or work / "registry.sqlite3"
    fresh = not db.exists()
    registry = open_registry(db)
    if fresh:
        print(f"insert {args.n} enterprises (Core): {fill(registry, args.n):.2f} s")
    cases = [("all enterprises, 2025", Selection(year=2025)),
             ("5 programs, any validity", Selection(programs=PROGRAMS, validity="any", year=2025))]
    for label, sel in cases:
        header = [c.header for c in Q.roster_columns(sel)]
        with registry.session() as s:
            rows = [values for _, values in Q.roster_values(s, sel)]
        best = {k: (1e9, 1e9) for k in ("write_row", "typed", "export")}

        for _ in range(args.repeat):  # interleaved, best of: the machine may be busy
            for key, measured in (
                    ("write_row", timed(bare, header, rows, work / "b.xlsx", False)),
                    ("typed", timed(bare, header, rows, work / "t.xlsx", True)),
                    ("export", timed(export_roster, registry, sel, work / "export.xlsx"))):
                best[key] = (min(best[key][0], measured[0]), min(best[key][1], measured[1]))
        print(f"{label}: {len(rows)} rows (wall / CPU seconds)")
        for key, (wall, cpu) in best.items():
            ratio = "" if key == "export" else (
                f"  export ÷ this: {best['export'][0] / wall:.2f} / {best['export'][1] / cpu:.2f}")
            print(f"  {key:9} {wall:6.2f} / {cpu:6.2f}{ratio}")
    registry.close()


if __name__ == "__main__":
    main()
