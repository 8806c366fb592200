"""No lost updates: optimistic locking on every editable record, and conflicts the user can read.

Every editable record (Enterprise, Designation, PlanPeriod, Target) carries `version`; the ORM
(`version_id_col`) writes ``UPDATE … WHERE id = :id AND version = :seen`` and bumps it. Saving
over a newer save is therefore refused, never silently applied. This module turns that refusal
into a `ConflictError` that says who made the newer change, when, and both values.

API (the window's edit code calls these; all take an open Session):

``save_with_version(session, obj, expected_version, changes, *, action=None, commit=True)``
    Apply `changes` ({field: new value}) to the mapped record `obj` (or a ``(Model, id)`` pair)
    if its stored version still equals `expected_version` (the version the form was loaded
    with). Derived columns follow (enterprise name → name_norm and a name-history line;
    designation year/dates/program → counting window; updated_by), an audit line
    ``<table>.edit`` records {"before", "after", "version"}, and the session commits (unless
    commit=False). Returns the record with its new `version`. Raises ConflictError (the session
    is rolled back) when someone else saved first or deleted the record; raises KeyError for a
    field that is not an editable column.

``ConflictError``  (an Exception with `code` and `params`, like every coded error)
    code "edit_conflict" or "edit_conflict_deleted"; `model`, `table`, `row_id`, `record`
    (display name), `expected_version`, `current_version` (None if deleted), `changed_by`
    (`ChangedBy`: os_user, db_user, at, action — from the newest audit line of the record, else
    the enterprise's updated_by), `fields` (list of `FieldConflict(field, mine, theirs)` for
    every field the officer changed), `their_changes` ({field: (old, new)} from that audit line,
    when it has them), `mine` / `theirs` (dicts). str(err) is the sentence (message table).

``overwrite(session, err, *, commit=True)``
    Save the officer's values again, knowingly, over the version named in `err` (still checked:
    a third save in between raises a new ConflictError). The audit line notes what it overwrote.

``reload(session, err)``  → the record as stored now (None if deleted), refreshed in `session`.

``describe_conflict(session, model, row_id, expected_version, mine)`` → ConflictError
    For code that catches StaleDataError itself (after rolling back): build the same error.

``last_change(session, table, row_id)`` → ChangedBy | None: the newest audit line of a record.

Bulk writers (imports, undo) use SQLAlchemy Core, so they check versions with
``check_versions(session, table, {row_id: expected_version})`` → list[RowConflict] (on
PostgreSQL the rows are locked FOR UPDATE in id order until the transaction ends, so the check
holds until commit) and ``guarded_update(session, table, row_id, expected_version, values)`` →
bool (``UPDATE … SET version = version + 1 WHERE id AND version``; False = someone else won:
report it, don't overwrite).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Table, and_, desc, select, update
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from goosetier.core.names import normalize_name
from goosetier.store import models as m
from goosetier.store.database import current_user
from goosetier.store.writes import audit, refresh_window

EDITABLE: tuple[type[m.Base], ...] = (m.Enterprise, m.Designation, m.PlanPeriod, m.Target)
NOT_EDITABLE = {"id", "version", "created_at", "updated_at", "updated_by", "name_norm",
                "count_from", "count_until"}
WINDOW_FIELDS = {"program_id", "year", "valid_from", "valid_until"}


@dataclass(frozen=True)
class ChangedBy:
    """Who made the change that won."""

    os_user: str | None
    db_user: str | None = None
    at: dt.datetime | None = None  # UTC, naive (as stored)
    action: str | None = None

    def label(self) -> str:
        who = self.os_user or "?"
        if self.db_user and self.db_user != self.os_user:
            who += f" ({self.db_user})"
        return who


@dataclass(frozen=True)
class FieldConflict:
    field: str
    mine: Any  # what this officer tried to save
    theirs: Any  # what the registry holds now

    @property
    def differs(self) -> bool:
        return self.mine != self.theirs


class ConflictError(Exception):
    """Saving over someone else's newer save (or a deleted record) was refused."""

    def __init__(self, code: str, *, model: type[m.Base], row_id: int, record: str,
                 expected_version: int, current_version: int | None,
                 changed_by: ChangedBy | None, mine: dict[str, Any], theirs: dict[str, Any],
                 their_changes: dict[str, tuple[Any, Any]] | None = None) -> None:
        self.code = code
        self.model, self.table, self.row_id, self.record = (model, model.__tablename__,
                                                            row_id, record)
        self.expected_version, self.current_version = expected_version, current_version
        self.changed_by = changed_by
        self.mine, self.theirs = dict(mine), dict(theirs)
        self.their_changes = their_changes or {}
        self.fields = [FieldConflict(f, mine[f], theirs.get(f)) for f in mine]
        super().__init__(code, self.params)

    @property
    def params(self) -> dict[str, object]:
        by = self.changed_by
        details = "；".join(f"{f.field}：{_show(f.mine)} / {_show(f.theirs)}"
                           for f in self.fields if f.differs) or "—"
        return {"record": self.record, "table": self.table, "row_id": self.row_id,
                "who": by.label() if by else "?", "os_user": by.os_user if by else None,
                "db_user": by.db_user if by else None,
                "at": by.at.strftime("%Y-%m-%d %H:%M") + " UTC" if by and by.at else "?",
                "expected": self.expected_version, "current": self.current_version,
                "fields": details}

    def __str__(self) -> str:
        from goosetier.core.messages import message

        return message(self.code, self.params)


