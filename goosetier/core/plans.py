"""Plan periods (十四五, 十五五 …) and their targets, and how progress is judged.

A plan is data an officer can edit: name, baseline year, target year, targets with a baseline,
a target value, a kind (stock or yearly flow), optional per-year milestones and a note.

Progress rules (written down where DOMAIN.md is silent):
- completion = count ÷ target; no target value → no completion.
- gap = target − count, never below 0.
- expected value for year Y: the milestone for Y when the officer set one; otherwise the straight
  line from (baseline year, baseline) to (target year, target), a missing baseline read as 0;
  before the baseline year nothing is expected, after the target year the target itself.
  A flow target (新增小升规 ≥ 100 every year) expects the target value every year.
- on track = count ≥ expected value.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field

from goosetier.core.catalog import resources_dir


@dataclass(slots=True)
class Target:
    metric_id: str
    target: float | None = None
    baseline: float | None = None
    kind: str = "stock"  # stock / flow
    note: str = ""
    milestones: dict[int, float] = field(default_factory=dict)


@dataclass(slots=True)
class PlanPeriod:
    name: str
    baseline_year: int
    target_year: int
    name_en: str = ""
    aliases: tuple[str, ...] = ()
    note: str = ""
    targets: list[Target] = field(default_factory=list)

    def matches(self, name: str) -> bool:
        key = name.strip().lower()
        return key in {self.name.lower(), self.name_en.lower(), *(a.lower() for a in self.aliases)}


def expected_value(t: Target, baseline_year: int, target_year: int, year: int) -> float | None:
    if t.target is None:
        return None
    if year in t.milestones:
        return t.milestones[year]
    if t.kind == "flow":
        return t.target
    if year >= target_year:
        return t.target
    if year <= baseline_year:
        return t.baseline if t.baseline is not None else None
    base = t.baseline or 0.0
    return base + (t.target - base) * (year - baseline_year) / (target_year - baseline_year)


def completion(count: int, target: float | None) -> float | None:
    if not target:
        return None
    return count / target


def gap(count: int, target: float | None) -> float | None:
    if target is None:
        return None
    return max(target - count, 0)


def on_track(count: int, expected: float | None) -> bool | None:
    if expected is None:
        return None
    return count >= expected - 1e-9


def load_default_plans() -> list[PlanPeriod]:
    with open(resources_dir() / "plans.toml", "rb") as fh:
        data = tomllib.load(fh)
    plans = []
    for raw in data["plan"]:
        targets = [
            Target(metric_id=t["id"], target=t.get("target"), baseline=t.get("baseline"),
                   kind=t.get("kind", "stock"), note=t.get("note", ""),
                   milestones={int(k): v for k, v in t.get("milestones", {}).items()})
            for t in raw.get("target", [])
        ]
        plans.append(PlanPeriod(raw["name"], raw["baseline_year"], raw["target_year"],
                                raw.get("name_en", ""), tuple(raw.get("aliases", ())),
                                raw.get("note", ""), targets))
    return plans
