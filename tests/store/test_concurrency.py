"""No lost updates, on SQLite and PostgreSQL: version checks, conflicts that say who and what,
and several writer processes editing and importing over the same enterprises at once."""

from __future__ import annotations

import datetime as dt
import multiprocessing as mp
import random
import time
from collections import Counter, defaultdict

import pytest
from sqlalchemy import func, select

from goosetier.store import conflicts as c
from goosetier.store import models as m
from goosetier.store import writes as w
from goosetier.store.database import current_user

# --- one officer against another (in-process: two sessions) ------------------------------------


def _enterprise(reg, name="青岛甲有限公司", **fields) -> tuple[int, int]:
    with reg.session() as s:
        ent = w.add_enterprise(s, name, **fields)
        s.commit()
        return ent.id, ent.version


def test_save_with_version_writes_and_audits(any_registry):
    eid, v = _enterprise(any_registry, registered_capital=100.0)
    with any_registry.session() as s:
        ent = s.get(m.Enterprise, eid)
        saved = c.save_with_version(s, ent, v, {"registered_capital": 150.0,
                                                "name": "青岛甲新名称有限公司"})
        assert saved.version == v + 1
    with any_registry.session() as s:
        ent = s.get(m.Enterprise, eid)
        assert ent.registered_capital == 150.0 and ent.version == v + 1
        assert ent.name_norm == "青岛甲新名称有限公司" and ent.updated_by == current_user()
        assert [n.name for n in ent.names] == ["青岛甲有限公司"]  # the old name is kept
        ev = s.scalars(select(m.AuditEvent).where(m.AuditEvent.action == "enterprise.edit")).one()
        assert ev.row_id == eid and ev.os_user == current_user()
        assert ev.db_user == (None if any_registry.is_sqlite else "goosetier")
        assert ev.detail == {"before": {"registered_capital": 100.0, "name": "青岛甲有限公司"},
                             "after": {"registered_capital": 150.0, "name": "青岛甲新名称有限公司"},
                             "version": v + 1}


def test_saving_over_a_newer_save_is_refused_with_who_and_both_values(any_registry):
    eid, v = _enterprise(any_registry, contact_phone="0532-1")
    with any_registry.session() as mine, any_registry.session() as theirs:
        form = mine.get(m.Enterprise, eid)  # officer A opens the form at version v
        c.save_with_version(theirs, theirs.get(m.Enterprise, eid), v,
                            {"contact_phone": "0532-2"})  # officer B saves first
        with pytest.raises(c.ConflictError) as err:
            c.save_with_version(mine, form, v, {"contact_phone": "0532-3"})
    e = err.value
    assert e.code == "edit_conflict" and e.expected_version == v and e.current_version == v + 1
    assert e.changed_by.os_user == current_user() and e.changed_by.at is not None
    assert e.changed_by.action == "enterprise.edit"
    assert [(f.field, f.mine, f.theirs) for f in e.fields] == [
        ("contact_phone", "0532-3", "0532-2")]
    assert e.their_changes == {"contact_phone": ("0532-1", "0532-2")}
    text = str(e)
    assert "青岛甲有限公司" in text and "0532-3" in text and "0532-2" in text
    assert current_user() in text
    with any_registry.session() as s:  # nothing of A's was written
        assert s.get(m.Enterprise, eid).contact_phone == "0532-2"
        # reload shows the current values; overwrite writes A's knowingly
        assert c.reload(s, e).contact_phone == "0532-2"
        saved = c.overwrite(s, e)
        assert saved.contact_phone == "0532-3" and saved.version == v + 2
        last = s.scalars(select(m.AuditEvent).order_by(m.AuditEvent.id.desc())).first()
        assert last.detail["overwrote"]["version"] == v + 1
        assert last.detail["overwrote"]["values"] == {"contact_phone": "0532-2"}


def test_overwrite_is_still_checked(any_registry):
    eid, v = _enterprise(any_registry)
    with any_registry.session() as a, any_registry.session() as b:
        c.save_with_version(b, (m.Enterprise, eid), v, {"notes": "B"})
        with pytest.raises(c.ConflictError) as first:
            c.save_with_version(a, (m.Enterprise, eid), v, {"notes": "A"})
        c.save_with_version(b, (m.Enterprise, eid), v + 1, {"notes": "C"})  # a third save
        with pytest.raises(c.ConflictError) as second:
            c.overwrite(a, first.value)
    assert second.value.current_version == v + 2 and second.value.theirs == {"notes": "C"}


