"""Undo an import batch, and list the batches.

Undo removes what the batch created (enterprises, designations, name-history lines, yearly
figures), puts back the values it overwrote, and marks the batch undone — in one transaction,
after a backup copy of a SQLite registry. It refuses (code "undo_conflict") when a record was
edited after the import: a version that moved on, a figure that no longer holds what the import
wrote, a record gone, or a later designation on a firm the batch created — checked first, and
again by every write (each is guarded by the version the import left), so an edit saved while
the undo runs is caught as well. ``force=True`` undoes anyway; later edits to those records
are then lost. Restored records get a *new* version (never the old one back), so a form opened
before the undo cannot save over it unnoticed.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Date, DateTime, delete, func, insert, or_, select, update
from sqlalchemy.engine import Connection

from goosetier.importing.model import ImportFailure
from goosetier.store import models as m
from goosetier.store.database import Registry, backup_sqlite, current_user

E, D, F = m.Enterprise.__table__, m.Designation.__table__, m.YearlyFigure.__table__
H, B, C = m.NameHistory.__table__, m.ImportBatch.__table__, m.ImportChange.__table__
TABLES = {"enterprise": E, "yearly_figure": F, "designation": D}
_IN = 900  # ids per IN (...) clause


@dataclass(frozen=True)
class BatchInfo:
    id: int
    file_name: str
    sheet: str | None
    created_at: dt.datetime
    user: str | None
    counts: dict
    undone_at: dt.datetime | None

    def as_json(self) -> dict:
        return {"id": self.id, "file": self.file_name, "sheet": self.sheet,
                "created_at": self.created_at.isoformat(timespec="seconds"),
                "user": self.user, "counts": self.counts,
                "undone_at": self.undone_at.isoformat(timespec="seconds")
                if self.undone_at else None}


@dataclass(frozen=True)
class UndoResult:
    batch_id: int
    removed_enterprises: int
    restored_enterprises: int
    removed_designations: int
    conflicts: int  # records edited since the import (undone anyway when forced)
    enterprise_ids: list[int]  # for the window to refresh
    backup: Path | None = None


def list_batches(conn: Connection, limit: int | None = None) -> list[BatchInfo]:
    stmt = select(B.c.id, B.c.file_name, B.c.sheet, B.c.created_at, B.c.user, B.c.counts,
                  B.c.undone_at).order_by(B.c.id.desc())
    if limit:
        stmt = stmt.limit(limit)
    return [BatchInfo(*row) for row in conn.execute(stmt)]


def undo_import(registry: Registry, batch_id: int, *, force: bool = False,
                user: str | None = None) -> UndoResult:
    """Undo one batch (see the module docstring); ImportFailure with a code when refused."""
    with registry.engine.connect() as conn:
        _check_batch(conn, batch_id)
        conflicts = find_conflicts(conn, batch_id)
    if conflicts and not force:
        raise _conflict(batch_id, conflicts)
    backup = None
    if registry.is_sqlite and registry.path is not None and registry.path.exists():
        backup = backup_sqlite(registry.path, "before-undo")
    # Every write below is guarded by the version the import left, so an edit saved between
    # the check above and these writes is caught too (and the whole undo rolls back).
    with registry.engine.begin() as conn:
        _check_batch(conn, batch_id)
        result = _undo(conn, batch_id, len(conflicts), user, force,
                       getattr(registry, "db_user", None))
    return UndoResult(**{**result.__dict__, "backup": backup})


def _conflict(batch_id: int, conflicts: list[str]) -> ImportFailure:
    return ImportFailure("undo_conflict", batch=batch_id, count=len(conflicts),
                         examples="、".join(conflicts[:3]))


def _check_batch(conn: Connection, batch_id: int) -> None:
    row = conn.execute(select(B.c.id, B.c.undone_at).where(B.c.id == batch_id)).first()
    if row is None:
        raise ImportFailure("batch_not_found", batch=batch_id)
    if row.undone_at is not None:
        raise ImportFailure("batch_already_undone", batch=batch_id,
                            at=row.undone_at.isoformat(sep=" ", timespec="minutes"))


def _changes(conn: Connection, batch_id: int):
    return conn.execute(select(C.c.table_name, C.c.row_id, C.c.action, C.c.before,
                               C.c.version_after)
                        .where(C.c.batch_id == batch_id).order_by(C.c.id)).all()


def find_conflicts(conn: Connection, batch_id: int) -> list[str]:
    """Names (or row ids) of records edited after the batch wrote them."""
    changes = _changes(conn, batch_id)
    out: list[str] = []
    by_table: dict[str, dict[int, tuple]] = {"enterprise": {}, "yearly_figure": {}}
    for table, row_id, action, before, version_after in changes:
        by_table.setdefault(table, {})[row_id] = (action, before, version_after)
    ents = by_table["enterprise"]
    ids = list(ents)
    for part in _parts(ids):
        found = dict(conn.execute(select(E.c.id, E.c.version).where(E.c.id.in_(part))).all())
        names = dict(conn.execute(select(E.c.id, E.c.name).where(E.c.id.in_(part))).all())
        for eid in part:
            version_after = ents[eid][2]
            if eid not in found:
                out.append(f"#{eid}")
            elif version_after is not None and found[eid] != version_after:
                out.append(names[eid])
        created = [eid for eid in part if ents[eid][0] == "insert"]
        if created:  # later designations or figures hang on firms this batch created
            later = conn.execute(select(E.c.name).join(D, D.c.enterprise_id == E.c.id).where(
                D.c.enterprise_id.in_(created),
                or_(D.c.import_batch_id.is_(None), D.c.import_batch_id != batch_id))
                .distinct()).scalars().all()
            out += later
    figs = by_table["yearly_figure"]
    for part in _parts(list(figs)):
        current = {row.id: row for row in conn.execute(select(F).where(F.c.id.in_(part)))}
        for fid in part:
            after = (figs[fid][1] or {}).get("_after", {})
            row = current.get(fid)
            if row is None or any(_differs(getattr(row, k), v) for k, v in after.items()):
                out.append(f"yearly_figure #{fid}")
    edited = conn.execute(select(E.c.name).join(D, D.c.enterprise_id == E.c.id).where(
        D.c.import_batch_id == batch_id, D.c.version != 1).distinct()).scalars().all()
    out += edited
    return list(dict.fromkeys(out))


# Bookkeeping an import's "before" keeps for the record but undo never puts back: versions
# only move forward, or a form opened after the import could save over an edit made after it.
_BOOKKEEPING = frozenset({"version", "updated_at", "updated_by"})


def _undo(conn: Connection, batch_id: int, conflicts: int, user: str | None,
          force: bool, db_user: str | None = None) -> UndoResult:
    changes = _changes(conn, batch_id)
    now = m.utcnow()
    who = user or current_user()
    raced: list[str] = []
    created = [row_id for table, row_id, action, *_ in changes
               if table == "enterprise" and action == "insert"]
    stmt = delete(D).where(D.c.import_batch_id == batch_id)
    removed_designations = conn.execute(
        stmt if force else stmt.where(D.c.version == 1)).rowcount or 0
    if not force and conn.execute(select(func.count()).select_from(D).where(
            D.c.import_batch_id == batch_id)).scalar():
        raced.append("designation")  # one of its designations was edited meanwhile
    conn.execute(delete(H).where(H.c.import_batch_id == batch_id))
    restored = []
    for table, row_id, action, before, version_after in changes:
        t = TABLES[table]
        if action == "update":
            values = {k: _from_json(t, k, v) for k, v in (before or {}).items()
                      if not k.startswith("_") and k not in _BOOKKEEPING}
            stmt = update(t).where(t.c.id == row_id)
            if table == "enterprise":
                values.update(version=t.c.version + 1, updated_at=now, updated_by=who)
                if not force and version_after is not None:
                    stmt = stmt.where(t.c.version == version_after)
                restored.append(row_id)
            elif not force:
                stmt = stmt.where(*_holds((before or {}).get("_after", {})))
            if conn.execute(stmt.values(values)).rowcount == 0 and not force:
                raced.append(f"{table} #{row_id}")
        elif action == "insert" and table == "yearly_figure":
            stmt = delete(F).where(F.c.id == row_id)
            if not force:
                stmt = stmt.where(*_holds((before or {}).get("_after", {})))
            if conn.execute(stmt).rowcount == 0 and not force:
                raced.append(f"yearly_figure #{row_id}")
    for part in _parts(created):
        # children first: a SQLite connection without foreign keys must not leave orphans
        conn.execute(delete(D).where(D.c.enterprise_id.in_(part)))
        conn.execute(delete(F).where(F.c.enterprise_id.in_(part)))
        conn.execute(delete(H).where(H.c.enterprise_id.in_(part)))
        stmt = delete(E).where(E.c.id.in_(part))
        gone = conn.execute(stmt if force else stmt.where(E.c.version == 1)).rowcount
        if gone != len(part) and not force:
            raced.append("enterprise")
    if raced:
        raise _conflict(batch_id, raced)  # rolls the whole undo back
    conn.execute(update(B).where(B.c.id == batch_id).values(undone_at=now))
    conn.execute(insert(m.AuditEvent.__table__).values(
        at=now, os_user=current_user(), db_user=db_user, action="import.undo",
        table_name="import_batch", row_id=batch_id,
        detail={"removed_enterprises": len(created), "restored_enterprises": len(restored),
                "removed_designations": removed_designations, "conflicts": conflicts,
                "forced": force}))
    return UndoResult(batch_id, len(created), len(restored), removed_designations, conflicts,
                      created + restored)


def _holds(values: dict) -> list:
    """SQL conditions: a yearly figure still holds what the import wrote."""
    return [F.c[k] == v for k, v in values.items() if k in F.c]


def _from_json(table, key: str, value: object) -> object:
    if value is None or key not in table.c:
        return value
    kind = table.c[key].type
    if isinstance(kind, DateTime) and isinstance(value, str):
        return dt.datetime.fromisoformat(value)
    if isinstance(kind, Date) and isinstance(value, str):
        return dt.date.fromisoformat(value)
    return value


def _differs(old: object, new: object) -> bool:
    if isinstance(old, float) or isinstance(new, float):
        return old is None or new is None or abs(float(old) - float(new)) > 1e-6
    return old != new


def _parts(ids: list[int]):
    for start in range(0, len(ids), _IN):
        yield ids[start:start + _IN]


__all__ = ["BatchInfo", "UndoResult", "find_conflicts", "list_batches", "undo_import"]
