"""The window's one-record writes on enterprises and designations (no Qt here).

Each function opens its own session, writes one transaction, leaves an audit_event and returns
``Changes`` (what a view must refresh) plus what an undo needs. Updates check the record's
``version`` against the version the form was loaded with: store.conflicts.save_with_version
(the ORM's ``version_id_col``) refuses a save over someone else's newer one with a
ConflictError that the window shows as "changed by someone else", with Reload and Overwrite.
Deletes keep a snapshot of every row removed so an undo puts back the same ids.
"""

from __future__ import annotations

import re
from typing import Any

from sqlalchemy import delete, func, insert, select
from sqlalchemy.orm import Session

from goosetier.core.codes import CodeStatus, check_code
from goosetier.core.names import clean_name
from goosetier.gui.changes import Changes
from goosetier.gui.errors import EditError
from goosetier.store import models as m
from goosetier.store import writes
from goosetier.store.conflicts import save_with_version

ENTERPRISE_FIELDS = ("name", "credit_code", "cluster", "district", "street", "park",
                     "industry_code", "legal_rep", "registered_capital", "founded_on", "address",
                     "listed", "listed_exchange", "listed_year", "contact_name", "contact_phone",
                     "notes")
DESIGNATION_FIELDS = ("program_id", "year", "batch_text", "kind", "level", "category",
                      "valid_from", "valid_until", "status", "product", "certificate_no",
                      "source")
_CN_DIGITS = {c: i for i, c in enumerate("零一二三四五六七八九")}


def batch_number(text: str | None) -> int | None:
    """第5批 / 第十二批 / 5 → 5; None when no number is in the text."""
    if not text:
        return None
    found = re.search(r"\d+", text)
    if found:
        return int(found.group())
    found = re.search(r"[零一二三四五六七八九十]+", text)
    if not found:
        return None
    word, value = found.group(), 0
    if "十" in word:
        tens, _, ones = word.partition("十")
        value = (_CN_DIGITS.get(tens, 1) if tens else 1) * 10 + (_CN_DIGITS.get(ones, 0)
                                                                  if ones else 0)
    else:
        for ch in word:
            value = value * 10 + _CN_DIGITS[ch]
    return value or None


def _checked_code(session: Session, value: Any, enterprise_id: int | None) -> tuple[str | None,
                                                                                    str | None]:
    """(code, warning) for a typed credit code; raise EditError for a malformed or taken one."""
    if value in (None, ""):
        return None, None
    result = check_code(str(value))
    if not result.usable:
        raise EditError("code_malformed", code=str(value))
    owner = session.execute(select(m.Enterprise.id, m.Enterprise.name).where(
        m.Enterprise.credit_code == result.code)).first()
    if owner is not None and owner[0] != enterprise_id:
        raise EditError("code_taken", code=result.code, name=owner[1])
    warning = None if result.status is CodeStatus.VALID else str(result.status)
    return result.code, warning


def _enterprise_changes(session: Session, eid: int | None,
                        values: dict[str, Any]) -> dict[str, Any]:
    """The typed values as columns: a cleaned name, a checked code (with its warning)."""
    out: dict[str, Any] = {}
    for key, value in values.items():
        if key not in ENTERPRISE_FIELDS:
            raise KeyError(key)
        if key == "name":
            name = clean_name(value or "")
            if not name:
                raise EditError("name_required")
            out["name"] = name
        elif key == "credit_code":
            out["credit_code"], out["code_warning"] = _checked_code(session, value, eid)
        else:
            out[key] = value if value != "" else None
    return out


def require(session: Session, model, row_id: int):
    """The row, or EditError("record_gone")."""
    row = session.get(model, row_id)
    if row is None:
        raise EditError("record_gone")
    return row


# --- enterprises -------------------------------------------------------------------------------


def load_enterprise(registry, eid: int) -> dict[str, Any] | None:
    with registry.session() as s:
        ent = s.get(m.Enterprise, eid)
        if ent is None:
            return None
        return {**{k: getattr(ent, k) for k in ENTERPRISE_FIELDS}, "id": ent.id,
                "version": ent.version, "code_warning": ent.code_warning}