def test_deleted_record_and_bad_fields(any_registry):
    eid, v = _enterprise(any_registry)
    with any_registry.session() as s:
        with pytest.raises(KeyError):
            c.save_with_version(s, (m.Enterprise, eid), v, {"version": 9})
        with pytest.raises(KeyError):
            c.save_with_version(s, (m.Enterprise, eid), v, {"no_such_field": 1})
        s.delete(s.get(m.Enterprise, eid))
        w.audit(s, "enterprise.delete", "enterprise", eid)
        s.commit()
    with any_registry.session() as s:
        with pytest.raises(c.ConflictError) as err:
            c.save_with_version(s, (m.Enterprise, eid), v, {"notes": "x"})
    assert err.value.code == "edit_conflict_deleted" and err.value.current_version is None
    assert err.value.changed_by.action == "enterprise.delete"


def test_designation_and_target_edits(any_registry):
    with any_registry.session() as s:
        ent = w.add_enterprise(s, "青岛乙有限公司")
        des = w.add_designation(s, ent, "little_giant", 2022)
        s.commit()
        did, dv = des.id, des.version
        assert des.count_until == dt.date(2024, 12, 31)
    with any_registry.session() as s:
        des = c.save_with_version(s, (m.Designation, did), dv, {"year": 2023})
        assert des.count_until == dt.date(2025, 12, 31)  # the counting window follows
        target = s.scalars(select(m.Target).where(m.Target.metric_id == "little_giant")).one()
        tid, tv = target.id, target.version
        c.save_with_version(s, target, tv, {"target": 40.0, "note": "十四五中期调整"})
    with any_registry.session() as s, pytest.raises(c.ConflictError) as err:
        c.save_with_version(s, (m.Target, tid), tv, {"target": 35.0})
    assert err.value.theirs == {"target": 40.0} and err.value.record == "little_giant"


def test_bulk_helpers_report_instead_of_overwriting(any_registry):
    a_id, av = _enterprise(any_registry, "青岛丙有限公司")
    b_id, bv = _enterprise(any_registry, "青岛丁有限公司")
    with any_registry.session() as s:  # someone edits B after the import was planned
        c.save_with_version(s, (m.Enterprise, b_id), bv, {"notes": "手工修改"})
    with any_registry.session() as s:
        found = c.check_versions(s, "enterprise", {a_id: av, b_id: bv, 999999: 1})
        assert [(r.row_id, r.current_version) for r in found] == [(b_id, bv + 1), (999999, None)]
        assert found[0].changed_by.action == "enterprise.edit"
        assert c.guarded_update(s, "enterprise", a_id, av, {"notes": "导入"})
        assert not c.guarded_update(s, "enterprise", b_id, bv, {"notes": "导入"})
        s.commit()
        assert c.row_conflict(s, "enterprise", b_id, bv).current_version == bv + 1
    with any_registry.session() as s:
        assert s.get(m.Enterprise, a_id).version == av + 1
        assert s.get(m.Enterprise, b_id).notes == "手工修改"


# --- imports and undo meet edits ---------------------------------------------------------------


def write_roster(path, rows: list[tuple[str, str]], program: str | None = None,
                 year: int | None = None) -> str:
    """A small roster workbook: (企业名称, 联系电话) rows, optionally a 称号 / 认定年份."""
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["序号", "企业名称", "联系电话", "称号", "认定年份"])
    for i, (name, phone) in enumerate(rows, 1):
        ws.append([i, name, phone, program, year])
    wb.save(path)
    return str(path)


def plan_import(reg, path):
    """An import session with its plan made (the preview), not yet applied."""
    from goosetier.importing.model import ImportOptions
    from goosetier.importing.session import ImportSession

    sess = ImportSession(reg, path, ImportOptions())
    sess.select_sheet()
    sess.plan()
    return sess


