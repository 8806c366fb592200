"""Roster export: any `Selection` of enterprises to an .xlsx list an officer can file or print.

Layout: a merged title row (district + selection + 名单), an 导出时间 line, the header, frozen
panes below it, an autofilter and print settings (A4 landscape, one page wide, header repeated).
Credit codes are text cells in a text-formatted column, so Excel never shows 9.1E+17; dates are
dates. Two layouts: one row per enterprise (the designation that put it on the list), or one row
per designation (``per_designation``), which carries every designation and re-imports losslessly.

The writer streams: xlsxwriter in constant_memory mode flushes each row to a temporary file, and
the rows come from one SQL query read in chunks (`goosetier.exporting.roster_query`), so
100,000 enterprises cost neither an ORM object nor a cell object each. The file is written beside the
target and moved into place at the end: a failed or cancelled export never leaves half a file.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from sqlalchemy import func, select

from goosetier.core.catalog import load_catalog
from goosetier.exporting import roster_query as Q
from goosetier.exporting.safety import (
    RISKY_PREFIXES,
    CellWriter,
    ExportError,
    display_width,
    excel_date,
    open_book,
    sheet_name,
)
from goosetier.store import models as m
from goosetier.store.database import Registry
from goosetier.store.queries import district_name
from goosetier.store.selection import Selection, enterprise_filter

Progress = Callable[[int, int], None]
Cancelled = Callable[[], bool]
CHUNK = 2000  # rows between progress reports and cancel checks
WIDTH_SAMPLE = 1000  # rows measured for column widths (a streamed row cannot be revisited)
NUM_FORMATS = {"code": "@", "date": "yyyy-mm-dd", "money": "#,##0.00"}


def roster_title(district: str, sel: Selection) -> str:
    return f"{district}{sel.describe()}名单"


def export_roster(registry: Registry, selection: Selection, out_path: str | os.PathLike[str], *,
                  sheet_per_program: bool = False, per_designation: bool = False,
                  progress: Progress | None = None, cancelled: Cancelled | None = None,
                  now: dt.datetime | None = None) -> int:
    """Write the roster of `selection` to `out_path` (.xlsx); returns the number of enterprises.

    ``sheet_per_program`` writes one sheet per program of the selection (an enterprise holding
    two of them appears on both sheets and is counted once).
    """
    out = Path(out_path)
    now = now or dt.datetime.now().replace(microsecond=0)
    programs = selection.program_ids()
    if sheet_per_program and programs:
        sheets = [replace(selection, programs=(p,), tiers=()) for p in programs]
    else:
        sheets = [selection]
    seen: set[int] = set()
    catalog = load_catalog()
    with registry.session() as session, open_book(out, constant_memory=True) as wb:
        wb.set_properties({"title": "企业名单", "creator": "GooseTier 雁阵梯度培育台账"})
        district = district_name(session)
        totals = [_count(session, s) for s in sheets]
        done, names, formats = 0, set(), {}
        for sel, total in zip(sheets, totals, strict=True):
            name = catalog.programs[sel.programs[0]].zh if len(sheets) > 1 else "企业名单"
            ws = wb.add_worksheet(sheet_name(name, names))
            writer = _SheetWriter(CellWriter(wb, ws, formats), sel, per_designation)
            writer.head(roster_title(district, sel), now, total)
            for ids in writer.body(session, sel):
                done += len(ids)
                if len(sheets) > 1:
                    seen.update(ids)
                if cancelled is not None and cancelled():
                    raise ExportError("export_cancelled")
                if progress is not None:
                    progress(done, sum(totals))
            writer.finish()
    return len(seen) if len(sheets) > 1 else done


def count_enterprises(registry: Registry, selection: Selection) -> int:
    """How many enterprises the selection lists (what a roster of it would hold)."""
    with registry.session() as session:
        return _count(session, selection)


def _count(session, sel: Selection) -> int:
    stmt = select(func.count()).select_from(m.Enterprise)
    where = enterprise_filter(sel)
    return session.scalar(stmt.where(where) if where is not None else stmt) or 0


class _SheetWriter:
    """One roster sheet: head, streamed body, then widths, filter and print settings."""

    def __init__(self, cells: CellWriter, sel: Selection, per_designation: bool) -> None:
        self.cells, self.ws, self.sel = cells, cells.ws, sel
        self.columns = Q.roster_columns(sel, per_designation)
        self.per_designation = per_designation
        self.header_row = 2
        self.last_row = self.header_row
        self.widths = [display_width(c.header) for c in self.columns]

    def head(self, title: str, now: dt.datetime, total: int) -> None:
        c, ws, last = self.cells, self.ws, len(self.columns) - 1
        for col, column in enumerate(self.columns):  # column formats first: rows stream out
            ws.set_column(col, col, column.floor, self._column_format(column.kind))
        ws.set_row(0, 30)
        title_props = {"bold": True, "font_size": 16, "align": "center", "valign": "vcenter"}
        ws.merge_range(0, 0, 0, last, "", c.fmt(**title_props))
        c.text(0, 0, title, c.fmt(**title_props), title_props)
        info = f"导出时间：{now:%Y-%m-%d %H:%M}　　共 {total} 家企业"
        c.text(1, 0, info, c.fmt(font_color="#595959"))
        head_props = {"bold": True, "bg_color": "#DDEBF7", "border": 1, "align": "center",
                      "valign": "vcenter", "text_wrap": True}
        for col, column in enumerate(self.columns):
            c.text(self.header_row, col, column.header, c.fmt(**head_props), head_props)
        ws.freeze_panes(self.header_row + 1, 2)  # header and 序号/企业名称 stay in view
        ws.repeat_rows(self.header_row)
        ws.set_landscape()
        ws.set_paper(9)  # A4
        ws.fit_to_pages(1, 0)

    def body(self, session, sel: Selection):
        """Write the rows; yields the enterprise ids of each chunk as it goes.

        The hot loop of a 100,000-row export: columns are grouped by kind once, so each cell
        costs one typed xlsxwriter call and, for text, one look at its first character.
        """
        ws = self.ws
        risky = frozenset(RISKY_PREFIXES)
        quoted = self.cells.fmt(quote_prefix=True)
        date_fmt = self.cells.fmt(num_format="yyyy-mm-dd")
        # xlsxwriter's undecorated writers, as its own write_row() calls them: the public ones
        # only add an A1-notation check of the row argument, once per cell (875,000 calls)
        write_string = getattr(ws, "_write_string", ws.write_string)
        write_number = getattr(ws, "_write_number", ws.write_number)
        by_kind: dict[str, list[int]] = {}
        for col, column in enumerate(self.columns):
            by_kind.setdefault(column.kind, []).append(col)
        text_cols = sorted(by_kind.get("text", []) + by_kind.get("code", []))
        code_cols = set(by_kind.get("code", []))
        number_cols = sorted(by_kind.get("int", []) + by_kind.get("money", []))
        date_cols = by_kind.get("date", [])
        widths, sample_until = self.widths, self.header_row + WIDTH_SAMPLE
        row, ids, last = self.header_row, [], None
        for ent_id, values in Q.roster_values(session, sel, self.per_designation):
            row += 1
            for col in text_cols:
                v = values[col]
                if v:
                    if v[0] in risky:  # keeps a code column's text format, adds the prefix
                        write_string(row, col, v, self.cells.fmt(
                            num_format="@", quote_prefix=True) if col in code_cols else quoted)
                    else:
                        write_string(row, col, v)
            for col in number_cols:
                v = values[col]
                if v is not None:
                    write_number(row, col, v)
            for col in date_cols:
                v = values[col]
                if v is not None:
                    write_number(row, col, excel_date(v), date_fmt)
            if row <= sample_until:
                for col in text_cols:
                    if v := values[col]:
                        widths[col] = max(widths[col], display_width(v))
            if ent_id == last:  # per designation: the same enterprise again
                continue
            last = ent_id
            ids.append(ent_id)
            if len(ids) >= CHUNK:
                yield ids
                ids = []
        self.last_row = row
        if ids:
            yield ids

    def _column_format(self, kind: str):
        num_format = NUM_FORMATS.get(kind)
        return self.cells.fmt(num_format=num_format) if num_format else None

    def finish(self) -> None:
        ws = self.ws
        for col, column in enumerate(self.columns):
            width = min(column.cap, max(column.floor, self.widths[col] + 2))
            ws.set_column(col, col, width, self._column_format(column.kind))
        ws.autofilter(self.header_row, 0, max(self.last_row, self.header_row),
                      len(self.columns) - 1)