def update_enterprise(registry, eid: int, values: dict[str, Any], expected_version: int,
                      rename_history: bool = True,
                      drop_history: int | None = None) -> tuple[Changes, dict[str, Any], int,
                                                                int | None]:
    """Write `values`; returns (changes, previous values, new version, name-history id).

    The version check, the audit line and the name-history line of a rename are
    store.conflicts.save_with_version's; a refused save raises its ConflictError. An undone
    rename drops its name-history line (`drop_history`) in the same transaction.
    """
    with registry.session() as s, s.begin():
        if drop_history is not None:
            s.execute(delete(m.NameHistory).where(m.NameHistory.id == drop_history))
        changes = _enterprise_changes(s, eid, values)
        ent = require(s, m.Enterprise, eid)
        before = {k: getattr(ent, k) for k in values}
        history_before = s.scalar(select(func.max(m.NameHistory.id))
                                  .where(m.NameHistory.enterprise_id == eid)) or 0
        ent = save_with_version(s, (m.Enterprise, eid), expected_version, changes,
                                action="enterprise.edit", commit=False)
        version = ent.version
        history_id = s.scalar(select(func.max(m.NameHistory.id)).where(
            m.NameHistory.enterprise_id == eid, m.NameHistory.id > history_before))
        if history_id is not None and not rename_history:
            s.execute(delete(m.NameHistory).where(m.NameHistory.id == history_id))
            history_id = None
    counts = bool({"listed", "listed_year", "cluster", "street", "park", "credit_code"}
                  & set(values))
    return Changes(enterprises=frozenset({eid}), counts=counts), before, version, history_id


def add_enterprise(registry, values: dict[str, Any]) -> tuple[Changes, int]:
    with registry.session() as s, s.begin():
        fields = {k: v for k, v in values.items() if k not in ("name", "credit_code")
                  and v not in (None, "")}
        code, warning = _checked_code(s, values.get("credit_code"), None)
        if not clean_name(values.get("name") or ""):
            raise EditError("name_required")
        ent = writes.add_enterprise(s, values["name"], **fields)
        ent.credit_code, ent.code_warning = code, warning
        s.flush()
        eid = ent.id
    return Changes(added=frozenset({eid}), counts=True), eid


_CHILD_TABLES = (m.Designation, m.NameHistory, m.YearlyFigure)


def snapshot_enterprises(session: Session, ids: list[int]) -> dict[str, list[dict]]:
    """Every row that deleting these enterprises removes, as plain dicts."""
    snap = {"enterprise": [dict(r._mapping) for r in session.execute(
        select(m.Enterprise.__table__).where(m.Enterprise.id.in_(ids)))]}
    for model in _CHILD_TABLES:
        table = model.__table__
        snap[table.name] = [dict(r._mapping) for r in session.execute(
            select(table).where(table.c.enterprise_id.in_(ids)))]
    return snap


def delete_enterprises(registry, ids: list[int]) -> tuple[Changes, dict[str, list[dict]]]:
    with registry.session() as s, s.begin():
        snap = snapshot_enterprises(s, ids)
        for model in _CHILD_TABLES:
            s.execute(delete(model).where(model.enterprise_id.in_(ids)))
        s.execute(delete(m.Enterprise).where(m.Enterprise.id.in_(ids)))
        for row in snap["enterprise"]:
            writes.audit(s, "enterprise.delete", "enterprise", row["id"], {"name": row["name"]})
    gone = frozenset(r["id"] for r in snap["enterprise"])
    return Changes(removed=gone, counts=True), snap


def restore_enterprises(registry, snap: dict[str, list[dict]]) -> Changes:
    with registry.session() as s, s.begin():
        if snap["enterprise"]:
            s.execute(insert(m.Enterprise.__table__), snap["enterprise"])
        for model in _CHILD_TABLES:
            rows = snap.get(model.__tablename__) or []
            if rows:
                s.execute(insert(model.__table__), rows)
        for row in snap["enterprise"]:
            writes.audit(s, "enterprise.restore", "enterprise", row["id"], {"name": row["name"]})
    return Changes(added=frozenset(r["id"] for r in snap["enterprise"]), counts=True)


# --- designations -----------------------------------------------------------------------------