def test_import_meets_a_concurrent_edit_and_reports_it(any_registry, tmp_path):
    from goosetier.importing.model import ImportFailure

    eid, v = _enterprise(any_registry, "青岛导入冲突有限公司", contact_phone="0532-0")
    roster = write_roster(tmp_path / "r.xlsx", [("青岛导入冲突有限公司", "0532-import"),
                                                ("青岛新增企业有限公司", "0532-new")],
                          "高新技术企业", 2024)
    sess = plan_import(any_registry, roster)
    assert [r.action for r in sess.plan_.rows] == ["update", "insert"]
    with any_registry.session() as s:  # an officer saves the firm while the preview is open
        c.save_with_version(s, (m.Enterprise, eid), v, {"contact_phone": "0532-officer"})
    with pytest.raises(ImportFailure) as err:
        sess.apply()
    sess.close()
    assert err.value.code == "import_conflict" and err.value.params["count"] == 1
    with any_registry.session() as s:  # the officer's value stands; nothing was imported
        assert s.get(m.Enterprise, eid).contact_phone == "0532-officer"
        assert s.scalar(select(func.count()).select_from(m.Enterprise)) == 1
        assert s.scalar(select(func.count()).select_from(m.ImportBatch)) == 0
        assert s.scalar(select(func.count()).select_from(m.Designation)) == 0
    sess = plan_import(any_registry, roster)  # planned afresh, it goes in
    result = sess.apply()
    sess.close()
    assert (result.inserted, result.updated) == (1, 1)


def test_undo_meets_a_later_edit_and_reports_it(any_registry, tmp_path):
    from goosetier.importing.model import ImportFailure
    from goosetier.importing.undo import undo_import

    eid, _ = _enterprise(any_registry, "青岛撤销冲突有限公司", contact_phone="0532-0")
    sess = plan_import(any_registry, write_roster(tmp_path / "r.xlsx",
                                                  [("青岛撤销冲突有限公司", "0532-import")]))
    batch = sess.apply().batch_id
    sess.close()
    with any_registry.session() as s:
        ent = s.get(m.Enterprise, eid)
        c.save_with_version(s, ent, ent.version, {"contact_phone": "0532-officer"})
    with pytest.raises(ImportFailure) as err:
        undo_import(any_registry, batch)
    assert err.value.code == "undo_conflict"
    with any_registry.session() as s:
        assert s.get(m.Enterprise, eid).contact_phone == "0532-officer"


def test_undo_racing_an_edit_does_not_overwrite_it(any_registry, tmp_path, monkeypatch):
    from goosetier.importing import undo as u
    from goosetier.importing.model import ImportFailure

    eid, _ = _enterprise(any_registry, "青岛撤销竞争有限公司", contact_phone="0532-0")
    sess = plan_import(any_registry, write_roster(tmp_path / "r.xlsx",
                                                  [("青岛撤销竞争有限公司", "0532-import")]))
    batch = sess.apply().batch_id
    sess.close()
    checked = u.find_conflicts

    def check_then_someone_saves(conn, batch_id):
        found = checked(conn, batch_id)
        with any_registry.session() as s:  # another officer saves right after the check
            ent = s.get(m.Enterprise, eid)
            c.save_with_version(s, ent, ent.version, {"contact_phone": "0532-officer"})
        return found

    monkeypatch.setattr(u, "find_conflicts", check_then_someone_saves)
    try:
        u.undo_import(any_registry, batch)
    except ImportFailure as exc:
        assert exc.code == "undo_conflict"
    with any_registry.session() as s:
        assert s.get(m.Enterprise, eid).contact_phone == "0532-officer"


def test_undo_does_not_turn_versions_back(any_registry, tmp_path):
    from goosetier.importing.undo import undo_import

    eid, _ = _enterprise(any_registry, "青岛版本回退有限公司")
    sess = plan_import(any_registry, write_roster(tmp_path / "r.xlsx",
                                                  [("青岛版本回退有限公司", "0532-import")]))
    batch = sess.apply().batch_id
    sess.close()
    with any_registry.session() as s:
        seen_by_a = s.get(m.Enterprise, eid).version  # A opens the form after the import
    undo_import(any_registry, batch)
    with any_registry.session() as s:  # B opens and saves after the undo
        ent = s.get(m.Enterprise, eid)
        c.save_with_version(s, ent, ent.version, {"notes": "B"})
    with any_registry.session() as s, pytest.raises(c.ConflictError):
        c.save_with_version(s, (m.Enterprise, eid), seen_by_a, {"notes": "A"})


