"""Header text → field ids: synonyms, width/space/case tolerance, units, signature, overrides."""

from __future__ import annotations

import pytest

from goosetier.importing.columns import (
    FIELDS,
    SYNONYMS,
    header_signature,
    map_columns,
    match_header,
)


@pytest.mark.parametrize(
    ("header", "field"),
    [
        ("企业名称", "name"),
        ("单位名称", "name"),
        ("公司名称", "name"),
        ("名称", "name"),
        ("企业现名称", "name"),
        ("企业名称（盖章）", "name"),
        ("企业原名称", "former_name"),
        ("统一社会信用代码", "credit_code"),
        ("社会信用代码", "credit_code"),
        ("信用代码", "credit_code"),
        ("USCC", "credit_code"),
        ("Credit Code", "credit_code"),
        ("所在地区", "district"),
        ("区市", "district"),
        ("区（市）", "district"),
        ("县（市、区）", "district"),
        ("地区", "district"),
        ("镇街", "street"),
        ("所在镇街", "street"),
        ("所属街道", "street"),
        ("街道", "street"),
        ("所属园区", "park"),
        ("园区", "park"),
        ("所属行业", "industry_code"),
        ("行业代码", "industry_code"),
        ("产业领域", "cluster"),
        ("所属产业", "cluster"),
        ("产业集群", "cluster"),
        ("产业", "cluster"),
        ("主营产品", "product"),
        ("产品名称", "product"),
        ("称号", "programs"),
        ("梯度称号", "programs"),
        ("荣誉称号", "programs"),
        ("认定类型", "programs"),
        ("培育类型", "programs"),
        ("梯度", "programs"),
        ("认定批次", "batch"),
        ("批次", "batch"),
        ("认定年份", "year"),
        ("年份", "year"),
        ("认定年度", "year"),
        ("营业收入（万元）", "revenue"),
        ("主营业务收入", "revenue"),
        ("营收", "revenue"),
        ("工业总产值", "output"),
        ("产值", "output"),
        ("上市情况", "listed"),
        ("是否上市", "listed"),
        ("升规入统时间", "above_scale_year"),
        ("入统时间", "above_scale_year"),
        ("升规年份", "above_scale_year"),
        ("证书编号", "certificate_no"),
        ("有效期起", "valid_from"),
        ("发证日期", "valid_from"),
        ("认定日期", "valid_from"),
        ("有效期至", "valid_until"),
        ("序号", "seq"),
        ("No.", "seq"),
        ("认定级别", "level"),
        ("法定代表人", "legal_rep"),
        ("注册资本（万元）", "registered_capital"),
        ("成立日期", "founded_on"),
        ("联系人", "contact_name"),
        ("联系电话", "contact_phone"),
        ("员工人数（人）", "employees"),
        ("注册地址", "address"),
        ("备注", "notes"),
    ],
)
def test_synonyms(header: str, field: str) -> None:
    assert match_header(header)[0] == field


@pytest.mark.parametrize(
    "variant",
    [
        "企业名称",
        " 企业 名称 ",
        "企业\n名称",
        "ＣＲＥＤＩＴ ＣＯＤＥ",
        "credit_code",
        "Credit-Code",
    ],
)
def test_case_width_space_insensitive(variant: str) -> None:
    assert match_header(variant)[0] in {"name", "credit_code"}


@pytest.mark.parametrize(
    ("header", "field", "unit", "year"),
    [
        ("营业收入（亿元）", "revenue", "亿元", None),
        ("营业收入(万元)", "revenue", "万元", None),
        ("营业收入【万元】", "revenue", "万元", None),
        ("营业收入（单位：亿元）", "revenue", "亿元", None),
        ("营业收入/亿元", "revenue", "亿元", None),
        ("营业收入万元", "revenue", "万元", None),
        ("2024年营业收入（万元）", "revenue", "万元", 2024),
        ("工业总产值（2023年，亿元）", "output", "亿元", 2023),
    ],
)
def test_units_and_years(header: str, field: str, unit: str, year: int | None) -> None:
    assert match_header(header) == (field, unit, year)


@pytest.mark.parametrize("header", ["省份", "有效期", "企业家", "", None, "是否高新技术企业"])
def test_unknown_headers(header: object) -> None:
    assert match_header(header)[0] is None


def test_synonym_table_uses_only_known_fields() -> None:
    assert set(SYNONYMS) == set(FIELDS)
    assert len(FIELDS) == 29


def test_map_columns_units_and_duplicates() -> None:
    headers = ["序号", "企业名称", "单位名称", "营业收入（亿元）", None, "省份", "注册资本"]
    mapping = map_columns(headers)
    assert mapping.fields == {0: "seq", 1: "name", 3: "revenue", 6: "registered_capital"}
    assert mapping.unmapped == [2, 5]  # the second name column and an unknown header
    assert mapping.units == {"revenue": "亿元", "registered_capital": "万元"}  # 万元 by default
    assert mapping.column_of("revenue") == 3
    assert mapping.column_of("credit_code") is None
    assert mapping.headers[4] == ""


def test_years_in_headers() -> None:
    mapping = map_columns(["企业名称", "2024年营业收入（万元）", "2023年营业收入（万元）"])
    assert mapping.fields == {0: "name", 1: "revenue"}
    assert mapping.years == {1: 2024}
    assert mapping.unmapped == [2]


def test_signature_is_stable_and_tolerant() -> None:
    a = map_columns(["序号", "企业名称", "统一社会信用代码"])
    b = map_columns([" 序号", "企业 名称", "统一社会信用代码", None, ""])
    c = map_columns(["序号", "统一社会信用代码", "企业名称"])
    assert a.signature == b.signature == header_signature(["序号", "企业名称", "统一社会信用代码"])
    assert a.signature != c.signature
    assert len(a.signature) == 16
    int(a.signature, 16)  # a hex digest prefix


def test_override() -> None:
    mapping = map_columns(["企业名称", "单位名称", "区域名称", "营业收入（亿元）"])
    assert mapping.fields == {0: "name", 3: "revenue"}
    changed = mapping.with_override({1: "name", 2: "district", 3: None})
    assert changed.fields == {1: "name", 2: "district"}
    assert changed.unmapped == [0, 3]
    assert changed.units == {}
    assert changed.signature == mapping.signature
    again = changed.with_override({3: "revenue"})
    assert again.units == {"revenue": "亿元"}
    with pytest.raises(ValueError):
        mapping.with_override({0: "no_such_field"})
