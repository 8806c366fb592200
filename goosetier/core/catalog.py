"""The program catalog: every designation an enterprise can hold, and how each target counts.

Programs are data (resources/catalog.toml), not code, because the rules change: 工信部企业〔2026〕2号
merged 科技型 and 创新型 from 2026-04-01. A *metric* is what a target counts: usually "enterprises
holding program P at the year's end", sometimes a revenue bracket, the listed flag, or a yearly flow
(新增小升规 = enterprises whose above-scale entry falls in the year).
"""

from __future__ import annotations

import datetime as dt
import tomllib
import unicodedata
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path

COUNTING_KINDS = ("designation", "revenue_bracket", "listed", "open")
RULES = ("stock", "revenue_bracket", "listed", "flow")


@dataclass(frozen=True, slots=True)
class Program:
    id: str
    zh: str
    en: str
    formation: str  # head / strong / young
    tier: str  # head_goose / specialized_new / single_champion / scale_up / other
    level: str
    counting: str = "designation"
    validity: int = 0  # years; 0 = none (counts until ended)
    threshold_yi: float | None = None  # revenue brackets, in 亿元
    synonyms: tuple[str, ...] = ()
    sort_order: int = 0

    def name(self, lang: str = "zh") -> str:
        return self.zh if lang.startswith("zh") else self.en


@dataclass(frozen=True, slots=True)
class Metric:
    """What one target id counts."""

    id: str
    zh: str
    en: str
    formation: str
    tier: str
    rule: str  # stock / revenue_bracket / listed / flow
    program: str  # the program counted
    threshold_yi: float | None = None

    def name(self, lang: str = "zh") -> str:
        return self.zh if lang.startswith("zh") else self.en


@dataclass(frozen=True, slots=True)
class RuleSet:
    id: str
    zh: str
    effective_from: dt.date


@dataclass(frozen=True)
class Catalog:
    programs: dict[str, Program]
    metrics: dict[str, Metric]
    tiers: dict[str, dict[str, str]]
    tier_order: tuple[str, ...]
    formations: dict[str, dict[str, str]]
    formation_order: tuple[str, ...]
    rule_sets: tuple[RuleSet, ...]
    _lookup: dict[str, str] = field(default_factory=dict, repr=False)

    def program(self, program_id: str) -> Program:
        return self.programs[program_id]

    def find_program(self, text: str) -> Program | None:
        """The program a roster names ("高企", "专精特新“小巨人”", "小巨人企业" …), or None.

        An exact match of the cleaned text wins; otherwise the longest known name the text
        contains, so "国家级专精特新小巨人企业（第五批）" is a little giant and not a 专精特新 SME.
        """
        key = program_key(text)
        if not key:
            return None
        if key in self._lookup:
            return self.programs[self._lookup[key]]
        best = max((k for k in self._lookup if k in key), key=len, default=None)
        return self.programs[self._lookup[best]] if best and len(best) >= 2 else None

    def tier_name(self, tier: str, lang: str = "zh") -> str:
        return self.tiers[tier]["zh" if lang.startswith("zh") else "en"]

    def formation_name(self, formation: str, lang: str = "zh") -> str:
        return self.formations[formation]["zh" if lang.startswith("zh") else "en"]

    def rule_set_for(self, granted: dt.date) -> RuleSet | None:
        current = None
        for rs in sorted(self.rule_sets, key=lambda r: r.effective_from):
            if rs.effective_from <= granted:
                current = rs
        return current

    def programs_in(self, tier: str) -> list[Program]:
        return sorted((p for p in self.programs.values() if p.tier == tier),
                      key=lambda p: p.sort_order)


_STRIP = str.maketrans("", "", "\"'“”‘’「」『』《》 \t\r\n")


def program_key(text: str) -> str:
    """Compare program names after NFKC, without quotes or spaces."""
    return unicodedata.normalize("NFKC", text).translate(_STRIP).strip()


def resources_dir() -> Path:
    """The shipped resources (catalog, plans, sample roster, translations, icons)."""
    try:
        return Path(str(resources.files("goosetier.resources")))
    except ModuleNotFoundError:  # running from a source tree without installing
        return Path(__file__).resolve().parents[2] / "resources"


def _load_toml(name: str) -> dict:
    with open(resources_dir() / name, "rb") as fh:
        return tomllib.load(fh)


@cache
def load_catalog() -> Catalog:
    data = _load_toml("catalog.toml")
    programs: dict[str, Program] = {}
    lookup: dict[str, str] = {}
    for order, raw in enumerate(data["program"]):
        p = Program(
            id=raw["id"], zh=raw["zh"], en=raw["en"], formation=raw["formation"],
            tier=raw["tier"], level=raw["level"], counting=raw.get("counting", "designation"),
            validity=int(raw.get("validity", 0)), threshold_yi=raw.get("threshold_yi"),
            synonyms=tuple(raw.get("synonyms", ())), sort_order=order,
        )
        assert p.counting in COUNTING_KINDS, p
        programs[p.id] = p
        for name in (p.zh, p.id, *p.synonyms):
            lookup.setdefault(program_key(name), p.id)
    metrics: dict[str, Metric] = {}
    for p in programs.values():
        rule = {"revenue_bracket": "revenue_bracket", "listed": "listed"}.get(p.counting, "stock")
        metrics[p.id] = Metric(p.id, p.zh, p.en, p.formation, p.tier, rule, p.id, p.threshold_yi)
    for raw in data.get("metric", []):
        metrics[raw["id"]] = Metric(raw["id"], raw["zh"], raw["en"], raw["formation"],
                                    raw["tier"], raw["rule"], raw["program"])
    rule_sets = tuple(
        RuleSet(k, v["zh"], dt.date.fromisoformat(v["from"]))
        for k, v in data.get("rule_sets", {}).items()
    )
    tiers = {k: v for k, v in data["tiers"].items() if k != "order"}
    formations = {k: v for k, v in data["formations"].items() if k != "order"}
    return Catalog(programs, metrics, tiers, tuple(data["tiers"]["order"]), formations,
                   tuple(data["formations"]["order"]), rule_sets, lookup)