# --- several programs at once ------------------------------------------------------------------

N_WORKERS = 4
EDITS = 20
ENTERPRISES = 3
IMPORT_ROUNDS = 4
UNDO_WHILE_EDITING = True  # the importer undoes every other import it got through


def _editor(url: str, worker: int, start, out) -> None:
    """One officer: read an enterprise, think a moment, save +delta with the version read;
    refused saves are conflicts (recorded), then re-read and try again."""
    from goosetier.store.database import open_registry
    from goosetier.store.sharing import with_retry

    rng = random.Random(worker)
    reg = open_registry(url, migrate=False)
    done, conflicts, busy = [], [], []
    start.wait(30)
    try:
        for i in range(EDITS):
            eid = rng.randint(1, ENTERPRISES)
            delta = worker * 1000 + i + 1
            while True:
                def attempt(eid=eid, delta=delta):
                    with reg.session() as s:
                        ent = s.get(m.Enterprise, eid)
                        version, value = ent.version, ent.registered_capital
                        time.sleep(rng.uniform(0.004, 0.025))  # the officer types
                        saved = c.save_with_version(s, ent, version,
                                                    {"registered_capital": value + delta})
                        return version, saved.version
                try:
                    before, after = with_retry(attempt, attempts=30,
                                               on_busy=lambda n, e: busy.append(n))
                except c.ConflictError as err:
                    conflicts.append((eid, err.expected_version, err.current_version,
                                      err.changed_by.os_user if err.changed_by else None))
                    continue
                done.append((eid, delta, before, after))
                break
    finally:
        reg.close()
    out.put(("edit", worker, done, conflicts, busy))


def _importer(url: str, folder: str, start, out) -> None:
    """An officer importing rosters over the same enterprises (and, with UNDO_WHILE_EDITING,
    undoing every other one) with the real pipeline: plan (the preview), a pause, apply. An
    import that meets a row edited since its preview is refused and reported; it is then
    planned afresh until it goes in."""
    from pathlib import Path

    from goosetier.importing.model import ImportFailure
    from goosetier.importing.undo import undo_import
    from goosetier.store.database import open_registry
    from goosetier.store.sharing import with_retry

    reg = open_registry(url, migrate=False)
    applied, undone, conflicts, busy = [], [], [], []
    names = [f"青岛并发测试{i}有限公司" for i in range(ENTERPRISES)]
    rosters = [write_roster(Path(folder) / f"round{round_no}.xlsx",
                            [(n, f"0532-{round_no}{i}") for i, n in enumerate(names)])
               for round_no in range(IMPORT_ROUNDS)]
    start.wait(30)
    deadline = time.monotonic() + 90  # the editors finish their fixed number of edits first
    try:
        for round_no, roster in enumerate(rosters):
            while time.monotonic() < deadline:
                sess = plan_import(reg, roster)
                time.sleep(0.01)  # the officer reads the preview
                try:
                    result = with_retry(sess.apply, attempts=30,
                                        on_busy=lambda n, e: busy.append(n))
                except ImportFailure as exc:
                    assert exc.code == "import_conflict", exc.code
                    conflicts.append(("import", round_no, exc.params.get("count")))
                    continue
                finally:
                    sess.close()
                applied.append(result.batch_id)
                break
            if UNDO_WHILE_EDITING and applied and round_no % 2 == 1:
                try:
                    with_retry(lambda: undo_import(reg, applied[-1]), attempts=30,
                               on_busy=lambda n, e: busy.append(n))
                    undone.append(applied[-1])
                except ImportFailure as exc:
                    assert exc.code == "undo_conflict", exc.code
                    conflicts.append(("undo", applied[-1], exc.params.get("count")))
    finally:
        reg.close()
    out.put(("import", applied, undone, conflicts, busy))


def _context():
    """Fresh processes that share no connection with this one. A fork server (itself a fresh
    spawned interpreter) imports SQLAlchemy and GooseTier once and forks the writers from there,
    which saves seconds per writer over plain spawn; Windows has only spawn."""
    if "forkserver" not in mp.get_all_start_methods():
        return mp.get_context("spawn")
    ctx = mp.get_context("forkserver")
    ctx.set_forkserver_preload(["goosetier.store.conflicts", "goosetier.store.sharing",
                                "goosetier.importing.session", "goosetier.importing.undo",
                                "openpyxl", "alembic.script", __name__])
    return ctx


