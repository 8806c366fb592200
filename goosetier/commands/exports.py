"""``goosetier export roster|summary|template``: the export features on the command line.

Heavy imports (SQLAlchemy, xlsxwriter, Qt for PDF) stay inside the command functions so that
``goosetier --version`` stays light. A roster to ``.pdf`` is handed to the printing feature
(goosetier.gui.printing.export_roster_pdf); everything else is written by goosetier.exporting.
"""

from __future__ import annotations

import argparse
from pathlib import Path

VALIDITY = ("valid", "expired", "any")


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("export", help="导出名单、汇总表或空白导入模板")
    what = p.add_subparsers(dest="export_what", metavar="WHAT", required=True)

    r = what.add_parser("roster", help="导出企业名单（.xlsx 或 .pdf）")
    r.add_argument("out", metavar="OUT", help="输出文件：.xlsx 或 .pdf")
    r.add_argument("--program", action="append", default=[], metavar="ID",
                   help="称号编号，可重复（如 little_giant）")
    r.add_argument("--tier", action="append", default=[], metavar="T",
                   help="梯队编号，可重复（head_goose / specialized_new / single_champion / "
                        "scale_up / other）")
    r.add_argument("--year", type=int, help="统计年份：截至该年底有效")
    r.add_argument("--cluster", action="append", default=[], metavar="C", help="所属产业，可重复")
    r.add_argument("--validity", choices=VALIDITY, default="valid",
                   help="有效性（默认 valid；expired 为已过期，any 为不限）")
    r.add_argument("--sheet-per-program", action="store_true", help="每个称号一个工作表")
    r.add_argument("--per-designation", action="store_true",
                   help="每个称号一行（含全部称号，可重新导入）")
    r.add_argument("--landscape", action="store_true", help="PDF 横向（仅 .pdf）")
    r.set_defaults(func=cmd_export_roster)

    s = what.add_parser("summary", help="导出梯度培育汇总表（含图表）")
    s.add_argument("out", metavar="OUT.xlsx")
    s.add_argument("--plan", metavar="NAME", help="规划期名称，如 十四五（也接受 14th）")
    s.add_argument("--year", type=int, help="统计年份（默认规划目标年）")
    s.set_defaults(func=cmd_export_summary)

    t = what.add_parser("template", help="导出空白导入模板")
    t.add_argument("out", metavar="OUT.xlsx")
    t.set_defaults(func=cmd_export_template)


def _fail(code: str, **params: object):
    from goosetier.cli import CliError

    return CliError(code, **params)


def _suffix(out: str, allowed: tuple[str, ...]) -> str:
    suffix = Path(out).suffix.lower()
    if suffix not in allowed:
        raise _fail("export_bad_extension", path=out)
    return suffix


def selection_from_args(args: argparse.Namespace):
    """The Selection the options describe; unknown program or tier ids are coded errors."""
    from goosetier.core.catalog import load_catalog
    from goosetier.store.selection import Selection

    catalog = load_catalog()
    for program in args.program:
        if program not in catalog.programs:
            raise _fail("export_unknown_program", program=program,
                        known=", ".join(catalog.programs))
    for tier in args.tier:
        if tier not in catalog.tiers:
            raise _fail("export_unknown_tier", tier=tier, known=", ".join(catalog.tier_order))
    if args.year is not None and not 1990 <= args.year <= 2100:
        raise _fail("year_out_of_range", year=args.year)
    return Selection(programs=tuple(dict.fromkeys(args.program)),
                     tiers=tuple(dict.fromkeys(args.tier)), year=args.year,
                     clusters=tuple(dict.fromkeys(args.cluster)), validity=args.validity)


def cmd_export_roster(args: argparse.Namespace) -> int:
    from goosetier.cli import _open

    suffix = _suffix(args.out, (".xlsx", ".pdf"))
    selection = selection_from_args(args)
    out = Path(args.out)
    if suffix == ".pdf":
        for option in ("sheet_per_program", "per_designation"):
            if getattr(args, option):
                raise _fail("export_xlsx_only_option", option="--" + option.replace("_", "-"))
        from goosetier.exporting.roster import count_enterprises

        export_pdf = _pdf_exporter()
        reg = _open(args)
        try:
            export_pdf(reg, selection, out, landscape=args.landscape)  # returns pages
            count = count_enterprises(reg, selection)
        finally:
            reg.close()
    else:
        from goosetier.exporting.roster import export_roster

        reg = _open(args)
        try:
            count = export_roster(reg, selection, out, sheet_per_program=args.sheet_per_program,
                                  per_designation=args.per_designation)
        finally:
            reg.close()
    _say("export_done", args, count=count, path=out)
    return 0


def _pdf_exporter():
    try:
        from goosetier.gui.printing import export_roster_pdf
    except ImportError as exc:  # the printing feature (or Qt) is not in this build
        raise _fail("export_pdf_unavailable", detail=getattr(exc, "name", None) or str(exc)) \
            from exc
    return export_roster_pdf


def cmd_export_summary(args: argparse.Namespace) -> int:
    from goosetier.cli import _open
    from goosetier.exporting.summary_book import export_summary_book
    from goosetier.reports.clusters import cluster_tier_counts, tier_columns
    from goosetier.reports.summary import build_summary

    _suffix(args.out, (".xlsx",))
    reg = _open(args)
    try:
        with reg.session() as s:
            summary = build_summary(s, args.plan, args.year)
            clusters = cluster_tier_counts(s, summary.year)
    finally:
        reg.close()
    export_summary_book(summary, Path(args.out), clusters=clusters, tiers=tier_columns())
    _say("export_summary_done", args, plan=summary.plan, year=summary.year,
         rows=len(summary.rows), path=Path(args.out))
    return 0


def cmd_export_template(args: argparse.Namespace) -> int:
    from goosetier.exporting.template import export_template

    _suffix(args.out, (".xlsx",))
    export_template(Path(args.out))
    _say("export_template_done", args, path=Path(args.out))
    return 0


def _say(code: str, args: argparse.Namespace, **params: object) -> None:
    import os

    from goosetier.core.messages import message

    lang = getattr(args, "lang", None) or (
        "en" if os.environ.get("GOOSETIER_LANG", "").startswith("en") else "zh")
    print(message(code, params, lang))
