"""Messages of the shared registry (PostgreSQL, conflicts, busy SQLite, migrate-to, audit):
code → (zh, en), merged into goosetier.core.messages.MESSAGES."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    # connecting to a server
    "db_driver_missing": (
        "连接 PostgreSQL 需要 psycopg 驱动（缺少模块 {module}）：请运行 pip install 'goosetier[postgres]'。",
        "Connecting to PostgreSQL needs the psycopg driver (module {module} is missing): "
        "pip install 'goosetier[postgres]'."),
    "db_password_needed": (
        "连接数据库服务器 {host} 需要用户 {user} 的密码。请输入密码（仅本次使用，不会保存），"
        "或在密码文件（.pgpass）中保存。",
        "The server {host} asks for the password of {user}. Enter it (used for this session "
        "only, never saved) or put it in your password file (.pgpass)."),
    "db_auth_failed": (
        "无法以用户 {user} 登录数据库服务器 {host}：密码或用户名不正确（服务器：{detail}）。",
        "Cannot log in to {host} as {user}: wrong password or user name (server: {detail})."),
    "db_no_database": (
        "数据库服务器 {host} 上没有名为 {database} 的数据库：请管理员先创建（createdb {database}）。",
        "The server {host} has no database {database}; ask the administrator to create it "
        "(createdb {database})."),
    # one registry, several programs
    "db_on_network_share": (
        "台账文件“{path}”位于网络共享（{kind}）上。多台电脑同时写入网络上的 SQLite 文件可能损坏数据；"
        "办公室共用一份台账请改用 PostgreSQL 服务器（见说明书“Sharing one registry in an office”）。",
        "The registry “{path}” is on a network share ({kind}). SQLite files written from "
        "several PCs over a network can be damaged; to share one registry in an office use a "
        "PostgreSQL server (README: “Sharing one registry in an office”)."),
    "db_password_in_url": (
        "数据库地址中含有密码。设置中只保存不含密码的地址；请把密码保存在 {pgpass}，或每次启动时输入。",
        "The database URL contains a password. Settings keep the URL without it; save the "
        "password in {pgpass} or enter it each session."),
    "db_busy_retrying": ("台账正忙，正在重试…（第 {attempt} 次）",
                         "The registry is busy, retrying… (attempt {attempt})"),
    "db_busy": ("台账一直被其他程序占用（已重试 {attempts} 次），请稍后再试。（{detail}）",
                "The registry stayed busy ({attempts} attempts); try again later. ({detail})"),
    # conflicts
    "edit_conflict": (
        "“{record}”已被 {who} 于 {at} 修改（您打开的是第 {expected} 版，现在是第 {current} 版），"
        "您的修改未保存。字段（您的值 / 对方的值）：{fields}。请重新载入，或确认后覆盖。",
        "“{record}” was changed by {who} at {at} (you opened version {expected}, it is now "
        "version {current}); your change was not saved. Fields (yours / theirs): {fields}. "
        "Reload, or overwrite knowingly."),
    "edit_conflict_deleted": (
        "“{record}”已被 {who} 删除，您的修改未保存。",
        "“{record}” was deleted by {who}; your change was not saved."),
    "row_conflict": (
        "{table} #{row_id} 已被 {who} 于 {at} 修改（预期第 {expected} 版，现为第 {current} 版），未覆盖。",
        "{table} #{row_id} was changed by {who} at {at} (expected version {expected}, now "
        "{current}); not overwritten."),
    # migrate-to
    "migrate_source_not_sqlite": ("迁移来源必须是 SQLite 台账文件：{path}",
                                  "The source of migrate-to must be an SQLite registry: {path}"),
    "migrate_same_database": ("迁移来源和目标是同一个数据库。",
                              "Source and target are the same database."),
    "migrate_target_not_empty": (
        "目标数据库已有数据（{table}：{count} 条），为防止覆盖未做迁移。请使用新建的空数据库。",
        "The target already holds data ({table}: {count} rows); nothing was copied. Use a new, "
        "empty database."),
    "migrate_bad_rows": (
        "来源台账中有 {count} 处数据目标数据库无法接受（例如 {table}.{column} #{row_id}：{problem}），"
        "未做迁移；请先修正。",
        "{count} values in the source cannot go into the target (e.g. {table}.{column} "
        "#{row_id}: {problem}); nothing was copied. Fix them first."),
    "migrate_count_mismatch": (
        "核对失败：表 {table} 来源 {source} 条，目标 {target} 条；迁移已撤销。",
        "Verification failed: table {table} has {source} rows in the source and {target} in the "
        "target; the copy was rolled back."),
    "migrate_table_line": ("  {table}：来源 {source} 条 → 目标 {target} 条 {mark}",
                           "  {table}: source {source} → target {target} {mark}"),
    "migrate_done": ("已将 {source} 迁移到 {target}：{tables} 张表、共 {rows} 条记录，逐表核对一致。",
                     "Moved {source} into {target}: {tables} tables, {rows} rows, every table "
                     "verified."),
    # audit log
    "audit_none": ("没有符合条件的操作记录。", "No audit entries match."),
    "audit_bad_date": ("日期“{value}”无法识别，请写成 2026-11-29。",
                       "Cannot read the date “{value}”; write it as 2026-11-29."),
    "changes_by_others": ("{who} 修改了台账（{n} 处），已刷新。",
                          "{who} changed the registry ({n} changes); refreshed."),
    "changes_watch_failed": ("暂时无法查看他人对台账的修改（{detail}），稍后自动重试。",
                             "Cannot look for changes by others just now ({detail}); "
                             "trying again shortly."),
}
