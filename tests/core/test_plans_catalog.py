from __future__ import annotations

import pytest

from goosetier.core.catalog import load_catalog
from goosetier.core.plans import (
    Target,
    completion,
    expected_value,
    gap,
    load_default_plans,
    on_track,
)

CAT = load_catalog()


def test_fourteenth_plan_ships_with_the_plan_numbers():
    (plan,) = [p for p in load_default_plans() if p.name == "十四五"]
    assert (plan.baseline_year, plan.target_year) == (2020, 2025)
    t = {x.metric_id: x for x in plan.targets}
    assert {k: (t[k].baseline, t[k].target) for k in
            ("head_goose_50b", "head_goose_30b", "head_goose_10b", "head_goose_1b", "listed",
             "high_tech", "little_giant", "single_champion", "hidden_champion", "scale_up",
             "above_scale", "tech_sme")} == {
        "head_goose_50b": (None, 1), "head_goose_30b": (None, 2), "head_goose_10b": (None, 10),
        "head_goose_1b": (None, 50), "listed": (17, 25), "high_tech": (739, 1500),
        "little_giant": (None, 30), "single_champion": (18, 25), "hidden_champion": (20, 35),
        "scale_up": (None, 100), "above_scale": (None, 1500), "tech_sme": (948, 5000)}
    assert t["scale_up"].kind == "flow"
    assert "20" in t["single_champion"].note and "25" in t["single_champion"].note
    assert plan.matches("14th") and plan.matches("十四五")
    assert all(x.metric_id in CAT.metrics for x in plan.targets)


def test_straight_line_expectation():
    t = Target("high_tech", target=1500, baseline=739)
    assert expected_value(t, 2020, 2025, 2020) == 739
    assert expected_value(t, 2020, 2025, 2023) == pytest.approx(739 + 761 * 3 / 5)
    assert expected_value(t, 2020, 2025, 2026) == 1500
    no_base = Target("little_giant", target=30)
    assert expected_value(no_base, 2020, 2025, 2022) == pytest.approx(12)
    assert expected_value(Target("x", target=30, milestones={2022: 20}), 2020, 2025, 2022) == 20
    assert expected_value(Target("scale_up", target=100, kind="flow"), 2020, 2025, 2021) == 100
    assert expected_value(Target("gazelle"), 2020, 2025, 2022) is None


def test_completion_gap_on_track():
    assert completion(15, 30) == 0.5
    assert completion(3, None) is None
    assert gap(40, 30) == 0 and gap(10, 30) == 20
    assert on_track(12, 12.0) is True and on_track(11, 12.0) is False and on_track(1, None) is None


@pytest.mark.parametrize("text,program", [
    ("高企", "high_tech"), ("国家高新技术企业", "high_tech"),
    ("专精特新", "specialized_sme"), ("专精特新中小企业", "specialized_sme"),
    ("专精特新“小巨人”企业", "little_giant"), ('专精特新"小巨人"', "little_giant"),
    ("国家级专精特新小巨人企业（第五批）", "little_giant"),
    ("单项冠军示范企业", "single_champion"), ("隐形冠军", "hidden_champion"),
    ("瞪羚企业", "gazelle"), ("独角兽", "unicorn"), ("科技型中小企业", "tech_sme"),
    ("科技和创新型中小企业", "innovative_sme"), ("规上", "above_scale"),
    ("小升规培育库", "scale_up_candidate"), ("ＨＩＧＨ_TECH", None), ("优秀企业", None),
])
def test_program_names_and_short_forms(text, program):
    found = CAT.find_program(text)
    assert (found.id if found else None) == program


def test_every_program_has_tier_formation_and_names():
    for p in CAT.programs.values():
        assert p.tier in CAT.tier_order and p.formation in CAT.formation_order
        assert p.zh and p.en
    assert CAT.tier_order[:4] == ("head_goose", "specialized_new", "single_champion", "scale_up")
