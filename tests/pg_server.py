"""A throwaway PostgreSQL server for the tests (a pytest plugin, registered from conftest.py).

The session-scoped `pg_server` fixture runs `initdb` in a fresh temporary folder, starts the
server with `pg_ctl start -w` listening on 127.0.0.1 only (a free port, its unix socket inside
the same folder), migrates and seeds one template database, and stops the server with
`pg_ctl stop -m fast` at the end of the session (and at interpreter exit, should pytest die).
PostgreSQL refuses to run as root, so under root `initdb` and the server run as the unprivileged
`postgres` account (created by Debian's postgresql package) in a folder that account owns.

Each test gets its own database in a few milliseconds: `CREATE DATABASE … TEMPLATE` the migrated
template (`pg_url`), or an empty one (`pg_empty_url`). Clients log in over TCP with a password
(SCRAM), as an office PC would.

`GOOSETIER_TEST_PG_URL=postgresql+psycopg://user:pw@host/db` uses an existing server instead (a
CI service container); that user needs CREATEDB.

When the server cannot be started (no psycopg, no PostgreSQL binaries, no unprivileged account)
the PostgreSQL cases are skipped with the reason, visible in the `-ra` summary. With `CI=true`
they fail instead: CI must never skip them silently.
"""

from __future__ import annotations

import atexit
import contextlib
import glob
import itertools
import os
import pwd
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import pytest

ENV_EXTERNAL = "GOOSETIER_TEST_PG_URL"
SUPERUSER = "goosetier"
TEMPLATE = "gt_template"
_counter = itertools.count(1)


def _in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in {"1", "true", "yes"}


