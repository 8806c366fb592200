"""Write a plan to the registry: one transaction, SQLAlchemy Core bulk statements, undoable.

Every import is an ImportBatch (file, sha256, sheet, mapping, options, user, counts). What undo
needs is written beside the data: an ImportChange per enterprise created or changed (an update
keeps the previous values and the version it left, so undo can tell whether someone edited the
record since) and per yearly figure it touched; designations and name-history lines carry the
batch id themselves. Designations get their counting window and rule set exactly as the
window's one-record writes do (store.writes.window_for / rule_set_for).

Speed (ARCHITECTURE habit 5): rows go in by one executemany per table and chunk, built as
tuples (see insert_tuples), new ids are numbered on from max(id) under SQLite's write lock
(RETURNING on a server), nothing is an ORM object; a designation's values are worked out once
per distinct spec, and on SQLite the plain indexes of a table the import more than doubles are
built once after its rows (see _defer_indexes). progress(done, total) is called and cancelled() checked
between chunks; cancelling or any error rolls the whole transaction back.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable
from itertools import repeat
from operator import attrgetter, is_not, itemgetter
from pathlib import Path
from typing import Any

from sqlalchemy import JSON, Float, bindparam, func, insert, select, update
from sqlalchemy.engine import Connection
from sqlalchemy.exc import IntegrityError

from goosetier.core.names import normalize_name
from goosetier.importing.model import (
    INSERT,
    UPDATE,
    DesignationSpec,
    ImportCancelled,
    ImportFailure,
    ImportPlan,
    PlanRow,
)
from goosetier.importing.planning import FIELDS, FIGURES
from goosetier.store import models as m
from goosetier.store.database import Registry, backup_sqlite, current_user
from goosetier.store.writes import rule_set_for, window_for

E = m.Enterprise.__table__
D = m.Designation.__table__
F = m.YearlyFigure.__table__
H = m.NameHistory.__table__
B = m.ImportBatch.__table__
C = m.ImportChange.__table__
A = m.AuditEvent.__table__
CHUNK = 5000
IMPORT_CACHE_KB = 65536

Progress = Callable[[int, int], None]
Cancelled = Callable[[], bool]


def to_json(value: object) -> object:
    """Values as ImportChange.before stores them (dates as ISO text)."""
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    return value


def apply_plan(registry: Registry, plan: ImportPlan, *, progress: Progress | None = None,
               cancelled: Cancelled | None = None, backup: bool = True,
               save_mapping: dict | None = None,
               signature: str | None = None) -> tuple[int, list[int], Path | None]:
    """Write the plan's insert and update rows. Returns (batch id, enterprise ids, backup)."""
    backup_path = None
    if backup and registry.is_sqlite and registry.path is not None and registry.path.exists():
        backup_path = backup_sqlite(registry.path, "before-import")
    writer = _Writer(plan, progress, cancelled)
    writer.db_user = getattr(registry, "db_user", None)  # the server login, for the audit log
    try:
        batch_id = _write(registry, writer, save_mapping, signature)
    except IntegrityError as exc:
        # someone added the same firm (code) after the preview was made: all or nothing
        raise ImportFailure("import_stale", detail=str(exc.orig).splitlines()[0]) from exc
    return batch_id, writer.touched, backup_path


def _write(registry: Registry, writer: _Writer, save_mapping: dict | None,
           signature: str | None) -> int:
    with registry.engine.begin() as conn:
        if conn.dialect.name == "sqlite":
            # 100,000 firms go into indexes on random keys (code, name): with SQLite's default
            # 2 MB page cache every insert misses it, and the import slows down fourfold.
            conn.exec_driver_sql(f"PRAGMA cache_size=-{IMPORT_CACHE_KB}")
        batch_id = writer.run(conn)
        if save_mapping is not None and signature:
            _save_mapping(conn, signature, save_mapping)
    return batch_id


