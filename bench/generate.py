"""Generate a realistic district roster of any size for the benchmark and the smoke test.

Rows look like the ledgers officers receive: unique Chinese company names built the way real ones
are (行政区划 + 字号 + 行业 + 组织形式), unique credit codes that pass both GB 32100 and GB 11714
checks (written as text, as a careful office would), one of the eight industry clusters, a street
of 黄岛区, one to three designations in one cell joined by 、, a year and batch, revenue in 万元,
listing status and a contact. An optional merged title row sits above the header.

The workbook is written with xlsxwriter in constant-memory mode, so 100,000 rows cost a few
seconds and little memory. The same seed always gives the same file.

    python -m bench.generate OUT.xlsx --rows 100000 [--seed 8] [--no-title]
"""

from __future__ import annotations

import argparse
import itertools
import random
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from goosetier.core.codes import ALPHABET, make_code
from goosetier.core.names import normalize_name

HEADER: tuple[str, ...] = (
    "序号", "企业名称", "统一社会信用代码", "所属产业", "所属街道", "称号", "认定年份", "认定批次",
    "营业收入（万元）", "上市情况", "联系人", "联系电话",
)  # fmt: skip
TITLE = "2024年青岛西海岸新区重点培育企业名单"
SHEET = "企业名单"
DEFAULT_SEED = 8
CODE_PREFIXES = ("91370211", "91370200")

CLUSTER_TRADES: dict[str, tuple[str, ...]] = {
    "船舶海工": ("船舶重工", "海洋工程", "船舶配套", "海工装备", "船舶科技"),
    "智能家电": ("电器", "智能家电", "电子电器", "厨房电器", "家电科技"),
    "高端化工新材料": ("化工", "新材料", "高分子材料", "精细化工", "化学科技"),
    "汽车": ("汽车零部件", "汽车部件", "新能源汽车", "车辆科技", "汽车电子"),
    "高端装备": ("机械", "重工", "智能装备", "精密机械", "数控科技", "装备制造"),
    "芯屏": ("微电子", "半导体", "光电科技", "显示科技", "集成电路"),
    "海洋生物医药": ("生物医药", "海洋生物", "药业", "生物科技", "医疗器械"),
    "人工智能": ("人工智能", "智能科技", "信息技术", "数字科技", "机器人"),
    "其他": ("食品", "纺织", "包装", "实业", "环保科技", "建材"),
}
CLUSTERS: tuple[str, ...] = tuple(CLUSTER_TRADES)
REGIONS = ("青岛", "青岛", "青岛", "青岛西海岸", "黄岛", "山东", "青岛经济技术开发区")
SYLLABLES = (
    "海容瑞泰鑫源华宏德盛康达新利安恒通嘉信诚和兴博创科远航万丰明润星辰晨蓝天东金港湾峰岳益佳凯"
    "骏龙鹏锦程祥云启元正奥美睿智晟昊晶赛汇聚融众邦雅琴珠灵泽沃澳维特迈宇浩川林森立中广厚升"
)
STREETS = (
    "黄岛街道", "辛安街道", "薛家岛街道", "灵珠山街道", "长江路街道", "红石崖街道", "灵山卫街道",
    "隐珠街道", "珠海街道", "滨海街道", "铁山街道", "张家楼街道", "王台镇", "藏马镇", "泊里镇",
    "大场镇", "大村镇", "六汪镇", "海青镇", "宝山镇", "琅琊镇",
)  # fmt: skip
PROGRAMS = (  # as rosters write them, with weights (common designations more often)
    ("高新技术企业", 30), ("专精特新中小企业", 25), ("科技型中小企业", 25), ("创新型中小企业", 12),
    ("专精特新“小巨人”企业", 4), ("瞪羚企业", 4), ("制造业单项冠军", 1), ("隐形冠军企业", 2),
    ("高企", 4), ("小巨人", 1),
)  # fmt: skip
_PROGRAM_NAMES = [p for p, _ in PROGRAMS]
_PROGRAM_CUM = list(itertools.accumulate(w for _, w in PROGRAMS))
LISTING = ("上交所主板", "深交所创业板", "科创板", "北交所", "港交所主板", "新三板挂牌")
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红鹏辉斌宇浩凯健俊帆"


@dataclass(frozen=True, slots=True)
class RosterFile:
    """What was written: where, how many data rows, and on which (0-based) row the header is."""

    path: Path
    rows: int
    header_row: int
    header: tuple[str, ...] = HEADER


