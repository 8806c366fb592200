"""The bundled sample roster (示例数据): a district ledger to try GooseTier on an empty registry.

Built in code rather than shipped as a file, so it always matches the importer and the catalog.
Names come from the district plan (seed text) and the example rosters; every credit code,
revenue figure, year and contact is generated (deterministically) and belongs to nobody. The
workbook says so in its title row, in a note row and in every row's 备注. It covers every tier:
head geese by revenue bracket and listing, the 专精特新 ladder, champions, young geese with a
few 小升规 entries in each year 2021–2025, and the other designations, several to a firm.
"""

from __future__ import annotations

import random
from pathlib import Path

from goosetier.core.codes import ALPHABET, make_code

TITLE = "示例数据｜青岛西海岸新区企业雁阵梯度培育台账（示例）"
NOTE = ("示例数据：企业名称取自规划文本和示例名单，统一社会信用代码、营业收入、称号年份、联系人等均为随机生成，"
        "仅供熟悉软件使用，不代表任何企业的真实情况。")
HEADERS = ("序号", "企业名称", "统一社会信用代码", "产业领域", "所属镇街", "称号",
           "2025年营业收入（万元）", "上市情况", "升规入统时间", "联系人", "联系电话", "备注")

# (name, cluster, revenue bracket: "50b" / "30b" / "10b" / "1b" / "" , programs)
# Programs: catalog names, each with the year it was granted.
FIRMS: tuple[tuple[str, str, str, str], ...] = (
    ("青岛海尔智能家电科技有限公司", "智能家电", "50b", "单项冠军示范企业2021、高新技术企业2023"),
    ("海信宽带多媒体技术有限公司", "芯屏", "10b", "专精特新“小巨人”企业2022、高新技术企业2024"),
    ("青岛海信激光显示股份有限公司", "芯屏", "1b", "单项冠军产品2022、高新技术企业2022"),
    ("中船重工船舶柴油机有限公司", "船舶海工", "10b", "单项冠军2023、高新技术企业2023"),
    ("海洋石油工程（青岛）有限公司", "船舶海工", "30b", "高新技术企业2024"),
    ("青岛海西重工有限责任公司", "船舶海工", "1b", "高新技术企业2022、专精特新中小企业2023"),
    ("澳柯玛股份有限公司", "智能家电", "1b", "单项冠军2024、高新技术企业2023"),
    ("上汽通用五菱汽车股份有限公司青岛分公司", "汽车", "10b", ""),
    ("青岛双星轮胎工业有限公司", "汽车", "1b", "高新技术企业2022"),
    ("赛轮集团股份有限公司", "高端化工新材料", "10b", "单项冠军2022、高新技术企业2024"),
    ("金能化学（青岛）有限公司", "高端化工新材料", "10b", "高新技术企业2023"),
    ("青岛海湾化学股份有限公司", "高端化工新材料", "1b", "高新技术企业2022、单项冠军培育企业2021"),
    ("青岛特殊钢铁有限公司", "高端装备", "10b", "高新技术企业2023"),
    ("青岛环球集团股份有限公司", "高端装备", "1b", "隐形冠军2022、专精特新中小企业2023"),
    ("青岛明月海藻集团有限公司", "海洋生物医药", "1b", "单项冠军2023、高新技术企业2024"),
    ("青岛聚大洋藻业集团有限公司", "海洋生物医药", "1b", "专精特新“小巨人”企业2023"),
    ("正大制药（青岛）有限公司", "海洋生物医药", "1b", "高新技术企业2023"),
    ("青岛国风药业股份有限公司", "海洋生物医药", "", "专精特新中小企业2024、高新技术企业2024"),
    ("青岛东海药业有限公司", "海洋生物医药", "", "专精特新中小企业2022、瞪羚企业2024"),
    ("力神（青岛）新能源有限公司", "汽车", "1b", "高新技术企业2024"),
    ("青岛蓝科途膜材料有限公司", "高端化工新材料", "1b", "专精特新“小巨人”企业2024、瞪羚企业2024"),
    ("青岛以萨数据技术有限公司", "人工智能", "", "专精特新“小巨人”企业2023、独角兽企业2024"),
    ("青岛神硕科技有限公司", "人工智能", "", "创新型中小企业2024、科技型中小企业2025"),
    ("赛洛佳昱（青岛）机械有限公司", "高端装备", "", "专精特新中小企业2025、创新型中小企业2023"),
    ("青岛中加特电气股份有限公司", "高端装备", "1b", "专精特新“小巨人”企业2021、隐形冠军2023"),
    ("中电科思仪科技股份有限公司", "芯屏", "1b", "专精特新“小巨人”企业2022、高新技术企业2022"),
    ("青岛海容商用冷链股份有限公司", "智能家电", "1b", "单项冠军2022、高新技术企业2024"),
    ("青岛天一红旗软控科技有限公司", "高端装备", "", "隐形冠军2024、专精特新中小企业2022"),
    ("青岛宸芯科技有限公司", "芯屏", "", "创新型中小企业2025、科技型中小企业2025"),
    ("青岛大东自动化科技有限公司", "高端装备", "", "专精特新中小企业2023、小升规培育库企业2024"),
    ("青岛思远化工有限公司", "高端化工新材料", "", "专精特新中小企业2024"),
    ("青岛科海生物有限公司", "海洋生物医药", "", "科技型中小企业2025、小升规培育库企业2025"),
    ("青岛海佳机械集团有限公司", "高端装备", "", "高新技术企业2024、隐形冠军2023"),
)
# Generated names (from the example 2,000-row roster) fill the young geese and the ladder.
SMALL: tuple[tuple[str, str], ...] = tuple((n, c) for n, c in (
    ("青岛西嘉汽车有限公司", "汽车"), ("青岛宏远港化工科技有限公司", "高端化工新材料"),
    ("青岛晨天人工智能科技有限公司", "人工智能"), ("青岛东蓝重工股份有限公司", "高端装备"),
    ("青岛美云通光装备制造有限责任公司", "高端装备"), ("青岛跃琴唐电器有限公司", "智能家电"),
    ("青岛恒川机械有限公司", "高端装备"), ("青岛玛盛海洋生物有限公司", "海洋生物医药"),
    ("青岛智方顺西智能科技有限公司", "人工智能"), ("青岛达晟重工有限责任公司", "船舶海工"),
    ("青岛兴南电子有限责任公司", "芯屏"), ("青岛威国家电科技有限公司", "智能家电"),
    ("青岛际益和机床有限公司", "高端装备"), ("青岛源齐集成电路科技有限公司", "芯屏"),
    ("青岛云唐车辆有限公司", "汽车"), ("青岛信明化工有限公司", "高端化工新材料"),
    ("青岛嘉蓝智慧科技有限公司", "人工智能"), ("青岛西岛机器人科技有限公司", "人工智能"),
    ("青岛诚青船舶股份有限公司", "船舶海工"), ("青岛正隆海洋科技股份有限公司", "船舶海工"),
    ("青岛云远船舶配套有限公司", "船舶海工"), ("青岛金盛家电科技有限公司", "智能家电"),
    ("青岛德同轨道交通装备科技有限公司", "高端装备"), ("青岛嘉光洋辉装备制造有限公司", "高端装备"),
    ("青岛旭秋新能源汽车有限公司", "汽车"), ("青岛凯福机械股份有限公司", "高端装备"),
    ("青岛腾胶电子有限公司", "芯屏"), ("青岛正天玛动力科技有限公司", "汽车"),
    ("青岛通崂自动化设备有限公司", "高端装备"), ("青岛西亿精细化工股份有限公司", "高端化工新材料"),
    ("青岛柯川新材料科技有限公司", "高端化工新材料"), ("青岛汇睿电子有限公司", "芯屏"),
    ("青岛德宏际恒医药股份有限公司", "海洋生物医药"), ("青岛凯展海洋科技有限公司", "船舶海工"),
    ("青岛峰通海洋生物医药有限公司", "海洋生物医药"), ("青岛唐崂诚半导体有限责任公司", "芯屏"),
    ("青岛西瑞成动力科技有限责任公司", "汽车"), ("青岛正信卓昊软件有限责任公司", "人工智能"),
    ("青岛源宇车辆有限公司", "汽车"), ("青岛齐华生物工程有限责任公司", "海洋生物医药"),
    ("青岛岛合智能装备科技有限公司", "高端装备"), ("青岛信洋装备制造有限公司", "高端装备"),
    ("青岛威峰豪自动化设备有限公司", "高端装备"), ("青岛亿崂智能家电有限公司", "智能家电"),
    ("青岛安明通人工智能有限公司", "人工智能"), ("青岛北齐新能源汽车有限公司", "汽车"),
    ("青岛兴春自动化设备有限公司", "高端装备"), ("青岛航佳电器有限公司", "智能家电"),
    ("青岛龙朗国阳机床股份有限公司", "高端装备"), ("青岛创汉车辆有限公司", "汽车"),
))
STREETS = ("辛安街道", "薛家岛街道", "灵珠山街道", "长江路街道", "黄岛街道", "红石崖街道",
           "隐珠街道", "珠海街道", "胶南街道", "王台镇", "张家楼街道", "灵山卫街道", "六汪镇",
           "大场镇", "泊里镇", "琅琊镇")
