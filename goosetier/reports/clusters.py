"""Enterprises per industry cluster (产业集群) and tier at a year's end, as data.

An enterprise sits in a tier when, at 31 December of the year, it holds a valid designation of a
program of that tier, or (头雁) its revenue reaches a bracket or it is listed — the same rules the
summary counts with (goosetier.store.queries.metric_query). An enterprise counts once per tier
and once in "入梯企业" however many tiers it is in. Clusters are the enterprise's own values;
empty ones and "其他" are one row, printed last.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import func, literal, select, union
from sqlalchemy.orm import Session

from goosetier.core.catalog import Catalog, load_catalog
from goosetier.store import models as m
from goosetier.store.queries import metric_query, valid_at

OTHER_LABEL = "其他/未填写"
OTHER_VALUES = ("", "其他", "其它", "未填写")
# 八大产业, in the order of the 十四五 plan (chapter 6); other clusters follow by name.
PLAN_CLUSTERS = ("船舶海工", "智能家电", "高端化工新材料", "汽车", "高端装备", "芯屏",
                 "海洋生物医药", "人工智能")


@dataclass(frozen=True)
class ClusterRow:
    cluster: str | None  # None for 其他/未填写
    label: str
    enterprises: int  # all enterprises of the cluster in the registry
    tiers: dict[str, int] = field(default_factory=dict)  # tier id → enterprises in it
    tiered: int = 0  # enterprises in at least one tier

    def count(self, tier: str) -> int:
        return self.tiers.get(tier, 0)


def tier_columns(catalog: Catalog | None = None, lang: str = "zh") -> list[tuple[str, str]]:
    """(tier id, name) in the catalog's order: the columns of the cluster table."""
    catalog = catalog or load_catalog()
    return [(t, catalog.tier_name(t, lang)) for t in catalog.tier_order]


def _tier_members(year: int, catalog: Catalog):
    """SELECT (eid, tier) of every enterprise in every tier at the end of `year`."""
    d = m.Designation
    parts = []
    for tier in catalog.tier_order:
        programs = [p.id for p in catalog.programs_in(tier)
                    if p.counting in ("designation", "open")]
        if programs:
            parts.append(select(d.enterprise_id.label("eid"), literal(tier).label("tier"))
                         .where(d.program_id.in_(programs), valid_at(year)))
        for metric in catalog.metrics.values():
            if metric.tier == tier and metric.rule in ("revenue_bracket", "listed"):
                sub = metric_query(metric, year).subquery()
                parts.append(select(list(sub.c)[0].label("eid"), literal(tier).label("tier")))
    return union(*parts).subquery("members")


def cluster_tier_counts(session: Session, year: int,
                        catalog: Catalog | None = None) -> list[ClusterRow]:
    """One row per cluster (其他/未填写 last) with its enterprises per tier at the end of `year`."""
    catalog = catalog or load_catalog()
    e = m.Enterprise
    cluster = func.coalesce(func.trim(e.cluster), "")
    totals = dict(session.execute(select(cluster, func.count(e.id)).group_by(cluster)).all())
    members = _tier_members(year, catalog)
    per_tier = session.execute(
        select(cluster, members.c.tier, func.count(func.distinct(e.id)))
        .join(members, members.c.eid == e.id).group_by(cluster, members.c.tier)).all()
    tiered = dict(session.execute(
        select(cluster, func.count(func.distinct(e.id)))
        .join(members, members.c.eid == e.id).group_by(cluster)).all())

    def key(value: str) -> str:
        return "" if value in OTHER_VALUES else value

    merged: dict[str, dict] = {}
    for value, n in totals.items():
        row = merged.setdefault(key(value), {"n": 0, "tiers": {}, "tiered": 0})
        row["n"] += n
        row["tiered"] += tiered.get(value, 0)
    for value, tier, n in per_tier:
        tiers = merged[key(value)]["tiers"]
        tiers[tier] = tiers.get(tier, 0) + n

    def order(value: str) -> tuple:
        if value == "":
            return (2, 0, "")
        if value in PLAN_CLUSTERS:
            return (0, PLAN_CLUSTERS.index(value), value)
        return (1, 0, value)

    return [ClusterRow(cluster=value or None, label=value or OTHER_LABEL, enterprises=row["n"],
                       tiers=row["tiers"], tiered=row["tiered"])
            for value, row in sorted(merged.items(), key=lambda kv: order(kv[0]))]


def totals_row(rows: list[ClusterRow]) -> ClusterRow:
    """The 合计 line: clusters are disjoint, so the sums are distinct enterprises too."""
    tiers: dict[str, int] = {}
    for r in rows:
        for t, n in r.tiers.items():
            tiers[t] = tiers.get(t, 0) + n
    return ClusterRow(cluster=None, label="合计", enterprises=sum(r.enterprises for r in rows),
                      tiers=tiers, tiered=sum(r.tiered for r in rows))
