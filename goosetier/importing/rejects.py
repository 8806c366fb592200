"""The rows an import left out, written back as a workbook the officer can fix and re-import.

Same header as the source (so the corrected file maps the same way) plus a 原因 column saying
why each row was not imported (rejected for an error, or waiting for a near match to be
confirmed). The source is read again for just those rows rather than keeping every row's cells
in memory during the import.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from goosetier.importing.model import NEEDS_REVIEW, REJECTED, ImportPlan, issue_message
from goosetier.importing.reading import open_roster

REASON = {"zh": "原因", "en": "Reason"}
ROW = {"zh": "原行号", "en": "Source row"}


def write_rejects(plan: ImportPlan, out: str | Path, lang: str = "zh") -> int:
    """Write the plan's rejected and needs-review rows to ``out`` (.xlsx); returns how many."""
    import xlsxwriter

    wanted = {r.excel_row: r for r in plan.rows if r.action in (REJECTED, NEEDS_REVIEW)}
    cells: dict[int, list[object]] = {}
    if wanted:
        with open_roster(plan.file) as roster:
            last = max(wanted)
            for index, row in enumerate(roster.iter_rows(plan.sheet)):
                if index + 1 in wanted:
                    cells[index + 1] = row
                if index + 1 >= last:
                    break
    book = xlsxwriter.Workbook(str(out))
    try:
        sheet = book.add_worksheet(plan.sheet[:31] or "Sheet1")
        bold = book.add_format({"bold": True})
        wrap = book.add_format({"text_wrap": True})
        date = book.add_format({"num_format": "yyyy-mm-dd"})
        width = len(plan.headers)
        sheet.write_row(0, 0, [*plan.headers, REASON[lang], ROW[lang]], bold)
        for n, excel_row in enumerate(sorted(wanted), start=1):
            values = list(cells.get(excel_row, []))[:width]
            for col, value in enumerate(values):
                if isinstance(value, dt.datetime | dt.date):
                    sheet.write_datetime(n, col, value, date)
                elif isinstance(value, str):
                    sheet.write_string(n, col, value)  # keep codes and numbers-as-text as text
                elif value is not None:
                    sheet.write(n, col, value)
            reasons = "；".join(issue_message(i, lang) for i in wanted[excel_row].issues
                               if i.severity != "info")
            sheet.write_string(n, width, reasons, wrap)
            sheet.write_number(n, width + 1, excel_row)
        sheet.set_column(width, width, 60)
        sheet.freeze_panes(1, 0)
    finally:
        book.close()
    return len(wanted)
