"""Printed sheets: the tier summary (梯度培育情况汇总表) and rosters (名单), A4, in Chinese.

The only place that draws pages. One drawing path serves every device: ``paint_summary`` /
``paint_roster`` paint on any QPagedPaintDevice at its current page layout (a QPrinter for
printing and preview, a QPdfWriter for files); ``write_*_pdf`` set A4 and the orientation, write
the file atomically and return the page count; ``export_*_pdf`` also run the queries, for the
commands. Works headless: a QApplication is created on the offscreen platform when needed.

Modules: fonts (Qt app, CJK font), layout (flowables, pages, frame), chart (progress bars),
summary_sheet / roster_sheet (the documents), pdffix (text layer repair), dialogs (options and
preview for the window).
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QBuffer, QIODevice
from PySide6.QtGui import QPagedPaintDevice, QPdfWriter

from goosetier import __version__
from goosetier.gui.printing import fonts
from goosetier.gui.printing.fonts import PrintError, ensure_gui_app, radical_fixes
from goosetier.gui.printing.layout import Ctx, Document, page_layout, paint_document
from goosetier.gui.printing.pdffix import fix_tounicode
from goosetier.gui.printing.roster_sheet import roster_capacity, roster_document, roster_title
from goosetier.gui.printing.summary_sheet import (
    EXPIRING_MONTHS,
    SECTION_NAMES,
    SECTIONS,
    summary_document,
    summary_title,
)
from goosetier.reports.clusters import ClusterRow, cluster_tier_counts
from goosetier.reports.summary import Summary, build_summary
from goosetier.store.queries import DEFAULT_DISTRICT, DesignationRow, district_name, expiring_within
from goosetier.store.selection import RosterLine, Selection, roster_lines

__all__ = [
    "SECTIONS", "SECTION_NAMES", "PrintError", "SummaryData", "export_roster_pdf",
    "export_summary_pdf", "load_summary_data", "open_print_preview", "paint_roster",
    "paint_summary", "PrintOptions", "PrintOptionsDialog", "roster_capacity", "roster_title",
    "summary_title", "write_roster_pdf", "write_summary_pdf",
]


def _context() -> Ctx:
    ensure_gui_app()
    return Ctx(fonts.require_cjk_family())


# --- painting on any device (printer, preview, PDF writer) -----------------------------------


def paint_summary(device: QPagedPaintDevice, summary: Summary, *,
                  sections: Sequence[str] = SECTIONS,
                  cluster_rows: Sequence[ClusterRow] | None = None,
                  expiring: Sequence[DesignationRow] | None = None,
                  printed: dt.date | None = None) -> int:
    """Paint the summary sheet on `device` at its current page layout; the page count.

    A section whose data is None (cluster_rows, expiring) is left out; an empty list prints
    as "无"."""
    ctx = _context()
    doc = summary_document(ctx, summary, sections=sections, cluster_rows=cluster_rows,
                           expiring=expiring, printed=printed)
    return paint_document(device, ctx, doc)


def paint_roster(device: QPagedPaintDevice, title: str, lines: Iterable[RosterLine], *,
                 district: str = DEFAULT_DISTRICT, printed: dt.date | None = None) -> int:
    """Paint a roster titled `title` (printed as given) on `device`; the page count."""
    ctx = _context()
    return paint_document(device, ctx, roster_document(title, lines, district=district,
                                                       printed=printed))


# --- PDF files ---------------------------------------------------------------------------------


def _write_pdf(out_path: str | os.PathLike, landscape: bool,
               build: Callable[[Ctx], Document]) -> int:
    out = Path(out_path)
    if out.suffix.lower() != ".pdf":
        raise PrintError("print_not_pdf", path=str(out))
    ctx = _context()  # before anything is written: no font, no file
    doc = build(ctx)
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setResolution(1200)
    writer.setPageLayout(page_layout(landscape))
    writer.setTitle(doc.title)
    writer.setCreator(f"GooseTier {__version__}")
    pages = paint_document(writer, ctx, doc)
    del writer
    data = bytes(buffer.data().data())
    buffer.close()
    data = fix_tounicode(data, radical_fixes(ctx.family, ctx.chars))
    part = out.with_name(out.name + ".part")
    try:
        part.write_bytes(data)
        os.replace(part, out)
    except OSError as exc:
        part.unlink(missing_ok=True)
        raise PrintError("print_write_failed", path=str(out),
                         detail=exc.strerror or str(exc)) from exc
    return pages


def write_summary_pdf(summary: Summary, out_path: str | os.PathLike, *, landscape: bool = False,
                      sections: Sequence[str] = SECTIONS,
                      cluster_rows: Sequence[ClusterRow] | None = None,
                      expiring: Sequence[DesignationRow] | None = None,
                      printed: dt.date | None = None) -> int:
    """Write the summary sheet as an A4 PDF; the page count."""
    return _write_pdf(out_path, landscape, lambda ctx: summary_document(
        ctx, summary, sections=sections, cluster_rows=cluster_rows, expiring=expiring,
        printed=printed))


def write_roster_pdf(title: str, lines: Iterable[RosterLine], out_path: str | os.PathLike, *,
                     landscape: bool = False, district: str = DEFAULT_DISTRICT,
                     printed: dt.date | None = None) -> int:
    """Write a roster as an A4 PDF; `title` is printed as given (see roster_title); pages."""
    lines = list(lines)
    return _write_pdf(out_path, landscape, lambda ctx: roster_document(
        title, lines, district=district, printed=printed))


# --- with the queries (commands, window) -------------------------------------------------------


@dataclass(frozen=True)
class SummaryData:
    summary: Summary
    cluster_rows: list[ClusterRow] | None
    expiring: list[DesignationRow] | None


def load_summary_data(registry, plan: str | None = None, year: int | None = None,
                      sections: Sequence[str] = SECTIONS,
                      today: dt.date | None = None) -> SummaryData:
    today = today or dt.date.today()
    with registry.session() as s:
        summary = build_summary(s, plan, year, today=today)
        clusters = cluster_tier_counts(s, summary.year) if "clusters" in sections else None
        expiring = (expiring_within(s, today, EXPIRING_MONTHS) if "expiring" in sections
                    else None)
    return SummaryData(summary, clusters, expiring)


def export_summary_pdf(registry, out_path: str | os.PathLike, *, plan: str | None = None,
                       year: int | None = None, landscape: bool = False,
                       sections: Sequence[str] = SECTIONS, today: dt.date | None = None) -> int:
    """Query the registry and write its summary sheet; the page count."""
    _context()  # fail on a missing font before running the queries
    data = load_summary_data(registry, plan, year, sections, today)
    return write_summary_pdf(data.summary, out_path, landscape=landscape, sections=sections,
                             cluster_rows=data.cluster_rows, expiring=data.expiring,
                             printed=today)


def roster_data(registry, selection: Selection) -> tuple[str, str, list[RosterLine]]:
    """(title, district, lines) of the roster of `selection`."""
    with registry.session() as s:
        district = district_name(s)
        lines = list(roster_lines(s, selection))
    return roster_title(district, selection), district, lines


def export_roster_pdf(registry, selection: Selection, out_path: str | os.PathLike,
                      landscape: bool = False) -> int:
    """Query the roster of `selection` and write it as a PDF; the page count."""
    _context()
    title, district, lines = roster_data(registry, selection)
    return write_roster_pdf(title, lines, out_path, landscape=landscape, district=district)


from goosetier.gui.printing.dialogs import (  # noqa: E402 - the dialogs use the functions above
    PrintOptions,
    PrintOptionsDialog,
    export_pdf_interactive,
    open_print_preview,
    print_interactive,
)

__all__ += ["export_pdf_interactive", "print_interactive"]
