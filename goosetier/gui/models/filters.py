"""SQL conditions on ``enterprise`` for what the window shows: search queries and browser nodes.

The parser (goosetier.core.search) says *what* was asked; this module says it in SQL, next to
the table model that runs it. Designation terms follow the counting rules through
``store.queries.valid_at`` and ``metric_query`` (revenue brackets and the listed flag are not
designations), so a browser count and the rows shown after clicking it always agree.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import and_, case, distinct, false, func, not_, or_, select, true
from sqlalchemy.sql.elements import ColumnElement

from goosetier.core.catalog import Catalog, load_catalog
from goosetier.core.counting import months_ahead, year_end
from goosetier.core.search import SearchQuery, Term
from goosetier.store import models as m
from goosetier.store import queries as q
from goosetier.store.selection import text_filter

# the Core tables' columns: the same SQL as the mapped classes', without the ORM compile step
E, D = m.Enterprise.__table__.c, m.Designation.__table__.c
EXPIRY_MONTHS = 6


def programs_condition(program_ids: tuple[str, ...] | list[str], year: int,
                       validity: str = "valid", catalog: Catalog | None = None,
                       revenue_year: int | None = None) -> ColumnElement:
    """Enterprises holding any of the programs: valid at the end of `year`, lapsed, or ever.

    Revenue brackets follow the figures of `revenue_year` (default `year`): the window passes
    the latest year that has revenue, since this year's figures arrive only the next spring.
    """
    catalog = catalog or load_catalog()
    conds: list[ColumnElement] = []
    held: list[str] = []
    for pid in program_ids:
        metric = catalog.metrics.get(pid)
        if metric is not None and metric.rule in ("revenue_bracket", "listed"):
            used = (revenue_year or year) if metric.rule == "revenue_bracket" else year
            conds.append(E.id.in_(q.metric_query(metric, used)))
        else:
            held.append(pid)
    if held:
        conds.append(_holding(D.program_id.in_(held), year, validity))
    return or_(*conds) if conds else false()


def _ids(*where) -> ColumnElement:
    """enterprise.id IN (SELECT enterprise_id FROM designation WHERE …).

    Deliberately not a correlated EXISTS: SQLite answers EXISTS per enterprise through the
    (program, window) index — 100,000 × 10,000 rows — while IN builds the id set once.
    """
    return E.id.in_(select(D.enterprise_id).where(*where))


def _holding(which: ColumnElement | None, year: int, validity: str) -> ColumnElement:
    base = [which] if which is not None else []
    if validity == "valid":
        return _ids(*base, q.valid_at(year))
    if validity == "expired":
        return and_(_ids(*base, D.status != "revoked"), not_(_ids(*base, q.valid_at(year))))
    return _ids(*base) if base else _ids(true())


def _like(column, value: str) -> ColumnElement:
    return column.like(f"%{value}%")


def term_condition(term: Term, year: int, validity: str, catalog: Catalog | None = None,
                   revenue_year: int | None = None) -> ColumnElement:
    if term.field == "text":
        cond = and_(*(text_filter(v) for v in term.values))
    elif term.field == "program":
        cond = programs_condition(term.values, year, validity, catalog, revenue_year)
    elif term.field == "cluster":
        cond = or_(*(_like(E.cluster, v) for v in term.values))
    elif term.field == "street":
        cond = or_(*(or_(_like(E.street, v), _like(E.park, v)) for v in term.values))
    elif term.field == "name":
        cond = or_(*(_like(E.name, v) for v in term.values))
    elif term.field == "code":
        cond = or_(*(_code_condition(v) for v in term.values))
    else:  # an unknown field never reaches here: the parser reports it
        cond = true()
    return not_(cond) if term.negate else cond


def _code_condition(value: str) -> ColumnElement:
    if value == "missing":
        return or_(E.credit_code.is_(None), E.credit_code == "")
    if value == "present":
        return and_(E.credit_code.is_not(None), E.credit_code != "")
    if value == "warning":
        return E.code_warning.is_not(None)
    return E.credit_code.like(f"%{value}%")


def query_condition(query: SearchQuery, year: int | None = None,
                    catalog: Catalog | None = None,
                    revenue_year: int | None = None) -> ColumnElement | None:
    """The whole search as one condition (None when nothing narrows). An explicit ``year:``
    applies to revenue brackets too; otherwise they use `revenue_year`."""
    revenue_year = query.year or revenue_year
    year = query.year or year or dt.date.today().year
    validity = query.validity or "valid"
    conds = [term_condition(t, year, validity, catalog, revenue_year) for t in query.terms]
    if not any(t.field == "program" for t in query.terms) and (query.year or query.validity):
        # "year:2023" alone: enterprises holding any designation judged the same way
        conds.append(_any_designation(year, validity))
    return and_(*conds) if conds else None


def _any_designation(year: int, validity: str) -> ColumnElement:
    return _holding(None, year, validity)


# --- watch lists (reminders in the browser) -----------------------------------------------------


def _not_renewed() -> ColumnElement:
    # the same "followed by a later record of the program" rule as store.queries' lists
    return D.id.not_in(q._renewed_subquery())


def _open(c) -> list[ColumnElement]:
    return [c.status != "revoked", c.count_until.is_not(None)]


def _expiring(c, today: dt.date, months: int = EXPIRY_MONTHS) -> list[ColumnElement]:
    return [c.count_until >= today, c.count_until <= months_ahead(today, months)]


def _expired(c, today: dt.date) -> list[ColumnElement]:
    return [c.count_until < today]


def _review(c, year: int) -> list[ColumnElement]:
    return [c.count_until >= dt.date(year, 1, 1) - dt.timedelta(days=1),
            c.count_until < year_end(year)]


def expiring_condition(today: dt.date, months: int = EXPIRY_MONTHS) -> ColumnElement:
    """Holding a designation that ends within `months` (as store.queries.expiring_within)."""
    return _ids(*_open(D), *_expiring(D, today, months), _not_renewed())


def expired_condition(today: dt.date) -> ColumnElement:
    """Holding a lapsed, not renewed designation (as store.queries.expired_at)."""
    return _ids(*_open(D), *_expired(D, today), _not_renewed())


def review_condition(year: int) -> ColumnElement:
    """Due for 复核 this year (as store.queries.due_for_review)."""
    return _ids(*_open(D), *_review(D, year), _not_renewed())


def watch_counts(session, today: dt.date) -> dict[str, int]:
    """The three reminder counts (expiring, expired, review) in one pass over the designations.

    The same as counting each condition above, but the "renewed" mark is computed once: per
    row, beside the latest non-revoked start of its (enterprise, program), instead of three
    times as a NOT IN list (each ~0.4-0.7 s at 100,000 enterprises).
    """
    t = m.Designation.__table__
    marked = q.with_latest_start(t.c.enterprise_id, t.c.status, t.c.count_until)
    c = marked.c
    # not in _renewed_subquery() ⇔ not (count_from < last), a NULL comparison included
    not_renewed = or_(c.count_from.is_(None), c.last.is_(None), c.count_from >= c.last)
    kinds = {"expiring": _expiring(c, today), "expired": _expired(c, today),
             "review": _review(c, today.year)}
    cols = [func.count(distinct(case((and_(*terms), c.enterprise_id)))).label(kind)
            for kind, terms in kinds.items()]
    stmt = (select(*cols).select_from(marked.join(m.Enterprise.__table__,
                                                  E.id == c.enterprise_id))
            .where(*_open(c), not_renewed))
    row = session.execute(stmt).one()
    return {kind: row._mapping[kind] or 0 for kind in kinds}


def missing_code_condition() -> ColumnElement:
    return or_(E.credit_code.is_(None), E.credit_code == "")


def latest_revenue_year(session, year: int) -> int:
    """The latest year up to `year` with any revenue figure (else `year`)."""
    F = m.YearlyFigure
    found = session.scalar(select(func.max(F.year)).where(F.revenue.is_not(None),
                                                          F.year <= year))
    return found or year


def count_where(session, condition: ColumnElement | None) -> int:
    stmt = select(func.count()).select_from(m.Enterprise.__table__)
    if condition is not None:
        stmt = stmt.where(condition)
    return session.scalar(stmt) or 0
