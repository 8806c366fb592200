"""Open a roster file and stream its rows: xlsx/xlsm/xlsb/xls/ods through python-calamine, CSV
through the standard library.

Owns what the raw file gets wrong before any meaning is read: the real kind of the file (see
``sniff``), hidden sheets, WPS files that declare a one-cell sheet size, cells merged down a
column, CSV encodings and delimiters, and formulas saved without a value.

Rows are lists of cell values (str, int, float, bool, date, datetime or None) where index ``i``
of the stream is Excel row ``i + 1`` and index ``j`` of a row is column ``j`` (A = 0): leading
empty rows and columns are kept so positions match what the officer sees. Nothing is stripped.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import posixpath
import re
import threading
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import python_calamine as pc
from defusedxml import ElementTree

from goosetier.importing.header import Finding
from goosetier.importing.sniff import ReadError, csv_delimiter, decode_text, sniff

__all__ = ["ReadError", "Roster", "SheetInfo", "open_roster"]

_SUFFIXES = {
    "xlsx": {".xlsx", ".xlsm", ".xltx", ".xltm"},
    "xlsb": {".xlsb"},
    "xls": {".xls", ".xlt"},
    "ods": {".ods"},
    "csv": {".csv", ".txt", ".tsv"},
}
_WORKBOOK_SUFFIXES = {".xlsx", ".xlsm", ".xlsb", ".xls", ".ods", ".et", ".xltx"}


@dataclass(frozen=True, slots=True)
class SheetInfo:
    name: str
    hidden: bool = False


@dataclass
class Roster:
    """An opened roster. Use as a context manager, or call :meth:`close`."""

    path: Path
    kind: str
    sheets: list[SheetInfo]
    notes: list[str] = field(default_factory=list)  # codes: csv_renamed, extension_mismatch …
    _book: pc.CalamineWorkbook | None = field(default=None, repr=False)
    _csv_text: str | None = field(default=None, repr=False)
    # a sheet read ahead by prefetch(): its name, the thread, and what the thread read
    _ahead: tuple[str, threading.Thread, dict] | None = field(default=None, repr=False)

    def __enter__(self) -> Roster:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        if self._ahead is not None and self._ahead[1].is_alive():
            # a read-ahead still parsing: it holds the workbook and drops it when done
            # (closing it under the thread would fail there); the window need not wait
            self._book = None
        self._ahead = None
        if self._book is not None:
            self._book.close()
            self._book = None
        self._csv_text = None

    def default_sheet(self) -> str:
        """The first visible sheet (the one Excel opens on, in nearly every roster)."""
        visible = [s.name for s in self.sheets if not s.hidden]
        return (visible or [s.name for s in self.sheets])[0]

    def iter_rows(
        self, sheet_name: str | None = None, *, fill_merged: bool = True
    ) -> Iterator[list[object]]:
        """Stream the rows of a sheet (the default sheet when ``sheet_name`` is None).

        ``fill_merged`` copies the value of a cell merged *down* (a 地区 cell over three rows)
        into each row of the range. Merges across columns are left alone: a title merged over
        A1:J1 must stay one cell, or it would look like a row of data.
        """
        if self._csv_text is not None:
            self._check_name(sheet_name)
            return _csv_rows(self._csv_text)
        sheet = self._sheet(sheet_name)
        merges = _vertical_merges(sheet.merged_cell_ranges) if fill_merged else []
        return _sheet_rows(sheet, merges)

    def _check_name(self, sheet_name: str | None) -> str:
        name = sheet_name or self.default_sheet()
        if name not in {s.name for s in self.sheets}:
            raise ReadError("sheet_not_found", {"path": str(self.path), "sheet": name})
        return name

    def prefetch(self, sheet_name: str | None = None) -> None:
        """Start reading a sheet (and scanning its cells) on a background thread.

        Parsing a big xlsx is python-calamine's work in Rust, which runs without Python's
        global lock; so does most of the cell scan (zlib). Started as soon as the file is
        known, it overlaps what the caller does meanwhile (loading the database layer, the
        officer choosing options) instead of adding to it: about a second at 100,000 rows.
        The sheet is then taken by the next :meth:`iter_rows` / :meth:`cell_findings` for it.
        Errors are not raised here: the read that uses the sheet raises them as it would.
        """
        if self._book is None or self._ahead is not None:
            return
        name = sheet_name or self.default_sheet()
        if name not in {s.name for s in self.sheets}:
            return
        book, path, kind, found = self._book, self.path, self.kind, {}

        def read() -> None:
            try:
                found["sheet"] = book.get_sheet_by_name(name)
                if kind == "xlsx":
                    found["findings"] = scan_cells(path, name)
            except BaseException as exc:  # noqa: BLE001 - re-raised by the read that needs it
                found["error"] = exc

        thread = threading.Thread(target=read, name="goosetier-read-ahead", daemon=True)
        self._ahead = (name, thread, found)
        thread.start()

    def _join_ahead(self) -> None:
        if self._ahead is not None:
            self._ahead[1].join()

    def _taken(self, name: str, what: str) -> object | None:
        """What the read-ahead found for sheet ``name`` (``sheet`` or ``findings``), once.
        Waits for a read-ahead of any sheet (the workbook reads one sheet at a time); one of
        another sheet is dropped then, not kept in memory beside the sheet wanted."""
        if self._ahead is None:
            return None
        self._join_ahead()
        found = self._ahead[2]
        if self._ahead[0] != name:
            found.clear()
            return None
        return found.pop(what, None)

    def _sheet(self, sheet_name: str | None) -> pc.CalamineSheet:
        name = self._check_name(sheet_name)
        ahead = self._taken(name, "sheet")
        if ahead is not None:
            return ahead  # type: ignore[return-value]
        if self._book is None:
            raise ReadError("file_unreadable", {"path": str(self.path), "reason": "closed"})
        try:
            return self._book.get_sheet_by_name(name)
        except pc.CalamineError as exc:
            raise _calamine_error(exc, self.path) from None

    def read_rows(self, sheet_name: str | None = None, *, fill_merged: bool = True) -> list:
        return list(self.iter_rows(sheet_name, fill_merged=fill_merged))

    def merged_ranges(self, sheet_name: str | None = None) -> list[tuple[int, int, int, int]]:
        """Merged ranges as (first_row, first_col, last_row, last_col), 0-based, inclusive."""
        if self.kind == "csv":
            return []
        ranges = self._sheet(sheet_name).merged_cell_ranges or []
        return [(r0, c0, r1, c1) for (r0, c0), (r1, c1) in ranges]

    def cell_findings(self, sheet_name: str | None = None) -> list[Finding]:
        """Cells calamine reads as empty but are not: formulas saved without a value
        ("formula_no_cache", e.g. written by a script and never opened in Excel) and error
        values such as #N/A ("cell_error"). Only xlsx needs this; the scan is separate from
        reading so it costs nothing unless asked for, and little when asked (see scan_cells).
        """
        name = self._check_name(sheet_name)
        if self.kind != "xlsx":
            return []
        ahead = self._taken(name, "findings")
        return ahead if ahead is not None else scan_cells(self.path, name)  # type: ignore[return-value]


def open_roster(path: str | Path) -> Roster:
    """Open a roster file of any supported kind. Raises :class:`ReadError` with a code."""
    path = Path(path)
    kind = sniff(path)
    suffix = path.suffix.lower()
    if kind == "encrypted":
        raise ReadError("file_encrypted", {"path": str(path)})
    if kind == "html":
        raise ReadError("file_html", {"path": str(path)})
    if kind == "csv":
        notes = ["csv_renamed"] if suffix in _WORKBOOK_SUFFIXES else []
        text, encoding_note = decode_text(path)
        notes += [encoding_note] if encoding_note else []
        sheets = [SheetInfo(path.stem or "csv")]
        return Roster(path, kind, sheets, notes, _csv_text=text)
    notes = [] if suffix in _SUFFIXES.get(kind, ()) else ["extension_mismatch"]
    try:
        if notes:  # calamine picks its reader by extension; a renamed file must go by content
            with path.open("rb") as fh:
                book = pc.CalamineWorkbook.from_filelike(fh)
        else:
            book = pc.CalamineWorkbook.from_path(path)
        metadata = book.sheets_metadata
    except pc.CalamineError as exc:
        raise _calamine_error(exc, path) from None
    except OSError as exc:
        raise ReadError("file_unreadable", {"path": str(path), "reason": str(exc)}) from None
    sheets = [
        SheetInfo(m.name, m.visible != pc.SheetVisibleEnum.Visible)
        for m in metadata
        if m.typ == pc.SheetTypeEnum.WorkSheet
    ]
    if not sheets:
        book.close()
        raise ReadError("file_not_spreadsheet", {"path": str(path), "detected": "no_sheets"})
    return Roster(path, kind, sheets, notes, _book=book)


def _calamine_error(exc: Exception, path: Path) -> ReadError:
    if isinstance(exc, pc.PasswordError):
        return ReadError("file_encrypted", {"path": str(path)})
    if isinstance(exc, pc.WorksheetNotFound):
        return ReadError("sheet_not_found", {"path": str(path), "reason": str(exc)})
    if isinstance(exc, pc.ZipError):
        return ReadError("file_truncated", {"path": str(path), "reason": str(exc)})
    return ReadError("file_unreadable", {"path": str(path), "reason": str(exc)})


def _vertical_merges(ranges: list | None) -> list[tuple[int, int, int]]:
    """(first_row, last_row, col) of each range merged over more than one row, by first row."""
    merges = [(r0, r1, c0) for (r0, c0), (r1, _c1) in ranges or [] if r1 > r0]
    return sorted(merges)


_TIME_TYPES = frozenset({dt.time, dt.timedelta})


def _cells(raw: list) -> list:
    """calamine's "" for an empty cell becomes None; times and durations become text.
    (calamine hands over a new list per row: it is changed only when it must be.)"""
    if "" in raw:
        raw = [None if v == "" else v for v in raw]
    if not _TIME_TYPES.isdisjoint(map(type, raw)):  # rare: checked per row, not per cell
        raw = [str(v) if type(v) in _TIME_TYPES else v for v in raw]
    return raw


def _sheet_rows(sheet: pc.CalamineSheet, merges: list[tuple[int, int, int]]) -> Iterator[list]:
    if sheet.start is None:
        return
    # calamine yields rows from row 0 but columns from the first used column: pad the left.
    pad = [None] * sheet.start[1]
    pending = iter(merges)
    upcoming = next(pending, None)
    active: list[tuple[int, int, object]] = []  # (last_row, col, value)
    for index, raw in enumerate(sheet.iter_rows()):
        row = pad + _cells(raw) if pad else _cells(raw)
        while upcoming is not None and upcoming[0] <= index:
            first, last, col = upcoming
            if first == index and col < len(row):
                active.append((last, col, row[col]))
            upcoming = next(pending, None)
        if active:
            active = [a for a in active if a[0] >= index]
            for _last, col, value in active:
                if col < len(row) and row[col] is None:
                    row[col] = value
        yield row


def _csv_rows(text: str) -> Iterator[list]:
    delimiter = csv_delimiter(text[: 64 * 1024])
    for record in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter):
        yield [v if v != "" else None for v in record]


# --- xlsx cells that calamine reads as "" -------------------------------------------------------

_CHUNK = 1 << 20
_PREFIX = re.compile(rb"<(\w+:)?worksheet[\s>]")
_REF = re.compile(rb'\br="([A-Z]{1,3})(\d+)"')
_TYPE = re.compile(rb'\bt="(\w+)"')
_ERROR_TYPE = b' t="e"'


def scan_cells(path: Path, sheet_name: str) -> list[Finding]:
    """Stream one sheet's XML; report formulas without a cached value and error cells.

    Cost: the part is inflated in 1 MiB chunks and each chunk is searched with ``bytes.find``
    for ``<f`` and ``t="e"`` (memchr speed; a regex alternation was 10× slower); only the
    cells around a hit are parsed in Python. A formula with an empty ``<v/>`` and t="str" is a
    cached empty string, not a missing value.
    """
    findings: list[Finding] = []
    with zipfile.ZipFile(path) as zf:
        part = _sheet_part(zf, sheet_name)
        if part is None:
            return findings
        with zf.open(part) as fh:
            head = fh.read(_CHUNK)
            m = _PREFIX.search(head)
            tags = _Tags((m.group(1) or b"") if m else b"")
            carry, chunk = b"", head
            while chunk:
                buf = carry + chunk
                chunk = fh.read(_CHUNK)
                cut = buf.rfind(tags.row_end) + len(tags.row_end) if chunk else len(buf)
                if cut < len(tags.row_end):  # no row ended yet: a huge row, read on
                    cut = 0
                findings += _scan_block(buf[:cut], tags)
                carry = buf[cut:]
            findings += _scan_block(carry, tags)
    return findings


class _Tags:
    def __init__(self, prefix: bytes) -> None:
        self.cell = b"<" + prefix + b"c "
        self.cell_end = b"</" + prefix + b"c>"
        self.row_end = b"</" + prefix + b"row>"
        self.formula = b"<" + prefix + b"f"
        self.value = re.compile(b"<" + re.escape(prefix) + rb"v\s*(/>|>(.*?)</)", re.S)

    def has_formula(self, block: bytes, start: int = 0, end: int | None = None) -> int:
        """Offset of the first ``<f>``/``<f .../>`` tag in block[start:end], or -1."""
        end = len(block) if end is None else end
        at = block.find(self.formula, start, end)
        while at >= 0 and block[at + len(self.formula) : at + len(self.formula) + 1] not in (
            b" ",
            b">",
            b"/",
        ):
            at = block.find(self.formula, at + 1, end)
        return at


def _hits(block: bytes, tags: _Tags) -> list[int]:
    hits: list[int] = []
    at = tags.has_formula(block)
    while at >= 0:
        hits.append(at)
        at = tags.has_formula(block, at + 1)
    at = block.find(_ERROR_TYPE)
    while at >= 0:
        hits.append(at)
        at = block.find(_ERROR_TYPE, at + 1)
    return sorted(hits)


def _scan_block(block: bytes, tags: _Tags) -> list[Finding]:
    found: list[Finding] = []
    seen: set[int] = set()
    for hit in _hits(block, tags):
        start = block.rfind(tags.cell, 0, hit + 1)
        if start < 0 or start in seen:
            continue
        seen.add(start)
        open_end = block.find(b">", start) + 1
        if block[open_end - 2 : open_end] == b"/>":
            body_start = body_end = open_end
        else:
            end = block.find(tags.cell_end, open_end)
            body_start, body_end = open_end, end if end >= 0 else len(block)
        ref = _REF.search(block, start, open_end)
        if ref is None:
            continue
        kind = m.group(1) if (m := _TYPE.search(block, start, open_end)) else b"n"
        v = tags.value.search(block, body_start, body_end)
        value = (v.group(2) or b"") if v else None
        cell = (ref.group(1) + ref.group(2)).decode()
        row, col = int(ref.group(2)), _column_index(ref.group(1).decode())
        if kind == b"e":
            error = (value or b"").decode("utf-8", "replace")
            found.append(Finding("cell_error", row, col, {"cell": cell, "value": error}))
        elif tags.has_formula(block, body_start, body_end) >= 0 and (
            value is None or (not value and kind not in (b"str", b"inlineStr"))
        ):
            found.append(Finding("formula_no_cache", row, col, {"cell": cell}))
    return found


def _column_index(letters: str) -> int:
    index = 0
    for ch in letters:
        index = index * 26 + ord(ch) - 64
    return index - 1


def _sheet_part(zf: zipfile.ZipFile, sheet_name: str) -> str | None:
    """The zip member holding ``sheet_name``: workbook.xml names it, the rels file places it."""
    try:
        workbook = ElementTree.fromstring(zf.read("xl/workbook.xml"))
        rels = ElementTree.fromstring(zf.read("xl/_rels/workbook.xml.rels"))
    except (KeyError, ValueError, ElementTree.ParseError):  # odd or hostile XML: no scan
        return None
    rel_id = None
    for el in workbook.iter():
        if el.tag.endswith("sheet") and el.get("name") == sheet_name:
            rel_id = next((v for k, v in el.attrib.items() if k.endswith("}id")), None)
    if rel_id is None:
        return None
    for el in rels.iter():
        if el.get("Id") == rel_id:
            target = el.get("Target", "")
            part = target.lstrip("/") if target.startswith("/") else f"xl/{target}"
            return posixpath.normpath(part)
    return None
