"""Writing cells so that no export can carry a formula, and sizing columns for Chinese text.

Imported rosters are untrusted: an enterprise "named" ``=HYPERLINK("http://x","点我")`` must come
out of every export as that text, never as a live formula (CSV/Excel formula injection). So every
export writes through `CellWriter`: text always goes through xlsxwriter's ``write_string`` (never
the guessing ``write()``), and text that *looks* like a formula — beginning with = + - @, their
full-width forms, a tab or a carriage return — also gets Excel's quote prefix (the hidden
apostrophe), so it stays text even after an officer edits the cell and presses Enter.

Column widths count a CJK (wide) character as two units, as Excel draws them.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from goosetier.core.errors import CodedError

# Text beginning with one of these could be read as a formula (or a DDE payload) by a
# spreadsheet; the full-width forms are folded to half-width by some importers, tab and CR by
# CSV round trips.
RISKY_PREFIXES: tuple[str, ...] = ("=", "+", "-", "@", "＝", "＋", "－", "＠", "\t", "\r")
_RISKY = frozenset(RISKY_PREFIXES)

DATE_FORMAT = "yyyy-mm-dd"
MIN_WIDTH, MAX_WIDTH = 4, 60


class ExportError(CodedError):
    """An export problem the user can act on; `code` keys the message table."""


@contextlib.contextmanager
def open_book(out: Path, *, constant_memory: bool = False) -> Iterator[Any]:
    """An xlsxwriter workbook that becomes `out` only when the block succeeds.

    It is written beside the target under a temporary name and moved into place at the end, so
    a failed or cancelled export leaves neither half a file nor a damaged older one. Strings are
    never converted to formulas, numbers or links (xlsxwriter's defaults, stated explicitly).
    """
    import xlsxwriter
    from xlsxwriter.exceptions import FileCreateError

    if not out.parent.is_dir():
        raise ExportError("export_folder_missing", path=str(out.parent))
    tmp = out.with_name(f".~{out.stem}.{os.getpid()}.tmp.xlsx")
    wb = xlsxwriter.Workbook(str(tmp), {"constant_memory": constant_memory,
                                        "strings_to_formulas": False, "strings_to_numbers": False,
                                        "strings_to_urls": False})
    try:
        yield wb
        try:
            wb.close()
        except FileCreateError as exc:
            raise ExportError("export_cannot_write", path=str(out), detail=str(exc)) from exc
        os.replace(tmp, out)
    except BaseException:
        with contextlib.suppress(Exception):
            wb.close()
        tmp.unlink(missing_ok=True)
        raise


def is_risky(text: str) -> bool:
    """True for text a spreadsheet might take for a formula."""
    return bool(text) and text[0] in _RISKY


def display_width(text: str) -> int:
    """Width in Excel's character units: CJK and other wide characters count double.

    UTF-8 spends 1 byte on ASCII and 3 on CJK and full-width forms, so (bytes + chars) / 2 is 1
    for the first and 2 for the second, computed in C rather than a Python loop per character.
    """
    return (len(text.encode("utf-8")) + len(text)) // 2


def column_width(texts: Iterable[str], floor: int = MIN_WIDTH, cap: int = MAX_WIDTH) -> float:
    """A column width that fits the widest text (plus a little padding), within bounds."""
    widest = max((display_width(t) for t in texts if t), default=0)
    return float(min(cap, max(floor, widest + 2)))


class CellWriter:
    """Typed, formula-safe cell writing on one xlsxwriter worksheet.

    ``formats`` is a cache shared by every sheet of one workbook: xlsxwriter formats belong to
    the workbook, and the quote-prefixed twin of a format is made once.
    """

    def __init__(self, workbook: Any, worksheet: Any, formats: dict | None = None) -> None:
        self.workbook = workbook
        self.ws = worksheet
        self._formats = formats if formats is not None else {}

    def fmt(self, **props: Any) -> Any:
        """The workbook format with these properties (cached)."""
        key = tuple(sorted(props.items()))
        f = self._formats.get(key)
        if f is None:
            f = self._formats[key] = self.workbook.add_format(props)
        return f

    def text(self, row: int, col: int, value: str, cell_format: Any = None,
             props: dict | None = None) -> None:
        """Write text as text. ``props`` (the properties of ``cell_format``) let a risky value
        keep its look while gaining the quote prefix."""
        if value and value[0] in _RISKY:
            cell_format = self.fmt(**(props or {}), quote_prefix=True)
        self.ws.write_string(row, col, value, cell_format)

    def value(self, row: int, col: int, value: object, cell_format: Any = None,
              props: dict | None = None) -> None:
        """Write any plain value by its Python type; None leaves the cell empty."""
        if value is None:
            return
        if isinstance(value, str):
            self.text(row, col, value, cell_format, props)
        elif isinstance(value, bool):
            self.ws.write_boolean(row, col, value, cell_format)
        elif isinstance(value, int | float):
            self.ws.write_number(row, col, value, cell_format)
        elif isinstance(value, dt.date):
            self.ws.write_datetime(row, col, value,
                                   cell_format or self.fmt(num_format=DATE_FORMAT))
        else:  # anything else is shown as its text, never evaluated
            self.text(row, col, str(value), cell_format, props)

    def row(self, row: int, values: Iterable[object], cell_format: Any = None,
            props: dict | None = None, first_col: int = 0) -> None:
        for col, v in enumerate(values, first_col):
            self.value(row, col, v, cell_format, props)


def sheet_name(text: str, taken: set[str] | None = None) -> str:
    """A valid, unique worksheet name: ≤ 31 characters, none of []:*?/\\ ."""
    clean = "".join("_" if c in "[]:*?/\\" else c for c in text).strip("'") or "Sheet"
    name, n = clean[:31], 2
    taken = taken if taken is not None else set()
    while name.lower() in {t.lower() for t in taken}:
        suffix = f"({n})"
        name, n = clean[: 31 - len(suffix)] + suffix, n + 1
    taken.add(name)
    return name


def excel_date(value: dt.date) -> float:
    """Excel's serial day number of a date (1900 system), for fast numeric writing."""
    if isinstance(value, dt.datetime):
        delta = value - dt.datetime(1899, 12, 30)
        return delta.days + delta.seconds / 86400
    return float((value - dt.date(1899, 12, 30)).days)
