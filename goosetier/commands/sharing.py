"""Sub-commands of the shared registry: `migrate-to URL` and `audit`.

    goosetier [--db SQLITE] migrate-to postgresql+psycopg://user@host/goosetier [--json]
    goosetier [--db PATH_OR_URL] audit [--since 2026-11-01] [--until DATE] [--user U]
                                       [--action enterprise.edit] [--table T] [--limit N] [--json]

Heavy imports stay inside the functions (goosetier --version stays fast).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json


class ShareCommandError(Exception):
    def __init__(self, code: str, status: int = 1, **params: object) -> None:
        super().__init__(code)
        self.code, self.status, self.params = code, status, params


def _lang(args: argparse.Namespace) -> str:
    import os

    lang = getattr(args, "lang", None)
    return lang or ("en" if os.environ.get("GOOSETIER_LANG", "").startswith("en") else "zh")


def cmd_migrate_to(args: argparse.Namespace) -> int:
    from goosetier import paths
    from goosetier.core.messages import message
    from goosetier.store.migrate_to import migrate_to

    lang = _lang(args)
    source = args.db if args.db else paths.default_db()
    report = migrate_to(source, args.url)
    if args.json:
        print(json.dumps(report.as_json(), ensure_ascii=False, indent=2))
        return 0
    for t in report.tables:
        print(message("migrate_table_line", {"table": t.table, "source": t.source,
                                             "target": t.target,
                                             "mark": "✓" if t.ok else "✗"}, lang))
    print(message("migrate_done", {"source": report.source, "target": report.target,
                                   "tables": len(report.tables), "rows": report.rows}, lang))
    return 0


def _parse_when(value: str | None, end: bool = False) -> dt.datetime | None:
    """A local date or date-time → naive UTC (as the log stores it); a date as --until means
    up to the end of that day."""
    if not value:
        return None
    try:
        when = dt.datetime.fromisoformat(value.strip())
    except ValueError as exc:
        raise ShareCommandError("audit_bad_date", status=2, value=value) from exc
    if end and len(value.strip()) <= 10:
        when += dt.timedelta(days=1)
    return when.astimezone(dt.UTC).replace(tzinfo=None)


def _local(at: dt.datetime) -> str:
    return at.replace(tzinfo=dt.UTC).astimezone().strftime("%Y-%m-%d %H:%M:%S")


def _summary(detail: object) -> str:
    if not isinstance(detail, dict):
        return ""
    if isinstance(detail.get("after"), dict):
        before = detail.get("before") or {}
        return "；".join(f"{k}: {before.get(k)!s} → {v!s}" for k, v in detail["after"].items())
    return json.dumps(detail, ensure_ascii=False, default=str)[:120]


def cmd_audit(args: argparse.Namespace) -> int:
    from goosetier.core.messages import message
    from goosetier.store.auditlog import AuditFilter, list_audit
    from goosetier.store.database import open_registry

    flt = AuditFilter(since=_parse_when(args.since), until=_parse_when(args.until, end=True),
                      user=args.user, action=args.action, table=args.table,
                      limit=args.limit or None)
    reg = open_registry(args.db)
    try:
        with reg.session() as s:
            rows = list_audit(s, flt)
    finally:
        reg.close()
    if args.json:
        print(json.dumps([r.as_json() for r in rows], ensure_ascii=False, indent=2,
                         default=str))
        return 0
    if not rows:
        print(message("audit_none", None, _lang(args)))
        return 0
    for r in rows:
        who = r.os_user or "?"
        if r.db_user:
            who += f"/{r.db_user}"
        where = f"{r.table_name}#{r.row_id}" if r.table_name else ""
        line = f"{_local(r.at)}  {who:<20} {r.action:<22} {where:<18} {_summary(r.detail)}"
        print(line.rstrip())
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("migrate-to", help="把台账（SQLite）迁移到共享的 PostgreSQL 数据库并逐表核对")
    p.add_argument("url", metavar="URL", help="目标数据库，如 postgresql+psycopg://用户@服务器/goosetier")
    p.add_argument("--json", action="store_true", help="输出 JSON")
    p.set_defaults(func=cmd_migrate_to)

    p = sub.add_parser("audit", help="查看操作记录（谁在何时改了什么）")
    p.add_argument("--since", metavar="DATE", help="起始日期（含），如 2026-11-01")
    p.add_argument("--until", metavar="DATE", help="截止日期（含）")
    p.add_argument("--user", metavar="U", help="操作人（系统用户或数据库用户）")
    p.add_argument("--action", metavar="A", help="操作，如 enterprise.edit，或前缀 import")
    p.add_argument("--table", metavar="T", help="表名，如 enterprise")
    p.add_argument("--limit", type=int, default=200, help="最多显示条数（默认 200，0 为不限）")
    p.add_argument("--json", action="store_true", help="输出 JSON")
    p.set_defaults(func=cmd_audit)