def _name(rng: random.Random, cluster: str) -> str:
    trade_name = "".join(rng.choices(SYLLABLES, k=2 if rng.random() < 0.85 else 3))
    trade = rng.choice(CLUSTER_TRADES[cluster])
    form = "股份有限公司" if rng.random() < 0.2 else "有限公司"
    if rng.random() < 0.06:  # 中加特电气（青岛）股份有限公司
        return f"{trade_name}{trade}（青岛）{form}"
    return f"{rng.choice(REGIONS)}{trade_name}{trade}{form}"


def _code(rng: random.Random) -> str:
    if rng.random() < 0.6:  # codes issued since 2015 carry an "MA" body
        org8 = "MA" + "".join(rng.choices(ALPHABET, k=6))
    else:
        org8 = "".join(rng.choices("0123456789", k=8))
    return make_code(rng.choice(CODE_PREFIXES), org8)


def _programs(rng: random.Random) -> str:
    k = rng.choices((1, 2, 3), cum_weights=(60, 90, 100))[0]
    chosen: list[str] = []
    while len(chosen) < k:
        pick = rng.choices(_PROGRAM_NAMES, cum_weights=_PROGRAM_CUM)[0]
        if pick not in chosen:
            chosen.append(pick)
    return "、".join(chosen)


def _phone(rng: random.Random) -> str:
    if rng.random() < 0.65:
        return rng.choice(("13", "15", "17", "18", "19")) + f"{rng.randrange(10**9):09d}"
    return f"0532-8{rng.randrange(10**7):07d}"


def roster_records(rows: int, seed: int = DEFAULT_SEED) -> Iterator[tuple]:
    """The data rows, in HEADER order; deterministic for a seed, names and codes unique."""
    rng = random.Random(seed)
    seen_names: set[str] = set()
    seen_codes: set[str] = set()
    for seq in range(1, rows + 1):
        cluster = rng.choice(CLUSTERS)
        name = _name(rng, cluster)
        while normalize_name(name) in seen_names:
            name = _name(rng, cluster)
        seen_names.add(normalize_name(name))
        code = _code(rng)
        while code in seen_codes:
            code = _code(rng)
        seen_codes.add(code)
        year = rng.randint(2019, 2025)
        revenue = round(rng.lognormvariate(8.5, 1.4), 2)
        listed = rng.choice(LISTING) if rng.random() < 0.06 else "未上市"
        contact = rng.choice(SURNAMES) + "".join(rng.choices(GIVEN, k=rng.choice((1, 2))))
        yield (seq, name, code, cluster, rng.choice(STREETS), _programs(rng), year,
               f"第{rng.randint(1, 8)}批", revenue, listed, contact, _phone(rng))


def generate_roster(path: str | Path, rows: int, *, title_rows: bool = True,
                    seed: int = DEFAULT_SEED) -> RosterFile:
    """Write a roster of `rows` enterprises to `path` (.xlsx) and describe it."""
    import xlsxwriter

    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    book = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    try:
        sheet = book.add_worksheet(SHEET)
        bold = book.add_format({"bold": True, "align": "center", "valign": "vcenter"})
        title_fmt = book.add_format({"bold": True, "font_size": 16, "align": "center"})
        text = book.add_format({"num_format": "@"})
        money = book.add_format({"num_format": "0.00"})
        sheet.set_column(1, 1, 40)
        sheet.set_column(2, 2, 22, text)
        sheet.set_column(5, 5, 30)
        header_row = 0
        if title_rows:
            sheet.merge_range(0, 0, 0, len(HEADER) - 1, TITLE, title_fmt)
            header_row = 1
        sheet.write_row(header_row, 0, HEADER, bold)
        for r, rec in enumerate(roster_records(rows, seed), start=header_row + 1):
            sheet.write_number(r, 0, rec[0])
            sheet.write_string(r, 1, rec[1])
            sheet.write_string(r, 2, rec[2], text)  # text: an 18-digit code must not become a float
            sheet.write_string(r, 3, rec[3])
            sheet.write_string(r, 4, rec[4])
            sheet.write_string(r, 5, rec[5])
            sheet.write_number(r, 6, rec[6])
            sheet.write_string(r, 7, rec[7])
            sheet.write_number(r, 8, rec[8], money)
            sheet.write_string(r, 9, rec[9])
            sheet.write_string(r, 10, rec[10])
            sheet.write_string(r, 11, rec[11], text)
    finally:
        book.close()
    return RosterFile(path, rows, header_row)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.generate", description=__doc__.split(
        "\n\n")[0])
    parser.add_argument("out", help="the .xlsx file to write")
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--no-title", action="store_true", help="no merged title row")
    args = parser.parse_args(argv)
    info = generate_roster(args.out, args.rows, title_rows=not args.no_title, seed=args.seed)
    print(f"{info.path}: {info.rows} rows, header on row {info.header_row + 1}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
