"""One-record writes for the window and the tests: every write keeps the counting window of a
designation right and leaves a line in the audit log. Bulk imports use SQLAlchemy Core instead
(goosetier.importing.apply) but compute windows with the same `window_for`.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy.orm import Session

from goosetier.core.catalog import load_catalog
from goosetier.core.codes import check_code
from goosetier.core.counting import designation_window
from goosetier.core.names import clean_name, normalize_name
from goosetier.store import models as m
from goosetier.store.database import current_user


def window_for(program_id: str, year: int | None, valid_from: dt.date | None,
               valid_until: dt.date | None) -> tuple[dt.date | None, dt.date | None]:
    program = load_catalog().programs.get(program_id)
    validity = program.validity if program else 0
    return designation_window(year, valid_from, valid_until, validity)


def rule_set_for(year: int | None, valid_from: dt.date | None) -> str | None:
    granted = valid_from or (dt.date(year, 12, 31) if year else None)
    if granted is None:
        return None
    rs = load_catalog().rule_set_for(granted)
    return rs.id if rs else None


def audit(session: Session, action: str, table: str | None = None, row_id: int | None = None,
          detail: dict[str, Any] | None = None, db_user: str | None = None) -> None:
    """One line in the audit log: who (OS login and, on a server, the database login) did what.

    The database login comes from the registry's sessions (`session.info["db_user"]`, set by
    open_registry) unless given."""
    if db_user is None:
        db_user = session.info.get("db_user")
    session.add(m.AuditEvent(os_user=current_user(), db_user=db_user, action=action,
                             table_name=table, row_id=row_id, detail=detail))


def add_enterprise(session: Session, name: str, credit_code: str | None = None,
                   **fields: Any) -> m.Enterprise:
    code = check_code(credit_code).code or None if credit_code else None
    ent = m.Enterprise(name=clean_name(name), name_norm=normalize_name(name), credit_code=code,
                       updated_by=current_user(), **fields)
    session.add(ent)
    session.flush()
    audit(session, "enterprise.add", "enterprise", ent.id, {"name": ent.name})
    return ent


def add_designation(session: Session, enterprise: m.Enterprise, program_id: str,
                    year: int | None = None, *, kind: str = "new",
                    valid_from: dt.date | None = None, valid_until: dt.date | None = None,
                    **fields: Any) -> m.Designation:
    count_from, count_until = window_for(program_id, year, valid_from, valid_until)
    des = m.Designation(enterprise_id=enterprise.id, program_id=program_id, year=year, kind=kind,
                        valid_from=valid_from, valid_until=valid_until, count_from=count_from,
                        count_until=count_until, rule_set=rule_set_for(year, valid_from),
                        **fields)
    session.add(des)
    session.flush()
    audit(session, "designation.add", "designation", des.id,
          {"enterprise_id": enterprise.id, "program": program_id, "year": year})
    return des


def refresh_window(des: m.Designation) -> None:
    """Recompute the counting window after the year or dates of a designation changed."""
    des.count_from, des.count_until = window_for(des.program_id, des.year, des.valid_from,
                                                 des.valid_until)


def set_figures(session: Session, enterprise: m.Enterprise, year: int, *,
                revenue: float | None = None, output: float | None = None,
                employees: int | None = None) -> m.YearlyFigure:
    fig = next((f for f in enterprise.figures if f.year == year), None)
    if fig is None:
        fig = m.YearlyFigure(enterprise_id=enterprise.id, year=year)
        enterprise.figures.append(fig)
    if revenue is not None:
        fig.revenue = revenue
    if output is not None:
        fig.output = output
    if employees is not None:
        fig.employees = employees
    session.flush()
    return fig
