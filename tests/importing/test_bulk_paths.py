"""The bulk paths of apply and planning on both backends: tuples straight to the driver and
indexes built after the rows on SQLite, Core statements and RETURNING ids on a server."""

from __future__ import annotations

import sqlite3

import pytest
from sqlalchemy import func, insert, select

from goosetier.importing import apply as apply_module
from goosetier.importing.model import ImportFailure
from goosetier.importing.session import run_import
from goosetier.importing.undo import undo_import
from goosetier.store import models as m
from tests.importing.workbooks import BOOKKEEPING, code, dump, ledger, write_xlsx

HEADER = ["序号", "企业名称", "统一社会信用代码", "所属产业", "称号", "认定年份", "营业收入（万元）",
          "上市情况"]


def firms(n: int, revenue: float = 100.0, cluster: str = "汽车") -> list[list[object]]:
    return [[f"青岛批量{i:04d}科技有限公司", code(5000 + i), cluster,
             "高新技术企业、科技型中小企业" if i % 2 else "专精特新中小企业", 2023 + i % 2,
             revenue + i, "科创板" if i % 7 == 0 else "未上市"] for i in range(n)]


def test_import_update_and_undo_on_both_backends(tmp_path, any_registry, monkeypatch):
    monkeypatch.setattr(apply_module, "_DEFER_MIN", 10)  # the index path, on small files
    reg = any_registry
    first = write_xlsx(tmp_path / "a.xlsx", ledger(firms(40), header=HEADER))
    result, _plan = run_import(reg, first)
    assert (result.inserted, result.designations_added) == (40, 60)
    first_designations = dump(reg)["designation"]
    with reg.engine.connect() as conn:
        ids = sorted(conn.execute(select(m.Enterprise.id)).scalars())
        listed = conn.execute(select(func.count()).select_from(m.Enterprise)
                              .where(m.Enterprise.listed.is_(True))).scalar()
    assert len(ids) == 40 and listed == 6
    with reg.session() as s:  # a later one-record insert still gets a fresh id
        s.execute(insert(m.Enterprise).values(name="后来", name_norm="后来",
                                               updated_by="x"))
        s.commit()

    again, _plan = run_import(reg, first)
    assert (again.inserted, again.updated, again.unchanged) == (0, 0, 40)

    before_second = dump(reg, ignore=BOOKKEEPING)
    second = write_xlsx(tmp_path / "b.xlsx",
                        ledger(firms(50, revenue=200.0, cluster="芯屏"), header=HEADER))
    result2, plan2 = run_import(reg, second)
    assert (result2.inserted, result2.updated) == (10, 40)
    assert all(r.changes["cluster"] == ("汽车", "芯屏") for r in plan2.rows
               if r.action == "update")
    undo_import(reg, result2.batch_id)
    assert dump(reg, ignore=BOOKKEEPING) == before_second
    with reg.engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(m.Enterprise)).scalar() == 41
        assert set(conn.execute(select(m.Enterprise.cluster)).scalars()) == {"汽车", None}
    assert dump(reg)["designation"] == first_designations


def test_deferred_indexes_come_back_exactly(tmp_path, registry, monkeypatch):
    monkeypatch.setattr(apply_module, "_DEFER_MIN", 10)

    def schema() -> list[tuple]:
        con = sqlite3.connect(registry.path)
        try:
            return con.execute("SELECT type, name, tbl_name, sql FROM sqlite_master "
                               "ORDER BY name").fetchall()
        finally:
            con.close()

    before = schema()
    result, _plan = run_import(registry, write_xlsx(tmp_path / "a.xlsx",
                                                    ledger(firms(30), header=HEADER)))
    assert result.inserted == 30
    assert schema() == before
    con = sqlite3.connect(registry.path)
    try:
        assert con.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    finally:
        con.close()


def test_a_failed_write_keeps_the_indexes(tmp_path, registry, monkeypatch):
    monkeypatch.setattr(apply_module, "_DEFER_MIN", 10)
    con = sqlite3.connect(registry.path)
    before = con.execute("SELECT name FROM sqlite_master ORDER BY name").fetchall()
    con.close()

    def boom(*args, **kwargs):
        raise ImportFailure("import_stale", detail="test")

    monkeypatch.setattr(apply_module._Writer, "_figures", boom)
    with pytest.raises(ImportFailure):
        run_import(registry, write_xlsx(tmp_path / "a.xlsx", ledger(firms(30), header=HEADER)))
    con = sqlite3.connect(registry.path)
    try:
        assert con.execute("SELECT name FROM sqlite_master ORDER BY name").fetchall() == before
        assert con.execute("SELECT count(*) FROM enterprise").fetchone() == (0,)
    finally:
        con.close()
