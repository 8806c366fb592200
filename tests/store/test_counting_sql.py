"""The SQL counts agree with the pure counting rules, on hand-built and random registries."""

from __future__ import annotations

import datetime as dt
import random

from goosetier.core.catalog import load_catalog
from goosetier.core.counting import DesignationFacts, EnterpriseFacts, count_metrics
from goosetier.store import queries as q
from goosetier.store import writes as w

CAT = load_catalog()


def build(session, facts: list[EnterpriseFacts]) -> None:
    for i, f in enumerate(facts):
        ent = w.add_enterprise(session, f"测试企业{i:04d}有限公司", listed=f.listed,
                               listed_year=f.listed_year)
        for d in f.designations:
            w.add_designation(session, ent, d.program, d.year, kind=d.kind,
                              valid_from=d.valid_from, valid_until=d.valid_until,
                              status="revoked" if d.revoked else "valid")
        for year, revenue in f.revenue_wan.items():
            w.set_figures(session, ent, year, revenue=revenue)
    session.commit()


def test_hand_built_registry(session):
    facts = [
        EnterpriseFacts([DesignationFacts("little_giant", 2022, dt.date(2022, 9, 6),
                                          dt.date(2025, 9, 5)),
                         DesignationFacts("high_tech", 2023)], revenue_wan={2025: 5_100_000}),
        EnterpriseFacts([DesignationFacts("little_giant", 2023),
                         DesignationFacts("above_scale", 2025)], revenue_wan={2025: 150_000}),
        EnterpriseFacts([DesignationFacts("high_tech", 2022, revoked=True)], listed=True,
                        listed_year=2024),
    ]
    build(session, facts)
    got = q.count_metrics(session, 2025)
    assert got["little_giant"] == 1  # the 2022 certificate ended 2025-09-05
    assert got["high_tech"] == 1
    assert got["head_goose_50b"] == 1 and got["head_goose_1b"] == 2
    assert got["listed"] == 1 and got["scale_up"] == 1 and got["above_scale"] == 1
    assert q.count_metrics(session, 2024)["little_giant"] == 2


def random_facts(rng: random.Random, n: int) -> list[EnterpriseFacts]:
    programs = [p for p in CAT.programs.values() if p.counting in ("designation", "open")]
    out = []
    for _ in range(n):
        ds = []
        for _ in range(rng.randint(0, 4)):
            p = rng.choice(programs)
            year = rng.choice([None, *range(2018, 2027)])
            vf = vu = None
            if rng.random() < 0.3:
                vf = dt.date(rng.randint(2018, 2026), rng.randint(1, 12), rng.randint(1, 28))
                if rng.random() < 0.7:
                    vu = vf + dt.timedelta(days=rng.randint(200, 1500))
            ds.append(DesignationFacts(p.id, year, vf, vu, rng.choice(["new", "new", "review"]),
                                       rng.random() < 0.1))
        revenue = {y: rng.choice([50_000, 99_999, 100_000, 1_000_000, 3_000_000, 6_000_000])
                   for y in range(2020, 2027) if rng.random() < 0.4}
        out.append(EnterpriseFacts(ds, revenue, rng.random() < 0.1,
                                   rng.choice([None, 2019, 2022, 2025])))
    return out


def test_random_registries_agree_with_the_reference(session):
    facts = random_facts(random.Random(20261129), 300)
    build(session, facts)
    for year in range(2019, 2028):
        assert q.count_metrics(session, year) == count_metrics(facts, CAT, year), year


def test_review_and_expiry_lists(session):
    ent = w.add_enterprise(session, "青岛甲有限公司")
    old = w.add_designation(session, ent, "little_giant", 2022)  # due 2025, renewed below
    w.add_designation(session, ent, "little_giant", 2025, kind="review")
    other = w.add_enterprise(session, "青岛乙有限公司")
    due = w.add_designation(session, other, "high_tech", 2023)  # counts to 2025-12-31
    soon = w.add_designation(session, other, "hidden_champion", None,
                             valid_from=dt.date(2024, 3, 1), valid_until=dt.date(2027, 2, 28))
    session.commit()
    assert [r.designation_id for r in q.due_for_review(session, 2025)] == []
    assert [r.designation_id for r in q.due_for_review(session, 2026)] == [due.id]
    expiring = q.expiring_within(session, dt.date(2026, 11, 29), 6)
    assert [r.designation_id for r in expiring] == [soon.id]
    assert old.id not in [r.designation_id for r in q.expired_at(session, dt.date(2026, 11, 29))]
    assert due.id in [r.designation_id for r in q.expired_at(session, dt.date(2026, 11, 29))]
    w.add_designation(session, other, "high_tech", 2026, status="revoked")  # not a renewal
    session.commit()
    assert due.id in [r.designation_id for r in q.expired_at(session, dt.date(2026, 11, 29))]
    w.add_designation(session, other, "high_tech", 2026)  # renewed: off the lists
    session.commit()
    assert due.id not in [r.designation_id for r in q.expired_at(session, dt.date(2026, 11, 29))]
    assert [r.designation_id for r in q.due_for_review(session, 2026)] == []
