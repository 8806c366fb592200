"""A selection of enterprises (by program, tier, year, cluster, validity) and its roster lines.

The window's filters, the roster export and the printed roster all describe what they want with
one `Selection`, so the same choice gives the same list everywhere. Filtering is SQL.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session

from goosetier.core.catalog import load_catalog
from goosetier.store import models as m
from goosetier.store.queries import valid_at


@dataclass(frozen=True)
class Selection:
    programs: tuple[str, ...] = ()  # program ids; empty = any
    tiers: tuple[str, ...] = ()  # tier ids; widen to their programs
    year: int | None = None  # with validity "valid": holding at the end of this year
    clusters: tuple[str, ...] = ()
    validity: str = "valid"  # valid / expired / any (applies when programs or tiers are given)

    def program_ids(self) -> tuple[str, ...]:
        cat = load_catalog()
        ids = list(self.programs)
        for tier in self.tiers:
            ids += [p.id for p in cat.programs_in(tier) if p.counting != "revenue_bracket"]
        return tuple(dict.fromkeys(ids))

    def describe(self, lang: str = "zh") -> str:
        """A title fragment: "专精特新“小巨人”企业（截至2025年底有效，产业：芯屏）"."""
        cat = load_catalog()
        zh = lang.startswith("zh")
        parts = [cat.programs[p].name(lang) for p in self.programs if p in cat.programs]
        parts += [cat.tier_name(t, lang) for t in self.tiers if t in cat.tiers]
        head = "、".join(parts) if parts else ("全部企业" if zh else "All enterprises")
        notes = []
        if self.year is not None and (parts and self.validity == "valid"):
            notes.append(f"截至{self.year}年底有效" if zh else f"valid at end of {self.year}")
        elif self.year is not None:
            notes.append(f"{self.year}年" if zh else str(self.year))
        if parts and self.validity == "expired":
            notes.append("已过期" if zh else "expired")
        if self.clusters:
            notes.append(("产业：" if zh else "cluster: ") + "、".join(self.clusters))
        return head + (f"（{'，'.join(notes)}）" if zh and notes else
                       f" ({'; '.join(notes)})" if notes else "")


@dataclass(frozen=True, slots=True)
class RosterLine:
    enterprise_id: int
    name: str
    credit_code: str | None
    cluster: str | None
    street: str | None
    program_id: str | None  # the designation shown (selection's program), None for all-firms
    year: int | None
    batch_text: str | None
    valid_until: dt.date | None  # end of the counting window
    status: str | None


def validity_conditions(sel: Selection) -> list:
    """What a designation must satisfy to put its enterprise in the selection."""
    d = m.Designation
    year = sel.year if sel.year is not None else dt.date.today().year
    if sel.validity == "valid":
        return [valid_at(year)]
    if sel.validity == "expired":
        return [d.status != "revoked", d.count_until.is_not(None),
                d.count_until < dt.date(year, 12, 31)]
    return []


def enterprise_filter(sel: Selection):
    """SQL condition on m.Enterprise for the selection (the window's table, exports, print).

    An uncorrelated ``id IN (SELECT …)``, evaluated once: the correlated EXISTS it replaces let
    SQLite scan every designation of the program once per enterprise (15 s for 27 rows out of
    100,000).
    """
    e, d = m.Enterprise, m.Designation
    conds = []
    if sel.clusters:
        conds.append(e.cluster.in_(sel.clusters))
    programs = sel.program_ids()
    if programs:
        conds.append(e.id.in_(select(d.enterprise_id).where(d.program_id.in_(programs),
                                                            *validity_conditions(sel))))
    return and_(*conds) if conds else None


def roster_lines(session: Session, sel: Selection) -> Iterator[RosterLine]:
    """One line per enterprise, ordered by name; with programs, the newest matching designation."""
    e, d = m.Enterprise, m.Designation
    where = enterprise_filter(sel)
    programs = sel.program_ids()
    stmt = select(e.id, e.name, e.credit_code, e.cluster, e.street)
    if where is not None:
        stmt = stmt.where(where)
    stmt = stmt.order_by(e.name_norm, e.id)
    if not programs:
        for row in session.execute(stmt):
            yield RosterLine(*row, None, None, None, None, None)
        return
    latest: dict[int, tuple] = {}
    dstmt = (select(d.enterprise_id, d.program_id, d.year, d.batch_text, d.count_until, d.status,
                    d.count_from)
             .where(d.program_id.in_(programs), d.status != "revoked",
                    *validity_conditions(sel))  # the one that qualifies, as the xlsx shows
             .order_by(d.enterprise_id, d.count_from))
    if sel.clusters:
        dstmt = dstmt.join(e, e.id == d.enterprise_id).where(e.cluster.in_(sel.clusters))
    for row in session.execute(dstmt):
        latest[row[0]] = row[1:6]  # ordered by count_from: the last one wins
    for row in session.execute(stmt):
        det = latest.get(row[0], (None, None, None, None, None))
        yield RosterLine(*row, *det)


def text_filter(text: str):
    """Plain search text over name (normalised), code and contacts (Core columns: no ORM step)."""
    from goosetier.core.names import normalize_name

    e = m.Enterprise.__table__.c
    key = f"%{normalize_name(text)}%"
    raw = f"%{text.strip()}%"
    return or_(e.name_norm.like(key), e.credit_code.like(raw.upper()),
               e.contact_name.like(raw), e.contact_phone.like(raw))
