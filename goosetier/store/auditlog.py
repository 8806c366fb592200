"""Reading the audit log: filtered lists for `goosetier audit` and the window's audit view, and
the cheap "has anyone changed anything?" poll that lets the window refresh.

Every write leaves one audit_event line (os_user, db_user, action, table, row, detail), so the
newest line's id is a change marker: `change_marker(session)` costs one primary-key lookup, and
`changes_since(session, marker)` says what the lines after it touched. Polling this every few
seconds works the same on SQLite and PostgreSQL and needs no second connection.

Times are stored in UTC (naive); callers convert for display.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Collection
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import String, cast, func, or_, select
from sqlalchemy.orm import Session

from goosetier.store import models as m
from goosetier.store.database import current_user

COUNT_TABLES = {"enterprise", "designation", "yearly_figure", "import_batch"}
PLAN_TABLES = {"plan_period", "target"}


@dataclass(frozen=True)
class AuditFilter:
    """What the audit view / `goosetier audit` asks for; every part optional."""

    since: dt.datetime | None = None  # UTC, inclusive
    until: dt.datetime | None = None  # UTC, exclusive
    user: str | None = None  # OS or database login (exact, case-insensitive)
    action: str | None = None  # "enterprise.edit", or a prefix: "enterprise", "import"
    table: str | None = None
    row_id: int | None = None
    text: str | None = None  # free text in the action, table, logins or details
    before_id: int | None = None  # only lines older than this one (the next page of a view)
    limit: int | None = 500
    offset: int = 0


@dataclass(frozen=True)
class AuditRow:
    id: int
    at: dt.datetime
    os_user: str | None
    db_user: str | None
    action: str
    table_name: str | None
    row_id: int | None
    detail: dict[str, Any] | None

    def as_json(self) -> dict[str, Any]:
        return {"id": self.id, "at": self.at.isoformat(sep=" ", timespec="seconds") + "Z",
                "os_user": self.os_user, "db_user": self.db_user, "action": self.action,
                "table": self.table_name, "row_id": self.row_id, "detail": self.detail}


def _where(flt: AuditFilter) -> list:
    a = m.AuditEvent
    conds = []
    if flt.since is not None:
        conds.append(a.at >= flt.since)
    if flt.until is not None:
        conds.append(a.at < flt.until)
    if flt.user:
        who = flt.user.lower()
        conds.append(or_(func.lower(a.os_user) == who, func.lower(a.db_user) == who))
    if flt.action:
        conds.append(or_(a.action == flt.action, a.action.like(f"{flt.action}.%")))
    if flt.table:
        conds.append(a.table_name == flt.table)
    if flt.row_id is not None:
        conds.append(a.row_id == flt.row_id)
    if flt.before_id is not None:
        conds.append(a.id < flt.before_id)
    if flt.text and flt.text.strip():
        conds.append(_text_condition(flt.text.strip()))
    return conds


def _text_condition(text: str):
    """Free text anywhere in a line. The details are JSON written with ASCII escapes (张 is
    stored as \\u5f20), so the text is looked for in that spelling too."""
    a = m.AuditEvent
    needles = {text.lower(), json.dumps(text.lower())[1:-1]}
    columns = (a.action, a.table_name, a.os_user, a.db_user, cast(a.detail, String))
    return or_(*(func.lower(col).contains(n, autoescape=True)
                 for col in columns for n in needles))


def list_audit(session: Session, flt: AuditFilter | None = None) -> list[AuditRow]:
    """Newest first."""
    flt = flt or AuditFilter()
    a = m.AuditEvent
    stmt = (select(a.id, a.at, a.os_user, a.db_user, a.action, a.table_name, a.row_id, a.detail)
            .where(*_where(flt)).order_by(a.id.desc()).offset(flt.offset))
    if flt.limit:
        stmt = stmt.limit(flt.limit)
    return [AuditRow(*row) for row in session.execute(stmt)]


def count_audit(session: Session, flt: AuditFilter | None = None) -> int:
    a = m.AuditEvent
    return session.scalar(select(func.count(a.id)).where(*_where(flt or AuditFilter()))) or 0


def audit_users(session: Session) -> list[str]:
    """Every OS and database login in the log (for the view's user filter)."""
    a = m.AuditEvent
    names = set(session.scalars(select(a.os_user).distinct()))
    names |= set(session.scalars(select(a.db_user).distinct()))
    return sorted(n for n in names if n)


def audit_actions(session: Session) -> list[str]:
    a = m.AuditEvent
    return sorted(session.scalars(select(a.action).distinct()))


# --- noticing other people's changes -----------------------------------------------------------


def change_marker(session: Session) -> int:
    """The id of the newest audit line (0 for none): remember it, poll `changes_since`."""
    return session.scalar(select(func.max(m.AuditEvent.id))) or 0


@dataclass
class ChangeSet:
    """What happened after a marker: enough for the window to refresh only what it shows."""

    marker: int  # the new marker to remember
    events: int = 0
    users: set[str] = field(default_factory=set)  # who (os_user, or db_user) made them
    by_others: int = 0  # events not made by this OS login
    enterprise_ids: set[int] = field(default_factory=set)
    counts: bool = False  # enterprise / designation / figure / import changes: recount
    plans: bool = False  # plan periods or targets changed
    everything: bool = False  # an import, undo or migration: reload all

    def __bool__(self) -> bool:
        return self.events > 0


def changes_since(session: Session, marker: int, *, limit: int = 2000,
                  skip: Collection[int] = ()) -> ChangeSet:
    """What the audit lines after `marker` touched. Lines whose id is in `skip` (the window's
    own writes, which it has refreshed already) only move the marker on."""
    a = m.AuditEvent
    rows = session.execute(select(a.id, a.os_user, a.db_user, a.action, a.table_name, a.row_id,
                                  a.detail).where(a.id > marker).order_by(a.id).limit(limit)).all()
    out = ChangeSet(marker=marker)
    me = current_user()
    for row_id, os_user, db_user, action, table, target, detail in rows:
        out.marker = row_id
        if row_id in skip:
            continue
        out.events += 1
        out.users.add(os_user or db_user or "?")
        if os_user != me:
            out.by_others += 1
        if table in COUNT_TABLES:
            out.counts = True
        if table in PLAN_TABLES:
            out.plans = True
        if table == "enterprise" and target is not None:
            out.enterprise_ids.add(target)
        elif isinstance(detail, dict) and isinstance(detail.get("enterprise_id"), int):
            out.enterprise_ids.add(detail["enterprise_id"])
        if table is None or table == "import_batch" or action.startswith(
                ("import", "undo", "registry")):
            out.everything = True
    if len(rows) == limit:  # more than a window would refresh row by row
        out.everything = True
    return out