def find_bindir() -> Path | None:
    """The newest PostgreSQL server binaries: Debian's /usr/lib/postgresql/N/bin, else PATH."""
    found = []
    for cand in glob.glob("/usr/lib/postgresql/*/bin/initdb"):
        try:
            found.append((int(Path(cand).parent.parent.name), Path(cand).parent))
        except ValueError:
            continue
    if found:
        return max(found)[1]
    on_path = shutil.which("initdb")
    if on_path:
        return Path(on_path).parent
    pg_config = shutil.which("pg_config")
    if pg_config:
        out = subprocess.run([pg_config, "--bindir"], capture_output=True, text=True)
        bindir = Path(out.stdout.strip())
        if (bindir / "initdb").exists():
            return bindir
    return None


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class PgServer:
    """A running server the tests may create databases on."""

    host: str
    port: int
    user: str
    password: str
    admin_db: str = "postgres"
    bindir: Path | None = None
    folder: Path | None = None  # data + socket + log; None for an external server
    run_as: pwd.struct_passwd | None = None
    databases: list[str] = field(default_factory=list)

    def url(self, dbname: str, *, password: bool = True, user: str | None = None) -> str:
        """SQLAlchemy URL of `dbname` (without the password when `password` is False)."""
        who = user or self.user
        secret = f":{self.password}" if password else ""
        return f"postgresql+psycopg://{who}{secret}@{self.host}:{self.port}/{dbname}"

    def admin(self):
        import psycopg

        return psycopg.connect(host=self.host, port=self.port, user=self.user,
                               password=self.password, dbname=self.admin_db, autocommit=True,
                               connect_timeout=10)

    def create_database(self, template: str | None = TEMPLATE, name: str | None = None) -> str:
        """Create a database (a copy of `template`, or empty) and return its URL."""
        name = name or f"gt_{os.getpid()}_{next(_counter)}"
        with self.admin() as conn:
            if template:
                conn.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template}" '
                             "STRATEGY FILE_COPY")
            else:
                conn.execute(f'CREATE DATABASE "{name}" TEMPLATE template0')
        self.databases.append(name)
        return self.url(name)

    def execute(self, sql: str) -> None:
        with self.admin() as conn:
            conn.execute(sql)

    # --- life cycle (local server only) ---------------------------------------------------------

    def _run(self, *cmd: str, check: bool = True) -> subprocess.CompletedProcess:
        kwargs: dict = {}
        if self.run_as is not None:
            kwargs = {"user": self.run_as.pw_uid, "group": self.run_as.pw_gid,
                      "extra_groups": []}
        env = {**os.environ, "HOME": str(self.folder), "LC_ALL": "C", "LANG": "C"}
        for var in ("PGDATA", "PGHOST", "PGPORT", "PGUSER", "PGPASSWORD", "PGDATABASE",
                    "PGSERVICE", "PGPASSFILE"):
            env.pop(var, None)
        out = subprocess.run(cmd, capture_output=True, text=True, cwd=self.folder, env=env,
                             timeout=120, **kwargs)
        if check and out.returncode != 0:
            raise RuntimeError(f"{Path(cmd[0]).name} failed ({out.returncode}): "
                               f"{(out.stderr or out.stdout).strip()[-800:]}")
        return out

    def start(self) -> None:
        assert self.folder is not None and self.bindir is not None
        data, log = self.folder / "data", self.folder / "server.log"
        self._watchdog(data)
        pwfile = self.folder / "pw"
        pwfile.write_text(self.password + "\n")
        if self.run_as is not None:
            os.chown(self.folder, self.run_as.pw_uid, self.run_as.pw_gid)
            os.chown(pwfile, self.run_as.pw_uid, self.run_as.pw_gid)
        pwfile.chmod(0o600)
        self._run(str(self.bindir / "initdb"), "-D", str(data), "-U", self.user,
                  f"--pwfile={pwfile}", "--auth-local=trust", "--auth-host=scram-sha-256",
                  "-E", "UTF8", "--no-locale", "--no-sync")
        pwfile.unlink()
        options = (f"-c listen_addresses=127.0.0.1 -p {self.port} "
                   f"-c unix_socket_directories='{self.folder}' -c fsync=off "
                   "-c synchronous_commit=off -c full_page_writes=off -c max_connections=60 "
                   "-c shared_buffers=32MB")
        self._run(str(self.bindir / "pg_ctl"), "-D", str(data), "-l", str(log), "-o", options,
                  "-w", "-t", "60", "start")

    def _watchdog(self, data: Path) -> None:
        """Should pytest be killed (no sessionfinish, no atexit), a detached shell notices and
        shuts the server down and removes its folder, so no stray postgres outlives the run."""
        script = (f"while kill -0 {os.getpid()} 2>/dev/null; do sleep 1; done; "
                  f"if [ -f '{data}/postmaster.pid' ]; then "
                  f"kill -QUIT $(head -n 1 '{data}/postmaster.pid') 2>/dev/null; sleep 3; fi; "
                  f"rm -rf '{self.folder}'")
        subprocess.Popen(["sh", "-c", script], start_new_session=True, cwd="/",
                         stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                         stderr=subprocess.DEVNULL)

    def stop(self) -> None:
        if self.folder is None or self.bindir is None:
            return
        data = self.folder / "data"
        if (data / "postmaster.pid").exists():
            self._run(str(self.bindir / "pg_ctl"), "-D", str(data), "-m", "fast", "-w", "stop",
                      check=False)
        shutil.rmtree(self.folder, ignore_errors=True)
        self.folder = None


def _unprivileged_account() -> pwd.struct_passwd | None:
    """Who runs the server: ourselves, or under root the `postgres` account."""
    if os.geteuid() != 0:
        return None
    for name in ("postgres", "pgsql"):
        with contextlib.suppress(KeyError):
            return pwd.getpwnam(name)
    raise RuntimeError("running as root and no unprivileged 'postgres' account exists "
                       "(PostgreSQL refuses to run as root); install the postgresql package "
                       "or run the tests as an ordinary user")


def _external_server(url: str) -> PgServer:
    from sqlalchemy.engine import make_url

    u = make_url(url)
    return PgServer(host=u.host or "127.0.0.1", port=u.port or 5432, user=u.username or "",
                    password=u.password or "", admin_db=u.database or "postgres")


def _local_server() -> PgServer:
    bindir = find_bindir()
    if bindir is None:
        raise RuntimeError("PostgreSQL server binaries (initdb, pg_ctl) not found; "
                           "install the postgresql package (`make test` does)")
    account = _unprivileged_account()
    # not pytest's tmp_path: it lives under a root-only folder the server account cannot enter
    folder = Path(tempfile.mkdtemp(prefix="goosetier-pg-"))
    last_error: Exception | None = None
    for _attempt in range(3):  # a free port can be taken between probing and binding
        server = PgServer(host="127.0.0.1", port=free_port(), user=SUPERUSER,
                          password=secrets.token_urlsafe(16), bindir=bindir, folder=folder,
                          run_as=account)
        try:
            server.start()
            return server
        except Exception as exc:
            last_error = exc
            with contextlib.suppress(Exception):
                server._run(str(bindir / "pg_ctl"), "-D", str(folder / "data"), "-m",
                            "immediate", "stop", check=False)
            for child in folder.iterdir():
                if child.is_dir():
                    shutil.rmtree(child, ignore_errors=True)
                else:
                    child.unlink(missing_ok=True)
    shutil.rmtree(folder, ignore_errors=True)
    raise RuntimeError(f"PostgreSQL did not start: {last_error}")


