"""Moving a registry into a new database (an office's SQLite file into the shared PostgreSQL).

`migrate_to(source, target_url)` opens both (each migrated to the current schema; the SQLite
file is backed up first if its schema was behind), checks that every value fits the target
(PostgreSQL enforces the String lengths and NUL-free text that SQLite does not), refuses a
target holding anything but GooseTier's own seed, then in ONE target transaction copies every
table in dependency order, moves the id sequences past the copied ids and verifies each table
(row count and sum of ids) before committing. A mismatch rolls everything back. The source is
only read.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import Connection, Integer, String, Table, func, select, text
from sqlalchemy.engine import make_url

from goosetier.store import models as m
from goosetier.store.database import Registry, RegistryError, current_user, open_registry, to_url

BATCH = 2000
SEED_TABLES = ("target", "plan_period", "program")  # deleted children first


@dataclass(frozen=True)
class TableCount:
    table: str
    source: int
    target: int

    @property
    def ok(self) -> bool:
        return self.source == self.target


@dataclass
class MigrationReport:
    source: str
    target: str
    tables: list[TableCount]

    @property
    def rows(self) -> int:
        return sum(t.source for t in self.tables)

    @property
    def ok(self) -> bool:
        return all(t.ok for t in self.tables)

    def as_json(self) -> dict:
        return {"source": self.source, "target": self.target, "ok": self.ok, "rows": self.rows,
                "tables": [{"table": t.table, "source": t.source, "target": t.target,
                            "ok": t.ok} for t in self.tables]}


def tables() -> list[Table]:
    """Every registry table, parents before children."""
    return list(m.Base.metadata.sorted_tables)


def _pk(table: Table):
    return list(table.primary_key.columns)[0]


def _int_pk(table: Table) -> bool:
    cols = list(table.primary_key.columns)
    return len(cols) == 1 and isinstance(cols[0].type, Integer)


def _count(conn: Connection, table: Table) -> tuple[int, int]:
    """(rows, sum of integer ids) — the verification fingerprint of a table."""
    if _int_pk(table):
        n, total = conn.execute(select(func.count(), func.coalesce(func.sum(_pk(table)), 0))
                                .select_from(table)).one()
        return int(n), int(total)
    return int(conn.execute(select(func.count()).select_from(table)).scalar() or 0), 0


def _bad_values(conn: Connection, sqlite: bool) -> list[dict]:
    """Values the target would refuse: over-long strings, NUL characters, dangling references."""
    problems: list[dict] = []
    for table in tables():
        pk = _pk(table)
        for col in table.columns:
            if not isinstance(col.type, String):
                continue
            if col.type.length:
                for row_id, _value in conn.execute(
                        select(pk, col).where(func.length(col) > col.type.length).limit(20)):
                    problems.append({"table": table.name, "column": col.name, "row_id": row_id,
                                     "problem": f"longer than {col.type.length}"})
            if sqlite:
                for row_id, _value in conn.execute(
                        select(pk, col).where(func.instr(col, func.char(0)) > 0).limit(20)):
                    problems.append({"table": table.name, "column": col.name, "row_id": row_id,
                                     "problem": "NUL character"})
    if sqlite:
        for row in conn.exec_driver_sql("PRAGMA foreign_key_check").all()[:20]:
            problems.append({"table": row[0], "column": row[2], "row_id": row[1],
                             "problem": "refers to a missing row"})
    return problems


def _only_seed(conn: Connection) -> tuple[str, int] | None:
    """None if the target holds nothing but GooseTier's own seed, else (table, rows)."""
    for table in tables():
        if table.name in SEED_TABLES:
            continue
        n = conn.execute(select(func.count()).select_from(table)).scalar() or 0
        if n:
            return table.name, n
    for model in (m.PlanPeriod, m.Target):  # seeded at version 1; an edit makes it data
        edited = conn.execute(select(func.count()).select_from(model.__table__)
                              .where(model.__table__.c.version != 1)).scalar() or 0
        if edited:
            return model.__tablename__, edited
    return None


def _reset_sequences(conn: Connection) -> None:
    """PostgreSQL's serial counters must start after the copied ids."""
    if conn.dialect.name != "postgresql":
        return
    for table in tables():
        if not _int_pk(table):
            continue
        pk = _pk(table).name
        conn.execute(text(
            f"SELECT setval(pg_get_serial_sequence('\"{table.name}\"', '{pk}'), "
            f"COALESCE((SELECT MAX(\"{pk}\") FROM \"{table.name}\"), 0) + 1, false)"))


def _same(a: str, b: str) -> bool:
    try:
        ua, ub = make_url(a), make_url(b)
    except Exception:
        return a == b
    return (ua.get_backend_name(), ua.host, ua.port, ua.database) == \
        (ub.get_backend_name(), ub.host, ub.port, ub.database)


def migrate_to(source: Registry | str | os.PathLike[str], target_url: str, *,
               progress: Callable[[int, int], None] | None = None) -> MigrationReport:
    """Copy the registry `source` into the empty database `target_url` and verify it."""
    src = source if isinstance(source, Registry) else open_registry(source)
    target_url = to_url(target_url)
    if _same(src.url, target_url):
        raise RegistryError("migrate_same_database")
    dst = open_registry(target_url, seed=False)
    try:
        with src.engine.connect() as sconn:
            problems = _bad_values(sconn, src.is_sqlite)
            if problems:
                raise RegistryError("migrate_bad_rows", count=len(problems), **problems[0])
            before = {t.name: _count(sconn, t) for t in tables()}
            total = sum(n for n, _ in before.values())
            done = 0
            with dst.engine.begin() as tconn:
                occupied = _only_seed(tconn)
                if occupied:
                    raise RegistryError("migrate_target_not_empty", table=occupied[0],
                                        count=occupied[1])
                for name in SEED_TABLES:
                    tconn.execute(m.Base.metadata.tables[name].delete())
                for table in tables():
                    result = sconn.execute(select(table).order_by(*table.primary_key.columns))
                    for chunk in result.mappings().partitions(BATCH):
                        tconn.execute(table.insert(), [dict(r) for r in chunk])
                        done += len(chunk)
                        if progress is not None:
                            progress(done, total)
                _reset_sequences(tconn)
                counts = []
                for table in tables():
                    after = _count(tconn, table)
                    counts.append(TableCount(table.name, before[table.name][0], after[0]))
                    if after != before[table.name]:
                        raise RegistryError("migrate_count_mismatch", table=table.name,
                                            source=before[table.name][0], target=after[0])
                tconn.execute(m.AuditEvent.__table__.insert().values(
                    os_user=current_user(), db_user=dst.db_user, action="registry.migrate_to",
                    table_name=None, row_id=None,
                    detail={"source": _display(src), "rows": total,
                            "tables": {c.table: c.source for c in counts}}))
        return MigrationReport(_display(src), _display(dst), counts)
    finally:
        dst.close()
        if src is not source:
            src.close()


def _display(reg: Registry) -> str:
    if reg.path is not None:
        return str(reg.path)
    return make_url(reg.url).render_as_string(hide_password=True)
