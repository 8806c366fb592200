"""SQLite shared by several programs: network-share warnings, busy retries, the audit log and
its CLI, change polling, passwords kept out of settings, and the message table."""

from __future__ import annotations

import json
import sqlite3
import threading
import time

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import OperationalError

from goosetier.cli import main
from goosetier.core.messages import MESSAGES, message
from goosetier.store import auditlog as al
from goosetier.store import conflicts as c
from goosetier.store import models as m
from goosetier.store import sharing
from goosetier.store import writes as w
from goosetier.store.database import RegistryError, current_user, open_registry

MOUNTS = """\
/dev/sda1 / ext4 rw,relatime 0 0
proc /proc proc rw 0 0
fileserver:/export/office /srv/office nfs4 rw,relatime 0 0
//nas/台账 /mnt/nas\\040share cifs rw,vers=3.0 0 0
/dev/sdb1 /srv/office/local ext4 rw 0 0
sshfs#me@host: /home/me/remote fuse.sshfs rw 0 0
"""


@pytest.mark.parametrize(("path", "kind"), [
    ("/srv/office/registry.sqlite3", "nfs4"),
    ("/mnt/nas share/goosetier/registry.sqlite3", "cifs"),
    ("/srv/office/local/registry.sqlite3", None),  # a local disk mounted inside the share
    ("/srv/officer/registry.sqlite3", None),  # a prefix of the name is not the mount
    ("/home/me/remote/r.sqlite3", "fuse.sshfs"),
    ("/home/me/r.sqlite3", None),
])
def test_linux_network_mounts(path, kind):
    assert sharing.network_share_kind(path, platform="linux", mounts_text=MOUNTS) == kind


@pytest.mark.parametrize("path", [r"\\server\share\registry.sqlite3", "//server/share/r.sqlite3",
                                  r"\\?\UNC\server\share\r.sqlite3"])
def test_unc_paths(path):
    assert sharing.network_share_kind(path, platform="win32") == "unc"


def test_local_windows_paths_are_fine(monkeypatch):
    monkeypatch.setattr(sharing, "_windows_drive_remote", lambda p: p.startswith("Z:"))
    assert sharing.network_share_kind(r"C:\Users\me\registry.sqlite3", platform="win32") is None
    assert sharing.network_share_kind(r"Z:\台账\registry.sqlite3",
                                      platform="win32") == "mapped_drive"


def test_registry_on_a_share_is_warned_and_kept_off_wal(tmp_path, monkeypatch):
    monkeypatch.setattr(sharing, "network_share_kind", lambda path, **kw: "cifs")
    reg = open_registry(tmp_path / "registry.sqlite3")
    try:
        assert sharing.registry_warnings(reg) == ["db_on_network_share"]
        params = sharing.warning_params(reg)
        text = message("db_on_network_share", params)
        assert "网络共享" in text and "PostgreSQL" in text and "cifs" in text
        with reg.engine.connect() as conn:  # WAL cannot work over a network share
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "delete"
    finally:
        reg.close()


def test_local_registry_has_no_warnings(registry):
    assert sharing.registry_warnings(registry) == []


def _locked() -> OperationalError:
    return OperationalError("UPDATE …", {}, sqlite3.OperationalError("database is locked"))


def test_retry_calls_back_then_succeeds():
    calls, seen, naps = [], [], []

    def work():
        calls.append(1)
        if len(calls) < 3:
            raise _locked()
        return "saved"

    assert sharing.with_retry(work, on_busy=lambda n, e: seen.append(n),
                              sleep=naps.append) == "saved"
    assert seen == [1, 2] and naps == [0.1, 0.2]
    assert message("db_busy_retrying", {"attempt": 1}) == "台账正忙，正在重试…（第 1 次）"
    assert message("db_busy_retrying", {"attempt": 2}, "en").startswith("The registry is busy")


