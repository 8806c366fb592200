"""goosetier import / imports / undo-import / sample, as an officer's script would run them."""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys

import openpyxl
import pytest
import xlsxwriter
from sqlalchemy import func, select

from goosetier.cli import main
from goosetier.store import models as m
from goosetier.store import writes
from goosetier.store.database import open_registry
from tests.importing.workbooks import code, ledger, write_xlsx


def cli(capsys, *args):
    status = main([str(a) for a in args])
    out = capsys.readouterr()
    return status, out.out, out.err


def count(db, model=m.Enterprise) -> int:
    reg = open_registry(db)
    try:
        with reg.engine.connect() as conn:
            return conn.execute(select(func.count()).select_from(model)).scalar()
    finally:
        reg.close()


@pytest.fixture
def db(tmp_path):
    return tmp_path / "registry.sqlite3"


@pytest.fixture
def mixed(tmp_path):
    """Two good firms, one code Excel turned into a number, one firm without a name."""
    return write_xlsx(tmp_path / "mixed.xlsx", ledger([
        ["青岛命令行一号有限公司", code(1), "汽车", "高新技术企业、瞪羚企业", 2024, 100, None],
        ["青岛命令行二号有限公司", code(2), "芯屏", "专精特新中小企业", 2023, "2亿元", None],
        ["青岛数字代码有限公司", 913702110000000000, "汽车", None, None, None, None],
        [None, code(4), "汽车", "高新技术企业", 2024, None, None]]))


def test_import_json_reports_counts_and_issues(capsys, db, mixed):
    status, out, _err = cli(capsys, "--db", db, "import", mixed, "--json")
    assert status == 0
    data = json.loads(out)
    assert {k: data[k] for k in ("sheet", "header_row", "rows_read", "inserted", "updated",
                                  "unchanged", "rejected", "needs_review", "designations_added",
                                  "dry_run")} == {
        "sheet": "名单", "header_row": 3, "rows_read": 4, "inserted": 2, "updated": 0,
        "unchanged": 0, "rejected": 2, "needs_review": 0, "designations_added": 3,
        "dry_run": False}
    assert data["batch_id"] == 1 and data["file"].endswith("mixed.xlsx")
    damaged = next(i for i in data["issues"] if i["code"] == "code_damaged")
    assert damaged == {**damaged, "row": 6, "column": "统一社会信用代码", "severity": "error"}
    assert damaged["message"].startswith("第6行：统一社会信用代码")
    assert count(db) == 2


def test_strict_writes_nothing_and_exits_3(capsys, db, mixed):
    status, out, err = cli(capsys, "--db", db, "import", mixed, "--strict")
    assert status == 3
    assert "未写入台账" in out and "--strict" in err
    assert count(db) == 0


def test_dry_run_and_human_report(capsys, db, mixed):
    status, out, _err = cli(capsys, "--db", db, "import", mixed, "--dry-run")
    assert status == 0 and count(db) == 0
    assert "试运行（未写入台账）" in out and "新增企业 2 家" in out
    assert "第7行：企业名称为空" in out


def test_rejects_workbook_has_the_reason_column(capsys, db, mixed, tmp_path):
    out_file = tmp_path / "rejects.xlsx"
    status, _out, _err = cli(capsys, "--db", db, "import", mixed, "--rejects", out_file)
    assert status == 0
    sheet = openpyxl.load_workbook(out_file).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][-2:] == ("原因", "原行号")
    reasons = {row[-1]: row[-2] for row in rows[1:]}
    assert set(reasons) == {6, 7}
    assert "Excel 当作数字" in reasons[6] and "企业名称为空" in reasons[7]
    assert rows[1][2] == "913702110000000000" or rows[1][2] == 913702110000000000


def test_near_match_goes_to_rejects_for_confirmation(capsys, db, tmp_path):
    reg = open_registry(db)
    with reg.session() as s:
        writes.add_enterprise(s, "青岛海容商用冷链股份有限公司")
        s.commit()
    reg.close()
    path = write_xlsx(tmp_path / "near.xlsx", ledger(
        [["海容商用冷链（青岛）股份有限公司", None, None, "高新技术企业", 2024, None, None]]))
    out_file = tmp_path / "confirm.xlsx"
    status, out, _err = cli(capsys, "--db", db, "import", path, "--json", "--rejects", out_file)
    data = json.loads(out)
    assert status == 0 and data["needs_review"] == 1 and data["inserted"] == 0
    assert data["batch_id"] is None and count(db) == 1
    reason = list(openpyxl.load_workbook(out_file).active.iter_rows(values_only=True))[1][-2]
    assert "相近" in reason and "青岛海容商用冷链股份有限公司" in reason


