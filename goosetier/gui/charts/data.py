"""What the dashboard draws, as plain data (no Qt): progress, a target's trend, clusters.

Progress is the shared ``reports.summary.build_summary`` (the same numbers as the printed sheet
and ``summary --json``); clusters by tier are ``reports.clusters.cluster_tier_counts``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy.orm import Session

from goosetier.core import plans as P
from goosetier.core.catalog import load_catalog
from goosetier.reports.clusters import ClusterRow, cluster_tier_counts
from goosetier.reports.summary import Summary, build_summary
from goosetier.store import queries as q


@dataclass(frozen=True)
class PlanChoice:
    id: int
    name: str
    baseline_year: int
    target_year: int


@dataclass(frozen=True)
class Trend:
    metric_id: str
    years: list[int]
    actual: list[int | None]  # None for years still to come
    expected: list[float | None]
    target: float | None
    baseline_year: int
    target_year: int


def plan_choices(session: Session) -> list[PlanChoice]:
    return [PlanChoice(p.id, p.name, p.baseline_year, p.target_year)
            for p in q.list_plans(session)]


def default_plan(session: Session) -> str | None:
    row = q.find_plan(session, None)
    return row.name if row else None


def default_year(plan: PlanChoice, today: dt.date | None = None) -> int:
    """The plan's target year once it has passed, else this year."""
    this_year = (today or dt.date.today()).year
    return min(max(this_year, plan.baseline_year), plan.target_year)


def progress(session: Session, plan_name: str, year: int) -> Summary:
    return build_summary(session, plan_name, year)


def trend(session: Session, plan_name: str, metric_id: str,
          today: dt.date | None = None) -> Trend | None:
    """Counts at each year-end from the baseline year to the target year (up to this year)
    against the expected straight line (or milestones)."""
    row = q.find_plan(session, plan_name)
    if row is None:
        return None
    plan = q.to_core_plan(row)
    target = next((t for t in plan.targets if t.metric_id == metric_id), None)
    metric = load_catalog().metrics.get(metric_id)
    if target is None or metric is None:
        return None
    this_year = (today or dt.date.today()).year
    years = list(range(plan.baseline_year, plan.target_year + 1))
    actual = [q.count_metric(session, metric, y) if y <= this_year else None for y in years]
    expected = [P.expected_value(target, plan.baseline_year, plan.target_year, y)
                for y in years]
    return Trend(metric_id, years, actual, expected, target.target, plan.baseline_year,
                 plan.target_year)


def clusters(session: Session, year: int) -> list[ClusterRow]:
    return cluster_tier_counts(session, year)


def expiring(session: Session, today: dt.date | None = None, months: int = 6):
    return q.expiring_within(session, today or dt.date.today(), months)