def test_retry_gives_up_with_a_clear_error_and_ignores_other_errors():
    def always():
        raise _locked()

    with pytest.raises(RegistryError) as err:
        sharing.with_retry(always, attempts=3, sleep=lambda s: None)
    assert err.value.code == "db_busy" and "3" in str(err.value)

    def broken():
        raise OperationalError("SELECT", {}, sqlite3.OperationalError("no such table: x"))

    naps = []
    with pytest.raises(OperationalError):
        sharing.with_retry(broken, sleep=naps.append)
    assert naps == []


def test_two_programs_on_one_file_take_turns(tmp_path):
    """A real lock held by another program: the write waits, retries, and lands intact."""
    path = tmp_path / "registry.sqlite3"
    open_registry(path).close()
    holder = sqlite3.connect(path, check_same_thread=False)
    holder.execute("BEGIN IMMEDIATE")
    holder.execute("INSERT INTO setting(key, value) VALUES ('district_name', '黄岛区')")
    released = threading.Timer(0.4, holder.commit)
    released.start()
    retries = []

    def write():
        con = sqlite3.connect(path, timeout=0.05)  # a short busy timeout: retry visibly
        try:
            with con:
                con.execute("INSERT INTO setting(key, value) VALUES ('note', '第二个程序')")
        except sqlite3.OperationalError as exc:
            raise OperationalError("INSERT", {}, exc) from exc
        finally:
            con.close()

    sharing.with_retry(write, attempts=10, delay=0.05,
                       on_busy=lambda n, e: retries.append(message("db_busy_retrying",
                                                                   {"attempt": n})))
    released.join()
    holder.close()
    assert retries and retries[0] == "台账正忙，正在重试…（第 1 次）"
    con = sqlite3.connect(path)
    assert con.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    assert dict(con.execute("SELECT key, value FROM setting")) == {"district_name": "黄岛区",
                                                                 "note": "第二个程序"}
    con.close()


def test_opening_waits_for_another_programs_write(tmp_path):
    path = tmp_path / "registry.sqlite3"
    open_registry(path).close()
    holder = sqlite3.connect(path, check_same_thread=False)
    holder.execute("BEGIN EXCLUSIVE")  # another copy of the program in the middle of an import
    threading.Timer(1.5, holder.rollback).start()
    seen = []
    reg = sharing.with_retry(lambda: open_registry(path), delay=0.2,
                             on_busy=lambda n, e: seen.append(e.code))
    reg.close()
    holder.close()
    assert seen and set(seen) == {"db_locked"}


def test_passwords_stay_out_of_settings(monkeypatch, tmp_path):
    url = "postgresql+psycopg://officer:s3cret@db.office.lan:5432/goosetier"
    assert sharing.url_has_password(url)
    kept = sharing.strip_password(url)
    assert kept == "postgresql+psycopg://officer@db.office.lan:5432/goosetier"
    assert not sharing.url_has_password(kept)
    assert sharing.with_password(kept, "s3cret") == url
    assert sharing.with_password(kept, None) == kept
    assert sharing.strip_password("/home/me/registry.sqlite3") == "/home/me/registry.sqlite3"
    monkeypatch.setenv("PGPASSFILE", str(tmp_path / "pgpass"))
    assert sharing.pgpass_path() == tmp_path / "pgpass"
    monkeypatch.delenv("PGPASSFILE")
    assert sharing.pgpass_path().name in {".pgpass", "pgpass.conf"}


def test_every_share_code_has_both_languages():
    from goosetier.core import messages_share

    for code, (zh, en) in messages_share.MESSAGES.items():
        assert code in MESSAGES and zh and en
    for code in ("db_driver_missing", "db_password_needed", "db_auth_failed", "db_no_database",
                 "db_on_network_share", "db_password_in_url", "db_busy_retrying", "db_busy",
                 "edit_conflict", "edit_conflict_deleted", "migrate_target_not_empty",
                 "migrate_count_mismatch", "migrate_bad_rows", "migrate_done"):
        assert code in MESSAGES, code


# --- the audit log -----------------------------------------------------------------------------


