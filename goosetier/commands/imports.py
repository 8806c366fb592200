"""Sub-commands of the roster import: import, imports, undo-import, sample.

The work is goosetier.importing's session; this module only turns arguments into options and
results into lines (Chinese by default) or one JSON object. Heavy imports stay inside the
functions so ``goosetier --version`` never loads SQLAlchemy or the Excel readers.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from pathlib import Path

EXIT_STRICT = 3
SHOW_ISSUES = 50  # lines of issues printed without --json


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("import", help="导入名单（xlsx / xls / csv）：校验、匹配台账企业、写入并可撤销")
    p.add_argument("file", help="名单文件")
    p.add_argument("--sheet", help="工作表名称（默认第一个可见工作表）")
    p.add_argument("--program", help="整张表的称号：称号编号或名称（如 little_giant、小巨人）")
    p.add_argument("--year", type=int, help="整张表的认定年份（营业收入等数据也记在这一年）")
    p.add_argument("--batch", help="整张表的批次，如 第五批")
    p.add_argument("--kind", choices=["new", "review"], help="new = 新认定，review = 复核通过")
    p.add_argument("--dry-run", action="store_true", help="只检查并报告，不写入台账")
    p.add_argument("--strict", action="store_true",
                   help="有任何错误就不写入（退出码 3）")
    p.add_argument("--json", action="store_true", help="输出一个 JSON 对象")
    p.add_argument("--rejects", metavar="OUT.xlsx",
                   help="把未导入和待确认的行写入该工作簿（附“原因”列）")
    p.set_defaults(func=cmd_import)

    p = sub.add_parser("imports", help="列出导入批次")
    p.add_argument("--json", action="store_true")
    p.add_argument("--limit", type=int, default=50, help="最多列出多少个批次（默认 50）")
    p.set_defaults(func=cmd_imports)

    p = sub.add_parser("undo-import", help="撤销一个导入批次")
    p.add_argument("batch_id", type=int, metavar="BATCH_ID")
    p.add_argument("--force", action="store_true",
                   help="即使导入后记录又被修改也撤销（这些修改会丢失）")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_undo)

    p = sub.add_parser("sample", help="在空台账中装入示例数据（示例名录）")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_sample)


def _lang(args: argparse.Namespace) -> str:
    lang = getattr(args, "lang", None)
    if lang:
        return lang
    return "en" if os.environ.get("GOOSETIER_LANG", "").startswith("en") else "zh"


def _options(args: argparse.Namespace):
    from goosetier.core.catalog import load_catalog
    from goosetier.importing.model import ImportFailure, ImportOptions

    program = None
    if args.program:
        catalog = load_catalog()
        found = catalog.programs.get(args.program) or catalog.find_program(args.program)
        if found is None or found.counting == "revenue_bracket":
            known = "、".join(f"{p.id}（{p.zh}）" for p in catalog.programs.values()
                             if p.counting != "revenue_bracket")
            raise ImportFailure("program_option_unknown", value=args.program, known=known)
        program = found.id
    if args.year is not None and not 1990 <= args.year <= 2100:
        raise ImportFailure("year_out_of_range", year=args.year)
    return ImportOptions(program=program, year=args.year, batch=args.batch, kind=args.kind)


def cmd_import(args: argparse.Namespace) -> int:
    from goosetier.importing.reading import open_roster

    # The file first, and its sheet read on a background thread (Roster.prefetch) while the
    # database layer loads below: start-up and the parse overlap instead of adding up.
    roster = open_roster(args.file)
    try:
        roster.prefetch(args.sheet)
        from goosetier.core.messages import message
        from goosetier.importing.session import gc_paused, run_import
        from goosetier.store.database import open_registry

        lang = _lang(args)
        options = _options(args)
        with gc_paused():  # the whole command builds acyclic objects only (see gc_paused)
            reg = open_registry(args.db)
            try:
                result, plan = run_import(reg, args.file, sheet=args.sheet, options=options,
                                          dry_run=args.dry_run, strict=args.strict,
                                          roster=roster)
            finally:
                reg.close()
    finally:
        roster.close()
    # kept to the end: a one-shot process ends without freeing them one by one (see
    # cli._end_process), half a million objects after a 100,000-row import
    args.results = (result, plan)
    blocked = args.strict and bool(plan.errors) and not args.dry_run
    rejects = None
    if args.rejects:
        from goosetier.importing.rejects import write_rejects

        rejects = Path(args.rejects).resolve()
        write_rejects(plan, rejects, lang)
    if args.json:
        out = result.as_json(lang)
        if rejects:
            out["rejects_file"] = str(rejects)
        print(json.dumps(out, ensure_ascii=False, indent=2))
    else:
        _print_result(result, lang, rejects)
    if blocked:
        print("goosetier: " + message("strict_errors", {"count": len(plan.errors)}, lang),
              file=sys.stderr)
        return EXIT_STRICT
    return 0


def _print_result(result, lang: str, rejects: Path | None) -> None:
    from goosetier.importing.model import issue_message

    zh = lang == "zh"
    name = Path(result.file).name
    if zh:
        head = "试运行（未写入台账）" if result.dry_run else (
            "已导入" if result.batch_id else "未写入台账")
        print(f"{head}：{name}（工作表“{result.sheet}”，表头在第 {result.header_row} 行），"
              f"读取 {result.rows_read} 行")
        print(f"  新增企业 {result.inserted} 家，更新 {result.updated} 家，无变化 {result.unchanged} 家，"
              f"新增称号 {result.designations_added} 条")
        print(f"  未导入 {result.rejected} 行，待人工确认 {result.needs_review} 行，"
              f"警告 {result.warnings} 条")
        if result.batch_id:
            print(f"  导入批次 #{result.batch_id}（撤销：goosetier undo-import {result.batch_id}）")
        if result.backup:
            print(f"  导入前已备份：{result.backup}")
    else:
        head = "Dry run (nothing written)" if result.dry_run else (
            "Imported" if result.batch_id else "Nothing written")
        print(f"{head}: {name} (sheet “{result.sheet}”, header on row {result.header_row}), "
              f"{result.rows_read} rows read")
        print(f"  {result.inserted} new, {result.updated} updated, {result.unchanged} unchanged, "
              f"{result.designations_added} designations added")
        print(f"  {result.rejected} rejected, {result.needs_review} to confirm, "
              f"{result.warnings} warnings")
        if result.batch_id:
            print(f"  batch #{result.batch_id} (undo: goosetier undo-import {result.batch_id})")
    shown = [i for i in result.issues if str(i.severity) != "info"]
    for issue in shown[:SHOW_ISSUES]:
        mark = "错误" if str(issue.severity) == "error" else "警告"
        print(f"  [{mark if zh else issue.severity}] {issue_message(issue, lang)}")
    if len(shown) > SHOW_ISSUES:
        more = len(shown) - SHOW_ISSUES
        print(f"  ……另有 {more} 条，完整列表请用 --json 或 --rejects" if zh else
              f"  … {more} more; use --json or --rejects for all")
    if rejects:
        print(f"  未导入的行已写入：{rejects}" if zh else f"  Rows left out written to {rejects}")


def cmd_imports(args: argparse.Namespace) -> int:
    from goosetier.importing.undo import list_batches
    from goosetier.store.database import open_registry

    reg = open_registry(args.db)
    try:
        with reg.engine.connect() as conn:
            batches = list_batches(conn, args.limit)
    finally:
        reg.close()
    if args.json:
        print(json.dumps([b.as_json() for b in batches], ensure_ascii=False, indent=2))
        return 0
    if not batches:
        print("还没有导入批次。" if _lang(args) == "zh" else "No imports yet.")
        return 0
    for b in batches:
        c = b.counts or {}
        when = b.created_at.strftime("%Y-%m-%d %H:%M")
        state = f"  已撤销（{b.undone_at:%Y-%m-%d %H:%M}）" if b.undone_at else ""
        print(f"#{b.id}  {when}  {b.file_name}（{b.sheet or ''}）  新增 {c.get('inserted', 0)}，"
              f"更新 {c.get('updated', 0)}，称号 {c.get('designations_added', 0)}，"
              f"未导入 {c.get('rejected', 0)}  {b.user or ''}{state}")
    return 0


def cmd_undo(args: argparse.Namespace) -> int:
    from goosetier.importing.undo import undo_import
    from goosetier.store.database import open_registry

    reg = open_registry(args.db)
    try:
        result = undo_import(reg, args.batch_id, force=args.force)
    finally:
        reg.close()
    if args.json:
        out = {k: v for k, v in result.__dict__.items() if k != "enterprise_ids"}
        out["backup"] = str(result.backup) if result.backup else None
        print(json.dumps(out, ensure_ascii=False, indent=2))
    else:
        print(f"已撤销导入批次 #{result.batch_id}：删除企业 {result.removed_enterprises} 家，"
              f"恢复企业 {result.restored_enterprises} 家，删除称号 {result.removed_designations} 条。")
        if result.conflicts:
            print(f"  注意：有 {result.conflicts} 条记录在导入后被修改过，这些修改已随撤销一并丢失。")
        if result.backup:
            print(f"  撤销前已备份：{result.backup}")
    return 0


def cmd_sample(args: argparse.Namespace) -> int:
    from sqlalchemy import func, select

    from goosetier.importing.model import ImportFailure, ImportOptions
    from goosetier.importing.sample import write_sample
    from goosetier.importing.session import run_import
    from goosetier.store import models as m
    from goosetier.store.database import open_registry

    reg = open_registry(args.db)
    try:
        with reg.engine.connect() as conn:
            count = conn.execute(select(func.count()).select_from(m.Enterprise)).scalar() or 0
        if count:
            raise ImportFailure("sample_not_empty", count=count)
        with tempfile.TemporaryDirectory() as tmp:
            path = write_sample(Path(tmp) / "示例名录.xlsx")
            result, _plan = run_import(reg, path, options=ImportOptions(mark_sample=True))
    finally:
        reg.close()
    if args.json:
        print(json.dumps(result.as_json(_lang(args)), ensure_ascii=False, indent=2))
    else:
        print(f"已装入示例数据：企业 {result.inserted} 家，称号 {result.designations_added} 条"
              f"（导入批次 #{result.batch_id}；可用 goosetier undo-import {result.batch_id} 移除）。")
    return 0