class _Writer:
    def __init__(self, plan: ImportPlan, progress: Progress | None,
                 cancelled: Cancelled | None) -> None:
        self.plan = plan
        self.progress = progress or (lambda done, total: None)
        self.cancelled = cancelled or (lambda: False)
        self.user = plan.options.user or current_user()
        self.now = m.utcnow()
        self.source = f"import:{Path(plan.file).name}"[:200]
        self.db_user: str | None = None
        self.touched: list[int] = []
        self.changes: list[tuple] = []
        self._rule_sets: dict[tuple, str | None] = {}
        self._spec_values: dict[int, tuple] = {}  # id(spec) → its values
        self._specs: list[DesignationSpec] = []

    def run(self, conn: Connection) -> int:
        plan = self.plan
        self.batch_id = conn.execute(insert(B).values(
            file_name=Path(plan.file).name[:260], sha256=plan.sha256, sheet=plan.sheet[:100],
            mapping={"fields": {str(k): v for k, v in plan.mapping.items()},
                     "headers": list(plan.headers)},
            options=plan.options.as_dict(), counts={}, user=self.user,
            created_at=self.now)).inserted_primary_key[0]
        work = [r for r in plan.rows if r.action in (INSERT, UPDATE)]
        total, done = len(work), 0
        self.progress(0, total)
        deferred = _defer_indexes(conn, self._expected_rows(work))
        for start in range(0, total, CHUNK):
            if self.cancelled():
                raise ImportCancelled()
            chunk = work[start:start + CHUNK]
            self._inserts(conn, [r for r in chunk if r.action == INSERT])
            self._updates(conn, [r for r in chunk if r.action == UPDATE])
            self._designations(conn, chunk)
            self._figures(conn, chunk)
            self._flush_changes(conn)
            done += len(chunk)
            self.progress(done, total)
        if self.cancelled():
            raise ImportCancelled()
        _restore_indexes(conn, deferred)
        counts = {"rows_read": plan.rows_read, **plan.result_counts()}
        conn.execute(update(B).where(B.c.id == self.batch_id).values(counts=counts))
        conn.execute(insert(A).values(at=self.now, os_user=current_user(),
                                      db_user=self.db_user,
                                      action="import.apply", table_name="import_batch",
                                      row_id=self.batch_id,
                                      detail={"file": Path(plan.file).name, **counts}))
        return self.batch_id

    def _expected_rows(self, work: list[PlanRow]) -> dict[str, int]:
        """Rows this plan will add to each big table (for _defer_indexes)."""
        inserts = list(map(_ACTION, work)).count(INSERT)
        return {E.name: inserts, C.name: len(work),
                D.name: sum(map(len, map(_NEW_DESIGNATIONS, work))),
                F.name: len(work) - list(map(bool, map(_FIGURES_AFTER, work))).count(False)}

    # --- enterprises -----------------------------------------------------------------------

    def _inserts(self, conn: Connection, rows: list[PlanRow]) -> None:
        if not rows:
            return
        sample = self.plan.options.mark_sample
        now, user = self.now, self.user
        sqlite = conn.dialect.name == "sqlite"
        # SQLite: ids numbered on from max(id) (see _insert_ids); a server's sequence gives
        # them through RETURNING.
        start = _next_id(conn, E) if sqlite else 0
        records = [r.record for r in rows]  # an INSERT row always has its record
        # the keys of _ENTERPRISE_INSERT, in order
        params = [(start + n, rec.name, rec.name_norm, rec.credit_code, rec.code_warning,
                   *map(rec.fields.get, _PLAIN_FIELDS), bool(rec.fields.get("listed")),
                   rec.fields.get("listed_exchange"), sample, now, now, user, 1)
                  for n, rec in enumerate(records)]  # type: ignore[union-attr]
        if sqlite:
            ids = list(range(start, start + len(rows)))
            insert_tuples(conn, E, _ENTERPRISE_INSERT, params)
        else:
            ids = _insert_ids(conn, E, [dict(zip(_ENTERPRISE_INSERT[1:], p[1:], strict=True))
                                        for p in params])
        history = []
        for r, eid in zip(rows, ids, strict=True):
            r.enterprise_id = eid
            rec = r.record
            if rec is not None and rec.former_name:
                history.append(self._history(eid, rec.former_name))
        self.touched += ids
        batch = self.batch_id
        self.changes += [(batch, "enterprise", eid, "insert", None, 1) for eid in ids]
        if history:
            bulk_insert(conn, H, history)

    def _updates(self, conn: Connection, rows: list[PlanRow]) -> None:
        groups: dict[tuple[str, ...], list[PlanRow]] = defaultdict(list)
        history = []
        for r in rows:
            if not r.changes:
                continue
            groups[tuple(sorted(r.changes))].append(r)
            if "name" in r.changes:
                history.append(self._history(r.enterprise_id, str(r.changes["name"][0])))
        for keys, members in groups.items():
            columns = list(keys) + (["name_norm"] if "name" in keys else [])
            stmt = (update(E)
                    .where(E.c.id == bindparam("_id"), E.c.version == bindparam("_version"))
                    .values({**{k: bindparam(f"v_{k}") for k in columns},
                             "version": E.c.version + 1, "updated_at": self.now,
                             "updated_by": self.user}))
            params = []
            for r in members:
                p = {"_id": r.enterprise_id, "_version": r.version}
                for k in keys:
                    p[f"v_{k}"] = r.changes[k][1]
                if "name" in keys:
                    p["v_name_norm"] = normalize_name(str(r.changes["name"][1]))
                params.append(p)
                before = {k: to_json(r.changes[k][0]) for k in keys}
                if "name" in keys:
                    before["name_norm"] = normalize_name(str(r.changes["name"][0]))
                before.update({k: to_json(v) for k, v in (r.previous or {}).items()})
                self.changes.append(self._change("enterprise", r.enterprise_id, "update",
                                                 before, (r.version or 0) + 1))  # type: ignore[arg-type]
            result = conn.execute(stmt, params)
            if result.rowcount is not None and 0 <= result.rowcount < len(params):
                # someone saved one of these firms after the preview was made
                raise ImportFailure("import_conflict", count=len(params) - result.rowcount)
        self.touched += [r.enterprise_id for r in rows if r.enterprise_id is not None]
        if history:
            bulk_insert(conn, H, history)

    # --- designations, figures, history ----------------------------------------------------

    def _designations(self, conn: Connection, rows: list[PlanRow]) -> None:
        # Specs repeat (the validator shares one spec among the rows that say the same), so
        # each distinct spec's values are worked out once.
        made, keep = self._spec_values, self._specs
        for r in rows:
            for spec in r.new_designations:
                if id(spec) not in made:
                    made[id(spec)] = self._designation(spec)
                    keep.append(spec)  # alive while its id is a key
        params = [(r.enterprise_id, *made[id(spec)]) for r in rows
                  for spec in r.new_designations]
        if params:
            insert_tuples(conn, D, _DESIGNATION_INSERT, params)

    def _designation(self, s: DesignationSpec) -> tuple:
        """The values of _DESIGNATION_INSERT after enterprise_id."""
        count_from, count_until = window_for(s.program_id, s.year, s.valid_from, s.valid_until)
        key = (s.year, s.valid_from)
        if key not in self._rule_sets:
            self._rule_sets[key] = rule_set_for(s.year, s.valid_from)
        return (s.program_id, s.year, (s.batch_text or None) and s.batch_text[:60],
                s.batch_no, s.kind, s.level, s.category, s.valid_from, s.valid_until,
                count_from, count_until, "valid", s.product and s.product[:200],
                s.certificate_no and s.certificate_no[:60], self._rule_sets[key], self.source,
                self.batch_id, self.now, self.now, 1)

    def _figures(self, conn: Connection, rows: list[PlanRow]) -> None:
        fresh, fresh_existing, changed = [], [], []
        for r in rows:
            if not r.figures_after or r.record is None:
                continue
            year = r.record.figure_year
            if r.figures_before is None:
                # Figures of a firm this import creates go with it on undo; others need a line.
                if r.action == INSERT:
                    after = r.figures_after
                    fresh.append((r.enterprise_id, year, *map(after.get, FIGURES)))
                    continue
                values = dict.fromkeys(FIGURES)
                values.update(r.figures_after, enterprise_id=r.enterprise_id, year=year)
                fresh_existing.append(values)
            else:
                changed.append(r)
        if fresh:
            insert_tuples(conn, F, ("enterprise_id", "year", *FIGURES), fresh)
        if fresh_existing:
            ids = _insert_ids(conn, F, fresh_existing)
            for fid, values in zip(ids, fresh_existing, strict=True):
                after = {k: values[k] for k in FIGURES if values[k] is not None}
                self.changes.append(self._change("yearly_figure", fid, "insert",
                                                 {"_after": after}, None))
        for r in changed:
            before = r.figures_before or {}
            keys = sorted(r.figures_after)
            conn.execute(update(F).where(F.c.id == before["id"]).values(
                {k: r.figures_after[k] for k in keys}))
            self.changes.append(self._change(
                "yearly_figure", int(before["id"]), "update",
                {**{k: before.get(k) for k in keys}, "_after": dict(r.figures_after)}, None))

    def _history(self, eid: int | None, old_name: str) -> dict[str, Any]:
        return {"enterprise_id": eid, "name": old_name, "name_norm": normalize_name(old_name),
                "until": self.now.date(), "source": self.source,
                "import_batch_id": self.batch_id}

    def _change(self, table: str, row_id: int, action: str, before: dict | None,
                version_after: int | None) -> tuple:
        """An ImportChange row: the values of _CHANGE_INSERT."""
        return (self.batch_id, table, row_id, action, before, version_after)

    def _flush_changes(self, conn: Connection) -> None:
        if self.changes:
            insert_tuples(conn, C, _CHANGE_INSERT, self.changes)
            self.changes = []


