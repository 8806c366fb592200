"""Applying an import in one transaction, re-importing, and undoing it."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from goosetier.importing import apply as apply_module
from goosetier.importing.model import ImportCancelled, ImportFailure
from goosetier.importing.session import ImportSession, run_import
from goosetier.importing.undo import list_batches, undo_import
from goosetier.store import models as m
from goosetier.store import writes
from tests.importing.workbooks import BOOKKEEPING, code, dump, ledger, write_xlsx

HEADER = ["序号", "企业名称", "统一社会信用代码", "所属产业", "称号", "认定年份", "营业收入（万元）",
          "升规入统时间"]


def roster(tmp_path, rows, name="r.xlsx", title="重点企业名录（2024年）"):
    return write_xlsx(tmp_path / name, ledger(rows, title=title, header=HEADER))


@pytest.fixture
def existing(registry):
    """A registry with one firm an officer typed in, holding a designation and figures."""
    with registry.session() as s:
        firm = writes.add_enterprise(s, "青岛已有企业有限公司", code(900), cluster="汽车")
        writes.add_designation(s, firm, "high_tech", 2022)
        writes.set_figures(s, firm, 2024, revenue=100.0)
        s.commit()
        return firm.id


def test_import_reimport_undo_restores_every_table(tmp_path, registry, existing):
    before = dump(registry, ignore=BOOKKEEPING)
    path = roster(tmp_path, [
        ["青岛已有企业有限公司", code(900), "高端装备", "专精特新中小企业", 2024, 250.0, None],
        ["青岛新来企业有限公司", code(901), "芯屏", "高新技术企业、瞪羚企业", 2023, 80.0, 2023],
    ])
    result, _plan = run_import(registry, path)
    assert (result.inserted, result.updated, result.designations_added) == (1, 1, 4)
    assert result.backup and result.batch_id
    with registry.session() as s:
        firm = s.get(m.Enterprise, existing)
        assert firm.cluster == "高端装备" and firm.version == 2
        assert {f.year: f.revenue for f in firm.figures} == {2024: 250.0}
        new = s.scalar(select(m.Enterprise).where(m.Enterprise.name == "青岛新来企业有限公司"))
        above = next(d for d in new.designations if d.program_id == "above_scale")
        assert (above.year, above.count_until) == (2023, None)  # 规上: counts until ended

    again, _plan = run_import(registry, path)
    assert (again.inserted, again.updated, again.designations_added, again.batch_id) == \
        (0, 0, 0, None)
    assert again.unchanged == 2

    undone = undo_import(registry, result.batch_id)
    assert (undone.removed_enterprises, undone.restored_enterprises) == (1, 1)
    assert dump(registry, ignore=BOOKKEEPING) == before
    with registry.session() as s:  # every value back, but the version moves on, never back
        assert s.get(m.Enterprise, existing).version == 3
    with registry.engine.connect() as conn:
        batch = list_batches(conn)[0]
    assert batch.id == result.batch_id and batch.undone_at is not None
    with pytest.raises(ImportFailure) as err:
        undo_import(registry, result.batch_id)
    assert err.value.code == "batch_already_undone"


def test_cancelled_apply_leaves_registry_unchanged(tmp_path, registry, existing, monkeypatch):
    monkeypatch.setattr(apply_module, "CHUNK", 10)
    rows = [[f"青岛批量企业{i:03d}有限公司", code(1000 + i), None, "高新技术企业", 2024, 10.0, None]
            for i in range(55)]
    path = roster(tmp_path, rows)
    before = dump(registry)
    seen = []

    def progress(done, total):
        seen.append((done, total))

    def cancelled():
        return session.stage == "writing" and any(d >= 30 for d, _t in seen)

    session = ImportSession(registry, path, progress=progress, cancelled=cancelled)
    with session:
        session.plan()
        seen.clear()
        with pytest.raises(ImportCancelled):
            session.apply()
    assert seen[-1] == (30, 55)  # it got half-way through writing
    assert dump(registry) == before
    with registry.engine.connect() as conn:
        assert list_batches(conn) == []


def test_failure_mid_apply_rolls_everything_back(tmp_path, registry, existing, monkeypatch):
    monkeypatch.setattr(apply_module, "CHUNK", 10)
    rows = [[f"青岛失败企业{i:03d}有限公司", code(2000 + i), None, "瞪羚企业", 2024, None, None]
            for i in range(35)]
    rows.append(["青岛已有企业有限公司", code(900), "船舶海工", None, None, None, None])
    path = roster(tmp_path, rows)
    before = dump(registry)
    original = apply_module._Writer._designations
    calls = []

    def failing(self, conn, chunk):
        calls.append(1)
        if len(calls) == 3:
            raise OSError("disk full")
        return original(self, conn, chunk)

    monkeypatch.setattr(apply_module._Writer, "_designations", failing)
    with pytest.raises(OSError):
        run_import(registry, path)
    assert dump(registry) == before


def test_undo_is_refused_after_a_later_edit_unless_forced(tmp_path, registry, existing):
    path = roster(tmp_path, [["青岛已有企业有限公司", code(900), "芯屏", "隐形冠军", 2024, None, None],
                             ["青岛后改企业有限公司", code(950), "汽车", None, None, None, None]])
    result, _plan = run_import(registry, path)
    with registry.session() as s:  # the officer corrects the firm in the window afterwards
        firm = s.get(m.Enterprise, existing)
        firm.street = "辛安街道"
        s.commit()
    with pytest.raises(ImportFailure) as err:
        undo_import(registry, result.batch_id)
    assert err.value.code == "undo_conflict"
    assert "青岛已有企业有限公司" in str(err.value) and "--force" in str(err.value)
    forced = undo_import(registry, result.batch_id, force=True)
    assert forced.conflicts == 1
    with registry.session() as s:
        firm = s.get(m.Enterprise, existing)
        assert firm.cluster == "汽车"  # the import's change is gone, and with it the later edit
        assert [d.program_id for d in firm.designations] == ["high_tech"]
        assert s.scalar(select(m.Enterprise).where(
            m.Enterprise.name == "青岛后改企业有限公司")) is None


def test_undo_refused_when_a_later_import_hangs_on_a_created_firm(tmp_path, registry):
    first = roster(tmp_path, [["青岛先导入企业有限公司", code(960), None, None, None, None, None]])
    batch, _plan = run_import(registry, first)
    second = roster(tmp_path, [["青岛先导入企业有限公司", code(960), None, "瞪羚企业", 2024, None,
                                None]], name="second.xlsx")
    run_import(registry, second)
    with pytest.raises(ImportFailure) as err:
        undo_import(registry, batch.batch_id)
    assert err.value.code == "undo_conflict"


def test_figures_updated_then_restored(tmp_path, registry, existing):
    path = roster(tmp_path, [["青岛已有企业有限公司", code(900), None, None, None, 300.0, None]])
    result, plan = run_import(registry, path)
    row = plan.rows[0]
    assert row.figures_before["revenue"] == 100.0 and row.figures_after == {"revenue": 300.0}
    undo_import(registry, result.batch_id)
    with registry.session() as s:
        assert [(f.year, f.revenue) for f in s.get(m.Enterprise, existing).figures] == \
            [(2024, 100.0)]


def test_batch_records_file_mapping_and_counts(tmp_path, registry):
    path = roster(tmp_path, [["青岛记录企业有限公司", code(970), None, "高新技术企业", 2024, None,
                              None]])
    result, _plan = run_import(registry, path)
    with registry.session() as s:
        batch = s.get(m.ImportBatch, result.batch_id)
        assert batch.file_name == "r.xlsx" and len(batch.sha256) == 64
        assert batch.counts["inserted"] == 1 and batch.mapping["fields"]["1"] == "name"
        changes = s.scalars(select(m.ImportChange).where(
            m.ImportChange.batch_id == batch.id)).all()
        assert [(c.table_name, c.action, c.version_after) for c in changes] == \
            [("enterprise", "insert", 1)]
        des = s.scalars(select(m.Designation)).one()
        assert des.import_batch_id == batch.id
        audit = s.scalars(select(m.AuditEvent).where(m.AuditEvent.action == "import.apply")).one()
        assert audit.row_id == batch.id
        assert batch.created_at <= dt.datetime.now(dt.UTC).replace(tzinfo=None)


def test_changes_made_after_the_preview_abort_the_whole_import(tmp_path, registry, existing):
    path = roster(tmp_path, [["青岛已有企业有限公司", code(900), "芯屏", None, None, None, None],
                             ["青岛并发新增有限公司", code(980), "汽车", None, None, None, None]])
    before_edit = None
    with ImportSession(registry, path) as session:
        session.plan()
        with registry.session() as s:  # a colleague edits the firm meanwhile
            s.get(m.Enterprise, existing).street = "黄岛街道"
            s.commit()
        before_edit = dump(registry)
        with pytest.raises(ImportFailure) as err:
            session.apply()
    assert err.value.code == "import_conflict" and dump(registry) == before_edit
    with ImportSession(registry, path) as session:
        session.plan()
        with registry.session() as s:  # or adds the very firm the file brings
            writes.add_enterprise(s, "青岛并发新增有限公司", code(980))
            s.commit()
        before_add = dump(registry)
        with pytest.raises(ImportFailure) as err:
            session.apply()
    assert err.value.code == "import_stale" and dump(registry) == before_add


def test_an_edit_saved_while_undo_runs_is_not_overwritten(tmp_path, registry, existing,
                                                          monkeypatch):
    from goosetier.importing import undo as undo_module

    path = roster(tmp_path, [["青岛已有企业有限公司", code(900), "芯屏", None, None, None, None]])
    result, _plan = run_import(registry, path)
    checked = undo_module.find_conflicts

    def check_then_an_officer_saves(conn, batch_id):
        found = checked(conn, batch_id)
        with registry.session() as s:
            s.get(m.Enterprise, existing).street = "王台镇"
            s.commit()
        return found

    monkeypatch.setattr(undo_module, "find_conflicts", check_then_an_officer_saves)
    with pytest.raises(ImportFailure) as err:
        undo_import(registry, result.batch_id)
    assert err.value.code == "undo_conflict"
    with registry.session() as s:
        firm = s.get(m.Enterprise, existing)
        assert (firm.street, firm.cluster) == ("王台镇", "芯屏")
        assert s.get(m.ImportBatch, result.batch_id).undone_at is None
