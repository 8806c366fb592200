"""The ``goosetier`` command: sub-commands for scripts; no sub-command opens the window.

Start-up stays light (no Qt or SQLAlchemy import until a command needs it), so ``--version``
costs little more than starting Python: a bare ``goosetier --version`` is answered before
argparse, logging, json, pathlib or the feature commands are imported (``python -X importtime``:
they were most of its 60 ms over ``python -c pass``). Errors a user can cause are one clear line
on stderr and exit status 1 (2 for usage), never a traceback; anything unexpected is logged to a
file and the line names that file.
"""

from __future__ import annotations

import sys

from goosetier import APP_NAME_ZH, __version__

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (3 ms)
if TYPE_CHECKING:
    import argparse
    from collections.abc import Callable
    from pathlib import Path

EXIT_ERROR, EXIT_USAGE, EXIT_STRICT = 1, 2, 3
VERSION_TEXT = f"GooseTier {__version__}"


class CliError(Exception):
    """A failure with a code for the message table (or a ready sentence)."""

    def __init__(self, code: str, status: int = EXIT_ERROR, **params: object) -> None:
        super().__init__(code)
        self.code, self.status, self.params = code, status, params


# --- commands ----------------------------------------------------------------------------------


def cmd_check(args: argparse.Namespace) -> int:
    import json

    from sqlalchemy import func, select, text

    from goosetier.store import models as m
    from goosetier.store.database import current_revision, head_revision

    reg = _open(args, migrate=True)
    try:
        problems = []
        if reg.is_sqlite:
            with reg.engine.connect() as conn:
                result = conn.execute(text("PRAGMA integrity_check")).scalars().all()
                fk = conn.execute(text("PRAGMA foreign_key_check")).all()
            if result != ["ok"]:
                problems.append("integrity_check: " + "; ".join(result[:5]))
            if fk:
                problems.append(f"foreign_key_check: {len(fk)} 处外键不一致")
        revision, head = current_revision(reg.engine), head_revision()
        with reg.session() as s:
            counts = {t: s.scalar(select(func.count()).select_from(getattr(m, cls))) or 0
                      for t, cls in (("enterprise", "Enterprise"), ("designation", "Designation"),
                                     ("program", "Program"), ("plan_period", "PlanPeriod"),
                                     ("import_batch", "ImportBatch"))}
        out = {"database": _display_url(reg), "schema": revision, "head": head,
               "at_head": revision == head, "integrity": "ok" if not problems else problems,
               "counts": counts, "migrated_from": reg.migrated_from,
               "backup": str(reg.backup) if reg.backup else None}
        if args.json:
            print(json.dumps(out, ensure_ascii=False, indent=2))
        else:
            print(f"台账数据库：{out['database']}")
            print(f"结构版本：{revision}（最新 {head}）")
            if reg.backup:
                print(f"升级前已备份：{reg.backup}")
            print("完整性检查：" + ("通过" if not problems else "；".join(problems)))
            print("记录数：企业 {enterprise} 家，称号 {designation} 条，称号目录 {program} 项，"
                  "规划期 {plan_period} 个，导入批次 {import_batch} 个".format(**counts))
        return 0 if not problems else EXIT_ERROR
    finally:
        reg.close()


def cmd_backup(args: argparse.Namespace) -> int:
    from pathlib import Path

    from goosetier.store.database import backup_sqlite

    reg = _open(args, migrate=False)
    try:
        if not reg.is_sqlite or reg.path is None:
            raise CliError("backup_server_db")
        out = backup_sqlite(reg.path, "manual", Path(args.out).resolve() if args.out else None)
    finally:
        reg.close()
    print(f"已备份到：{out}")
    return 0