def load_designation(registry, did: int) -> dict[str, Any] | None:
    with registry.session() as s:
        des = s.get(m.Designation, did)
        if des is None:
            return None
        return {**{k: getattr(des, k) for k in DESIGNATION_FIELDS}, "id": des.id,
                "enterprise_id": des.enterprise_id, "version": des.version}


def add_designation(registry, eid: int, values: dict[str, Any]) -> tuple[Changes, int]:
    with registry.session() as s, s.begin():
        ent = require(s, m.Enterprise, eid)
        extra = {k: v for k, v in values.items()
                 if k not in ("program_id", "year", "kind", "valid_from", "valid_until")
                 and v not in (None, "")}
        if extra.get("batch_text"):
            extra["batch_no"] = batch_number(extra["batch_text"])
        des = writes.add_designation(
            s, ent, values["program_id"], values.get("year"), kind=values.get("kind") or "new",
            valid_from=values.get("valid_from"), valid_until=values.get("valid_until"), **extra)
        did = des.id
    return Changes(enterprises=frozenset({eid}), counts=True), did


def update_designation(registry, did: int, values: dict[str, Any],
                       expected_version: int) -> tuple[Changes, dict[str, Any], int]:
    for key in values:
        if key not in DESIGNATION_FIELDS:
            raise KeyError(key)
    changes = {k: (v if v != "" else None) for k, v in values.items()}
    with registry.session() as s, s.begin():
        des = require(s, m.Designation, did)
        before = {k: getattr(des, k) for k in values}
        if "batch_text" in changes:
            changes["batch_no"] = batch_number(changes["batch_text"])
        if {"year", "valid_from"} & set(changes):
            changes["rule_set"] = writes.rule_set_for(changes.get("year", des.year),
                                                      changes.get("valid_from", des.valid_from))
        action = "designation.revoke" if values.get("status") == "revoked" else "designation.edit"
        des = save_with_version(s, (m.Designation, did), expected_version, changes,
                                action=action, commit=False)
        eid, version = des.enterprise_id, des.version
    return Changes(enterprises=frozenset({eid}), counts=True), before, version


def delete_designation(registry, did: int) -> tuple[Changes, dict[str, Any]]:
    with registry.session() as s, s.begin():
        table = m.Designation.__table__
        row = s.execute(select(table).where(table.c.id == did)).first()
        if row is None:
            raise EditError("record_gone")
        snap = dict(row._mapping)
        s.execute(delete(m.Designation).where(m.Designation.id == did))
        writes.audit(s, "designation.delete", "designation", did,
                     {"enterprise_id": snap["enterprise_id"], "program": snap["program_id"]})
    return Changes(enterprises=frozenset({snap["enterprise_id"]}), counts=True), snap


def restore_designation(registry, snap: dict[str, Any]) -> Changes:
    with registry.session() as s, s.begin():
        s.execute(insert(m.Designation.__table__), [snap])
        writes.audit(s, "designation.restore", "designation", snap["id"],
                     {"enterprise_id": snap["enterprise_id"], "program": snap["program_id"]})
    return Changes(enterprises=frozenset({snap["enterprise_id"]}), counts=True)


# --- yearly figures ----------------------------------------------------------------------------


def save_figure(registry, eid: int, year: int,
                values: dict[str, Any] | None) -> tuple[Changes, dict[str, Any] | None]:
    """Set (or with None remove) one year's figures; returns the previous ones for undo."""
    with registry.session() as s, s.begin():
        fig = s.scalar(select(m.YearlyFigure).where(m.YearlyFigure.enterprise_id == eid,
                                                    m.YearlyFigure.year == year))
        before = None if fig is None else {"revenue": fig.revenue, "output": fig.output,
                                           "employees": fig.employees}
        if values is None:
            if fig is not None:
                s.delete(fig)
        else:
            if fig is None:
                fig = m.YearlyFigure(enterprise_id=eid, year=year)
                s.add(fig)
            for key in ("revenue", "output", "employees"):
                setattr(fig, key, values.get(key))
        writes.audit(s, "figures.edit", "yearly_figure", eid,
                     {"year": year, "before": before, "after": values})
    return Changes(enterprises=frozenset({eid}), counts=True), before