@dataclass(frozen=True)
class RowConflict:
    """A row a bulk write (import, undo) found changed by someone else: reported, not written."""

    table: str
    row_id: int
    expected_version: int
    current_version: int | None  # None: the row is gone
    changed_by: ChangedBy | None


# --- who changed it ----------------------------------------------------------------------------


def last_change(session: Session, table: str, row_id: int) -> ChangedBy | None:
    """Who changed the record last: its newest audit line, or the newest import that wrote it
    (imports log one line per batch, so the batch's own line names them), whichever is later."""
    a, ic, b = m.AuditEvent, m.ImportChange, m.ImportBatch
    row = session.execute(select(a).where(a.table_name == table, a.row_id == row_id)
                          .order_by(desc(a.id)).limit(1)).scalar_one_or_none()
    found = ChangedBy(row.os_user, row.db_user, row.at, row.action) if row else None
    batch = session.execute(
        select(b.id, b.user, b.created_at).join(ic, ic.batch_id == b.id)
        .where(ic.table_name == table, ic.row_id == row_id, b.undone_at.is_(None))
        .order_by(desc(b.id)).limit(1)).first()
    if batch is not None and (found is None or found.at is None or batch.created_at > found.at):
        line = session.execute(select(a).where(a.table_name == "import_batch",
                                               a.row_id == batch.id)
                               .order_by(a.id).limit(1)).scalar_one_or_none()
        found = ChangedBy(line.os_user if line else batch.user,
                          line.db_user if line else None, batch.created_at, "import.apply")
    return found


def _their_changes(session: Session, table: str, row_id: int,
                   since_version: int) -> dict[str, tuple[Any, Any]]:
    """Fields the newer saves changed, from their audit lines ({"before", "after"} details)."""
    a = m.AuditEvent
    out: dict[str, tuple[Any, Any]] = {}
    rows = session.scalars(select(a).where(a.table_name == table, a.row_id == row_id)
                           .order_by(desc(a.id)).limit(20))
    for ev in rows:
        detail = ev.detail or {}
        version = detail.get("version")
        if isinstance(version, int) and version <= since_version:
            break
        before, after = detail.get("before"), detail.get("after")
        if isinstance(before, dict) and isinstance(after, dict):
            for key, new in after.items():
                old = before.get(key)
                out[key] = (old, out[key][1]) if key in out else (old, new)
    return out


def _display(obj: Any) -> str:
    for attr in ("name", "metric_id"):
        value = getattr(obj, attr, None)
        if value:
            return str(value)
    if isinstance(obj, m.Designation):
        return f"{obj.program_id} {obj.year or ''}".strip()
    return f"#{getattr(obj, 'id', '?')}"


def describe_conflict(session: Session, model: type[m.Base], row_id: int,
                      expected_version: int, mine: dict[str, Any],
                      record: str | None = None) -> ConflictError:
    """The ConflictError for a save of `mine` over `expected_version` that lost."""
    current = session.execute(select(model).where(model.id == row_id)
                              .execution_options(populate_existing=True)).scalar_one_or_none()
    by = last_change(session, model.__tablename__, row_id)
    if current is None:
        return ConflictError("edit_conflict_deleted", model=model, row_id=row_id,
                             record=record or f"#{row_id}", expected_version=expected_version,
                             current_version=None, changed_by=by, mine=mine, theirs={})
    if by is None and getattr(current, "updated_by", None):
        by = ChangedBy(current.updated_by, None, getattr(current, "updated_at", None))
    theirs = {f: getattr(current, f, None) for f in mine}
    return ConflictError(
        "edit_conflict", model=model, row_id=row_id, record=record or _display(current),
        expected_version=expected_version, current_version=current.version, changed_by=by,
        mine=mine, theirs=theirs,
        their_changes=_their_changes(session, model.__tablename__, row_id, expected_version))


# --- saving ------------------------------------------------------------------------------------


def _resolve(session: Session, obj: Any) -> tuple[type[m.Base], int]:
    if isinstance(obj, tuple):
        model, row_id = obj
    else:
        model, row_id = type(obj), obj.id
    if model not in EDITABLE:
        raise TypeError(f"{model.__name__} has no version to check")
    return model, row_id


def _check_fields(model: type[m.Base], changes: dict[str, Any]) -> None:
    columns = set(model.__table__.columns.keys())
    for key in changes:
        if key not in columns or key in NOT_EDITABLE:
            raise KeyError(key)