def _some_history(reg):
    with reg.session() as s:
        a = w.add_enterprise(s, "青岛海容商用冷链股份有限公司")
        w.add_designation(s, a, "little_giant", 2023)
        s.commit()
        c.save_with_version(s, a, a.version, {"contact_phone": "0532-88888888"})
        w.audit(s, "enterprise.edit", "enterprise", a.id, {"after": {"notes": "x"}},
                db_user="other_clerk")
        s.get(m.AuditEvent, s.scalar(select(func.max(m.AuditEvent.id)))).os_user = "lisi"
        s.commit()
        return a.id


def test_audit_filters(any_registry):
    eid = _some_history(any_registry)
    with any_registry.session() as s:
        everything = al.list_audit(s)
        assert [r.action for r in everything] == ["enterprise.edit", "enterprise.edit",
                                                  "designation.add", "enterprise.add"]
        assert al.count_audit(s) == 4
        assert [r.os_user for r in al.list_audit(s, al.AuditFilter(user="LISI"))] == ["lisi"]
        assert len(al.list_audit(s, al.AuditFilter(user="other_clerk"))) == 1
        assert len(al.list_audit(s, al.AuditFilter(action="enterprise"))) == 3
        assert len(al.list_audit(s, al.AuditFilter(action="enterprise.edit"))) == 2
        assert len(al.list_audit(s, al.AuditFilter(table="enterprise", row_id=eid))) == 3
        newest = everything[0].at
        assert al.list_audit(s, al.AuditFilter(since=newest.replace(year=2100))) == []
        assert len(al.list_audit(s, al.AuditFilter(until=newest.replace(year=2000)))) == 0
        assert current_user() in al.audit_users(s) and "lisi" in al.audit_users(s)
        assert "designation.add" in al.audit_actions(s)
        assert all(r.as_json()["at"].endswith("Z") for r in everything)


def test_change_polling(any_registry):
    with any_registry.session() as s:
        marker = al.change_marker(s)
        assert not al.changes_since(s, marker)
    eid = _some_history(any_registry)
    with any_registry.session() as s:
        changes = al.changes_since(s, marker)
        assert changes.events == 4 and changes.counts and not changes.plans
        assert changes.enterprise_ids == {eid}
        assert changes.by_others == 1 and "lisi" in changes.users
        assert not changes.everything
        assert not al.changes_since(s, changes.marker)
        target = s.scalars(select(m.Target)).first()
        c.save_with_version(s, target, target.version, {"note": "调整"})
        later = al.changes_since(s, changes.marker)
        assert later.plans and later.events == 1


def test_audit_command(tmp_path, capsys):
    db = tmp_path / "r.sqlite3"
    reg = open_registry(db)
    _some_history(reg)
    reg.close()
    assert main(["--db", str(db), "audit", "--json", "--action", "enterprise"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [r["action"] for r in rows] == ["enterprise.edit", "enterprise.edit", "enterprise.add"]
    assert {r["os_user"] for r in rows} == {current_user(), "lisi"}
    assert main(["--db", str(db), "audit", "--user", "lisi"]) == 0
    out = capsys.readouterr().out
    assert "lisi/other_clerk" in out and "enterprise.edit" in out
    assert main(["--db", str(db), "audit", "--since", "yesterday"]) == 2
    assert "日期“yesterday”无法识别" in capsys.readouterr().err


def test_audit_dates_are_local_days(registry):
    from goosetier.commands import sharing as cmd

    _some_history(registry)
    today = time.strftime("%Y-%m-%d")
    with registry.session() as s:
        flt = al.AuditFilter(since=cmd._parse_when(today), until=cmd._parse_when(today, True))
        assert len(al.list_audit(s, flt)) == 4
        flt = al.AuditFilter(since=cmd._parse_when("2999-01-01"))
        assert al.list_audit(s, flt) == []
    with pytest.raises(cmd.ShareCommandError):
        cmd._parse_when("yesterday")
