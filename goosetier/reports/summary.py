"""The tier summary (梯度培育情况汇总) as data: one row per target of a plan for a year.

The same object feeds `summary --json`, the summary workbook, the dashboard and the printed
sheet, so every output shows the same numbers.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from goosetier.core import plans as P
from goosetier.core.catalog import Catalog, load_catalog
from goosetier.core.errors import CodedError
from goosetier.store import models as m
from goosetier.store import queries as q


class SummaryError(CodedError):
    """No such plan, or a year out of range."""


@dataclass(frozen=True, slots=True)
class MetricRow:
    id: str
    name: str
    name_en: str
    formation: str  # head / strong / young
    formation_name: str
    tier: str
    count: int
    baseline: float | None
    target: float | None
    kind: str  # stock / flow
    completion: float | None  # count ÷ target
    gap: float | None
    expected: float | None  # straight line (or milestone) for the year
    on_track: bool | None
    note: str
    at_or_above: bool  # a revenue bracket ("at or above" the threshold)


@dataclass(frozen=True)
class Summary:
    plan: str
    plan_en: str
    baseline_year: int
    target_year: int
    year: int
    district: str
    generated: dt.date
    enterprises: int
    rows: list[MetricRow] = field(default_factory=list)

    def as_json(self) -> dict:
        return {
            "plan": self.plan, "year": self.year, "district": self.district,
            "baseline_year": self.baseline_year, "target_year": self.target_year,
            "enterprises": self.enterprises,
            "metrics": [{"id": r.id, "name": r.name, "count": r.count, "baseline": r.baseline,
                         "target": r.target,
                         "completion": None if r.completion is None else round(r.completion, 4),
                         "gap": r.gap, "expected": r.expected, "on_track": r.on_track,
                         "kind": r.kind, "formation": r.formation}
                        for r in self.rows],
        }

    def by_formation(self) -> list[tuple[str, list[MetricRow]]]:
        groups: dict[str, list[MetricRow]] = {}
        for r in self.rows:
            groups.setdefault(r.formation, []).append(r)
        order = ["head", "strong", "young"]
        return [(f, groups[f]) for f in order if f in groups]

    def row(self, metric_id: str) -> MetricRow:
        return next(r for r in self.rows if r.id == metric_id)

    def to_dict(self) -> dict:
        return asdict(self)


def build_summary(session: Session, plan_name: str | None = None, year: int | None = None,
                  catalog: Catalog | None = None, today: dt.date | None = None) -> Summary:
    catalog = catalog or load_catalog()
    plan_row = q.find_plan(session, plan_name)
    if plan_row is None:
        known = "、".join(p.name for p in q.list_plans(session)) or "—"
        raise SummaryError("plan_not_found", name=plan_name or "", known=known)
    plan = q.to_core_plan(plan_row)
    year = plan.target_year if year is None else year
    if not 1990 <= year <= 2100:
        raise SummaryError("year_out_of_range", year=year)
    counts = q.count_metrics(session, year, catalog,
                             only=[t.metric_id for t in plan.targets
                                   if t.metric_id in catalog.metrics])
    rows = []
    formation_rank = {f: i for i, f in enumerate(catalog.formation_order)}
    for order, t in enumerate(plan.targets):
        metric = catalog.metrics.get(t.metric_id)
        if metric is None:
            continue
        count = counts[t.metric_id]
        expected = P.expected_value(t, plan.baseline_year, plan.target_year, year)
        rows.append((formation_rank.get(metric.formation, 9), order, MetricRow(
            id=metric.id, name=metric.zh, name_en=metric.en, formation=metric.formation,
            formation_name=catalog.formation_name(metric.formation), tier=metric.tier,
            count=count, baseline=t.baseline, target=t.target, kind=t.kind,
            completion=P.completion(count, t.target), gap=P.gap(count, t.target),
            expected=None if expected is None else round(expected, 1),
            on_track=P.on_track(count, expected), note=t.note,
            at_or_above=metric.rule == "revenue_bracket")))
    rows.sort(key=lambda x: (x[0], x[1]))
    enterprises = session.scalar(select(func.count()).select_from(m.Enterprise)) or 0
    return Summary(plan=plan.name, plan_en=plan.name_en, baseline_year=plan.baseline_year,
                   target_year=plan.target_year, year=year, district=q.district_name(session),
                   generated=today or dt.date.today(), enterprises=enterprises,
                   rows=[r for _, _, r in rows])
