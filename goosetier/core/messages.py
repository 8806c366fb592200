"""The one table that turns codes into sentences, Chinese first, English second.

Every code the domain, store, importer or exporter reports has an entry here. Parameters are
filled with str.format; a missing entry falls back to the code itself so nothing is ever lost.
"""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    # registry (store)
    "db_not_sqlite": ("文件“{path}”不是 GooseTier 台账数据库（不是 SQLite 文件），未做任何修改。",
                      "“{path}” is not a GooseTier registry (not an SQLite file); nothing was changed."),
    "db_locked": ("台账数据库“{path}”正被另一个程序写入，请稍后再试。",
                  "The registry “{path}” is being written by another program; try again later."),
    "db_read_only": ("台账数据库“{path}”是只读的，无法写入；请检查文件权限或复制到可写位置。",
                     "The registry “{path}” is read-only; check its permissions or copy it somewhere writable."),
    "db_newer": ("台账数据库“{path}”由更新版本的 GooseTier 创建（结构版本 {revision}），请升级本程序后再打开。",
                 "The registry “{path}” was written by a newer GooseTier (schema {revision}); please upgrade."),
    "db_damaged": ("台账数据库“{path}”已损坏：{detail}。请从备份恢复（备份目录：{backups}）。",
                   "The registry “{path}” is damaged: {detail}. Restore it from a backup ({backups})."),
    "db_unreachable": ("无法连接台账数据库“{path}”：{detail}",
                       "Cannot reach the registry “{path}”: {detail}"),
    "db_missing_dir": ("台账数据库所在目录“{path}”不存在。", "The folder “{path}” does not exist."),
    "db_backup_failed": ("备份台账数据库失败：{detail}；为安全起见未进行升级。",
                         "Backing up the registry failed: {detail}; the upgrade was not run."),
    "plan_not_found": ("没有名为“{name}”的规划期。现有规划期：{known}。",
                       "No plan period named “{name}”. Known: {known}."),
    "year_out_of_range": ("年份 {year} 不合理（应在 1990–2100 之间）。",
                          "Year {year} is out of range (1990–2100)."),
    # credit codes
    "code_bad_check": ("统一社会信用代码“{code}”校验位不符（应为 {expected}），请核对；确认无误可保留。",
                       "Credit code “{code}”: check character should be {expected}; verify it."),
    "code_bad_org_check": ("统一社会信用代码“{code}”中组织机构代码校验位不符（应为 {expected}），请核对。",
                           "Credit code “{code}”: organisation-code check should be {expected}."),
    "code_malformed": ("统一社会信用代码“{code}”格式错误（应为18位数字或大写字母，不含 I、O、Z、S、V）。",
                       "Credit code “{code}” is malformed (18 characters, no I, O, Z, S, V)."),
    "code_damaged": ("统一社会信用代码“{code}”被 Excel 当作数字保存，末尾数字已丢失；请在原表中将该列设为文本后重新填写。",
                     "Credit code “{code}” was stored by Excel as a number and lost digits; re-enter it as text."),
}


def message(code: str, params: dict | None = None, lang: str = "zh") -> str:
    pair = MESSAGES.get(code)
    if pair is None:
        return code if not params else f"{code}: {params}"
    text = pair[0] if lang.startswith("zh") else pair[1]
    try:
        return text.format(**(params or {}))
    except (KeyError, IndexError):
        return text


MESSAGES.update({
    "file_not_found": ("找不到文件“{path}”。", "File not found: “{path}”."),
    "file_permission": ("没有权限读写“{path}”。", "Permission denied: “{path}”."),
    "backup_server_db": ("共享数据库（PostgreSQL）请用 pg_dump 备份。",
                         "Back up a shared PostgreSQL registry with pg_dump."),
    "no_display": ("没有可用的图形显示环境（未设置 DISPLAY / WAYLAND_DISPLAY），无法打开窗口。"
                   "可在桌面环境中运行，或使用子命令（goosetier --help）。",
                   "No graphical display (DISPLAY / WAYLAND_DISPLAY unset); run on a desktop "
                   "or use a sub-command (goosetier --help)."),
})


def _load_feature_messages() -> None:
    """Each feature keeps its codes in goosetier/core/messages_<feature>.py (a MESSAGES dict of
    code → (zh, en)); they are merged into the one table here."""
    import importlib

    for feature in ("import", "export", "print", "share", "package"):
        try:
            module = importlib.import_module(f"goosetier.core.messages_{feature}")
        except ModuleNotFoundError as exc:
            if exc.name != f"goosetier.core.messages_{feature}":
                raise
            continue
        MESSAGES.update(module.MESSAGES)


_load_feature_messages()