_PLAIN_FIELDS = FIELDS[:-2]
_ACTION = attrgetter("action")
_NEW_DESIGNATIONS = attrgetter("new_designations")
_FIGURES_AFTER = attrgetter("figures_after")
_ENTERPRISE_INSERT = ("id", "name", "name_norm", "credit_code", "code_warning", *_PLAIN_FIELDS,
                      "listed", "listed_exchange", "is_sample", "created_at", "updated_at",
                      "updated_by", "version")
_DESIGNATION_INSERT = ("enterprise_id", "program_id", "year", "batch_text", "batch_no", "kind",
                       "level", "category", "valid_from", "valid_until", "count_from",
                       "count_until", "status", "product", "certificate_no", "rule_set",
                       "source", "import_batch_id", "created_at", "updated_at", "version")
_CHANGE_INSERT = ("batch_id", "table_name", "row_id", "action", "before", "version_after")
assert FIELDS[-2:] == ("listed", "listed_exchange")


def bulk_insert(conn: Connection, table, rows: list[dict[str, Any]]) -> None:
    """One INSERT for many rows (all with the same keys), as one executemany."""
    if not rows:
        return
    keys = tuple(rows[0])
    getter = itemgetter(*keys)
    values = [getter(r) for r in rows] if len(keys) > 1 else [(getter(r),) for r in rows]
    insert_tuples(conn, table, keys, values)


