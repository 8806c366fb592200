"""Opening the registry: migrations, backups, and refusing bad files without touching them."""

from __future__ import annotations

import hashlib
import sqlite3

import pytest
from sqlalchemy import func, select

from goosetier.store import models as m
from goosetier.store.database import RegistryError, head_revision, open_registry


def digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_new_file_is_migrated_and_seeded(tmp_path):
    reg = open_registry(tmp_path / "r.sqlite3")
    assert reg.migrated_from == "empty" and reg.backup is None  # nothing to back up yet
    with reg.session() as s:
        assert s.scalar(select(func.count()).select_from(m.Program)) == 16
        plan = s.scalar(select(m.PlanPeriod).where(m.PlanPeriod.name == "十四五"))
        assert len(plan.targets) == 16
    with reg.engine.connect() as c:
        assert c.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert c.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    reg.close()


def test_second_open_does_nothing(tmp_path, isolated_home):
    path = tmp_path / "r.sqlite3"
    open_registry(path).close()
    reg = open_registry(path)
    assert reg.migrated_from is None and reg.backup is None
    with reg.session() as s:
        assert s.scalar(select(func.count()).select_from(m.PlanPeriod)) == 1  # not seeded twice
    reg.close()
    assert not list((isolated_home / "backups").glob("*")) if (isolated_home / "backups").exists() else True


def test_existing_file_is_backed_up_before_migration(tmp_path):
    path = tmp_path / "old.sqlite3"
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE officer_notes (txt TEXT)")
    con.execute("INSERT INTO officer_notes VALUES ('keep me')")
    con.commit()
    con.close()
    reg = open_registry(path)
    assert reg.backup is not None and reg.backup.exists()
    assert reg.migrated_from == "empty"
    reg.close()
    backup = sqlite3.connect(reg.backup)
    assert backup.execute("SELECT txt FROM officer_notes").fetchall() == [("keep me",)]
    assert not backup.execute(
        "SELECT name FROM sqlite_master WHERE name='alembic_version'").fetchall()
    backup.close()


def test_not_sqlite_is_refused_and_untouched(tmp_path):
    path = tmp_path / "roster.xlsx"
    path.write_bytes(b"PK\x03\x04 this is a workbook, not a registry")
    before = digest(path)
    with pytest.raises(RegistryError) as err:
        open_registry(path)
    assert err.value.code == "db_not_sqlite"
    assert "不是 SQLite" in str(err.value)
    assert digest(path) == before


def test_newer_schema_is_refused_and_untouched(tmp_path):
    path = tmp_path / "r.sqlite3"
    open_registry(path).close()
    con = sqlite3.connect(path)
    con.execute("UPDATE alembic_version SET version_num='9999_from_the_future'")
    con.commit()
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.close()
    before = digest(path)
    with pytest.raises(RegistryError) as err:
        open_registry(path)
    assert err.value.code == "db_newer"
    assert "更新版本" in str(err.value)
    assert digest(path) == before


def test_locked_by_another_writer(tmp_path):
    path = tmp_path / "r.sqlite3"
    open_registry(path).close()
    holder = sqlite3.connect(path)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        with pytest.raises(RegistryError) as err:
            open_registry(path)
        assert err.value.code == "db_locked"
        assert "另一个程序" in str(err.value)
    finally:
        holder.rollback()
        holder.close()


def test_read_only_file_is_refused(tmp_path, monkeypatch):
    path = tmp_path / "r.sqlite3"
    open_registry(path).close()
    before = digest(path)
    # root ignores file modes, so simulate what an officer's account sees on a read-only file
    import goosetier.store.database as db

    monkeypatch.setattr(db.os, "access", lambda p, mode: False)
    with pytest.raises(RegistryError) as err:
        open_registry(path)
    assert err.value.code == "db_read_only"
    assert digest(path) == before


def test_damaged_file(tmp_path):
    path = tmp_path / "r.sqlite3"
    open_registry(path).close()
    data = bytearray(path.read_bytes())
    data[100:4096] = b"\xff" * (4096 - 100)  # scribble over the first page after the header
    path.write_bytes(bytes(data))
    with pytest.raises(RegistryError) as err:
        open_registry(path)
    assert err.value.code in {"db_damaged", "db_newer"}


def test_head_is_known():
    assert head_revision() == "0001"


def test_revisions_read_without_alembic_agree_with_alembic(tmp_path, monkeypatch):
    from alembic.script import ScriptDirectory

    from goosetier.store import database as db

    script = ScriptDirectory.from_config(db._alembic_config(None))
    assert db.head_revision() == script.get_current_head()
    assert db.known_revisions() == {rev.revision for rev in script.walk_revisions()}
    # a second script on top becomes the head; a fork is refused, not guessed
    versions = tmp_path / "migrations" / "versions"
    versions.mkdir(parents=True)
    for src in (db.MIGRATIONS / "versions").glob("*.py"):
        (versions / src.name).write_text(src.read_text(encoding="utf-8"), encoding="utf-8")
    (versions / "0002_next.py").write_text(
        'revision: str = "0002"\ndown_revision: str | None = "0001"\n', encoding="utf-8")
    monkeypatch.setattr(db, "MIGRATIONS", tmp_path / "migrations")
    assert db.head_revision() == "0002" and db.known_revisions() == {"0001", "0002"}
    (versions / "0003_fork.py").write_text('revision = "0003"\ndown_revision = "0001"\n',
                                           encoding="utf-8")
    with pytest.raises(RuntimeError):
        db.head_revision()


def test_opening_a_current_registry_does_not_import_alembic(tmp_path):
    import subprocess
    import sys

    from goosetier.store.database import open_registry

    open_registry(tmp_path / "r.sqlite3").close()
    code = ("import sys; from goosetier.store.database import open_registry; "
            f"open_registry({str(tmp_path / 'r.sqlite3')!r}).close(); "
            "print('alembic' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "False"