def _run_writers(url: str, folder: str) -> list[tuple]:
    ctx = _context()
    start = ctx.Barrier(N_WORKERS + 2)
    out = ctx.Queue()
    procs = [ctx.Process(target=_editor, args=(url, i + 1, start, out))
             for i in range(N_WORKERS)]
    procs.append(ctx.Process(target=_importer, args=(url, folder, start, out)))
    for p in procs:
        p.start()
    start.wait(60)
    t0 = time.perf_counter()
    results = [out.get(timeout=120) for _ in procs]
    for p in procs:
        p.join(30)
        assert p.exitcode == 0
    return results, time.perf_counter() - t0


@pytest.mark.slow
def test_writers_in_parallel_lose_nothing(any_registry, tmp_path, record_property):
    """N editor processes and one importing (and undoing) process over the same enterprises:
    no update lost, every refused save or import reported, the audit log complete."""
    with any_registry.session() as s:
        for i in range(ENTERPRISES):
            w.add_enterprise(s, f"青岛并发测试{i}有限公司", registered_capital=0.0)
        s.commit()
        first_audit = s.scalar(select(func.max(m.AuditEvent.id)))
    results, elapsed = _run_writers(any_registry.url, str(tmp_path))

    edit_results = [r for r in results if r[0] == "edit"]
    (_, applied, undone, import_conflicts, import_busy), = [r for r in results
                                                           if r[0] == "import"]
    edits = [d for _, _, done, _, _ in edit_results for d in done]
    edit_conflicts = [x for _, _, _, cs, _ in edit_results for x in cs]
    busy = sum(len(b) for *_, b in edit_results) + len(import_busy)
    assert len(edits) == N_WORKERS * EDITS  # every edit got through in the end
    expected, saves = defaultdict(float), Counter()
    for eid, delta, _before, _after in edits:
        expected[eid] += delta
        saves[eid] += 1
    with any_registry.session() as s:
        for ent in s.scalars(select(m.Enterprise)):
            # no update lost: the value is the sum of every edit that was accepted, though
            # imports and undos wrote the same rows in between …
            assert ent.registered_capital == expected[ent.id], ent.id
            # … and each accepted save, import or undo made exactly one new version
            assert ent.version == 1 + saves[ent.id] + len(applied) + len(undone)
        events = s.scalars(select(m.AuditEvent).where(m.AuditEvent.id > first_audit)
                           .order_by(m.AuditEvent.id)).all()
        batches = s.scalar(select(func.count()).select_from(m.ImportBatch))
    # refused imports left nothing behind; the audit log has one line per accepted change
    assert batches == len(applied)
    assert Counter(e.action for e in events) == {
        k: v for k, v in {"enterprise.edit": len(edits), "import.apply": len(applied),
                          "import.undo": len(undone)}.items() if v}
    # the edits of each enterprise chain: each started from the value the previous one left
    by_row = defaultdict(list)
    for ev in events:
        if ev.action == "enterprise.edit":
            by_row[ev.row_id].append(ev)
    for eid, evs in by_row.items():
        evs.sort(key=lambda e: e.detail["version"])
        versions = [e.detail["version"] for e in evs]
        assert len(set(versions)) == len(versions)
        value = 0.0
        for ev in evs:
            assert ev.detail["before"]["registered_capital"] == value
            value = ev.detail["after"]["registered_capital"]
        assert value == expected[eid]
    # every refused save was reported with the newer version and who made it
    for _eid, exp, cur, who in edit_conflicts:
        assert cur is not None and cur > exp and who == current_user()
    summary = (f"{N_WORKERS} editors x {EDITS} edits + 1 importer ({len(applied)} imports "
               f"applied, {len(undone)} undone): {len(edit_conflicts)} edit conflicts, "
               f"{len(import_conflicts)} import/undo conflicts reported, {busy} busy retries, "
               f"{elapsed:.1f}s")
    record_property("writers", summary)
    print(f"\n[{any_registry.engine.dialect.name}] {summary}")
    assert edit_conflicts, "the editors never met: the test proves nothing"
    assert applied, "no import got through"