def insert_tuples(conn: Connection, table, keys: tuple[str, ...], rows: list[tuple]) -> None:
    """INSERT rows given as tuples of ``keys`` into ``table``, as one executemany.

    On a server this is Core's ``conn.execute(insert(table), rows)``. On SQLite the statement
    is compiled once and the tuples go to the driver (sqlite3's executemany through the
    SQLAlchemy connection), each value through its column type's own bind processor, so dates,
    JSON and booleans are stored exactly as Core stores them: Core's per-row parameter handling
    otherwise costs more than SQLite's insert itself at 100,000 rows.
    """
    if not rows:
        return
    if conn.dialect.name != "sqlite":
        conn.execute(insert(table), [dict(zip(keys, r, strict=True)) for r in rows])
        return
    # A column that is NULL in every row is left out of the statement (SQLite then stores
    # NULL itself): binding a dozen explicit NULLs per row made inserts up to three times
    # slower. Columns with a server default must be bound, or the default would replace NULL.
    columns = list(zip(*rows, strict=True))
    keep = [i for i, k in enumerate(keys)
            if table.c[k].server_default is not None or table.c[k].default is not None
            or any(map(is_not, columns[i], _NONES))]
    dialect = conn.dialect
    names = [keys[i] for i in keep]
    compiled = _compiled(table, tuple(names), dialect)
    order = [names.index(k) for k in compiled.positiontup or ()]
    kept = [list(columns[keep[i]]) for i in order]
    for column, name in zip(kept, (names[i] for i in order), strict=True):
        kind = table.c[name].type
        proc = kind.dialect_impl(dialect).bind_processor(dialect)
        if proc is None:
            continue
        if isinstance(kind, JSON | Float):  # JSON: dicts are not hashable; floats rarely repeat
            column[:] = [v if v is None else proc(v) for v in column]
            continue
        # Processed values repeat (the batch's timestamp, a handful of dates): convert each
        # distinct value once; None is in no mapping, so .get leaves it None.
        converted = {v: proc(v) for v in set(column) if v is not None}
        column[:] = map(converted.get, column)
    conn.exec_driver_sql(compiled.string, list(zip(*kept, strict=True)))


