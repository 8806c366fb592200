"""A small registry for the export tests, built with goosetier.store.writes."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import insert

from goosetier.core.names import normalize_name
from goosetier.store import models as m
from goosetier.store import writes as w

HYPERLINK = '=HYPERLINK("http://x","点我")'
AT_SUM = "@SUM(A1)"
HAIRONG = "青岛海容商用冷链股份有限公司"
ZJT = "中加特电气（青岛）股份有限公司"
SAILUN = "赛轮集团股份有限公司"


def add_raw_enterprise(session, name: str, **fields) -> int:
    """Insert a name exactly as given (the ORM helper would tidy its brackets)."""
    now = dt.datetime(2026, 1, 1)
    result = session.execute(insert(m.Enterprise).values(
        name=name, name_norm=normalize_name(name), created_at=now, updated_at=now, **fields))
    return result.inserted_primary_key[0]


@pytest.fixture
def sample(registry):
    """Five enterprises: three with designations, two whose names look like formulas."""
    with registry.session() as s:
        a = w.add_enterprise(s, HAIRONG, "91350200776049653A", cluster="智能家电",
                             street="灵珠山街道", legal_rep="张三", contact_name="李四",
                             contact_phone="+86 532 8888 0000", listed=True,
                             listed_exchange="上交所主板", listed_year=2018)
        w.add_designation(s, a, "little_giant", 2023, batch_text="第五批")
        w.add_designation(s, a, "high_tech", 2024)
        w.set_figures(s, a, 2025, revenue=320_000)
        b = w.add_enterprise(s, ZJT, "912201011239989159", cluster="芯屏", street="黄岛街道")
        w.add_designation(s, b, "single_champion", 2021, batch_text="第六批", level="national",
                          category="示范企业", product="矿用隔爆型变频调速一体机")
        w.add_designation(s, b, "specialized_sme", 2024)
        w.add_designation(s, b, "high_tech", 2023, kind="review", batch_text="2023年第一批")
        c = w.add_enterprise(s, SAILUN, "9135021359498494XQ", cluster="汽车", notes="-待核实")
        w.add_designation(s, c, "little_giant", 2019, batch_text="第一批")
        w.add_designation(s, c, "tech_sme", 2025,
                          valid_from=dt.date(2025, 5, 1), valid_until=dt.date(2026, 4, 30))
        add_raw_enterprise(s, HYPERLINK, cluster="芯屏", contact_name="＝1+1")
        add_raw_enterprise(s, AT_SUM)
        s.commit()
    return registry
