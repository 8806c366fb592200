"""Helper steps the harness runs in child processes (never timed as workloads).

    python -m bench.children seed DB --rows N [--seed S]   fill an empty registry directly
    python -m bench.children dump-xlsx BOOK.xlsx OUT.pickle   every row of the first sheet
    python -m bench.children dump-db DB OUT.pickle            the all-enterprise roster lines
    python -m bench.children dump-rows DB EMPTY OUT.pickle    the rows an import stored in DB

``seed`` is the fallback when ``goosetier import`` is not available yet: it writes the generated
roster's enterprises, designations and revenue through SQLAlchemy Core with the same counting
windows the store computes, so summary, export and table workloads still have a registry of the
right size. The dumps give the export baseline "the same values" to write, and the bare sqlite3
write baseline (``bench.baselines.SQLITE_WRITE``) the same rows the import stored. All of them
run in a child so the harness never holds a whole registry or workbook in its own memory.
"""

from __future__ import annotations

import argparse
import json
import pickle
import re
import sys
from pathlib import Path

CHUNK = 5_000
# goosetier.importing.apply._DEFER_MIN: a table that gets at least this many new rows, and more
# than doubles, has its plain indexes dropped during the import and built again before commit.
DEFER_MIN = 10_000
BATCH_TABLE = "import_batch"


def seed(db: Path, rows: int, seed_value: int) -> int:
    """Insert `rows` generated enterprises into the (empty, migrated) registry at `db`."""
    from sqlalchemy import insert

    from bench.generate import roster_records
    from goosetier.core.catalog import load_catalog
    from goosetier.core.names import clean_name, normalize_name
    from goosetier.store import models as m
    from goosetier.store.database import open_registry
    from goosetier.store.writes import rule_set_for, window_for

    catalog = load_catalog()
    reg = open_registry(db)
    try:
        ents: list[dict] = []
        dess: list[dict] = []
        figs: list[dict] = []
        with reg.engine.begin() as conn:
            for eid, rec in enumerate(roster_records(rows, seed_value), start=1):
                (_, name, code, cluster, street, programs, year, batch, revenue, listed,
                 contact, phone) = rec
                ents.append({"id": eid, "name": clean_name(name), "name_norm": normalize_name(name),
                             "credit_code": code, "cluster": cluster, "street": street,
                             "listed": listed not in ("未上市", "新三板挂牌"),
                             "listed_exchange": None if listed == "未上市" else listed,
                             "contact_name": contact, "contact_phone": phone,
                             "updated_by": "bench"})
                for text in programs.split("、"):
                    program = catalog.find_program(text)
                    if program is None:
                        continue
                    count_from, count_until = window_for(program.id, year, None, None)
                    batch_no = re.search(r"\d+", batch)
                    dess.append({"enterprise_id": eid, "program_id": program.id, "year": year,
                                 "batch_text": batch,
                                 "batch_no": int(batch_no.group()) if batch_no else None,
                                 "kind": "new", "count_from": count_from,
                                 "count_until": count_until, "status": "valid",
                                 "rule_set": rule_set_for(year, None), "source": "bench.seed"})
                figs.append({"enterprise_id": eid, "year": 2024, "revenue": revenue})
                if len(ents) >= CHUNK:
                    _flush(conn, insert, m, ents, dess, figs)
            _flush(conn, insert, m, ents, dess, figs)
    finally:
        reg.close()
    return rows


def _flush(conn, insert, m, ents: list, dess: list, figs: list) -> None:
    for table, batch in ((m.Enterprise.__table__, ents), (m.Designation.__table__, dess),
                         (m.YearlyFigure.__table__, figs)):
        if batch:
            conn.execute(insert(table), batch)
            batch.clear()


def dump_xlsx(book: Path, out: Path) -> int:
    """Every row of the first sheet of `book`, blanks as None, pickled to `out`."""
    import python_calamine as pc

    sheet = pc.CalamineWorkbook.from_path(str(book)).get_sheet_by_index(0)
    rows = [[None if v == "" else v for v in row] for row in sheet.iter_rows()]
    with open(out, "wb") as fh:
        pickle.dump(rows, fh, protocol=pickle.HIGHEST_PROTOCOL)
    return len(rows)


def dump_db(db: Path, out: Path) -> int:
    """The registry's all-enterprise roster lines (header first), pickled to `out`."""
    import dataclasses

    from goosetier.store.database import open_registry
    from goosetier.store.selection import RosterLine, Selection, roster_lines

    reg = open_registry(db, migrate=False)
    try:
        with reg.session() as s:
            rows: list[list] = [[f.name for f in dataclasses.fields(RosterLine)]]
            rows += [list(dataclasses.astuple(line)) for line in roster_lines(s, Selection())]
    finally:
        reg.close()
    with open(out, "wb") as fh:
        pickle.dump(rows, fh, protocol=pickle.HIGHEST_PROTOCOL)
    return len(rows)


