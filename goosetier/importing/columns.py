"""Header text → field id: the synonyms officers use, the units they write, and saved mappings.

Every office words its headers its own way (企业名称 / 单位名称 / 公司名称, 区（市） / 所在地区,
营业收入（亿元） / 2024年营业收入(万元)). Matching is done on a normal form that ignores case,
width (NFKC), spaces, a year and a unit, so one synonym table covers them all. The unit is kept
because it changes the numbers: revenue in 亿元 must be multiplied by 10,000 to give 万元.

``signature`` identifies a header layout, so a mapping the officer corrected once can be reused
the next time the same layout arrives.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace

FIELDS: tuple[str, ...] = (
    "seq", "name", "former_name", "credit_code", "cluster", "district", "street", "park",
    "industry_code", "legal_rep", "registered_capital", "founded_on", "contact_name",
    "contact_phone", "listed", "revenue", "output", "employees", "above_scale_year", "programs",
    "year", "batch", "product", "address", "notes", "level", "valid_from", "valid_until",
    "certificate_no",
)  # fmt: skip
MONEY_FIELDS = frozenset({"revenue", "output", "registered_capital"})
DEFAULT_MONEY_UNIT = "万元"

# Chinese first (as on the rosters in DOMAIN §5), then English. Keys are compared in normal form.
SYNONYMS: dict[str, tuple[str, ...]] = {
    "seq": ("序号", "序", "编号", "排序", "no", "no.", "#", "seq", "index"),
    "name": ("企业名称", "单位名称", "公司名称", "名称", "企业现名称", "现名称", "企业全称",
             "申报单位", "申报企业", "企业", "单位", "name", "company", "company name",
             "enterprise", "enterprise name"),
    "former_name": ("企业原名称", "原名称", "原企业名称", "曾用名", "former name", "old name"),
    "credit_code": ("统一社会信用代码", "社会信用代码", "信用代码", "统一信用代码", "uscc",
                    "credit code", "unified social credit code"),
    "cluster": ("产业领域", "所属产业", "产业集群", "产业", "所属领域", "产业链", "重点产业链",
                "所属产业链", "所属集群", "cluster", "industry cluster"),
    "district": ("所在地区", "区市", "地区", "区县", "县市区", "区县市", "所在区", "所属区市",
                 "行政区", "区域", "所属区域", "所在区域", "district", "region"),
    "street": ("镇街", "所属街道", "街道", "所在街道", "镇街道", "街镇", "乡镇", "乡镇街道",
               "street", "town"),
    "park": ("所属园区", "园区", "所在园区", "功能区", "所属功能区", "园区功能区", "park"),
    "industry_code": ("所属行业", "行业代码", "行业", "国民经济行业", "行业分类",
                      "国民经济行业分类", "行业类别", "行业门类", "industry", "industry code"),
    "legal_rep": ("法定代表人", "法人代表", "法人", "企业法人", "legal representative"),
    "registered_capital": ("注册资本", "注册资金", "registered capital"),
    "founded_on": ("成立日期", "成立时间", "注册日期", "注册时间", "成立年份", "founded",
                   "date founded", "founded on"),
    "contact_name": ("联系人", "企业联系人", "联系人姓名", "contact", "contact name"),
    "contact_phone": ("联系电话", "电话", "手机", "手机号", "手机号码", "联系方式", "联系人电话",
                      "phone", "telephone", "tel", "contact phone"),
    "listed": ("上市情况", "是否上市", "上市状态", "上市板块", "上市地点", "listed", "listing"),
    "revenue": ("营业收入", "主营业务收入", "营收", "营业总收入", "销售收入", "年营业收入",
                "主营收入", "revenue", "sales", "operating revenue"),
    "output": ("工业总产值", "产值", "总产值", "output", "industrial output"),
    "employees": ("员工人数", "从业人员", "从业人数", "从业人员数", "职工人数", "职工总数",
                  "员工数", "人数", "employees", "headcount"),
    "above_scale_year": ("升规入统时间", "入统时间", "升规年份", "升规时间", "入统年份",
                         "纳统时间", "升规入统年份", "above scale year"),
    "programs": ("称号", "梯度称号", "荣誉称号", "认定类型", "培育类型", "梯度", "梯度类型",
                 "梯度层级", "获得称号", "认定称号", "企业资质", "资质", "programs", "program",
                 "designations", "titles"),
    "year": ("认定年份", "年份", "认定年度", "年度", "入选年份", "入库年份", "获评年份", "year"),
    "batch": ("认定批次", "批次", "入选批次", "batch"),
    "product": ("主营产品", "产品名称", "产品", "主导产品", "单项冠军产品", "冠军产品",
                "product", "main product"),
    "address": ("注册地址", "地址", "企业地址", "通讯地址", "经营地址", "生产地址", "住所",
                "address"),
    "notes": ("备注", "说明", "备注说明", "notes", "note", "remarks", "remark"),
    "level": ("认定级别", "级别", "认定层级", "level"),
    "valid_from": ("有效期起", "发证日期", "认定日期", "认定时间", "有效期开始", "起始日期",
                   "有效期自", "valid from"),
    "valid_until": ("有效期至", "有效期止", "有效期截止", "截止日期", "到期日期", "到期时间",
                    "valid until", "expiry", "expires"),
    "certificate_no": ("证书编号", "证书号", "证书号码", "certificate no", "certificate"),
}  # fmt: skip

_UNITS = ("亿美元", "万美元", "亿元", "万元", "千元", "元", "万人", "人", "个", "家", "%")
_UNIT_ALT = "|".join(re.escape(u) for u in _UNITS)
_BRACKETS = str.maketrans("【〔｛《〈】〕｝》〉", "((((()))))")  # NFKC already folds （）［］
_DROP = re.compile(r"[\s_\-—:：*★※·•、'\"“”‘’]+")
_YEAR = re.compile(r"(?:19|20)\d{2}年度?|(?:19|20)\d{2}(?=\D|$)")
_BRACKET_UNIT = re.compile(rf"\((?:[^()]*?[,;])?(?:单位)?({_UNIT_ALT})\)")
# Without brackets only money units are trusted: "营业收入万元" yes, "企业家" is no 企业 + 家.
_SUFFIX_UNIT = re.compile(r"(?:单位|/|,)?(亿美元|万美元|亿元|万元|千元|元)$")
_GROUP = re.compile(r"\([^()]*\)")
_PREFIXES = ("所在", "所属", "企业", "公司")


def normalize_header(text: object) -> str:
    """The comparison form: NFKC, lower case, one bracket style, no spaces or punctuation."""
    if text is None:
        return ""
    if isinstance(text, float) and text.is_integer():
        text = int(text)
    norm = unicodedata.normalize("NFKC", str(text)).lower().translate(_BRACKETS)
    return _DROP.sub("", norm)


def header_text(value: object) -> str:
    """A header cell as shown to the officer: white space collapsed, width kept ("（亿元）")."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return " ".join(str(value).split())


