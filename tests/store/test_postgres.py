"""The registry on a real PostgreSQL server: the migration, counts equal to the pure reference,
logins and their errors, migrations once per server, audit users, migrate-to, the CLI."""

from __future__ import annotations

import json
import random
import threading

import pytest
from sqlalchemy import func, insert, inspect, select, text

from goosetier.cli import main
from goosetier.core.catalog import load_catalog
from goosetier.core.counting import count_metrics
from goosetier.store import models as m
from goosetier.store import queries as q
from goosetier.store import writes as w
from goosetier.store.database import (
    RegistryError,
    current_revision,
    current_user,
    head_revision,
    open_registry,
    to_url,
)
from goosetier.store.migrate_to import migrate_to, tables
from goosetier.store.sharing import registry_warnings
from tests.store.test_counting_sql import build, random_facts

pg = pytest.mark.postgres  # the cases that need the server
CAT = load_catalog()


# --- the schema --------------------------------------------------------------------------------


@pg
def test_migration_0001_on_an_empty_server_database(pg_empty_url):
    reg = open_registry(pg_empty_url)
    try:
        assert reg.migrated_from == "empty" and reg.backup is None and reg.path is None
        assert current_revision(reg.engine) == head_revision()
        with reg.engine.connect() as conn:
            insp = inspect(conn)
            assert set(insp.get_table_names()) == {t.name for t in tables()} | {"alembic_version"}
            # the naming convention holds on the server too
            assert insp.get_pk_constraint("enterprise")["name"] == "pk_enterprise"
            assert {u["name"] for u in insp.get_unique_constraints("enterprise")} == {
                "uq_enterprise_credit_code"}
            assert "ix_designation_count" in {i["name"] for i in insp.get_indexes("designation")}
            cols = {c["name"]: c for c in insp.get_columns("enterprise")}
            assert str(cols["listed"]["type"]) == "BOOLEAN"
            # server defaults work for rows written without the ORM (Core imports)
            conn.execute(insert(m.Enterprise.__table__).values(
                name="核心写入有限公司", name_norm="核心写入有限公司", created_at=m.utcnow(),
                updated_at=m.utcnow()))
            row = conn.execute(text("SELECT listed, is_sample, version FROM enterprise")).one()
            assert tuple(row) == (False, False, 1)
            conn.execute(text("INSERT INTO audit_event (action) VALUES ('raw')"))
            assert conn.execute(text("SELECT at FROM audit_event")).scalar() is not None
            conn.rollback()
        with reg.session() as s:
            assert s.scalar(select(func.count()).select_from(m.Program)) == 16
            target = s.scalars(select(m.Target).where(m.Target.metric_id == "high_tech")).one()
            target.milestones = {"2023": 900, "note": ["JSON", "列表"]}
            s.commit()
            s.expire_all()
            assert s.get(m.Target, target.id).milestones == {"2023": 900,
                                                             "note": ["JSON", "列表"]}
    finally:
        reg.close()


