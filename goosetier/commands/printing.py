"""Printing from the command line: ``print-roster OUT.pdf`` (``summary --pdf`` lives in cli.py).

Headless: the sheet is laid out on Qt's offscreen platform when there is no display. Qt and the
database are imported inside the command so ``goosetier --version`` stays light.
"""

from __future__ import annotations

import argparse
from pathlib import Path


def cmd_print_roster(args: argparse.Namespace) -> int:
    from goosetier.cli import CliError, _open
    from goosetier.core.catalog import load_catalog
    from goosetier.gui.printing import export_roster_pdf
    from goosetier.store.selection import Selection

    catalog = load_catalog()
    for pid in args.program or ():
        if pid not in catalog.programs:
            raise CliError("print_unknown_program", id=pid, known=", ".join(catalog.programs))
    for tier in args.tier or ():
        if tier not in catalog.tiers:
            raise CliError("print_unknown_tier", id=tier, known=", ".join(catalog.tier_order))
    selection = Selection(programs=tuple(args.program or ()), tiers=tuple(args.tier or ()),
                          year=args.year, clusters=tuple(args.cluster or ()),
                          validity=args.validity)
    reg = _open(args)
    try:
        pages = export_roster_pdf(reg, selection, args.out, landscape=args.landscape)
    finally:
        reg.close()
    print(f"已生成名单 PDF：{Path(args.out).resolve()}（共 {pages} 页）")
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("print-roster", help="打印名单：按称号/梯队/产业筛选企业，生成 A4 PDF")
    p.add_argument("out", metavar="OUT.pdf", help="输出的 PDF 文件")
    p.add_argument("--program", action="append", metavar="ID",
                   help="称号 id（可重复），如 little_giant、high_tech")
    p.add_argument("--tier", action="append", metavar="T",
                   help="梯队 id（可重复）：head_goose、specialized_new、single_champion、scale_up、other")
    p.add_argument("--year", type=int, help="统计年份：截至该年底有效（默认今年）")
    p.add_argument("--cluster", action="append", metavar="C", help="产业集群（可重复），如 芯屏")
    p.add_argument("--validity", choices=["valid", "expired", "any"], default="valid",
                   help="称号状态：有效（默认）、已过期或全部")
    p.add_argument("--landscape", action="store_true", help="横向（默认纵向）")
    p.set_defaults(func=cmd_print_roster)
