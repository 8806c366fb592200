"""A printed roster (名单) of any Selection: one ruled row per enterprise.

Long names wrap onto a second line and are elided after it, so one firm never takes more than two
lines; the header row repeats on every page.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from goosetier import APP_NAME_ZH
from goosetier.gui.printing.layout import (
    Column,
    Ctx,
    Document,
    Paragraph,
    Table,
    TwoSided,
    layout_pages,
    page_layout,
)
from goosetier.gui.printing.summary_sheet import year_batch, zh_date
from goosetier.store.selection import RosterLine, Selection

COLUMNS = (
    Column("序号", 12.0, shrink_to=6.0),  # 100,000 firms still get one line
    Column("企业名称", weight=1.0, align="left", max_lines=2, shrink_to=7.5),
    Column("统一社会信用代码", 37.0),
    Column("产业", 21.0, max_lines=2, shrink_to=7.5),
    Column("认定年份/批次", 25.0, max_lines=2),
    Column("有效期至", 21.0),
)


def roster_title(district: str, selection: Selection) -> str:
    """"青岛西海岸新区专精特新“小巨人”企业（截至2025年底有效）名单"."""
    return f"{district}{selection.describe()}名单"


def roster_document(title: str, lines: Iterable[RosterLine], *, district: str,
                    printed: dt.date | None = None) -> Document:
    printed = printed or dt.date.today()
    rows = [[str(i), ln.name, ln.credit_code or "—", ln.cluster or "—",
             year_batch(ln.year, ln.batch_text),
             ln.valid_until.isoformat() if ln.valid_until else "—"]
            for i, ln in enumerate(lines, start=1)]
    body = [Paragraph(title, 15.0, bold=True, align="center"),
            TwoSided(f"共 {len(rows):,} 家", f"打印日期：{zh_date(printed)}", 9.5,
                     space_before_mm=3.0)]
    if rows:
        body.append(Table(list(COLUMNS), rows, space_before_mm=2.0))
    else:
        body.append(Paragraph("无符合条件的企业。", 10.0, space_before_mm=4.0))
    return Document(title=title, body=body, header_left=title, header_right=f"共 {len(rows):,} 家",
                    footer_left=f"{district}　GooseTier {APP_NAME_ZH}".lstrip("　"),
                    footer_right=f"打印日期：{zh_date(printed)}")


def roster_capacity(ctx: Ctx, title: str = "名单", *, landscape: bool = False) -> tuple[int, int]:
    """How many one-line roster rows fit on the first page and on each following page."""
    probe = [RosterLine(i, f"企业{i}", None, None, None, None, None, None, None, None)
             for i in range(400)]
    doc = roster_document(title, probe, district="")
    pages = layout_pages(ctx, doc, page_layout(landscape))
    tables = [[f for f, _ in page if isinstance(f, Table)] for page in pages[:2]]
    first, second = (sum(len(t.rows) for t in ts) for ts in tables)
    return first, second