_LOOKUP: dict[str, str] = {
    normalize_header(syn): fid for fid, syns in SYNONYMS.items() for syn in syns
}


def match_header(text: object) -> tuple[str | None, str | None, int | None]:
    """(field id, unit, year) read from one header cell; field None when nothing matches."""
    key = normalize_header(text)
    if not key:
        return None, None, None
    year = None
    if m := _YEAR.search(key):
        year = int(m.group(0)[:4])
        key = _YEAR.sub("", key).replace("()", "")
    unit = None
    if m := _BRACKET_UNIT.search(key):
        unit, key = m.group(1), key[: m.start()] + key[m.end() :]
    for candidate in _candidates(key):
        if candidate in _LOOKUP:
            return _LOOKUP[candidate], unit, year
        if unit is None and (m := _SUFFIX_UNIT.search(candidate)) and m.start() > 0:
            bare = candidate[: m.start()]
            if bare in _LOOKUP:
                return _LOOKUP[bare], m.group(1), year
    return None, unit, year


def _candidates(key: str) -> list[str]:
    # As written; without bracketed asides (企业名称(盖章)); with brackets opened (区(市) → 区市).
    forms = [key, _GROUP.sub("", key), key.replace("(", "").replace(")", "")]
    out: list[str] = []
    for form in forms:
        out.append(form)
        for prefix in _PREFIXES:
            if form.startswith(prefix) and len(form) > len(prefix):
                out.append(form[len(prefix) :])
    return [f for f in dict.fromkeys(out) if f]


@dataclass(frozen=True, slots=True)
class ColumnMapping:
    """Column index (0-based) → field id, and what else the header told us.

    ``unmapped`` lists columns with header text that map to no field, or to a field an earlier
    column already took. ``years`` records a year written in a header ("2024年营业收入").
    """

    fields: dict[int, str]
    units: dict[str, str]
    unmapped: list[int]
    signature: str
    headers: tuple[str, ...] = ()
    years: dict[int, int] = field(default_factory=dict)

    def column_of(self, field_id: str) -> int | None:
        return next((col for col, fid in self.fields.items() if fid == field_id), None)

    def with_override(self, overrides: Mapping[int, str | None]) -> ColumnMapping:
        """A mapping with the officer's choices applied: ``{col: field}`` or ``{col: None}``.

        An overridden field wins: a column that held it before becomes unmapped.
        """
        fields = dict(self.fields)
        for col, fid in overrides.items():
            if fid is not None and fid not in FIELDS:
                raise ValueError(f"unknown field {fid!r}")
            fields.pop(col, None)
            if fid is not None:
                for other in [c for c, f in fields.items() if f == fid]:
                    del fields[other]
                fields[col] = fid
        fields = dict(sorted(fields.items()))
        units = {}
        for col, fid in fields.items():
            header = self.headers[col] if col < len(self.headers) else ""
            unit = match_header(header)[1]
            if unit or fid in MONEY_FIELDS:
                units[fid] = unit or DEFAULT_MONEY_UNIT
        unmapped = [c for c, h in enumerate(self.headers) if h and c not in fields]
        return replace(self, fields=fields, units=units, unmapped=unmapped)


def header_signature(headers: Sequence[object]) -> str:
    """A stable id of a header layout: the normal forms, in order, hashed."""
    joined = "\x1f".join(normalize_header(h) for h in headers).rstrip("\x1f")
    return hashlib.sha1(joined.encode("utf-8")).hexdigest()[:16]


def map_columns(headers: Sequence[object]) -> ColumnMapping:
    """Map a header row to fields by synonyms; the first column to claim a field keeps it."""
    texts = tuple(header_text(h) for h in headers)
    fields: dict[int, str] = {}
    units: dict[str, str] = {}
    years: dict[int, int] = {}
    unmapped: list[int] = []
    taken: set[str] = set()
    for col, text in enumerate(texts):
        if not text:
            continue
        fid, unit, year = match_header(text)
        if fid is None or fid in taken:
            unmapped.append(col)
            continue
        taken.add(fid)
        fields[col] = fid
        if year is not None:
            years[col] = year
        if unit or fid in MONEY_FIELDS:
            units[fid] = unit or DEFAULT_MONEY_UNIT
    return ColumnMapping(fields, units, unmapped, header_signature(texts), texts, years)