def test_imports_list_and_undo_with_force(capsys, db, mixed):
    cli(capsys, "--db", db, "import", mixed)
    status, out, _err = cli(capsys, "--db", db, "imports", "--json")
    batches = json.loads(out)
    assert status == 0 and batches[0]["id"] == 1 and batches[0]["counts"]["inserted"] == 2
    reg = open_registry(db)
    with reg.session() as s:  # a later edit in the window
        firm = s.scalar(select(m.Enterprise).where(m.Enterprise.name == "青岛命令行一号有限公司"))
        firm.contact_name = "王伟"
        s.commit()
    reg.close()
    status, _out, err = cli(capsys, "--db", db, "undo-import", "1")
    assert status == 1 and "--force" in err and err.count("\n") == 1
    assert count(db) == 2
    status, out, _err = cli(capsys, "--db", db, "undo-import", "1", "--force")
    assert status == 0 and "已撤销导入批次 #1" in out
    assert count(db) == 0
    status, out, _err = cli(capsys, "--db", db, "imports")
    assert "已撤销" in out


def test_unreadable_file_is_one_line_exit_1(capsys, db, tmp_path):
    bad = tmp_path / "名单.xlsx"
    bad.write_bytes(b"PK\x03\x04" + b"\x00" * 200)  # a zip cut off in transfer
    status, out, err = cli(capsys, "--db", db, "import", bad)
    assert status == 1 and out == ""
    assert err.startswith("goosetier: ") and err.count("\n") == 1 and "不完整" in err


def test_unknown_program_option_is_explained(capsys, db, mixed):
    status, _out, err = cli(capsys, "--db", db, "import", mixed, "--program", "金牌企业")
    assert status == 1 and "金牌企业" in err and "little_giant" in err


def test_sample_loads_into_an_empty_registry_only(capsys, db):
    status, out, _err = cli(capsys, "--db", db, "sample", "--json")
    data = json.loads(out)
    assert status == 0 and 60 <= data["inserted"] <= 120 and data["rejected"] == 0
    reg = open_registry(db)
    with reg.session() as s:
        firms = s.scalars(select(m.Enterprise)).all()
        assert all(f.is_sample and "示例数据" in (f.notes or "") for f in firms)
        programs = set(s.scalars(select(m.Designation.program_id)))
        assert {"little_giant", "specialized_sme", "single_champion", "hidden_champion",
                "high_tech", "above_scale", "tech_sme"} <= programs
        above = s.scalars(select(m.Designation.year)
                          .where(m.Designation.program_id == "above_scale")).all()
        assert {2021, 2022, 2023, 2024, 2025} <= set(above)
        revenue = s.scalars(select(m.YearlyFigure.revenue)).all()
        assert max(revenue) >= 5_000_000  # a 500亿级 head goose
        several = s.scalar(select(func.count()).select_from(
            select(m.Designation.enterprise_id).group_by(m.Designation.enterprise_id)
            .having(func.count() >= 2).subquery()))
        assert several >= 20
    reg.close()
    status, _out, err = cli(capsys, "--db", db, "sample")
    assert status == 1 and "空台账" in err
    assert count(db) == data["inserted"]


def _big_roster(path, n: int) -> None:
    rnd = random.Random(11)
    book = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    sheet = book.add_worksheet("名单")
    sheet.write_row(0, 0, ["青岛市企业梯度培育名单（2025年）"])
    sheet.write_row(2, 0, ["序号", "企业名称", "统一社会信用代码", "所属产业", "称号", "认定年份",
                           "营业收入（万元）", "所在镇街"])
    programs = ["专精特新中小企业", "专精特新“小巨人”企业", "高新技术企业", "隐形冠军", "科技型中小企业"]
    for i in range(n):
        sheet.write_row(3 + i, 0, [i + 1, f"青岛测试{i:06d}号智能装备有限公司", code(i),
                                   "高端装备", rnd.choice(programs), rnd.randint(2021, 2025),
                                   round(rnd.uniform(100, 90000), 2), "辛安街道"])
    book.close()


@pytest.mark.slow
def test_twenty_thousand_rows_in_a_subprocess(tmp_path):
    path = tmp_path / "big.xlsx"
    _big_roster(path, 20_000)
    db = tmp_path / "big.sqlite3"
    env = {**os.environ, "GOOSETIER_HOME": str(tmp_path / "home")}
    cmd = [sys.executable, "-m", "goosetier", "--db", str(db), "import", str(path), "--json"]
    first = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=600)
    assert first.returncode == 0, first.stderr
    data = json.loads(first.stdout)
    assert (data["rows_read"], data["inserted"], data["designations_added"],
            data["rejected"], data["needs_review"]) == (20_000, 20_000, 20_000, 0, 0)
    second = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=600)
    again = json.loads(second.stdout)
    assert (again["inserted"], again["updated"], again["unchanged"],
            again["designations_added"]) == (0, 0, 20_000, 0)
    assert count(db) == 20_000