@pg
def test_two_programs_starting_together_migrate_once(pg_empty_url):
    """Four programs open a brand-new server database at the same moment."""
    barrier, errors, opened = threading.Barrier(4), [], []

    def start():
        barrier.wait()
        try:
            reg = open_registry(pg_empty_url)
            opened.append(reg.migrated_from)
            reg.close()
        except Exception as exc:  # noqa: BLE001 - collected for the assertion
            errors.append(exc)

    threads = [threading.Thread(target=start) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert errors == [] and len(opened) == 4
    reg = open_registry(pg_empty_url)
    with reg.session() as s:  # migrated and seeded exactly once
        assert s.scalar(select(func.count()).select_from(m.Program)) == 16
        assert s.scalar(select(func.count()).select_from(m.PlanPeriod)) == 1
        assert s.scalar(select(func.count()).select_from(m.Target)) == 16
    reg.close()


# --- counting on the server --------------------------------------------------------------------


def test_counts_agree_with_the_reference_on_both_backends(any_registry):
    facts = random_facts(random.Random(6), 60)
    with any_registry.session() as s:
        build(s, facts)
        for year in (2021, 2024, 2025):
            assert q.count_metrics(s, year) == count_metrics(facts, CAT, year), year
        assert q.due_for_review(s, 2025) is not None
        assert q.find_plan(s, "14th").name == "十四五"


@pytest.mark.parametrize("check", ["test_hand_built_registry", "test_review_and_expiry_lists"])
def test_the_sqlite_counting_checks_hold_on_both_backends(any_registry, check):
    """tests/store/test_counting_sql.py's hand-built checks, run on each backend's session."""
    from tests.store import test_counting_sql

    with any_registry.session() as s:
        getattr(test_counting_sql, check)(s)


# --- logging in --------------------------------------------------------------------------------


@pg
def test_login_errors_have_codes(pg_server, pg_url, tmp_path, monkeypatch):
    monkeypatch.setenv("PGPASSFILE", str(tmp_path / "no-such-pgpass"))
    name = pg_url.rsplit("/", 1)[1]
    cases = {
        "db_auth_failed": pg_url.replace(f":{pg_server.password}@", ":wrong@"),
        "db_password_needed": pg_server.url(name, password=False),
        "db_no_database": pg_server.url("no_such_registry"),
    }
    for code, url in cases.items():
        with pytest.raises(RegistryError) as err:
            open_registry(url)
        assert err.value.code == code, (code, err.value.params)
        assert pg_server.password not in str(err.value)
    assert "pip install" not in str(err.value)
    with pytest.raises(RegistryError) as err:
        open_registry(f"postgresql+psycopg://nobody:x@127.0.0.1:{_closed_port()}/x")
    assert err.value.code == "db_unreachable" and "x@" not in err.value.params["path"]


def _closed_port() -> int:
    from tests.pg_server import free_port

    return free_port()


@pg
def test_password_file_instead_of_a_password_in_the_url(pg_server, pg_url, tmp_path,
                                                         monkeypatch):
    """What the README documents: settings keep the URL without the password; libpq reads it
    from the password file."""
    pgpass = tmp_path / "pgpass"
    pgpass.write_text(f"127.0.0.1:{pg_server.port}:*:{pg_server.user}:{pg_server.password}\n")
    pgpass.chmod(0o600)
    monkeypatch.setenv("PGPASSFILE", str(pgpass))
    bare = pg_url.replace(f":{pg_server.password}@", "@")
    reg = open_registry(bare)
    try:
        assert reg.db_user == pg_server.user
        assert registry_warnings(reg) == []
    finally:
        reg.close()
    reg = open_registry(pg_url)
    assert registry_warnings(reg) == ["db_password_in_url"]
    reg.close()
    # or a connection service file: the URL names only the service
    service = tmp_path / "pg_service.conf"
    service.write_text(f"[goosetier]\nhost=127.0.0.1\nport={pg_server.port}\n"
                       f"dbname={pg_url.rsplit('/', 1)[1]}\nuser={pg_server.user}\n")
    monkeypatch.setenv("PGSERVICEFILE", str(service))
    reg = open_registry("postgresql+psycopg:///?service=goosetier")
    try:
        with reg.session() as s:
            assert s.scalar(select(func.count()).select_from(m.Program)) == 16
    finally:
        reg.close()


def test_a_missing_driver_is_named():
    with pytest.raises(RegistryError) as err:
        open_registry("postgresql+pg8000://officer:secret@127.0.0.1/goosetier")
    assert err.value.code == "db_driver_missing" and "secret" not in str(err.value)
    assert "pip install 'goosetier[postgres]'" in str(err.value)


def test_plain_postgresql_urls_use_psycopg():
    assert to_url("postgresql://u@h/db") == "postgresql+psycopg://u@h/db"
    assert to_url("postgres://u@h/db") == "postgresql+psycopg://u@h/db"
    assert to_url("postgresql+psycopg://u@h/db") == "postgresql+psycopg://u@h/db"


@pg
def test_officers_log_in_as_themselves_and_share_one_owner(pg_server, pg_empty_url):
    """The README's set-up: a NOLOGIN owner role owns the database; each officer logs in with
    their own login, works as the owner, and the audit log names the login."""
    name = pg_empty_url.rsplit("/", 1)[1]
    pg_server.execute(f"CREATE ROLE office_{name} NOLOGIN")
    pg_server.execute(f'ALTER DATABASE "{name}" OWNER TO office_{name}')
    for clerk in ("wang", "li"):
        pg_server.execute(f"CREATE ROLE {clerk}_{name} LOGIN PASSWORD 'pw-{clerk}' "
                          f"IN ROLE office_{name}")
        pg_server.execute(f"ALTER ROLE {clerk}_{name} SET role = 'office_{name}'")

    def url(clerk: str) -> str:
        return pg_server.url(name, user=f"{clerk}_{name}").replace(
            f":{pg_server.password}@", f":pw-{clerk}@")

    wang = open_registry(url("wang"))  # the first program migrates: tables owned by the role
    li = open_registry(url("li"))
    try:
        assert (wang.db_user, li.db_user) == (f"wang_{name}", f"li_{name}")
        with wang.session() as s:
            ent = w.add_enterprise(s, "青岛审计测试有限公司")
            s.commit()
            eid = ent.id
        with li.session() as s:
            from goosetier.store.conflicts import save_with_version

            save_with_version(s, (m.Enterprise, eid), 1, {"notes": "李核对"})
            events = s.scalars(select(m.AuditEvent).order_by(m.AuditEvent.id)).all()
            assert [(e.os_user, e.db_user, e.action) for e in events] == [
                (current_user(), f"wang_{name}", "enterprise.add"),
                (current_user(), f"li_{name}", "enterprise.edit")]
            owner = s.execute(text("SELECT tableowner FROM pg_tables "
                                   "WHERE tablename = 'enterprise'")).scalar()
            assert owner == f"office_{name}"
    finally:
        wang.close()
        li.close()


# --- moving an office's SQLite registry onto the server ----------------------------------------


def _sqlite_registry(tmp_path, n=40):
    path = tmp_path / "office.sqlite3"
    reg = open_registry(path)
    facts = random_facts(random.Random(11), n)
    with reg.session() as s:
        build(s, facts)
        ent = s.scalars(select(m.Enterprise)).first()
        s.add(m.NameHistory(enterprise_id=ent.id, name="旧名称有限公司", name_norm="旧名称有限公司"))
        batch = m.ImportBatch(file_name="2023小巨人.xlsx", sha256="0" * 64, counts={"inserted": 1},
                              user="zhang")
        s.add(batch)
        s.flush()
        s.add(m.ImportChange(batch_id=batch.id, table_name="enterprise", row_id=ent.id,
                             action="update", before={"notes": None}, version_after=2))
        s.add(m.Setting(key="district_name", value="黄岛区"))
        s.add(m.ColumnMapping(signature="a" * 64, mapping={"0": "name"}))
        target = s.scalars(select(m.Target).where(m.Target.metric_id == "little_giant")).one()
        target.target = 40.0
        s.commit()
    return reg, facts


@pg
def test_migrate_sqlite_into_postgresql_verified_table_by_table(tmp_path, pg_empty_url):
    src, facts = _sqlite_registry(tmp_path)
    with src.session() as s:
        source_counts = {t.name: s.scalar(select(func.count()).select_from(t)) for t in tables()}
    seen = []
    report = migrate_to(src, pg_empty_url, progress=lambda done, total: seen.append(done))
    src.close()
    assert report.ok and [t.table for t in report.tables] == [t.name for t in tables()]
    assert {t.table: t.target for t in report.tables} == source_counts
    assert seen and seen[-1] == report.rows
    dst = open_registry(pg_empty_url)
    try:
        with dst.session() as s:
            for year in (2021, 2025):
                assert q.count_metrics(s, year) == count_metrics(facts, CAT, year)
            assert q.district_name(s) == "黄岛区"
            target = s.scalars(select(m.Target).where(m.Target.metric_id == "little_giant")).one()
            assert target.target == 40.0  # the office's targets, not the shipped ones
            assert s.scalar(select(func.count()).select_from(m.PlanPeriod)) == 1
            last = s.scalars(select(m.AuditEvent).order_by(m.AuditEvent.id.desc())).first()
            assert last.action == "registry.migrate_to" and last.detail["rows"] == report.rows
            # the id sequences continue after the copied rows
            new = w.add_enterprise(s, "迁移后新增有限公司")
            s.commit()
            assert new.id == source_counts["enterprise"] + 1
    finally:
        dst.close()
    # a second run finds the target in use and copies nothing
    with pytest.raises(RegistryError) as err:
        migrate_to(tmp_path / "office.sqlite3", pg_empty_url)
    assert err.value.code == "migrate_target_not_empty"


@pg
def test_migrate_refuses_values_the_server_would_reject(tmp_path, pg_empty_url):
    src, _ = _sqlite_registry(tmp_path, n=3)
    with src.session() as s:
        s.scalars(select(m.Enterprise)).first().contact_phone = "0" * 61  # String(60)
        s.commit()
    with pytest.raises(RegistryError) as err:
        migrate_to(src, pg_empty_url)
    src.close()
    assert err.value.code == "migrate_bad_rows"
    assert err.value.params["column"] == "contact_phone"
    reg = open_registry(pg_empty_url, seed=False)
    with reg.session() as s:  # nothing was copied
        assert s.scalar(select(func.count()).select_from(m.Enterprise)) == 0
    reg.close()


@pg
def test_cli_on_the_server(tmp_path, pg_empty_url, capsys):
    """The whole command line against PostgreSQL: migrate-to, check, summary, audit, import,
    export, undo."""
    src, facts = _sqlite_registry(tmp_path, n=20)
    src.close()

    def cli(*args: str) -> str:
        assert main([str(a) for a in args]) == 0
        return capsys.readouterr().out

    out = cli("--db", tmp_path / "office.sqlite3", "migrate-to", pg_empty_url)
    assert "逐表核对一致" in out and "enterprise：来源 20 条 → 目标 20 条 ✓" in out
    assert pg_empty_url.split("@")[0].split(":")[-1] not in out  # no password shown
    assert json.loads(cli("--db", pg_empty_url, "check", "--json"))["counts"]["enterprise"] == 20
    summary = json.loads(cli("--db", pg_empty_url, "summary", "--json", "--year", "2024"))
    expected = count_metrics(facts, CAT, 2024)
    assert all(x["count"] == expected[x["id"]] for x in summary["metrics"])
    audit = json.loads(cli("--db", pg_empty_url, "audit", "--action", "registry", "--json"))
    assert [r["action"] for r in audit] == ["registry.migrate_to"]
    # import, export and undo on the server too
    from tests.store.test_concurrency import write_roster

    roster = write_roster(tmp_path / "2024高企.xlsx", [("青岛服务器导入有限公司", "0532-1")],
                          "高新技术企业", 2024)
    imported = json.loads(cli("--db", pg_empty_url, "import", roster, "--json"))
    assert imported["inserted"] == 1 and imported["batch_id"]
    cli("--db", pg_empty_url, "export", "roster", tmp_path / "高企.xlsx", "--program",
        "high_tech", "--year", "2024")
    cli("--db", pg_empty_url, "export", "summary", tmp_path / "汇总.xlsx", "--year", "2024")
    assert (tmp_path / "高企.xlsx").stat().st_size > 0 and (tmp_path / "汇总.xlsx").exists()
    cli("--db", pg_empty_url, "undo-import", str(imported["batch_id"]), "--json")
    assert json.loads(cli("--db", pg_empty_url, "check", "--json"))["counts"]["enterprise"] == 20
    actions = [r["action"] for r in json.loads(cli("--db", pg_empty_url, "audit", "--json"))]
    assert actions[:2] == ["import.undo", "import.apply"]
