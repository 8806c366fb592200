"""What single cells and the title above the header say, read fast enough for 100,000 rows.

A 称号 cell may name several programs, each with its own year, batch, 复核 or level
("高企（2022）、小巨人第五批、省级单项冠军"); the title names the list's year, program and batch
("青岛市2024年第一批认定报备高新技术企业名单"). Cells that repeat down a sheet (programs, years,
产业, 镇街) are parsed once and cached; credit codes get a fast path for the common valid case.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from operator import getitem

from goosetier.core.catalog import Program, load_catalog, program_key
from goosetier.core.codes import ALPHABET, CodeCheck, CodeStatus, check_code
from goosetier.importing.values import clean_text, parse_batch, parse_year

YEAR_IN_TEXT = re.compile(r"((?:19|20)\d{2})\s*(?:年度?|\)|）|$|[-—至~])")
LEVELS = {"国家级": "national", "国家": "national", "省级": "provincial", "省": "provincial",
          "市级": "city", "市": "city", "区级": "district", "区": "district"}
# Tier words that name no designation: the head-goose brackets follow from revenue.
BY_REVENUE = frozenset(program_key(t) for t in ("头雁", "头雁企业", "领航型企业", "龙头企业",
                                                "链主企业", "头部企业"))
_VALUE31 = {c: i for i, c in enumerate(ALPHABET)}
_VALUE36 = {c: i for i, c in enumerate("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ")}
_W18 = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
_W17 = (3, 7, 9, 10, 5, 8, 4, 2)


# Each position's weighted value, looked up in one step per character (a char outside the
# alphabet is a KeyError, so the lookups double as the alphabet check).
_P18 = tuple({c: _VALUE31[c] * w for c in ALPHABET} for w in _W18)
_P17 = tuple({c: _VALUE36[c] * w for c in _VALUE36} for w in _W17)
_HEADS: dict[str, int] = {}


def plain_valid_code(value: object) -> bool:
    """True for a text cell that is exactly a clean, valid code (18 characters of the code
    alphabet passing both checks): the common case, which needs no normalising and no
    python-stdnum. Everything else (False) goes to check_code for its exact status."""
    if type(value) is not str or len(value) != 18 or value[1] == "E":
        return False
    try:
        # The first eight characters (登记管理部门, 类别, 行政区划) repeat down a roster: their
        # part of the weighted sum is looked up once per distinct prefix.
        head = _HEADS.get(value[:8])
        if head is None:
            head = sum(map(getitem, _P18, value[:8]))
            if len(_HEADS) < 4096:
                _HEADS[value[:8]] = head
        total = head + sum(map(getitem, _P18[8:], value[8:17]))
        org = 11 - sum(map(getitem, _P17, value[8:16])) % 11
    except KeyError:  # a character outside the alphabet
        return False
    return (value[17] == ALPHABET[(31 - total % 31) % 31]
            and value[16] == ("X" if org == 10 else "0" if org == 11 else str(org)))


def fast_check_code(value: object) -> CodeCheck:
    """core.codes.check_code with a fast path for the common case (a clean, valid code).

    A roster of 100,000 firms checks 100,000 codes; python-stdnum's general routine costs as
    much as reading the file. A text cell that is already 18 characters of the code alphabet
    and passes both checks (GB 32100 position 18, GB 11714 position 17) is valid; anything
    else goes to check_code, so every status and message stays exactly the core's.
    """
    if plain_valid_code(value):
        return CodeCheck(value, CodeStatus.VALID)  # type: ignore[arg-type]
    return check_code(value)


# Columns whose few distinct values repeat down 100,000 rows (产业, 镇街, 年份 …): clean once.
REPEATING = frozenset({"cluster", "district", "street", "park"})
clean_repeating = lru_cache(maxsize=4096)(clean_text)
BAD = object()


@lru_cache(maxsize=1024)
def year_cached(value: object) -> object:
    try:
        return parse_year(value)
    except ValueError:
        return BAD


@dataclass(frozen=True)
class FileHints:
    """What the title above the header (and the sheet name) says about every row."""

    year: int | None = None
    program: str | None = None
    batch_text: str | None = None
    batch_no: int | None = None
    kind: str | None = None


def hints_from_titles(titles: Sequence[str], sheet_name: str = "") -> FileHints:
    """"青岛市2024年第一批认定报备高新技术企业名单" → 2024, high_tech, 第一批; "附件2 复核通过…" → review."""
    text = " ".join(titles)
    year = None
    if m_ := YEAR_IN_TEXT.search(text):
        year = int(m_.group(1))
    program = load_catalog().find_program(text) if text else None
    if program is not None and program.counting == "revenue_bracket":
        program = None
    batch_text, batch_no = None, None
    if found := re.search(r"第\s*[0-9零〇一二两三四五六七八九十百]+\s*批", text):
        batch_text, batch_no = parse_batch(found.group(0))
    kind = "review" if any(w in f"{text} {sheet_name}" for w in ("复核", "复审")) else None
    return FileHints(year, program.id if program else None, batch_text, batch_no, kind)


@dataclass(frozen=True, slots=True)
class ProgramItem:
    program: Program | None
    text: str
    year: int | None
    batch_no: int | None
    batch_text: str | None
    review: bool
    level: str | None
    category: str | None  # 示范企业 / 培育企业 / 产品 (单项冠军 lists up to 2022)


@lru_cache(maxsize=4096)
def parse_program_cell(text: str) -> tuple[ProgramItem, ...]:
    """Each program a 称号 cell names, with what the item itself says: "高企（2022）",
    "小巨人第五批", "单项冠军（复核）", "省级单项冠军"."""
    from goosetier.importing.values import split_programs

    catalog = load_catalog()
    items = []
    for raw in split_programs(text):
        year = int(m_.group(1)) if (m_ := YEAR_IN_TEXT.search(raw)) else None
        batch_text, batch_no = parse_batch(raw) if re.search(r"第.+批", raw) else (None, None)
        level = next((v for k, v in LEVELS.items() if len(k) > 1 and k in raw), None)
        review = "复核" in raw or "复审" in raw
        program = catalog.find_program(raw)
        category = next((c for c in ("示范企业", "培育企业", "产品") if c in raw), None)
        items.append(ProgramItem(program, raw, year, batch_no, batch_text, review, level,
                                  category))
    return tuple(items)
