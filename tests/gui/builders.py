"""Small registries for the window tests, built through the store's own writes."""

from __future__ import annotations

import datetime as dt
import random

from sqlalchemy import insert

from goosetier.core.codes import make_code
from goosetier.core.names import normalize_name
from goosetier.store import models as m
from goosetier.store import writes

CLUSTERS = ["船舶海工", "智能家电", "高端化工新材料", "汽车", "高端装备", "芯屏", "海洋生物医药",
            "人工智能"]
STREETS = ["灵珠山街道", "长江路街道", "薛家岛街道", "黄岛街道", "辛安街道"]
TRADE = ["海容", "明月", "华通", "瑞丰", "东佳", "恒星", "澳柯", "金盛", "蓝海", "博远", "汇智",
         "鼎新", "益丰", "嘉和", "天润", "启航", "正阳", "信达", "宏图", "福瑞"]
TRADE_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"


def code_for(i: int) -> str:
    body = "".join(TRADE_ALPHABET[(i // 31 ** k) % 31] for k in range(7))[::-1]
    return make_code("91370211", "M" + body)


def populate(registry, n: int = 40, seed: int = 7) -> list[int]:
    """`n` enterprises with designations across the tiers; returns their ids in insert order."""
    rnd = random.Random(seed)
    ids = []
    with registry.session() as s, s.begin():
        for i in range(n):
            trade = TRADE[i % len(TRADE)] + ("" if i < len(TRADE) else str(i))
            ent = writes.add_enterprise(
                s, f"青岛{trade}科技有限公司", code_for(i) if i % 9 else None,
                cluster=CLUSTERS[i % len(CLUSTERS)], street=STREETS[i % len(STREETS)],
                contact_name=f"联系人{i}", contact_phone=f"0532-8{i:07d}")
            ids.append(ent.id)
            if i % 3 == 0:
                writes.add_designation(s, ent, "high_tech", 2024)
            if i % 5 == 0:
                writes.add_designation(s, ent, "little_giant", 2024, batch_text="第六批")
            if i % 4 == 1:
                writes.add_designation(s, ent, "specialized_sme", 2023)
            if i % 7 == 2:
                writes.add_designation(s, ent, "hidden_champion", 2021)  # lapsed end of 2023
            if i % 6 == 3:
                writes.add_designation(s, ent, "tech_sme", dt.date.today().year)
            if i % 10 == 4:
                writes.add_designation(s, ent, "single_champion", 2023, level="national",
                                       valid_from=dt.date(2023, 12, 1),
                                       valid_until=dt.date(2026, 11, 30))
            if i % 8 == 0:
                writes.add_designation(s, ent, "above_scale", 2022)
            writes.set_figures(s, ent, dt.date.today().year,
                               revenue=rnd.choice([5_000, 80_000, 150_000, 1_200_000]))
    return ids


def bulk_enterprises(registry, n: int) -> None:
    """`n` plain enterprises through SQLAlchemy Core (the fast path), every 10th with a
    little-giant designation valid this year."""
    year = dt.date.today().year
    rows = []
    for i in range(n):
        name = f"青岛{TRADE[i % len(TRADE)]}{i:06d}制造有限公司"
        rows.append({"id": i + 1, "name": name, "name_norm": normalize_name(name),
                     "credit_code": None, "cluster": CLUSTERS[i % len(CLUSTERS)],
                     "street": STREETS[i % len(STREETS)], "contact_name": f"张{i}",
                     "listed": False, "is_sample": False, "version": 1,
                     "created_at": dt.datetime(2026, 1, 1), "updated_at": dt.datetime(2026, 1, 1)})
    des = [{"enterprise_id": i + 1, "program_id": "little_giant", "year": year, "kind": "new",
            "count_from": dt.date(year, 1, 1), "count_until": dt.date(year + 2, 12, 31),
            "status": "valid", "version": 1, "created_at": dt.datetime(2026, 1, 1),
            "updated_at": dt.datetime(2026, 1, 1)} for i in range(0, n, 10)]
    with registry.engine.begin() as conn:
        conn.execute(insert(m.Enterprise.__table__), rows)
        conn.execute(insert(m.Designation.__table__), des)