# Revenue, 万元 (10 亿元 = 100,000 万元), at or above each head-goose threshold.
BRACKETS = {"50b": (5_000_000, 6_500_000), "30b": (3_000_000, 4_500_000),
            "10b": (1_000_000, 2_800_000), "1b": (100_000, 900_000), "": (2_000, 90_000)}
LISTED = {"青岛海尔智能家电科技有限公司": "上交所主板", "青岛海信激光显示股份有限公司": "科创板",
          "澳柯玛股份有限公司": "上交所主板", "赛轮集团股份有限公司": "上交所主板",
          "青岛海容商用冷链股份有限公司": "上交所主板", "青岛海湾化学股份有限公司": "深交所主板",
          "青岛国风药业股份有限公司": "拟上市"}
LADDER = ("创新型中小企业", "专精特新中小企业", "科技型中小企业", "小升规培育库企业", "高新技术企业")


def sample_rows(seed: int = 2025) -> list[list[object]]:
    """The data rows of the sample roster (deterministic)."""
    rnd = random.Random(seed)
    rows: list[list[object]] = []

    def code() -> str:
        return make_code("91370211", "".join(rnd.choice(ALPHABET) for _ in range(8)))

    def contact() -> tuple[str, str]:
        name = rnd.choice("王李张刘陈杨赵黄周吴") + rnd.choice(("伟", "芳", "娜", "敏", "静", "强",
                                                            "磊", "洋", "艳", "杰"))
        return name, f"0532-{rnd.randint(8000_0000, 8999_9999)}"

    for name, cluster, bracket, programs in FIRMS:
        low, high = BRACKETS[bracket]
        person, phone = contact()
        rows.append([name, code(), cluster, rnd.choice(STREETS), programs,
                     round(rnd.uniform(low, high), 2), LISTED.get(name, "未上市"), None,
                     person, phone])
    # Young geese: three 小升规 entries in each year 2021–2025, the rest on the ladder.
    for i, (name, cluster) in enumerate(SMALL):
        year = 2021 + i // 3 if i < 15 else None
        picks = rnd.sample(LADDER, k=rnd.choice((1, 2, 2, 3)))
        cell = "、".join(f"{p}{rnd.randint(2021, 2025)}" for p in picks)
        revenue = rnd.uniform(2_000, 40_000) if year else rnd.uniform(300, 1_900)
        person, phone = contact()
        rows.append([name, code(), cluster, rnd.choice(STREETS), cell, round(revenue, 2),
                     "未上市", year, person, phone])
    return rows


