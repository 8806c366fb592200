"""Validator.validate_many (the import's block-at-a-time path) gives exactly what validate gives
row by row: the same status, record and issues for plain rows (read column by column) and for
every kind of messy row (handed to validate), in the same order, duplicates merged the same."""

from __future__ import annotations

import datetime as dt
import random

import pytest

from goosetier.importing.columns import map_columns
from goosetier.importing.header import classify, locate
from goosetier.importing.model import ImportOptions
from goosetier.importing.validate import Validator
from tests.importing.workbooks import bad_check, code

HEAD = ["序号", "企业名称", "企业原名称", "统一社会信用代码", "所属产业", "所属街道", "行业代码",
        "注册资本（万元）", "成立日期", "联系人", "联系电话", "上市情况", "2023年营业收入（万元）",
        "员工人数", "称号", "认定年份", "认定批次", "有效期起", "备注"]
PLAIN_PROGRAMS = ["高新技术企业", "专精特新中小企业", "科技型中小企业", "高新技术企业、科技型中小企业"]
ODD_PROGRAMS = ["未知称号X", "头雁企业", "1.高企\n2.瞪羚", "小巨人第五批", "上市企业", None]


def plain_row(rng: random.Random, i: int) -> list[object]:
    return [float(i + 1), f"青岛{rng.choice('海容瑞泰鑫源华宏')}{i:05d}科技有限公司", None,
            code(10_000 + i), rng.choice(["汽车", "芯屏", "智能家电"]),
            rng.choice(["黄岛街道", "辛安街道"]), None, None, None, rng.choice(["唐玉", "王五"]),
            f"1353427{i:04d}", rng.choice(["未上市", "否", "科创板"]),
            round(rng.uniform(100, 90_000), 2), None, rng.choice(PLAIN_PROGRAMS),
            rng.choice([2022.0, 2023.0]), rng.choice(["第1批", "第2批"]), None, None]


def messy_row(rng: random.Random, i: int, names: list[str]) -> list[object]:
    row = plain_row(rng, i)
    what = rng.randrange(16)
    if what == 0:
        row[3] = bad_check(code(20_000 + i))  # a warning the officer may accept
    elif what == 1:
        row[3] = rng.choice(["91370211ABC", 9.13702e17, " " + code(30_000 + i).lower()])
    elif what == 2:
        row[1] = rng.choice([None, "", "   "])  # no name: rejected
    elif what == 3:
        row[1] = row[1] + "（原名：山东某某科技有限公司）"
    elif what == 4 and names:
        row[1] = rng.choice(names)  # the same firm twice (merged, or a code conflict)
        row[3] = rng.choice([None, row[3]])
    elif what == 5:
        row[4] = "x" * 80  # longer than the column: truncated with a warning
    elif what == 6:
        row[12] = rng.choice(["1,200", "约500", -5.0, "3.5亿元"])
    elif what == 7:
        row[13] = rng.choice([120.0, "120人", "很多", "1,234"])
    elif what == 8:
        row[14] = rng.choice(ODD_PROGRAMS)
    elif what == 9:
        row[15] = rng.choice(["2021年", "明年", 45047.0, dt.datetime(2019, 3, 4), None])
    elif what == 10:
        row[11] = rng.choice(["有点", True, "600519", None])
    elif what == 11:
        row[6] = rng.choice(["C35", "c 3511", "制造业"])
        row[7] = rng.choice([1234.5, "20万元", "—"])
        row[8] = rng.choice([dt.datetime(2018, 5, 6), "2017-02-30", 42000.0])
    elif what == 12:
        row[2] = "山东" + row[1][2:]  # 企业原名称
        row[17] = rng.choice(["2022-09-06至2025-09-05", "bad", None])
    elif what == 13:
        row[9] = rng.choice([13534273031.0, True, dt.time(9, 30)])
        row[18] = "   "
    elif what == 14:
        row = row[:5]  # a short row, as CSV gives
    return row


def rows_of(n: int, seed: int, messy_share: float) -> list[list[object]]:
    rng = random.Random(seed)
    out: list[list[object]] = [["2024年青岛西海岸新区重点企业名单"], HEAD]
    names: list[str] = []
    for i in range(n):
        if i % 97 == 40:
            out.append([rng.choice(["一、示范企业", "二、培育企业（复核）"])])
        row = messy_row(rng, i, names) if rng.random() < messy_share else plain_row(rng, i)
        if isinstance(row[1], str) and row[1].strip():
            names.append(row[1])
        out.append(row)
    return out


def validator_and_rows(rows: list[list[object]], options: ImportOptions):
    info = locate(rows[:30], 30)
    assert info is not None
    data = [r for r in classify(rows, info) if r.kind == "data"]
    return (lambda: Validator(map_columns(info.headers), options)), data


@pytest.mark.parametrize(("seed", "messy_share", "options"), [
    (1, 0.0, ImportOptions()),
    (2, 0.3, ImportOptions()),
    (3, 1.0, ImportOptions()),
    (4, 0.3, ImportOptions(year=2021)),
    (5, 0.3, ImportOptions(program="little_giant", batch="第五批", kind="review")),
])
def test_validate_many_is_validate_row_by_row(seed, messy_share, options):
    make, data = validator_and_rows(rows_of(1500, seed, messy_share), options)
    one_by_one = make()
    expected = [one_by_one.validate(row) for row in data]

    many = make()
    calls = 0
    validate = many.validate

    def counted(row):
        nonlocal calls
        calls += 1
        return validate(row)

    many.validate = counted  # rows the fast way cannot take go through here
    got = []
    for start in range(0, len(data), 200):
        got += many.validate_many(data[start:start + 200])

    assert [(s, rec, issues) for s, rec, issues in got] == expected
    statuses = {s for s, _rec, _issues in expected}
    assert "ok" in statuses
    if messy_share:
        assert {"rejected", "merged"} <= statuses  # the messy rows did reach validate's checks
    if messy_share < 1:  # the plain rows were read the fast way, not handed to validate
        assert calls < len(data) * (0.5 if messy_share else 0.01)
