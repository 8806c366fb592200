"""Cell value parsers: years, dates, batches, money, program lists, listed status, text."""

from __future__ import annotations

import datetime as dt

import pytest

from goosetier.importing.values import (
    chinese_number,
    clean_text,
    parse_batch,
    parse_date,
    parse_date_range,
    parse_listed,
    parse_money,
    parse_year,
    split_programs,
)

MAY_1 = dt.date(2023, 5, 1)


@pytest.mark.parametrize(
    ("value", "year", "date"),
    [
        (2023, 2023, None),
        (2023.0, 2023, None),
        ("2023", 2023, None),
        ("2023年", 2023, None),
        ("2023年度", 2023, None),
        ("２０２３年", 2023, None),
        ("2023-05-01", 2023, MAY_1),
        ("2023-05-01 00:00:00", 2023, MAY_1),
        ("2023年5月1日", 2023, MAY_1),
        ("2023 年 5 月 1 日", 2023, MAY_1),
        ("20230501", 2023, MAY_1),
        (20230501, 2023, MAY_1),
        ("2023/5/1", 2023, MAY_1),
        ("2023.5.1", 2023, MAY_1),
        ("2023.05", 2023, None),
        (2023.05, 2023, None),
        ("2023年5月", 2023, None),
        (MAY_1, 2023, MAY_1),
        (dt.datetime(2023, 5, 1, 8, 30), 2023, MAY_1),
        (45047, 2023, MAY_1),  # Excel serial
        (45047.75, 2023, MAY_1),  # serial with a time of day
        ("45047", 2023, MAY_1),
    ],
)
def test_year_and_date_forms(value: object, year: int, date: dt.date | None) -> None:
    assert parse_year(value) == year
    assert parse_date(value) == date


@pytest.mark.parametrize("blank", [None, "", "  ", "-", "—", "/", "无", "暂无"])
def test_blank_dates_are_none(blank: object) -> None:
    assert parse_year(blank) is None
    assert parse_date(blank) is None


@pytest.mark.parametrize(
    "bad", ["abc", "2023-02-30", "2023年13月", "1800", 12, 99999, True, "约2020"]
)
def test_unreadable_dates_raise(bad: object) -> None:
    with pytest.raises(ValueError):
        parse_year(bad)


def test_serials_only_in_plausible_range() -> None:
    # 2023 is a year, not 1905-07-15; 10000 is neither a year nor a plausible serial.
    assert parse_date(2023) is None
    with pytest.raises(ValueError):
        parse_year(10000)
    assert parse_date(18264) == dt.date(1950, 1, 1)


def test_date_range() -> None:
    assert parse_date_range("2022-09-06至2025-09-05") == (
        dt.date(2022, 9, 6),
        dt.date(2025, 9, 5),
    )
    assert parse_date_range("2022/9/6～2025/9/5")[1] == dt.date(2025, 9, 5)
    assert parse_date_range("2022-09-06") == (dt.date(2022, 9, 6), None)
    assert parse_date_range(None) == (None, None)


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("第五批", 5),
        ("第5批", 5),
        ("第 5 批次", 5),
        ("第十批", 10),
        ("第十二批", 12),
        ("第二十一批", 21),
        ("第二十批", 20),
        ("2024年第一批", 1),
        ("第一批第三年", 1),
        ("第四批（复核）", 4),
        ("５", 5),
        (5.0, 5),
        ("三", 3),
        ("复核", None),
        ("", None),
        (None, None),
    ],
)
def test_batch(text: object, number: int | None) -> None:
    given, parsed = parse_batch(text)
    assert parsed == number
    assert given == (clean_text(text) or "")


def test_chinese_numbers() -> None:
    assert [chinese_number(t) for t in ("十", "十一", "二十", "九十九", "一百零五", "两")] == [
        10,
        11,
        20,
        99,
        105,
        2,
    ]
    assert chinese_number("十x") is None


@pytest.mark.parametrize(
    ("value", "unit", "wan"),
    [
        (8.94, "亿元", 89400.0),
        (1234, "万元", 1234.0),
        ("1,234.5", "万元", 1234.5),
        ("１，２３４．５", "万元", 1234.5),
        ("1234万元", "万元", 1234.0),
        ("3.5亿元", "万元", 35000.0),  # a unit in the cell wins over the column's
        ("3.5 亿", "万元", 35000.0),
        ("5000元", "万元", 0.5),
        ("200", "千元", 20.0),
        ("-12.5", "万元", -12.5),
    ],
)
def test_money(value: object, unit: str, wan: float) -> None:
    assert parse_money(value, unit) == pytest.approx(wan)