def jsonable(values: dict[str, Any]) -> dict[str, Any]:
    return {k: v.isoformat() if isinstance(v, dt.date | dt.datetime) else v
            for k, v in values.items()}


def save_with_version(session: Session, obj: Any, expected_version: int,
                      changes: dict[str, Any], *, action: str | None = None,
                      commit: bool = True, note: dict[str, Any] | None = None) -> Any:
    """Write `changes` to the record if nobody saved it since `expected_version` (module doc)."""
    model, row_id = _resolve(session, obj)
    _check_fields(model, changes)
    # fresh from the database (not the identity map); on PostgreSQL the row stays locked until
    # commit, so the check below holds. SQLite has no row locks: the versioned UPDATE catches a
    # save that slips in between.
    with session.no_autoflush:  # a form that set attributes on `obj` must not write them here
        current = session.execute(
            select(model).where(model.id == row_id).with_for_update()
            .execution_options(populate_existing=True)).scalar_one_or_none()
    if current is None or current.version != expected_version:
        err = describe_conflict(session, model, row_id, expected_version, dict(changes))
        session.rollback()
        raise err
    before = {k: getattr(current, k) for k in changes}
    for key, value in changes.items():
        setattr(current, key, value)
    if isinstance(current, m.Enterprise):
        if "name" in changes and before["name"] != current.name:
            current.name_norm = normalize_name(current.name)
            session.add(m.NameHistory(enterprise_id=row_id, name=before["name"],
                                      name_norm=normalize_name(before["name"]),
                                      until=dt.date.today(), source="edit"))
        current.updated_by = current_user()
    if isinstance(current, m.Designation) and WINDOW_FIELDS & set(changes):
        refresh_window(current)
    try:
        session.flush()
    except StaleDataError:
        session.rollback()
        raise describe_conflict(session, model, row_id, expected_version,
                                dict(changes)) from None
    detail = {"before": jsonable(before), "after": jsonable(changes),
              "version": current.version, **(note or {})}
    audit(session, action or f"{model.__tablename__}.edit", model.__tablename__, row_id, detail)
    if commit:
        session.commit()
    else:
        session.flush()
    return current


def overwrite(session: Session, err: ConflictError, *, commit: bool = True) -> Any:
    """Save the officer's values over the newer version `err` reported, knowingly."""
    if err.current_version is None:
        raise err  # deleted: there is nothing to overwrite
    by = err.changed_by
    note = {"overwrote": {"version": err.current_version, "os_user": by.os_user if by else None,
                          "db_user": by.db_user if by else None,
                          "values": jsonable(err.theirs)}}
    return save_with_version(session, (err.model, err.row_id), err.current_version, err.mine,
                             commit=commit, note=note)


def reload(session: Session, err: ConflictError) -> Any:
    """The record as stored now, refreshed in `session` (None when it was deleted)."""
    return session.execute(select(err.model).where(err.model.id == err.row_id)
                           .execution_options(populate_existing=True)).scalar_one_or_none()


# --- bulk writers ------------------------------------------------------------------------------


def _table(table: str | Table) -> Table:
    return m.Base.metadata.tables[table] if isinstance(table, str) else table


def check_versions(session: Session, table: str | Table,
                   expected: dict[int, int]) -> list[RowConflict]:
    """Rows whose version is no longer the one planned (or that are gone). On PostgreSQL the
    rows are locked (in id order, so two writers cannot deadlock) until the transaction ends."""
    t = _table(table)
    if not expected:
        return []
    ids = sorted(expected)
    found: dict[int, int] = {}
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        stmt = (select(t.c.id, t.c.version).where(t.c.id.in_(chunk)).order_by(t.c.id)
                .with_for_update())
        found.update({row_id: version for row_id, version in session.execute(stmt)})
    return [RowConflict(t.name, row_id, expected[row_id], found.get(row_id),
                        last_change(session, t.name, row_id))
            for row_id in ids if found.get(row_id) != expected[row_id]]


def guarded_update(session: Session, table: str | Table, row_id: int, expected_version: int,
                   values: dict[str, Any]) -> bool:
    """UPDATE one row only if it still has `expected_version` (and bump it). False: it changed."""
    t = _table(table)
    result = session.execute(
        update(t).where(and_(t.c.id == row_id, t.c.version == expected_version))
        .values(**values, version=t.c.version + 1))
    return result.rowcount == 1


def row_conflict(session: Session, table: str | Table, row_id: int,
                 expected_version: int) -> RowConflict:
    """Describe a row a guarded write missed."""
    t = _table(table)
    current = session.scalar(select(t.c.version).where(t.c.id == row_id))
    return RowConflict(t.name, row_id, expected_version, current,
                       last_change(session, t.name, row_id))


def _show(value: Any) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    return str(value)


__all__ = ["ChangedBy", "ConflictError", "FieldConflict", "RowConflict", "check_versions",
           "describe_conflict", "guarded_update", "last_change", "overwrite", "reload",
           "row_conflict", "save_with_version"]