_NONES = repeat(None)  # (endless: `is_not` pairs every value with None)
_COMPILED: dict[tuple, Any] = {}


def _compiled(table, names: tuple[str, ...], dialect) -> Any:
    key = (table.name, names, dialect.name)
    found = _COMPILED.get(key)
    if found is None:
        found = _COMPILED[key] = insert(table).values(
            {k: bindparam(k) for k in names}).compile(dialect=dialect)
    return found


def _next_id(conn: Connection, table) -> int:
    """The first new id for ``table``: numbered on from max(id) (SQLite; see _insert_ids)."""
    return (conn.execute(select(func.max(table.c.id))).scalar() or 0) + 1


def _defer_indexes(conn: Connection, adding: dict[str, int]) -> list[tuple[str, str]]:
    """Drop the plain (non-unique) indexes of SQLite tables that this import will more than
    double, to build them again before commit (_restore_indexes).

    Filling 100,000 rows into indexes on random keys (name, code, cluster, program…) one row
    at a time cost more than the rows themselves; CREATE INDEX over the finished table sorts
    once. The statements are SQLite's own (sqlite_master.sql), so the schema after the import
    is exactly the one before; DDL is transactional in SQLite, so a cancelled or failed import
    rolls the indexes back with everything else. Unique indexes stay: they check the data.
    """
    if conn.dialect.name != "sqlite":
        return []
    dropped: list[tuple[str, str]] = []
    for table, count in adding.items():
        if count < _DEFER_MIN:
            continue
        have = conn.exec_driver_sql(f'SELECT max(rowid) FROM "{table}"').scalar() or 0
        if count <= have:
            continue
        for name, sql in conn.exec_driver_sql(
                "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? "
                "AND sql IS NOT NULL", (table,)).all():
            if not sql.lstrip().upper().startswith("CREATE INDEX"):
                continue  # unique indexes check the rows as they go in
            conn.exec_driver_sql(f'DROP INDEX "{name}"')
            dropped.append((name, sql))
    return dropped


def _restore_indexes(conn: Connection, dropped: list[tuple[str, str]]) -> None:
    for _name, sql in dropped:
        conn.exec_driver_sql(sql)


_DEFER_MIN = 10_000  # rows: below this, dropping and building indexes is not worth it


def _insert_ids(conn: Connection, table, params: list[dict[str, Any]]) -> list[int]:
    """Insert rows and return their ids, in order.

    SQLite does not promise RETURNING order for a multi-row INSERT, so SQLAlchemy would send
    one statement per row; the import already holds SQLite's write lock (the batch row went in
    first), so numbering on from max(id) is safe and keeps it one executemany. Servers with
    sequences use RETURNING.
    """
    if conn.dialect.name != "sqlite":
        return list(conn.execute(insert(table).returning(table.c.id,
                                                         sort_by_parameter_order=True),
                                 params).scalars())
    start = _next_id(conn, table)
    ids = list(range(start, start + len(params)))
    for row_id, values in zip(ids, params, strict=True):
        values["id"] = row_id
    bulk_insert(conn, table, params)
    return ids


def _save_mapping(conn: Connection, signature: str, mapping: dict) -> None:
    t = m.ColumnMapping.__table__
    now = m.utcnow()
    found = conn.execute(update(t).where(t.c.signature == signature)
                         .values(mapping=mapping, updated_at=now))
    if not found.rowcount:
        conn.execute(insert(t).values(signature=signature, mapping=mapping, updated_at=now))
