"""Matching roster names to registry firms: exact by code and name, near matches by 字号."""

from __future__ import annotations

import csv
import random
from pathlib import Path

import pytest

from goosetier.importing.matching import NearMatcher, RegistryIndex, near_reason, parse_name
from goosetier.store import writes

REAL = Path(__file__).resolve().parents[3] / "shared" / "real" / \
    "miit_little_giant_continued_support.csv"


def real_names() -> list[str]:
    if not REAL.exists():
        pytest.skip(f"real names not available at {REAL}")
    with REAL.open(encoding="utf-8") as fh:
        return [row["企业名称"] for row in csv.DictReader(fh)]


def test_parse_name_takes_region_form_and_trade_name_apart():
    p = parse_name("青岛海容商用冷链股份有限公司")
    assert p.regions == {"青岛"} and p.core == "海容商用冷链" and p.trade == "海容商用冷链"
    q = parse_name("中加特电气（青岛）股份有限公司")
    assert q.regions == {"青岛"} and q.core == "中加特电气" and q.trade == "中加特"
    assert parse_name("山东省青岛市中加特电气有限公司").core == "中加特电气"
    assert parse_name("重庆万力联兴实业（集团）有限公司").core == "万力联兴实业"
    assert parse_name("泊头市兴达汽车模具制造有限公司").regions == {"泊头"}


def test_variants_of_one_firm_are_near_and_different_firms_are_not():
    same = ["海容商用冷链股份有限公司", "海容商用冷链（青岛）股份有限公司", "青岛海容商用冷链有限公司",
            "青岛海荣商用冷链股份有限公司", "青岛海容商用冷链股份有限公可"]
    base = parse_name("青岛海容商用冷链股份有限公司")
    for variant in same:
        assert near_reason(base, parse_name(variant)) is not None, variant
    # Different 字号 in the same trade, or the same trade in another region: two firms.
    assert near_reason(parse_name("上海万位数字技术股份有限公司"),
                       parse_name("上海曼恒数字技术股份有限公司")) is None
    assert near_reason(parse_name("北京华环电子股份有限公司"),
                       parse_name("陕西华星电子集团有限公司")) is None
    assert near_reason(parse_name("湖北天瑞电子股份有限公司"),
                       parse_name("青岛凯瑞电子有限公司")) is None


def test_real_list_of_different_firms_raises_almost_no_false_alarm():
    names = real_names()
    assert len(names) == 1188
    matcher = NearMatcher()
    for i, name in enumerate(names):
        matcher.add(i, name, None)
    pairs = {tuple(sorted((i, c.enterprise_id)))
             for i, name in enumerate(names)
             for c in matcher.candidates(name, exclude=[i])}
    # plain fuzz.ratio puts 8 pairs of these different firms at 85 or more
    assert len(pairs) <= 2, [(names[a], names[b]) for a, b in pairs]


def test_real_names_with_typos_dropped_region_or_bracket_are_caught():
    names = real_names()
    matcher = NearMatcher()
    for i, name in enumerate(names):
        matcher.add(i, name, None)
    rnd = random.Random(5)
    cjk = [chr(c) for c in range(0x4E00, 0x9FA5)]
    missed = []
    for i in rnd.sample(range(len(names)), 300):
        name = names[i]
        k = rnd.randrange(len(name))
        typo = name[:k] + rnd.choice(cjk) + name[k + 1:]
        found = matcher.candidates(typo)
        if not found or found[0].enterprise_id != i:
            missed.append(typo)
    assert missed == []
    checked = 0
    for i, name in enumerate(names):
        if not name.startswith(("青岛", "北京", "上海")) or not name.endswith("有限公司"):
            continue
        region, rest = name[:2], name[2:].removeprefix("市")
        stem = rest.removesuffix("股份有限公司").removesuffix("有限公司")
        for variant in (rest, f"{stem}（{region}）有限公司"):
            found = matcher.candidates(variant)
            assert found and found[0].enterprise_id == i, (name, variant)
            checked += 1
    assert checked > 100


def test_registry_index_matches_by_code_name_and_history(session, registry):
    a = writes.add_enterprise(session, "青岛海容商用冷链股份有限公司", "91350200776049653A")
    b = writes.add_enterprise(session, "青岛新名称科技有限公司")
    from goosetier.store import models as m

    session.add(m.NameHistory(enterprise_id=b.id, name="青岛旧名称科技有限公司",
                              name_norm="青岛旧名称科技有限公司"))
    session.commit()
    with registry.engine.connect() as conn:
        index = RegistryIndex.load(conn)
        assert index.exact("91350200776049653A", "无关", None) == (a.id, "code")
        assert index.exact(None, "青岛海容商用冷链股份有限公司", None) == (a.id, "name")
        assert index.exact(None, "青岛旧名称科技有限公司", None) == (b.id, "name_history")
        # the same name under another code is not an automatic match
        assert index.exact("912201011239989159", "青岛海容商用冷链股份有限公司", None) == \
            (None, None)
        near = index.near_candidates(None, "海容商用冷链（青岛）股份有限公司")
        assert [c.enterprise_id for c in near] == [a.id]
        # a coded row is never near-matched to a firm with another code
        assert index.near_candidates("912201011239989159", "青岛海荣商用冷链股份有限公司") == []
