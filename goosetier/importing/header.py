"""Where the table starts, and what each row below it is.

Real rosters carry titles (附件1, 2023年青岛市专精特新中小企业名单, 填报单位：…) and blank rows above
the header, section captions between blocks (一、示范企业 / 黄岛区 / 附件2：复核通过企业名单), the
header again where a PDF was pasted, and footnotes at the bottom (注：1.名单按…). This module
finds the header by how many of its cells are known column names, and sorts every later row into
data / blank / footnote / repeated_header / section. A section caption is not data: it labels the
rows that follow it until the next caption, and may say they are 复核 (review) records or which
单项冠军 category (示范企业 / 培育企业 / 产品) they belong to.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import chain, islice

from goosetier.core.issues import Severity
from goosetier.importing.columns import header_text, match_header, normalize_header
from goosetier.importing.values import clean_text


@dataclass(frozen=True, slots=True)
class Finding:
    """A problem found while reading, as a code. ``row`` is the Excel row number (1-based);
    ``column`` is the 0-based column index (as in the row lists and ColumnMapping)."""

    code: str
    row: int | None = None
    column: int | None = None
    params: dict = field(default_factory=dict)
    severity: Severity = Severity.WARNING


@dataclass(frozen=True, slots=True)
class HeaderInfo:
    header_row_index: int  # 0-based index into the rows; Excel row = index + 1
    headers: list[str]  # header text per column, as written ("" for an empty header cell)
    data_start: int  # index of the first row below the header (and its column numbers)
    titles: tuple[str, ...] = ()  # text above the header: often the only year / batch given
    matched: int = 0  # header cells that named a known field


@dataclass(frozen=True, slots=True)
class Section:
    text: str
    kind: str | None = None  # "review" when the caption says 复核/复审
    category: str | None = None  # 示范企业 / 培育企业 / 产品 (单项冠军 lists up to 2022)
    place: str | None = None  # a caption that is a place: 黄岛区, 青岛市


@dataclass(slots=True)  # not frozen: a frozen init costs 4× as much, once per sheet row
class ClassifiedRow:
    index: int  # 0-based position in the rows
    excel_row: int  # as Excel shows it
    kind: str  # data / blank / footnote / repeated_header / section
    values: list[object]
    section: Section | None = None


ROW_KINDS = ("data", "blank", "footnote", "repeated_header", "section")

_FOOTNOTE = re.compile(
    r"^(?:注|备注|附注|说明|填表说明|数据来源|资料来源)\s*[0-9一二三四五六七八九十]*\s*[：:．.、]"
)
_CONTINUATION = re.compile(r"^(?:[0-9]+[.．、)）]|[（(][0-9一二三四五六七八九十]+[)）]|[①-⑳])")
_ENUMERATED = re.compile(r"^(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十]+[)）])")
_CAPTION_WORDS = re.compile(r"^附件\s*\d*|名单|名录|复核|复审|示范企业|培育企业|^第.+[批部类]")
_PLACE = re.compile(r"^\S{1,10}?(?:新区|区|市|县|区（市）|区\(市\))$")
_COMPANY = ("公司", "有限", "集团", "厂", "合作社", "研究院", "研究所", "事务所", "中心")


def locate(rows: Sequence[Sequence[object]], max_scan: int = 30) -> HeaderInfo | None:
    """Find the header among the first ``max_scan`` rows: the row naming the most known columns.

    Two or more known names make a header; a single one will do only if it is the 企业名称
    column. None when no row qualifies (report "header_not_found").
    """
    best: tuple[int, int] | None = None  # (score, index)
    for index, row in enumerate(islice(rows, max_scan)):
        fields = [match_header(v)[0] for v in row if isinstance(v, str)]
        known = [f for f in fields if f is not None]
        score = len(set(known))
        if score >= 2 or "name" in known:
            if best is None or score > best[0]:
                best = (score, index)
    if best is None:
        return None
    score, index = best
    headers = [header_text(v) for v in rows[index]]
    data_start = index + 1
    if data_start < len(rows) and _is_column_numbers(rows[data_start]):
        data_start += 1  # a 1 2 3 … (or 甲 乙 丙) row under the header numbers the columns
    titles = tuple(t for row in rows[:index] for v in row if (t := header_text(v)))
    return HeaderInfo(index, headers, data_start, titles, score)


def _is_column_numbers(row: Sequence[object]) -> bool:
    cells = [clean_text(v) for v in row]
    cells = [c for c in cells if c]
    if len(cells) < 3:
        return False
    if cells == [str(i) for i in range(1, len(cells) + 1)]:
        return True
    return all(c in "甲乙丙丁戊己庚辛壬癸" for c in cells[:2]) and cells[2:3] in (["1"], ["丙"])


def classify(rows: Iterable[Sequence[object]], header: HeaderInfo) -> Iterator[ClassifiedRow]:
    """Classify every row from ``header.data_start`` on (rows are indexed from the sheet's
    first row, as given to :func:`locate`)."""
    kinds = _RowKinds(header)
    section: Section | None = None
    for index, row in enumerate(rows):
        if index < header.data_start:
            continue
        values = row if isinstance(row, list) else list(row)
        kind, texts = kinds.kind(values)
        if kind == "section":
            section = parse_section(" ".join(texts))
        yield ClassifiedRow(index, index + 1, kind, values, section if kind == "data" else None)


class _RowKinds:
    """The per-row decision, tuned for 100,000-row sheets: a full data row costs a few
    comparisons; text is normalised only for sparse rows and likely repeated headers."""

    def __init__(self, header: HeaderInfo) -> None:
        self.plain = [h.strip() for h in header.headers]
        self.norm = [normalize_header(h) for h in header.headers]
        # First characters a repeat of each header may start with: a cheap gate per cell.
        self.first = [
            {c for c in (h[:1], h[:1].lower(), h[:1].upper(), k[:1], k[:1].upper()) if c}
            for h, k in zip(self.plain, self.norm, strict=True)
        ]
        self.wanted = max(2, (sum(1 for h in self.norm if h) + 1) // 2)
        self.wide = sum(1 for h in self.plain if h) >= 3
        self.seq_col = _column_of(header.headers, "seq")
        self.in_notes = False

    def kind(self, values: list[object]) -> tuple[str, list[str]]:
        seq = self.seq_col
        if seq is not None and seq < len(values) and type(values[seq]) in (int, float):
            # The common data row, numbered in 序号: data once three cells are filled (the
            # rule below), found without listing every filled cell.
            filled_count = 0
            for v in values:
                if v is not None and not (isinstance(v, str) and not v.strip()):
                    filled_count += 1
                    if filled_count > 2:
                        self.in_notes = False
                        return "data", []
        filled = [
            (col, v)
            for col, v in enumerate(values)
            if v is not None and not (isinstance(v, str) and not v.strip())
        ]
        if not filled:
            return "blank", []
        if len(filled) > 2:
            seq = self.seq_col
            # a number in 序号 is a data row: no header text repeats as a number, and this
            # spares the header comparison on each of 100,000 rows
            numbered = seq is not None and seq < len(values) and type(values[seq]) in (int, float)
            if not numbered and self._repeats_header(filled):
                return "repeated_header", []
            self.in_notes = False
            return "data", []
        texts = [clean_text(v) or "" for _col, v in filled]
        kind = self._sparse_kind(filled, texts, values)
        self.in_notes = kind == "footnote" or (self.in_notes and kind != "data")
        return kind, texts

    def _repeats_header(self, filled: list[tuple[int, object]]) -> bool:
        same = 0
        for col, v in filled:
            if col >= len(self.norm) or not self.norm[col] or not isinstance(v, str):
                continue
            text = v.strip()
            if text == self.plain[col] or (
                text[:1] in self.first[col] and normalize_header(text) == self.norm[col]
            ):
                same += 1
        return same >= self.wanted

    def _sparse_kind(
        self, filled: list[tuple[int, object]], texts: list[str], values: list[object]
    ) -> str:
        first = texts[0]
        if _FOOTNOTE.match(first) or (self.in_notes and _CONTINUATION.match(first)):
            return "footnote"
        if self._repeats_header(filled):
            return "repeated_header"
        if _ENUMERATED.match(first) or _CAPTION_WORDS.search(first):
            return "section"
        seq = self.seq_col
        if seq is not None and seq < len(values) and _is_number(values[seq]):
            return "data"
        if any(word in text for text in texts for word in _COMPANY):
            return "data"  # a sparse row naming a firm is data with gaps, never a caption
        return "section" if self.wide else "data"


def _column_of(headers: Sequence[str], field_id: str) -> int | None:
    return next((i for i, h in enumerate(headers) if h and match_header(h)[0] == field_id), None)


def _is_number(value: object) -> bool:
    if isinstance(value, bool):
        return False
    if isinstance(value, int | float):
        return True
    return bool(re.fullmatch(r"\s*\d+\s*", str(value))) if value is not None else False


def parse_section(text: str) -> Section:
    """A caption with its hints: 复核 → kind "review"; 示范企业 / 培育企业 / 产品; a place name."""
    kind = "review" if ("复核" in text or "复审" in text) else None
    category = next((c for c in ("示范企业", "培育企业") if c in text), None)
    if category is None and "产品" in text:
        category = "产品"
    bare = _ENUMERATED.sub("", text).strip()
    place = bare if _PLACE.match(bare) and not _CAPTION_WORDS.search(bare) else None
    return Section(text, kind, category, place)


def scan(
    rows: Iterable[Sequence[object]], max_scan: int = 30
) -> tuple[HeaderInfo | None, Iterator[ClassifiedRow]]:
    """:func:`locate` then :func:`classify` over a stream, reading it only once."""
    it = iter(rows)
    head = [list(r) for r in islice(it, max_scan)]
    info = locate(head, max_scan)
    if info is None:
        return None, iter(())
    return info, classify(chain(head, it), info)
