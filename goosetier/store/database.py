"""Opening the registry: checks, backup, migrations, seeding.

`open_registry(target)` takes a file path or a SQLAlchemy URL. Before touching a SQLite file it
checks that it *is* an SQLite file, that it is writable and not locked by another writer, and
that its schema is not newer than this program; any of those gets a RegistryError with a code,
and the file is left as it was. A schema behind head is migrated only after a backup copy of the
file has been written (the sqlite3 backup API, so a WAL file is included consistently).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import getpass
import os
import re
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine, create_engine, event, inspect, select, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DatabaseError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from goosetier import paths
from goosetier.core.catalog import load_catalog
from goosetier.core.errors import CodedError
from goosetier.core.plans import load_default_plans
from goosetier.store import models as m

MIGRATIONS = Path(__file__).with_name("migrations")
SQLITE_MAGIC = b"SQLite format 3\x00"
BUSY_TIMEOUT_MS = 5000
PG_CONNECT_TIMEOUT_S = 10
ADVISORY_LOCK_KEY = 72731  # pg_advisory_xact_lock key: one migration / seeding per server
KEEP_BACKUPS = 30


class RegistryError(CodedError):
    """A registry problem the user can understand; `code` keys the message table."""


@dataclass
class Registry:
    engine: Engine
    sessions: sessionmaker[Session]
    url: str
    path: Path | None  # the SQLite file, None for a server
    migrated_from: str | None = None  # revision before this open's migration, if one ran
    backup: Path | None = None
    db_user: str | None = None  # the server login (PostgreSQL), recorded in the audit log

    @property
    def is_sqlite(self) -> bool:
        return self.engine.dialect.name == "sqlite"

    def session(self) -> Session:
        return self.sessions()

    def close(self) -> None:
        self.engine.dispose()


def to_url(target: str | os.PathLike[str]) -> str:
    text_target = str(target)
    if "://" in text_target:
        # plain postgresql:// (as pg tools write it) means the psycopg 3 driver we ship with
        for plain in ("postgresql://", "postgres://"):
            if text_target.startswith(plain):
                return "postgresql+psycopg://" + text_target[len(plain):]
        return text_target
    return f"sqlite:///{Path(text_target).expanduser().resolve()}"


def current_user() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no login name (some services, containers)
        return os.environ.get("USERNAME") or os.environ.get("USER") or "unknown"


def _sqlite_pragmas(dbapi_conn, _record) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.close()


def make_engine(url: str) -> Engine:
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000})
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    connect_args: dict[str, object] = {}
    if url.startswith("postgresql+psycopg"):
        # a server that is down must not freeze the window for minutes; the name shows in
        # pg_stat_activity so an administrator sees who is connected
        connect_args = {"connect_timeout": PG_CONNECT_TIMEOUT_S, "application_name": "GooseTier"}
    try:
        return create_engine(url, pool_pre_ping=True, connect_args=connect_args)
    except ModuleNotFoundError as exc:  # psycopg is an optional extra
        raise RegistryError("db_driver_missing", module=exc.name or "psycopg",
                            path=_safe(url)) from exc


def _check_sqlite_file(path: Path) -> None:
    """Refuse a file that is not SQLite, not writable, or locked — before opening it."""
    if not path.parent.exists():
        raise RegistryError("db_missing_dir", path=str(path.parent))
    if not path.exists() or path.stat().st_size == 0:
        return
    with open(path, "rb") as fh:
        if fh.read(16) != SQLITE_MAGIC:
            raise RegistryError("db_not_sqlite", path=str(path))
    if not os.access(path, os.W_OK) or not os.access(path.parent, os.W_OK):
        raise RegistryError("db_read_only", path=str(path))
    con = sqlite3.connect(path, timeout=1.0)
    try:
        con.execute("BEGIN IMMEDIATE")
        con.execute("ROLLBACK")
    except sqlite3.OperationalError as exc:
        if "locked" in str(exc) or "busy" in str(exc):
            raise RegistryError("db_locked", path=str(path)) from exc
        raise RegistryError("db_damaged", path=str(path), detail=str(exc),
                            backups=str(paths.backups_dir())) from exc
    except sqlite3.DatabaseError as exc:
        raise RegistryError("db_damaged", path=str(path), detail=str(exc),
                            backups=str(paths.backups_dir())) from exc
    finally:
        con.close()


def backup_sqlite(path: Path, reason: str, out: Path | None = None) -> Path:
    """Copy a SQLite registry consistently (WAL included) to `out` or the backups folder."""
    if out is None:
        stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S-%f")
        out = paths.backups_dir() / f"{path.stem}-{stamp}-{reason}.sqlite3"
    out.parent.mkdir(parents=True, exist_ok=True)
    src = sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000)
    try:
        dst = sqlite3.connect(out)
        with dst:
            src.backup(dst)
        dst.close()
    finally:
        src.close()
    _prune_backups(out.parent, path.stem)
    return out


def _prune_backups(folder: Path, stem: str) -> None:
    found = sorted(folder.glob(f"{stem}-*.sqlite3"), key=lambda p: p.stat().st_mtime)
    for old in found[:-KEEP_BACKUPS]:
        with contextlib.suppress(OSError):
            old.unlink()


def _alembic_config(connection):
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.attributes["connection"] = connection
    return cfg


def _revision_graph() -> dict[str, str | None]:
    """revision → down_revision of every script in migrations/versions, read without Alembic.

    Opening a registry only needs to know the head and whether a stored revision is ours;
    importing Alembic and loading its script directory for that cost 0.15 s on every command
    (a test checks this agrees with Alembic's ScriptDirectory). Alembic runs when migrating.
    """
    graph: dict[str, str | None] = {}
    for script in sorted((MIGRATIONS / "versions").glob("*.py")):
        found = dict(_REVISION_LINE.findall(script.read_text(encoding="utf-8")))
        if "revision" in found:
            down = found.get("down_revision")
            graph[_unquote(found["revision"])] = None if down in (None, "None") else \
                _unquote(down)
    return graph


_REVISION_LINE = re.compile(r"^(revision|down_revision)\s*(?::[^=]*)?=\s*(\S+)\s*$", re.M)


def _unquote(value: str) -> str:
    return value.strip("'\"")


def head_revision() -> str:
    graph = _revision_graph()
    parents = {down for down in graph.values() if down is not None}
    heads = [rev for rev in graph if rev not in parents]
    if len(heads) != 1:
        raise RuntimeError(f"migrations: expected one head, found {heads}")
    return heads[0]


def known_revisions() -> set[str]:
    return set(_revision_graph())


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        if not inspect(conn).has_table("alembic_version"):
            return None
        return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()


def open_registry(target: str | os.PathLike[str] | None = None, *, migrate: bool = True,
                  seed: bool = True) -> Registry:
    """Open (creating, backing up and migrating as needed) the registry at `target`."""
    url = to_url(target if target is not None else paths.default_db())
    path = None
    if url.startswith("sqlite"):
        database = make_url(url).database
        if database and database != ":memory:":
            path = Path(database)
            _check_sqlite_file(path)
    engine = make_engine(url)
    try:
        revision = current_revision(engine)
    except OperationalError as exc:
        engine.dispose()
        raise _connect_error(url, exc) from exc
    except DatabaseError as exc:
        engine.dispose()
        raise RegistryError("db_damaged", path=_safe(url), detail=_first_line(exc),
                            backups=str(paths.backups_dir())) from exc
    if revision is not None and revision not in known_revisions():
        engine.dispose()
        raise RegistryError("db_newer", path=_safe(url), revision=revision)
    db_user = _server_user(engine)
    # audit() reads the login from session.info, so every session of this registry records it
    registry = Registry(engine, sessionmaker(engine, expire_on_commit=False,
                                             info={"db_user": db_user}),
                        url, path, db_user=db_user)
    head = head_revision()
    if migrate and revision != head:
        if path is not None and path.exists() and path.stat().st_size > 0:
            try:
                registry.backup = backup_sqlite(path, "before-migration")
            except (OSError, sqlite3.Error) as exc:
                engine.dispose()
                raise RegistryError("db_backup_failed", detail=str(exc)) from exc
        _upgrade(engine)
        registry.migrated_from = revision or "empty"
        if path is not None and engine.dialect.name == "sqlite" and not _on_network_share(path):
            # WAL needs shared memory between the programs, which a network share cannot give:
            # there the file keeps the rollback journal (and the window warns)
            with engine.connect() as conn:
                conn.exec_driver_sql("PRAGMA journal_mode=WAL")
    if migrate and seed:
        seed_registry(registry)
    return registry


def _upgrade(engine: Engine) -> None:
    from alembic import command

    with engine.begin() as conn:
        if engine.dialect.name == "postgresql":
            # one migration per server, however many programs start together
            conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({ADVISORY_LOCK_KEY})")
        command.upgrade(_alembic_config(conn), "head")


def _server_user(engine: Engine) -> str | None:
    """The database login; None for SQLite, which has none. PostgreSQL's session_user, not
    current_user: officers who log in as themselves and work as a shared owner role
    (ALTER ROLE … SET role) are still told apart in the audit log."""
    if engine.dialect.name == "sqlite":
        return None
    try:
        with engine.connect() as conn:
            return conn.execute(text("SELECT session_user")).scalar()
    except DatabaseError:
        return None


def _connect_error(url: str, exc: OperationalError) -> RegistryError:
    """Turn a failed first connection into the code the user can act on.

    libpq reports these before any SQLSTATE exists, partly in the server's language, so
    psycopg's connection flags (needs_password / used_password) decide where they can; the
    server's own line always goes along as `detail`.
    """
    detail = _first_line(exc)
    if url.startswith("sqlite"):
        return RegistryError("db_unreachable", path=_safe(url), detail=detail)
    parsed = make_url(url)
    pgconn = getattr(getattr(exc, "orig", None), "pgconn", None)
    params = {"path": _safe(url), "detail": detail, "user": parsed.username or current_user(),
              "host": parsed.host or "localhost", "database": parsed.database or ""}
    if pgconn is not None and getattr(pgconn, "needs_password", False):
        return RegistryError("db_password_needed", **params)
    if parsed.database and f'database "{parsed.database}" does not exist' in detail:
        return RegistryError("db_no_database", **params)
    if "authentication failed" in detail or (
            pgconn is not None and getattr(pgconn, "used_password", False)):
        return RegistryError("db_auth_failed", **params)
    return RegistryError("db_unreachable", **params)


def _on_network_share(path: Path) -> bool:
    from goosetier.store.sharing import network_share_kind

    try:
        return network_share_kind(path) is not None
    except OSError:
        return False


def _safe(url: str) -> str:
    try:
        return make_url(url).render_as_string(hide_password=True)
    except Exception:
        return url


def _first_line(exc: BaseException) -> str:
    return str(getattr(exc, "orig", exc)).splitlines()[0]


def seed_registry(registry: Registry) -> None:
    """Put the shipped catalog and plans into a registry that lacks them (never overwrite)."""
    catalog = load_catalog()
    with registry.session() as s, s.begin():
        if s.get_bind().dialect.name == "postgresql":
            # two programs opening a fresh server database at once must not both seed it
            s.execute(text(f"SELECT pg_advisory_xact_lock({ADVISORY_LOCK_KEY})"))
        have = set(s.scalars(select(m.Program.id)))
        for p in catalog.programs.values():
            if p.id not in have:
                s.add(m.Program(id=p.id, name_zh=p.zh, name_en=p.en, formation=p.formation,
                                tier=p.tier, level=p.level, counting=p.counting,
                                validity_years=p.validity, threshold_yi=p.threshold_yi,
                                synonyms=list(p.synonyms), sort_order=p.sort_order))
        if s.scalar(select(m.PlanPeriod.id).limit(1)) is None:
            for plan in load_default_plans():
                row = m.PlanPeriod(name=plan.name, name_en=plan.name_en,
                                   aliases=list(plan.aliases), baseline_year=plan.baseline_year,
                                   target_year=plan.target_year, note=plan.note)
                for order, t in enumerate(plan.targets):
                    row.targets.append(m.Target(
                        metric_id=t.metric_id, baseline=t.baseline, target=t.target,
                        kind=t.kind, note=t.note or None,
                        milestones={str(k): v for k, v in t.milestones.items()},
                        sort_order=order))
                s.add(row)