def dump_rows(db: Path, empty: Path, out: Path, defer_min: int = DEFER_MIN) -> dict:
    """The rows an import added to `db` (which started as a copy of `empty`), pickled to `out`.

    Plain sqlite3 on both files, so the rows are exactly what SQLite stores (dates and JSON as
    the text the import wrote). A table counts when it has rows past the empty registry's last
    rowid; the import's batch row goes first, the others in foreign-key order (parents first,
    since the baseline keeps ``foreign_keys=ON``). Like the import's own statements, a column
    NULL in every new row is left out — unless the schema gives it a default, which would then
    replace the NULL. Tables getting ``defer_min`` rows or more, and more than doubling, are
    listed in "defer": their plain indexes are built after the rows, as the import does.
    Returns what the harness checks the baseline's copy against: rows added per table.
    """
    import sqlite3

    base, con = sqlite3.connect(empty), sqlite3.connect(db)
    try:
        added: dict[str, tuple[int, int]] = {}  # table → (empty registry's max rowid, rows added)
        for (table,) in con.execute("SELECT name FROM sqlite_master WHERE type = 'table' "
                                    "AND name NOT LIKE 'sqlite_%' ORDER BY name").fetchall():
            known = base.execute("SELECT count(*) FROM sqlite_master WHERE type = 'table' "
                                 "AND name = ?", (table,)).fetchone()[0]
            before = base.execute(f'SELECT coalesce(max(rowid), 0) FROM "{table}"').fetchone()[0] \
                if known else 0
            n = con.execute(f'SELECT count(*) FROM "{table}" WHERE rowid > ?',
                            (before,)).fetchone()[0]
            if n:
                added[table] = (before, n)
        if BATCH_TABLE not in added:
            raise SystemExit(f"dump-rows: {db} holds no new {BATCH_TABLE} row")
        parents = {t: {row[2] for row in con.execute(f'PRAGMA foreign_key_list("{t}")')}
                   & set(added) - {t} for t in added}
        order = [BATCH_TABLE]  # first, as in the import: the other rows point at it
        while len(order) < len(added):
            ready = [t for t in added if t not in order and parents[t] <= set(order)]
            if not ready:  # a cycle: keep the rest in name order (SQLite checks at each row)
                ready = [t for t in added if t not in order]
            order.append(ready[0])
        dumped: list[tuple[str, list[str], list[tuple]]] = []
        for table in order:
            before, _ = added[table]
            info = con.execute(f'PRAGMA table_info("{table}")').fetchall()
            filled = con.execute(
                "SELECT " + ", ".join(f'count("{c[1]}")' for c in info)
                + f' FROM "{table}" WHERE rowid > ?', (before,)).fetchone()
            columns = [c[1] for c, k in zip(info, filled, strict=True) if k or c[4] is not None]
            rows = con.execute(
                "SELECT " + ", ".join(f'"{c}"' for c in columns)
                + f' FROM "{table}" WHERE rowid > ? ORDER BY rowid', (before,)).fetchall()
            dumped.append((table, columns, rows))
    finally:
        base.close()
        con.close()
    defer = [t for t in order if t != BATCH_TABLE
             and added[t][1] >= defer_min and added[t][1] > added[t][0]]
    batch = next(d for d in dumped if d[0] == BATCH_TABLE)
    data = {"chunk": CHUNK, "batch": batch, "defer": defer,
            "tables": [d for d in dumped if d[0] != BATCH_TABLE]}
    with open(out, "wb") as fh:
        pickle.dump(data, fh, protocol=pickle.HIGHEST_PROTOCOL)
    return {"added": {t: n for t, (_, n) in added.items()}, "order": order, "defer": defer}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.children")
    sub = parser.add_subparsers(dest="step", required=True)
    p = sub.add_parser("seed")
    p.add_argument("db", type=Path)
    p.add_argument("--rows", type=int, required=True)
    p.add_argument("--seed", type=int, default=8)
    p = sub.add_parser("dump-xlsx")
    p.add_argument("book", type=Path)
    p.add_argument("out", type=Path)
    p = sub.add_parser("dump-db")
    p.add_argument("db", type=Path)
    p.add_argument("out", type=Path)
    p = sub.add_parser("dump-rows")
    p.add_argument("db", type=Path)
    p.add_argument("empty", type=Path)
    p.add_argument("out", type=Path)
    p.add_argument("--defer-min", type=int, default=DEFER_MIN)
    args = parser.parse_args(argv)
    if args.step == "dump-rows":
        print(json.dumps(dump_rows(args.db, args.empty, args.out, args.defer_min)))
        return 0
    if args.step == "seed":
        n = seed(args.db, args.rows, args.seed)
    elif args.step == "dump-xlsx":
        n = dump_xlsx(args.book, args.out)
    else:
        n = dump_db(args.db, args.out)
    print(n)
    return 0


if __name__ == "__main__":
    sys.exit(main())
