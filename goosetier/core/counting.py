"""The counting rules of DOMAIN.md: what "count for year Y" means.

- Counts are taken at the end of year Y (31 December).
- A designation with real dates counts when valid-from ≤ 31 Dec Y ≤ valid-until and it is not
  revoked. With only a year G and a validity of V years it counts at the year-ends G … G+V−1 and is
  due for review (复核) in G+V; a review record (kind = review) in that year starts a new period.
  A program without a validity (listed, 规上) counts until it is ended.
- Revenue brackets count the year's revenue "at or above" the threshold (亿元; stored in 万元).
- An enterprise counts once per target however many designations of the program it holds.
- A flow target (新增小升规) counts the enterprises whose event falls in year Y.

Each designation is reduced to a *counting window* (count_from, count_until) when it is written,
so the store can count with one indexed SQL comparison; the pure `count_metrics` below is the
reference the SQL is tested against.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from goosetier.core.catalog import Catalog, Metric

WAN_PER_YI = 10_000  # 1 亿元 = 10,000 万元


def year_end(year: int) -> dt.date:
    return dt.date(year, 12, 31)


def add_years(d: dt.date, years: int) -> dt.date:
    try:
        return d.replace(year=d.year + years)
    except ValueError:  # 29 February
        return d.replace(year=d.year + years, day=28)


def designation_window(
    year: int | None,
    valid_from: dt.date | None,
    valid_until: dt.date | None,
    validity_years: int,
) -> tuple[dt.date | None, dt.date | None]:
    """(count_from, count_until) of one designation; count_until None means open-ended.

    count_from None means the designation cannot be counted (neither a year nor a date).
    A certificate 2022-09-06 – 2025-09-05 gives (2022-09-06, 2025-09-05): it counts at the ends
    of 2022, 2023 and 2024. A year-only 2022 grant with 3 years gives (2022-01-01, 2024-12-31).
    """
    if valid_from is not None:
        if valid_until is None and validity_years:
            valid_until = add_years(valid_from, validity_years) - dt.timedelta(days=1)
        return valid_from, valid_until
    if year is None:
        return None, None
    start = dt.date(year, 1, 1)
    if valid_until is not None:
        return start, valid_until
    if validity_years:
        return start, year_end(year + validity_years - 1)
    return start, None


def counts_at(
    window: tuple[dt.date | None, dt.date | None], year: int, revoked: bool = False
) -> bool:
    count_from, count_until = window
    if revoked or count_from is None:
        return False
    end = year_end(year)
    return count_from <= end and (count_until is None or count_until >= end)


def review_year(year: int | None, validity_years: int) -> int | None:
    """The year a year-granular designation is due for 复核 (G + V)."""
    if year is None or not validity_years:
        return None
    return year + validity_years


def months_ahead(today: dt.date, months: int) -> dt.date:
    m = today.month - 1 + months
    y, m = today.year + m // 12, m % 12 + 1
    return dt.date(y, m, min(today.day, calendar.monthrange(y, m)[1]))


# --- the reference implementation over plain records -------------------------------------------


@dataclass(slots=True)
class DesignationFacts:
    program: str
    year: int | None = None
    valid_from: dt.date | None = None
    valid_until: dt.date | None = None
    kind: str = "new"  # new / review
    revoked: bool = False


@dataclass(slots=True)
class EnterpriseFacts:
    designations: list[DesignationFacts] = field(default_factory=list)
    revenue_wan: dict[int, float] = field(default_factory=dict)  # year → 万元
    listed: bool = False
    listed_year: int | None = None


def metric_counts(metric: Metric, enterprise: EnterpriseFacts, year: int, catalog: Catalog) -> bool:
    """Does this one enterprise count for this metric in this year?"""
    if metric.rule == "revenue_bracket":
        revenue = enterprise.revenue_wan.get(year)
        return revenue is not None and revenue >= (metric.threshold_yi or 0) * WAN_PER_YI
    if metric.rule == "listed":
        return enterprise.listed and (enterprise.listed_year is None
                                      or enterprise.listed_year <= year)
    if metric.rule == "flow":
        return any(d.program == metric.program and d.year == year and d.kind == "new"
                   and not d.revoked for d in enterprise.designations)
    validity = catalog.program(metric.program).validity
    return any(
        d.program == metric.program
        and counts_at(designation_window(d.year, d.valid_from, d.valid_until, validity),
                      year, d.revoked)
        for d in enterprise.designations
    )


def count_metrics(
    enterprises: Iterable[EnterpriseFacts], catalog: Catalog, year: int
) -> dict[str, int]:
    """How many enterprises count for each metric at the end of `year`."""
    totals = dict.fromkeys(catalog.metrics, 0)
    for e in enterprises:
        for metric in catalog.metrics.values():
            if metric_counts(metric, e, year, catalog):
                totals[metric.id] += 1
    return totals
