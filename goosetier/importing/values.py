"""Cell values as officers type them: years, dates, batches, money, program lists, listed status.

Pure functions over one cell each. The convention for all parsers here:

- ``None`` means *nothing to read*: an empty cell, or a blank marker ("-", "—", "/", "无", "暂无").
- ``ValueError`` means *there is text we could not read*; the caller reports it as an issue
  (``bad_year``, ``bad_date``, ``bad_money`` …) with the cell text, instead of dropping it.

So a caller can always tell a blank cell from a bad one without a sentinel value.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

# Excel serials for 1950-01-01 … 2099-12-31. Outside this window a number is not read as a
# date, which keeps 2023 (a year) and 20230501 (a compact date) away from the serial branch.
_SERIAL_MIN, _SERIAL_MAX = 18264, 73050
_EXCEL_EPOCH = dt.date(1899, 12, 30)  # serial 1 = 1900-01-01 with Lotus' phantom 1900-02-29
_YEAR_MIN, _YEAR_MAX = 1900, 2100

_BLANKS = frozenset({"", "-", "--", "—", "——", "/", "\\", "无", "暂无", "空", "n/a", "na", "none"})

_YEAR_ONLY = re.compile(r"^(\d{4})\s*(?:年度?|年)?$")
_YMD = re.compile(
    r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*(?:[-/.月]\s*(\d{1,2})\s*日?)?\s*月?"
    r"(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$"
)
_COMPACT = re.compile(r"^(\d{4})(\d{2})(\d{2})$")
_NUMBER = re.compile(r"^[+-]?\d+(?:\.\d+)?$")


def clean_text(value: object) -> str | None:
    """A cell as display text: NFKC, trimmed, inner white space collapsed; None when empty.

    Whole floats read back as integers ("123", not "123.0"), since xlsx stores every number as a
    float. Do not use this on credit codes: pass the raw cell to ``core.codes.check_code`` so a
    code that Excel turned into a number is reported as damaged.
    """
    if type(value) is str:  # most cells: skip the checks below
        return " ".join(unicodedata.normalize("NFKC", value).split()) or None
    if value is None:
        return None
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        if value.is_integer():
            return str(int(value))
        return repr(value)
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    text = " ".join(unicodedata.normalize("NFKC", str(value)).split())
    return text or None


def _is_blank(text: str | None) -> bool:
    return text is None or text.lower() in _BLANKS


def _from_serial(number: float) -> dt.date | None:
    if _SERIAL_MIN <= number <= _SERIAL_MAX:
        return _EXCEL_EPOCH + dt.timedelta(days=int(number))
    return None


def _read_date(value: object) -> tuple[int, dt.date | None] | None:
    """(year, date or None when only the year/month is known); None when blank."""
    if isinstance(value, dt.datetime):
        return value.year, value.date()
    if isinstance(value, dt.date):
        return value.year, value
    if isinstance(value, bool):
        raise ValueError(value)
    if isinstance(value, int | float):
        return _read_number(float(value), value)
    text = clean_text(value)
    if _is_blank(text):
        return None
    assert text is not None
    if _NUMBER.match(text):
        return _read_number(float(text), text)
    if m := _YEAR_ONLY.match(text):
        return _checked_year(int(m.group(1)), text), None
    if m := _COMPACT.match(text):
        return _checked_date(int(m.group(1)), int(m.group(2)), int(m.group(3)), text)
    if m := _YMD.match(text):
        year, month = int(m.group(1)), int(m.group(2))
        if m.group(3) is None:  # year and month only: a real year, no day
            if not 1 <= month <= 12:
                raise ValueError(text)
            return _checked_year(year, text), None
        return _checked_date(year, month, int(m.group(3)), text)
    raise ValueError(text)


def _read_number(number: float, original: object) -> tuple[int, dt.date | None]:
    if _YEAR_MIN <= number < _YEAR_MAX + 1:
        # 2023 is a year; 2023.05 is year.month typed as a number (2023.1 may be Jan or Oct).
        return int(number), None
    if number.is_integer() and 19000101 <= number <= 21001231:
        n = int(number)
        return _checked_date(n // 10000, n // 100 % 100, n % 100, original)
    if (day := _from_serial(number)) is not None:
        return day.year, day
    raise ValueError(original)


def _checked_year(year: int, original: object) -> int:
    if not _YEAR_MIN <= year <= _YEAR_MAX:
        raise ValueError(original)
    return year


def _checked_date(year: int, month: int, day: int, original: object) -> tuple[int, dt.date]:
    try:
        return _checked_year(year, original), dt.date(year, month, day)
    except ValueError:
        raise ValueError(original) from None


def parse_year(value: object) -> int | None:
    """The year in 2023, 2023.0, "2023年", "2023-05-01", "2023年5月1日", "20230501", "2023.05",
    a date, or an Excel serial (45047 → 2023). None when blank; ValueError when unreadable."""
    got = _read_date(value)
    return None if got is None else got[0]


def parse_date(value: object) -> dt.date | None:
    """A day from the same forms as :func:`parse_year`.

    None when blank *or* when the value names only a year or a month ("2023", "2023.05"):
    ask :func:`parse_year` for those. ValueError when unreadable (including "2023-02-30").
    """
    got = _read_date(value)
    return None if got is None else got[1]


_RANGE_SPLIT = re.compile(r"\s*(?:至|到|~|～|—|–|--)\s*")


def parse_date_range(value: object) -> tuple[dt.date | None, dt.date | None]:
    """A validity cell such as "2022-09-06至2025-09-05" → (from, until); ValueError if bad."""
    text = clean_text(value)
    if _is_blank(text):
        return None, None
    assert text is not None
    parts = _RANGE_SPLIT.split(text)
    if len(parts) != 2:
        return parse_date(value), None
    return parse_date(parts[0]), parse_date(parts[1])


_CN_DIGITS = {ch: i for i, ch in enumerate("零一二三四五六七八九")} | {"〇": 0, "两": 2}
_BATCH = re.compile(r"第\s*([0-9零〇一二两三四五六七八九十百]+)\s*批")
_BARE_BATCH = re.compile(r"^([0-9]+|[零〇一二两三四五六七八九十百]+)\s*批?次?$")


def chinese_number(text: str) -> int | None:
    """Arabic or Chinese numerals below 1000: "12", "十二", "二十一", "一百零五"."""
    if text.isdigit():
        return int(text)
    total, current = 0, 0
    for ch in text:
        if ch in _CN_DIGITS:
            current = _CN_DIGITS[ch]
        elif ch == "十":
            total += (current or 1) * 10
            current = 0
        elif ch == "百":
            total += (current or 1) * 100
            current = 0
        else:
            return None
    return total + current


def parse_batch(value: object) -> tuple[str, int | None]:
    """The batch as given (cleaned text) and its number: "2024年第一批" → ("2024年第一批", 1).

    The first 第N批 wins ("第一批第三年" → 1). A bare number or numeral is read as the batch.
    Never raises: a batch with no number is kept as free text with None.
    """
    text = clean_text(value) or ""
    if m := _BATCH.search(text):
        return text, chinese_number(m.group(1))
    if m := _BARE_BATCH.match(text):
        return text, chinese_number(m.group(1))
    return text, None


_MONEY_UNITS = {"元": 0.0001, "千元": 0.1, "万元": 1.0, "亿元": 10000.0, "万": 1.0, "亿": 10000.0}
_MONEY = re.compile(r"^([+-]?\d+(?:\.\d+)?)\s*(亿元|万元|千元|元|亿|万)?$")


def parse_money(value: object, unit: str = "万元") -> float | None:
    """An amount in 万元. ``unit`` is the column's unit (亿元, 万元, 千元, 元); a unit written in
    the cell itself ("3.5亿元") wins over it. Commas and full-width digits are fine.

    None when blank ("", "-", "无" …); ValueError for text that is not an amount ("约500").
    """
    if unit not in _MONEY_UNITS:
        raise ValueError(f"unknown unit {unit!r}")
    if isinstance(value, bool):
        raise ValueError(value)
    if isinstance(value, int | float):
        return round(float(value) * _MONEY_UNITS[unit], 6)
    text = clean_text(value)
    if _is_blank(text):
        return None
    assert text is not None
    compact = text.replace(",", "").replace("，", "").replace(" ", "")
    m = _MONEY.match(compact)
    if not m:
        raise ValueError(text)
    factor = _MONEY_UNITS[m.group(2) or unit]
    return round(float(m.group(1)) * factor, 6)


_SEPARATORS = frozenset("、；;，,/|\n\r")
_OPENERS = {"（": "）", "(": ")", "【": "】", "[": "]", "《": "》", "“": "”", '"': '"', "「": "」"}
_ENUMERATOR = re.compile(r"^(?:\d+[.、)）]|[（(]\d+[)）]|[①-⑳])\s*")


def split_programs(value: object) -> list[str]:
    """Split a 称号 cell into raw program names, in order, without duplicates.

    Separators: 、 ； ; ， , / | and line breaks, but not inside brackets or quotes, so
    专精特新"小巨人" and 单项冠军（示范企业，第五批） stay whole. Quotes or brackets wrapping a whole
    name are dropped ("【瞪羚企业】" → "瞪羚企业"), and list numbering ("1.", "①") too.
    Matching names to programs is the catalog's job, not this function's.
    """
    if value is None:
        return []
    parts: list[str] = []
    current: list[str] = []
    closing: list[str] = []
    for original in str(value).replace("\u3000", "\n"):
        # Decide on the half-width form (；→; ，→,) but keep the character as written.
        ch = unicodedata.normalize("NFKC", original)
        if closing and ch == closing[-1]:
            closing.pop()
        elif ch in _OPENERS and not (ch == '"' and closing and closing[-1] == '"'):
            closing.append(_OPENERS[ch])
        elif not closing and ch in _SEPARATORS:
            parts.append("".join(current))
            current = []
            continue
        elif not closing and "①" <= original <= "⑳":  # ①高企②瞪羚: a number starts a name
            parts.append("".join(current))
            current = []
        current.append(original)
    parts.append("".join(current))
    names: list[str] = []
    for part in parts:
        name = _unwrap(_ENUMERATOR.sub("", part.strip()))
        if name and name not in names:
            names.append(name)
    return names


def _unwrap(name: str) -> str:
    while len(name) >= 2 and _pair(name[0]) == _norm(name[-1]) and _balanced(name[1:-1]):
        name = name[1:-1].strip()
    return name


def _norm(ch: str) -> str:
    return unicodedata.normalize("NFKC", ch)


def _pair(ch: str) -> str | None:
    return _OPENERS.get(_norm(ch))


def _balanced(inner: str) -> bool:
    """True when stripping the outer pair leaves the inner pairs intact ("“a”和“b”" is not)."""
    depth: list[str] = []
    for ch in map(_norm, inner):
        if depth and ch == depth[-1]:
            depth.pop()
        elif ch in _OPENERS:
            depth.append(_OPENERS[ch])
        elif ch in _OPENERS.values():
            return False
    return not depth


_NOT_LISTED = tuple("未上市 拟上市 拟 未 辅导 申报 在审 排队 新三板 挂牌 股转".split())
_NO = frozenset({"否", "无", "没有", "no", "n", "false", "0"})
_YES = frozenset({"是", "已上市", "上市", "yes", "y", "true", "1"})
_EXCHANGES = tuple(
    "a股 b股 h股 港股 美股 上交所 深交所 北交所 科创板 创业板 主板 中小板 纳斯达克 纽交所 联交所 香港 "
    "证券交易所 境外上市 境内上市 nasdaq nyse hkex sse szse bse 上市".split()
)
_TICKER = re.compile(r"^\d{6}(?:\.(?:sh|sz|bj))?$|^\d{4,5}\.hk$")


def parse_listed(value: object) -> tuple[bool | None, str]:
    """(listed?, exchange text). "科创板" → (True, "科创板"); "已上市"/"是" → (True, "");
    "未上市"/"否"/"拟上市"/"新三板挂牌" → (False, ""); blank → (None, "");
    anything else → (None, text) for the caller to report.
    """
    if isinstance(value, bool):
        return value, ""
    text = clean_text(value)
    if text is None:
        return None, ""
    low = text.lower().replace(" ", "")
    if low in _NO or low in {"-", "/"} or any(word in low for word in _NOT_LISTED):
        return False, ""
    if low in _YES:
        return True, ""
    if any(word in low for word in _EXCHANGES) or _TICKER.match(low):
        return True, text
    return None, text