@pytest.mark.parametrize("blank", [None, "", "-", "--", "—", "/", "无", "暂无", " "])
def test_money_blank(blank: object) -> None:
    assert parse_money(blank) is None


@pytest.mark.parametrize("bad", ["约500", "500以上", "五百", "1.2.3", True])
def test_money_bad_raises(bad: object) -> None:
    with pytest.raises(ValueError):
        parse_money(bad)


def test_money_unknown_unit() -> None:
    with pytest.raises(ValueError):
        parse_money(1, "美元")


@pytest.mark.parametrize(
    ("cell", "names"),
    [
        ("专精特新;高企", ["专精特新", "高企"]),
        ("专精特新；高企", ["专精特新", "高企"]),
        ("高新技术企业、瞪羚企业", ["高新技术企业", "瞪羚企业"]),
        ("高企，瞪羚, 独角兽", ["高企", "瞪羚", "独角兽"]),
        ("高企/瞪羚|独角兽", ["高企", "瞪羚", "独角兽"]),
        ("高企\n瞪羚\r\n独角兽", ["高企", "瞪羚", "独角兽"]),
        ('专精特新"小巨人"', ['专精特新"小巨人"']),
        ('专精特新"小巨人"、高企', ['专精特新"小巨人"', "高企"]),
        ("专精特新“小巨人”；瞪羚企业", ["专精特新“小巨人”", "瞪羚企业"]),
        ("单项冠军（示范企业，第五批），高企", ["单项冠军（示范企业，第五批）", "高企"]),
        ("【瞪羚企业】/“独角兽”/ (高企)", ["瞪羚企业", "独角兽", "高企"]),
        ("1.高企\n2.瞪羚", ["高企", "瞪羚"]),
        ("①高企②瞪羚", ["高企", "瞪羚"]),
        ("（1）高企；（2）瞪羚", ["高企", "瞪羚"]),
        ("高企、高企；", ["高企"]),
        ("高企\u3000瞪羚企业", ["高企", "瞪羚企业"]),
        ("“小巨人”和“高企”", ["“小巨人”和“高企”"]),
        ("", []),
        (None, []),
    ],
)
def test_split_programs(cell: object, names: list[str]) -> None:
    assert split_programs(cell) == names


@pytest.mark.parametrize(
    ("value", "listed", "exchange"),
    [
        ("已上市", True, ""),
        ("是", True, ""),
        (True, True, ""),
        ("A股", True, "A股"),
        ("港股", True, "港股"),
        ("上交所主板", True, "上交所主板"),
        ("深交所", True, "深交所"),
        ("北交所", True, "北交所"),
        ("科创板", True, "科创板"),
        ("创业板", True, "创业板"),
        ("纳斯达克", True, "纳斯达克"),
        ("纽交所", True, "纽交所"),
        ("香港联交所", True, "香港联交所"),
        ("600690.SH", True, "600690.SH"),
        ("未上市", False, ""),
        ("否", False, ""),
        ("拟上市", False, ""),
        ("拟在创业板上市", False, ""),
        ("新三板挂牌", False, ""),
        ("新三板", False, ""),
        ("无", False, ""),
        ("", None, ""),
        (None, None, ""),
        ("不清楚", None, "不清楚"),
    ],
)
def test_listed(value: object, listed: bool | None, exchange: str) -> None:
    assert parse_listed(value) == (listed, exchange)


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (None, None),
        ("", None),
        ("   ", None),
        ("  青岛 \n 海尔  ", "青岛 海尔"),
        ("ＡＢＣ１２３", "ABC123"),
        (123.0, "123"),
        (8.94, "8.94"),
        (42, "42"),
        (True, "TRUE"),
        (MAY_1, "2023-05-01"),
        (dt.datetime(2023, 5, 1), "2023-05-01"),
        (dt.datetime(2023, 5, 1, 8, 30), "2023-05-01 08:30:00"),
    ],
)
def test_clean_text(value: object, text: str | None) -> None:
    assert clean_text(value) == text