def cmd_summary(args: argparse.Namespace) -> int:
    import json
    from pathlib import Path

    from goosetier.reports.summary import build_summary

    if args.pdf:  # the printed sheet (goosetier.gui.printing; Qt is imported only here)
        from goosetier.gui.printing import SECTIONS, export_summary_pdf

        skip = {"clusters"} if args.no_clusters else set()
        skip |= {"expiring"} if args.no_expiring else set()
        reg = _open(args)
        try:
            pages = export_summary_pdf(reg, args.pdf, plan=args.plan, year=args.year,
                                       landscape=args.landscape,
                                       sections=tuple(s for s in SECTIONS if s not in skip))
        finally:
            reg.close()
        print(f"已生成汇总表 PDF：{Path(args.pdf).resolve()}（共 {pages} 页）")
        return 0
    reg = _open(args)
    try:
        with reg.session() as s:
            summary = build_summary(s, args.plan, args.year)
    finally:
        reg.close()
    if args.json:
        print(json.dumps(summary.as_json(), ensure_ascii=False, indent=2))
        return 0
    print(f"{summary.district}企业雁阵梯度培育情况（{summary.plan}，截至{summary.year}年底）")
    for r in summary.rows:
        target = "—" if r.target is None else f"{r.target:g}"
        done = "—" if r.completion is None else f"{r.completion:.1%}"
        print(f"  {r.formation_name}  {r.name}：{r.count} 家 / 目标 {target}，完成 {done}")
    return 0


# --- plumbing ----------------------------------------------------------------------------------


def _open(args: argparse.Namespace, migrate: bool = True):
    from goosetier.store.database import open_registry

    return open_registry(args.db, migrate=migrate)


def _display_url(reg) -> str:
    return str(reg.path) if reg.path else reg.url.split("@")[-1]


def build_parser() -> argparse.ArgumentParser:
    import argparse

    parser = argparse.ArgumentParser(
        prog="goosetier", description=f"GooseTier {APP_NAME_ZH}：不带子命令时打开窗口。")
    parser.add_argument("--version", action="version", version=VERSION_TEXT,
                        help="显示版本号并退出")
    parser.add_argument("--db", metavar="PATH_OR_URL",
                        help="台账数据库文件或 SQLAlchemy URL（默认：用户数据目录中的 registry.sqlite3）")
    parser.add_argument("--lang", choices=["zh", "en"], default=None, help="消息语言")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser("check", help="检查台账：结构版本、完整性、记录数")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_check)

    p = sub.add_parser("backup", help="备份台账数据库文件")
    p.add_argument("out", nargs="?", help="备份文件路径（默认写入备份目录）")
    p.set_defaults(func=cmd_backup)

    p = sub.add_parser("summary", help="各梯度目标完成情况（--pdf 打印汇总表）")
    out = p.add_mutually_exclusive_group()
    out.add_argument("--json", action="store_true", help="输出 JSON")
    out.add_argument("--pdf", metavar="OUT.pdf", help="生成 A4 梯度培育情况汇总表 PDF")
    p.add_argument("--plan", help="规划期名称，如 十四五（也接受 14th）")
    p.add_argument("--year", type=int, help="统计年份（默认规划目标年）")
    p.add_argument("--landscape", action="store_true", help="PDF 横向（默认纵向）")
    p.add_argument("--no-clusters", action="store_true", help="PDF 不含分产业集群统计")
    p.add_argument("--no-expiring", action="store_true", help="PDF 不含即将到期称号")
    p.set_defaults(func=cmd_summary)

    for register in EXTRA_COMMANDS:
        register(sub)
    return parser


# The features' commands (goosetier.commands.*) register here: each is a function taking the
# sub-parser collection.
EXTRA_COMMANDS: list[Callable[[argparse._SubParsersAction], None]] = []


def _load_extra_commands() -> None:
    from goosetier import commands

    EXTRA_COMMANDS[:] = commands.registrars()


def _error_text(exc: BaseException, lang: str) -> str | None:
    """The one line for an error a user can cause, or None for a bug."""
    from goosetier.core.messages import message

    code = getattr(exc, "code", None)
    params = getattr(exc, "params", None)
    if isinstance(code, str) and isinstance(params, dict):
        return message(code, params, lang)
    if isinstance(exc, FileNotFoundError):
        return message("file_not_found", {"path": exc.filename}, lang)
    if isinstance(exc, PermissionError):
        return message("file_permission", {"path": exc.filename}, lang)
    return None


