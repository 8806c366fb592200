"""Writes on plan periods, targets and shared settings (no Qt here).

Targets are data every officer shares, so they live in the registry; each change is audited and
returns what an undo needs. Like the enterprise edits, updates go through
store.conflicts.save_with_version, which checks the row's ``version`` and audits.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import delete, insert, select

from goosetier.gui.changes import Changes
from goosetier.gui.edits import require
from goosetier.gui.errors import EditError
from goosetier.store import models as m
from goosetier.store import writes
from goosetier.store.conflicts import save_with_version

TARGET_FIELDS = ("baseline", "target", "kind", "note", "milestones")
PLAN_FIELDS = ("name", "name_en", "baseline_year", "target_year", "note")
PLAN_CHANGED = Changes(plans=True)


def update_target(registry, target_id: int, values: dict[str, Any],
                  expected_version: int) -> tuple[Changes, dict[str, Any], int]:
    return _update(registry, m.Target, TARGET_FIELDS, target_id, values, expected_version)


def update_plan(registry, plan_id: int, values: dict[str, Any],
                expected_version: int) -> tuple[Changes, dict[str, Any], int]:
    base, target = values.get("baseline_year"), values.get("target_year")
    if base is not None and target is not None and target <= base:
        raise EditError("bad_years")
    return _update(registry, m.PlanPeriod, PLAN_FIELDS, plan_id, values, expected_version)


def _update(registry, model, fields, row_id, values, expected_version):
    for key in values:
        if key not in fields:
            raise KeyError(key)
    with registry.session() as s, s.begin():
        row = require(s, model, row_id)
        before = {k: getattr(row, k) for k in values}
        row = save_with_version(s, (model, row_id), expected_version, dict(values),
                                commit=False)
        version = row.version
    return PLAN_CHANGED, before, version


def add_plan(registry, name: str, baseline_year: int, target_year: int, name_en: str = "",
             note: str = "", copy_metrics_from: int | None = None) -> tuple[Changes, int]:
    """A new plan period; with `copy_metrics_from`, the same indicators (values left empty)."""
    name = name.strip()
    if target_year <= baseline_year:
        raise EditError("bad_years")
    with registry.session() as s, s.begin():
        if s.scalar(select(m.PlanPeriod.id).where(m.PlanPeriod.name == name)) is not None:
            raise EditError("plan_exists", name=name)
        plan = m.PlanPeriod(name=name, name_en=name_en or None, aliases=[],
                            baseline_year=baseline_year, target_year=target_year,
                            note=note or None)
        if copy_metrics_from is not None:
            source = require(s, m.PlanPeriod, copy_metrics_from)
            for t in source.targets:
                plan.targets.append(m.Target(metric_id=t.metric_id, kind=t.kind,
                                             milestones={}, sort_order=t.sort_order))
        s.add(plan)
        s.flush()
        writes.audit(s, "plan.add", "plan_period", plan.id, {"name": name})
        plan_id = plan.id
    return PLAN_CHANGED, plan_id


def snapshot_plan(registry, plan_id: int) -> dict[str, Any]:
    with registry.session() as s:
        pt, tt = m.PlanPeriod.__table__, m.Target.__table__
        plan = s.execute(select(pt).where(pt.c.id == plan_id)).first()
        if plan is None:
            raise EditError("record_gone")
        targets = [dict(r._mapping) for r in s.execute(select(tt).where(tt.c.plan_id == plan_id))]
        return {"plan": dict(plan._mapping), "targets": targets}


def delete_plan(registry, plan_id: int) -> tuple[Changes, dict[str, Any]]:
    snap = snapshot_plan(registry, plan_id)
    with registry.session() as s, s.begin():
        s.execute(delete(m.Target).where(m.Target.plan_id == plan_id))
        s.execute(delete(m.PlanPeriod).where(m.PlanPeriod.id == plan_id))
        writes.audit(s, "plan.delete", "plan_period", plan_id, {"name": snap["plan"]["name"]})
    return PLAN_CHANGED, snap


def restore_plan(registry, snap: dict[str, Any]) -> Changes:
    with registry.session() as s, s.begin():
        s.execute(insert(m.PlanPeriod.__table__), [snap["plan"]])
        if snap["targets"]:
            s.execute(insert(m.Target.__table__), snap["targets"])
        writes.audit(s, "plan.restore", "plan_period", snap["plan"]["id"],
                     {"name": snap["plan"]["name"]})
    return PLAN_CHANGED


def add_target(registry, plan_id: int, metric_id: str) -> tuple[Changes, int]:
    with registry.session() as s, s.begin():
        plan = require(s, m.PlanPeriod, plan_id)
        if any(t.metric_id == metric_id for t in plan.targets):
            raise EditError("metric_exists")
        order = max((t.sort_order for t in plan.targets), default=-1) + 1
        row = m.Target(plan_id=plan_id, metric_id=metric_id, milestones={}, sort_order=order)
        s.add(row)
        s.flush()
        writes.audit(s, "target.add", "target", row.id, {"plan_id": plan_id,
                                                         "metric": metric_id})
        target_id = row.id
    return PLAN_CHANGED, target_id


def delete_target(registry, target_id: int) -> tuple[Changes, dict[str, Any]]:
    with registry.session() as s, s.begin():
        tt = m.Target.__table__
        row = s.execute(select(tt).where(tt.c.id == target_id)).first()
        if row is None:
            raise EditError("record_gone")
        snap = dict(row._mapping)
        s.execute(delete(m.Target).where(m.Target.id == target_id))
        writes.audit(s, "target.delete", "target", target_id,
                     {"plan_id": snap["plan_id"], "metric": snap["metric_id"]})
    return PLAN_CHANGED, snap


def restore_target(registry, snap: dict[str, Any]) -> Changes:
    with registry.session() as s, s.begin():
        s.execute(insert(m.Target.__table__), [snap])
        writes.audit(s, "target.restore", "target", snap["id"],
                     {"plan_id": snap["plan_id"], "metric": snap["metric_id"]})
    return PLAN_CHANGED


def set_setting(registry, key: str, value: str | None) -> tuple[Changes, str | None]:
    with registry.session() as s, s.begin():
        row = s.get(m.Setting, key)
        before = row.value if row is not None else None
        if row is None:
            s.add(m.Setting(key=key, value=value))
        else:
            row.value = value
        writes.audit(s, "setting.edit", "setting", None,
                     {"key": key, "before": before, "after": value})
    return Changes(settings=True), before