def write_sample(path: str | Path, seed: int = 2025) -> Path:
    """Write the sample roster workbook (title row, note row, header, data) to ``path``."""
    import xlsxwriter

    path = Path(path)
    book = xlsxwriter.Workbook(str(path))
    try:
        sheet = book.add_worksheet("示例名录")
        bold = book.add_format({"bold": True, "font_size": 14})
        text = book.add_format({"num_format": "@"})
        sheet.merge_range(0, 0, 0, len(HEADERS) - 1, TITLE, bold)
        sheet.merge_range(1, 0, 1, len(HEADERS) - 1, NOTE)
        sheet.write_row(2, 0, HEADERS)
        for i, row in enumerate(sample_rows(seed), start=1):
            r = 2 + i
            sheet.write_number(r, 0, i)
            sheet.write_string(r, 1, str(row[0]))
            sheet.write_string(r, 2, str(row[1]), text)  # codes as text: Excel keeps them whole
            for c, value in enumerate(row[2:], start=3):
                if value is not None:
                    sheet.write(r, c, value)
            sheet.write_string(r, len(HEADERS) - 1, "示例数据")
        sheet.set_column(1, 1, 36)
        sheet.set_column(2, 2, 22)
        sheet.set_column(5, 5, 48)
    finally:
        book.close()
    return path