def _log_crash(exc: BaseException) -> Path | None:
    import logging

    log = logging.getLogger("goosetier")
    try:
        from goosetier import paths

        log_file = paths.logs_dir() / "goosetier.log"
        handler = logging.FileHandler(log_file, encoding="utf-8")
        log.addHandler(handler)
        log.error("unexpected error", exc_info=exc)
        handler.close()
        return log_file
    except Exception:
        return None


def main(argv: list[str] | None = None) -> int:
    words = sys.argv[1:] if argv is None else list(argv)
    if words == ["--version"]:
        # what argparse's version action does (print, exit 0), before importing argparse and
        # the feature commands: the start-up an installer's or a script's version check waits on
        print(VERSION_TEXT)
        raise SystemExit(0)
    import os

    from goosetier import cli_words

    # argparse's own words (usage, its errors) in the language asked for, before it builds
    # the parser: some of them are looked up then
    cli_words.use(cli_words.lang_of(words, os.environ.get("GOOSETIER_LANG", "")))
    _load_extra_commands()
    parser = build_parser()
    args = parser.parse_args(argv)
    lang = args.lang or ("en" if os.environ.get("GOOSETIER_LANG", "").startswith("en") else "zh")
    try:
        if args.command is None:
            from goosetier.app import run

            return run(args.db)
        try:
            code = args.func(args)
        except BaseException:
            if argv is None:  # this process's own command line: it ends when the command does
                _before_exit()
            raise
        if argv is None:
            _end_process(code)
        return code
    except KeyboardInterrupt:
        print("已取消。" if lang == "zh" else "Cancelled.", file=sys.stderr)
        return 130
    except BaseException as exc:  # noqa: BLE001 - the one place errors become words
        if isinstance(exc, SystemExit):
            raise
        text = _error_text(exc, lang)
        if text is None:
            log_file = _log_crash(exc)
            where = f"（详细信息已记录到 {log_file}）" if log_file else ""
            text = f"抱歉，发生了意外错误：{type(exc).__name__}: {exc}{where}"
        print(f"goosetier: {text}", file=sys.stderr)
        return getattr(exc, "status", EXIT_ERROR)


def _before_exit() -> None:
    """Spare the interpreter's shutdown a second look at every object a command imported.

    Once SQLAlchemy, Alembic and the models are loaded, the shutdown's module teardown runs
    garbage collections over some 85,000 objects, 0.3–0.45 s of CPU after every command
    (`goosetier export roster` of 20,000 rows: 0.43 s, against 0.04 s with this). So: one
    collection now — unreachable cycles are finalised as usual — then freeze what is left; the
    teardown still frees it all by reference counting, and only cycles among objects that were
    alive at the end are left to the operating system, as every process's memory is. Only for
    a sub-command run as this process's command line (never for the window, nor for tests
    calling ``main([...])``).
    """
    import gc

    gc.collect()
    gc.freeze()


def _end_process(code: int | None) -> None:
    """End a sub-command run as this process's command line, once it has done its work.

    What is left to do after a command is only freeing memory the operating system takes back
    anyway: after importing 100,000 firms, half a million objects freed one by one, the
    collector's last walks and the modules' teardown took 0.5–0.6 s of the officer's wait. So
    the output is flushed, logging closes its files, and the process ends here. Nothing a
    command leaves for exit hooks: files and databases are closed by then (the registry's
    engine is disposed, temporary folders are context managers). Never for the window, nor
    for tests calling ``main([...])``.
    """
    import os

    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # a closed pipe: nothing more can be said
            pass
    if "logging" in sys.modules:
        sys.modules["logging"].shutdown()
    os._exit(code or 0)


def gui_main() -> int:
    return main([])