def _make_template(server: PgServer) -> None:
    from goosetier.store.database import open_registry

    with server.admin() as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s",
                              (TEMPLATE,)).fetchone()
        if exists:
            conn.execute(f'DROP DATABASE "{TEMPLATE}"')
        conn.execute(f'CREATE DATABASE "{TEMPLATE}" TEMPLATE template0')
    reg = open_registry(server.url(TEMPLATE))
    reg.close()


class _State:
    server: PgServer | None = None
    error: str | None = None
    started = False


def _start_once(tmp_home: Path) -> PgServer:
    if _State.started:
        if _State.server is None:
            _unavailable(_State.error or "PostgreSQL unavailable")
        return _State.server
    _State.started = True
    try:
        import psycopg  # noqa: F401
    except ImportError:
        _State.error = ("psycopg (the PostgreSQL driver) is not installed: "
                        "pip install 'goosetier[postgres]'")
        _unavailable(_State.error)
    try:
        external = os.environ.get(ENV_EXTERNAL)
        server = _external_server(external) if external else _local_server()
        if not external:
            atexit.register(server.stop)
        old_home = os.environ.get("GOOSETIER_HOME")
        os.environ["GOOSETIER_HOME"] = str(tmp_home)
        try:
            _make_template(server)
        finally:
            if old_home is None:
                os.environ.pop("GOOSETIER_HOME", None)
            else:
                os.environ["GOOSETIER_HOME"] = old_home
    except Exception as exc:  # noqa: BLE001 - every reason becomes the skip/fail message
        _State.error = "PostgreSQL test server unavailable: " + " ".join(str(exc).split())
        _unavailable(_State.error)
    _State.server = server
    return server


def _unavailable(reason: str):
    if _in_ci():
        pytest.fail(f"CI=true but {reason}", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="session")
def pg_server(tmp_path_factory):
    """The running throwaway server (skips, or under CI fails, when there can be none)."""
    server = _start_once(tmp_path_factory.mktemp("pg-home"))
    yield server


@pytest.fixture
def pg_url(pg_server) -> str:
    """URL of a fresh, migrated and seeded registry database of its own."""
    return pg_server.create_database()


@pytest.fixture
def pg_empty_url(pg_server) -> str:
    """URL of a fresh empty database (no tables)."""
    return pg_server.create_database(template=None)


def pytest_sessionfinish(session, exitstatus):
    server = _State.server
    if server is not None and server.folder is not None:
        server.stop()


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    if _State.error:
        terminalreporter.write_line(f"PostgreSQL cases: {_State.error}", yellow=True)
    elif _State.server is not None and _State.server.bindir is not None:
        terminalreporter.write_line(
            f"PostgreSQL cases ran on a throwaway server ({_State.server.bindir.parent.name}, "
            f"127.0.0.1:{_State.server.port})")


_sqlite_template: list[Path] = []


def registry_url(backend: str, tmp_path: Path, request) -> str:
    """Where a test's registry lives for `backend` ("sqlite" or "postgresql"): a copy of a
    migrated and seeded template either way (migrating costs more than the test)."""
    if backend != "sqlite":
        return request.getfixturevalue("pg_url")
    if not _sqlite_template:
        from goosetier.store.database import open_registry

        folder = request.getfixturevalue("tmp_path_factory").mktemp("sqlite-template")
        open_registry(folder / "template.sqlite3").close()
        _sqlite_template.append(folder / "template.sqlite3")
    target = tmp_path / "registry.sqlite3"
    shutil.copyfile(_sqlite_template[0], target)
    return str(target)


if __name__ == "__main__":  # pragma: no cover - manual: start a server and print its URL
    srv = _local_server()
    print(srv.url("postgres"), flush=True)
    try:
        sys.stdin.read()
    finally:
        srv.stop()
