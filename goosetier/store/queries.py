"""Read-side queries: counts per metric as SQL aggregates, plans, review and expiry lists.

Counting rules live in goosetier.core.counting; here they become SQL over the stored counting
window of each designation (count_from ≤ 31 Dec Y ≤ count_until, not revoked), so a summary at
100,000 enterprises costs a handful of indexed aggregates rather than a Python loop.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import and_, case, func, or_, select
from sqlalchemy.orm import Session

from goosetier.core.catalog import Catalog, Metric, load_catalog
from goosetier.core.counting import WAN_PER_YI, months_ahead, year_end
from goosetier.core.plans import PlanPeriod, Target
from goosetier.store import models as m


def valid_at(year: int):
    """SQL condition: a designation counts at the end of `year`.

    On the Core table's columns (the same SQL as the mapped class's): a statement that mentions
    a mapped attribute goes through the ORM's compile step even when it selects plain columns,
    as the window's table does on every page it reads."""
    end = year_end(year)
    d = m.Designation.__table__.c
    return and_(d.status != "revoked", d.count_from.is_not(None), d.count_from <= end,
                or_(d.count_until.is_(None), d.count_until >= end))


def metric_query(metric: Metric, year: int):
    """SELECT of the distinct enterprise ids that count for `metric` in `year`."""
    d, f, e = m.Designation, m.YearlyFigure, m.Enterprise
    if metric.rule == "revenue_bracket":
        return select(f.enterprise_id).where(
            f.year == year, f.revenue >= (metric.threshold_yi or 0) * WAN_PER_YI)
    if metric.rule == "listed":
        return select(e.id).where(e.listed.is_(True),
                                  or_(e.listed_year.is_(None), e.listed_year <= year))
    if metric.rule == "flow":
        return select(d.enterprise_id).where(
            d.program_id == metric.program, d.year == year, d.kind == "new",
            d.status != "revoked").distinct()
    return select(d.enterprise_id).where(d.program_id == metric.program,
                                         valid_at(year)).distinct()


def count_metric(session: Session, metric: Metric, year: int) -> int:
    sub = metric_query(metric, year).subquery()
    return session.scalar(select(func.count()).select_from(sub)) or 0


def count_metrics(session: Session, year: int, catalog: Catalog | None = None,
                  only: list[str] | None = None) -> dict[str, int]:
    catalog = catalog or load_catalog()
    ids = only if only is not None else list(catalog.metrics)
    return {mid: count_metric(session, catalog.metrics[mid], year) for mid in ids}


# --- plans -------------------------------------------------------------------------------------


def list_plans(session: Session) -> list[m.PlanPeriod]:
    return list(session.scalars(select(m.PlanPeriod).order_by(m.PlanPeriod.baseline_year)))


def to_core_plan(row: m.PlanPeriod) -> PlanPeriod:
    return PlanPeriod(
        name=row.name, baseline_year=row.baseline_year, target_year=row.target_year,
        name_en=row.name_en or "", aliases=tuple(row.aliases or ()), note=row.note or "",
        targets=[Target(metric_id=t.metric_id, target=t.target, baseline=t.baseline,
                        kind=t.kind, note=t.note or "",
                        milestones={int(k): v for k, v in (t.milestones or {}).items()})
                 for t in row.targets])


def find_plan(session: Session, name: str | None) -> m.PlanPeriod | None:
    """By name, English name or alias; None → the plan whose period covers this year, else the
    latest one."""
    plans = list_plans(session)
    if not plans:
        return None
    if name:
        for row in plans:
            if to_core_plan(row).matches(name):
                return row
        return None
    this_year = dt.date.today().year
    covering = [p for p in plans if p.baseline_year < this_year <= p.target_year]
    return covering[-1] if covering else plans[-1]


def get_setting(session: Session, key: str, default: str | None = None) -> str | None:
    row = session.get(m.Setting, key)
    return row.value if row is not None and row.value is not None else default


DEFAULT_DISTRICT = "青岛西海岸新区"


def district_name(session: Session) -> str:
    return get_setting(session, "district_name", DEFAULT_DISTRICT) or DEFAULT_DISTRICT


# --- review and expiry -------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class DesignationRow:
    designation_id: int
    enterprise_id: int
    enterprise_name: str
    credit_code: str | None
    program_id: str
    year: int | None
    batch_text: str | None
    count_until: dt.date | None


def _designation_rows(session: Session, where, limit: int | None = None) -> list[DesignationRow]:
    d, e = m.Designation, m.Enterprise
    stmt = (select(d.id, e.id, e.name, e.credit_code, d.program_id, d.year, d.batch_text,
                   d.count_until)
            .join(e, e.id == d.enterprise_id).where(where)
            .order_by(d.count_until, e.name_norm))
    if limit:
        stmt = stmt.limit(limit)
    return [DesignationRow(*row) for row in session.execute(stmt)]


def expiring_within(session: Session, today: dt.date, months: int = 6,
                    limit: int | None = None) -> list[DesignationRow]:
    """Designations whose validity ends between today and today + months, not yet renewed."""
    d = m.Designation
    horizon = months_ahead(today, months)
    renewed = _renewed_subquery()
    return _designation_rows(session, and_(
        d.status != "revoked", d.count_until.is_not(None), d.count_until >= today,
        d.count_until <= horizon, d.id.not_in(renewed)), limit)


def due_for_review(session: Session, year: int, limit: int | None = None) -> list[DesignationRow]:
    """Designations whose validity ended in `year` (复核 due) with no later record of the program."""
    d = m.Designation
    renewed = _renewed_subquery()
    return _designation_rows(session, and_(
        d.status != "revoked", d.count_until.is_not(None),
        d.count_until >= dt.date(year, 1, 1) - dt.timedelta(days=1),
        d.count_until < year_end(year), d.id.not_in(renewed)), limit)


def _renewed_subquery():
    """Ids of designations followed by a later record of the same program for the enterprise."""
    # A record is followed by a later one exactly when it starts before the latest non-revoked
    # start of its (enterprise, program): one window-function pass over the table. The plain
    # self-join (later.count_from > d.count_from) let SQLite walk every record of the program
    # per record through the (program, window) index — minutes at 100,000 enterprises.
    marked = with_latest_start()
    return select(marked.c.id).where(marked.c.count_from < marked.c.last)


def with_latest_start(*columns):
    """Designations (id, count_from, *columns) with `last`: the latest non-revoked start of
    their (enterprise, program) — a record starting before it has been renewed."""
    t = m.Designation.__table__
    last = func.max(case((t.c.status != "revoked", t.c.count_from))).over(
        partition_by=(t.c.enterprise_id, t.c.program_id))
    return select(t.c.id, t.c.count_from, *columns, last.label("last")).subquery("marked")


def expired_at(session: Session, today: dt.date) -> list[DesignationRow]:
    d = m.Designation
    return _designation_rows(session, and_(d.status != "revoked", d.count_until.is_not(None),
                                           d.count_until < today,
                                           d.id.not_in(_renewed_subquery())))
