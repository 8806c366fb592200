"""The import session from a workbook to a plan: what each row becomes, and why."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from goosetier.core.issues import Severity
from goosetier.importing.model import (
    INSERT,
    NEEDS_REVIEW,
    NEW,
    UNCHANGED,
    UPDATE,
    ImportCancelled,
    ImportFailure,
    ImportOptions,
)
from goosetier.importing.session import ImportSession, run_import
from goosetier.store import models as m
from goosetier.store import writes
from tests.importing.workbooks import bad_check, code, dump, ledger, write_xlsx


def codes_of(plan, code_name):
    return [i for i in plan.issues if i.code == code_name]


def test_ledger_rows_become_firms_with_designations_and_revenue(tmp_path, registry):
    path = write_xlsx(tmp_path / "名录.xlsx", ledger(
        [["青岛海容商用冷链股份有限公司", code(1), "智能家电", "高新技术企业、专精特新“小巨人”企业",
          2023, 85000.5, "辛安街道"],
         ["ＡＢＣ精密（青岛）有限公司", code(2), "高端装备", "专精特新中小企业\n隐形冠军企业", "2024年",
          "1,200", "  薛家岛街道 "]]))
    result, plan = run_import(registry, path)
    assert (result.rows_read, result.inserted, result.designations_added) == (2, 2, 4)
    assert result.header_row == 3 and result.rejected == 0
    with registry.session() as s:
        ents = {e.name: e for e in s.scalars(select(m.Enterprise))}
        assert set(ents) == {"青岛海容商用冷链股份有限公司", "ABC精密（青岛）有限公司"}
        abc = ents["ABC精密（青岛）有限公司"]
        assert abc.street == "薛家岛街道" and abc.credit_code == code(2)
        programs = {(d.program_id, d.year) for d in abc.designations}
        assert programs == {("specialized_sme", 2024), ("hidden_champion", 2024)}
        giant = next(d for d in ents["青岛海容商用冷链股份有限公司"].designations
                     if d.program_id == "little_giant")
        # a 2023 grant of 3 years counts at the ends of 2023, 2024, 2025
        assert (giant.count_from, giant.count_until) == (dt.date(2023, 1, 1),
                                                         dt.date(2025, 12, 31))
        assert giant.rule_set == "miit_2022_63" and giant.source.startswith("import:")
        # revenue belongs to the roster's year (the title says 2024)
        fig = s.scalars(select(m.YearlyFigure).where(
            m.YearlyFigure.enterprise_id == abc.id)).one()
        assert (fig.year, fig.revenue) == (2024, 1200.0)


def test_revenue_in_yi_is_stored_in_wan(tmp_path, registry):
    header = ["序号", "企业名称", "统一社会信用代码", "2024年营业收入（亿元）", "注册资本（万元）"]
    path = write_xlsx(tmp_path / "r.xlsx", ledger(
        [["青岛亿元制造有限公司", code(3), 12.5, 5000], ["青岛万元制造有限公司", code(4), "3.5亿元", 800]],
        header=header))
    run_import(registry, path)
    with registry.session() as s:
        rows = dict(s.execute(select(m.Enterprise.name, m.YearlyFigure.revenue)
                              .join(m.YearlyFigure)).all())
        assert rows == {"青岛亿元制造有限公司": 125000.0, "青岛万元制造有限公司": 35000.0}
        capital = s.scalar(select(m.Enterprise.registered_capital)
                           .where(m.Enterprise.name == "青岛亿元制造有限公司"))
        assert capital == 5000.0


def test_bad_codes_are_rejected_or_warned(tmp_path, registry):
    path = write_xlsx(tmp_path / "codes.xlsx", ledger([
        ["青岛数字代码有限公司", 913702110000000000, "高端装备", None, None, None, None],
        ["青岛格式错误有限公司", "91370211ABCDEFGHIO", "高端装备", None, None, None, None],
        ["青岛校验位错误有限公司", bad_check(code(5)), "高端装备", None, None, None, None],
        [None, code(6), "高端装备", None, None, None, None],
        ["青岛全角代码有限公司", "９１３７０２１１" + code(7)[8:], "高端装备", None, None, None, None]]))
    result, plan = run_import(registry, path)
    assert result.rejected == 3 and result.inserted == 2
    by_row = {r.excel_row: r for r in plan.rows}
    assert [i.code for i in by_row[4].issues] == ["code_damaged"]
    assert [i.code for i in by_row[5].issues] == ["code_malformed"]
    assert by_row[6].action == INSERT and by_row[6].issues[0].severity is Severity.WARNING
    assert [i.code for i in by_row[7].issues] == ["name_missing"]
    assert by_row[8].record.credit_code == code(7)
    with registry.session() as s:
        warned = s.scalar(select(m.Enterprise).where(m.Enterprise.name == "青岛校验位错误有限公司"))
        assert warned.code_warning == "bad_check"
    json_issue = result.as_json()["issues"][0]
    assert json_issue["row"] == 4 and json_issue["message"].startswith("第4行：")


def test_duplicates_within_the_file(tmp_path, registry):
    path = write_xlsx(tmp_path / "dup.xlsx", ledger([
        ["青岛重复一次有限公司", code(10), "汽车", "高新技术企业", 2023, None, None],
        ["青岛重复一次有限公司", code(10), "汽车", "隐形冠军", 2024, None, None],
        ["青岛同码异名有限公司", code(10), "汽车", None, None, None, None],
        ["青岛无码企业有限公司", None, "汽车", "高新技术企业", 2022, None, None],
        ["青岛无码企业有限公司", None, "汽车", "瞪羚企业", 2022, None, None],
        ["青岛同名异码有限公司", code(11), "汽车", None, None, None, None],
        ["青岛同名异码有限公司", code(12), "汽车", None, None, None, None]]))
    result, plan = run_import(registry, path)
    assert result.inserted == 3 and result.rejected == 2
    assert {i.row for i in codes_of(plan, "duplicate_in_file")} == {5, 8}
    assert [i.row for i in codes_of(plan, "duplicate_code_in_file")] == [6]
    assert [i.row for i in codes_of(plan, "duplicate_name_in_file")] == [10]
    first = plan.row(4).record
    assert {d.program_id for d in first.designations} == {"high_tech", "hidden_champion"}
    assert first.merged_rows == [5]


def test_several_programs_batches_review_and_unknown_names(tmp_path, registry):
    header = ["序号", "企业名称", "统一社会信用代码", "梯度称号", "认定批次", "认定年份"]
    rows = [["青岛多称号有限公司", code(20), "国家级专精特新小巨人企业；山东省瞪羚企业；高企",
             "第五批", 2023],
            ["青岛复核企业有限公司", code(21), "单项冠军（复核）", "2022年第七批", None],
            ["青岛未知称号有限公司", code(22), "优秀民营企业、头雁", None, 2024]]
    path = write_xlsx(tmp_path / "p.xlsx", ledger(rows, header=header))
    _result, plan = run_import(registry, path)
    many = plan.row(4).record.designations
    assert {d.program_id for d in many} == {"little_giant", "gazelle", "high_tech"}
    assert all(d.batch_no == 5 and d.year == 2023 for d in many)
    review = plan.row(5).record.designations[0]
    assert (review.program_id, review.kind, review.year, review.batch_no) == \
        ("single_champion", "review", 2022, 7)
    unknown = plan.row(6)
    assert unknown.action == INSERT and unknown.record.designations == []
    assert [(i.code, i.severity) for i in unknown.issues] == [
        ("program_unknown", Severity.WARNING), ("program_by_revenue", Severity.INFO)]


def test_sections_captions_and_whole_file_options(tmp_path, registry):
    rows = [["附件2"], ["2024年第一批高新技术企业复核通过名单"], [],
            ["序号", "企业名称", "统一社会信用代码"],
            ["一、示范企业"], [1, "青岛章节一有限公司", code(30)],
            ["二、复核通过企业"], [1, "青岛章节二有限公司", code(31)]]
    path = write_xlsx(tmp_path / "s.xlsx", rows)
    _result, plan = run_import(registry, path, dry_run=True)
    first, second = plan.row(6).record.designations[0], plan.row(8).record.designations[0]
    assert (first.program_id, first.year, first.batch_no) == ("high_tech", 2024, 1)
    assert second.kind == "review"
    # the options win over captions and title
    _result, plan = run_import(registry, path, dry_run=True, options=ImportOptions(
        program="little_giant", year=2022, batch="第四批", kind="new"))
    spec = plan.row(8).record.designations[0]
    assert (spec.program_id, spec.year, spec.batch_no, spec.kind) == \
        ("little_giant", 2022, 4, "new")


def test_renamed_firm_updates_the_existing_one_and_keeps_its_old_name(tmp_path, registry):
    with registry.session() as s:
        old = writes.add_enterprise(s, "青岛旧名字科技有限公司")
        s.commit()
        old_id = old.id
    header = ["序号", "企业原名称", "企业现名称", "证书编号"]
    path = write_xlsx(tmp_path / "rename.xlsx", ledger(
        [["青岛旧名字科技有限公司", "青岛新名字科技股份有限公司", "GR202437000001"]],
        title="青岛市2024年高新技术企业更名名单", header=header))
    result, plan = run_import(registry, path)
    assert (result.inserted, result.updated) == (0, 1)
    assert plan.row(4).changes["name"] == ("青岛旧名字科技有限公司", "青岛新名字科技股份有限公司")
    with registry.session() as s:
        ent = s.get(m.Enterprise, old_id)
        assert ent.name == "青岛新名字科技股份有限公司"
        assert [h.name for h in ent.names] == ["青岛旧名字科技有限公司"]
        assert ent.designations[0].certificate_no == "GR202437000001"
    # a later list that still uses the old name finds the same firm and keeps the new name
    again = write_xlsx(tmp_path / "old.xlsx", ledger([["青岛旧名字科技有限公司", None, "瞪羚企业", 2024,
                                                       None, None]]))
    _result, plan = run_import(registry, again)
    assert plan.row(4).enterprise_id == old_id and plan.row(4).matched_by == "name_history"
    assert "name" not in plan.row(4).changes


def test_former_name_in_brackets_is_read(tmp_path, registry):
    path = write_xlsx(tmp_path / "b.xlsx", ledger(
        [["宇恒电池有限公司（原名：浙江凯恩电池有限公司）", code(40), None, None, None, None, None]]))
    _result, plan = run_import(registry, path, dry_run=True)
    rec = plan.row(4).record
    assert (rec.name, rec.former_name) == ("宇恒电池有限公司", "浙江凯恩电池有限公司")


def test_near_matches_are_reported_not_merged_until_decided(tmp_path, registry):
    with registry.session() as s:
        firm = writes.add_enterprise(s, "青岛海容商用冷链股份有限公司")
        s.commit()
        firm_id = firm.id
    path = write_xlsx(tmp_path / "near.xlsx", ledger(
        [["海容商用冷链（青岛）股份有限公司", None, None, "高新技术企业", 2024, None, None],
         ["青岛海荣商用冷链股份有限公司", None, None, "瞪羚企业", 2024, None, None]]))
    before = dump(registry)
    result, plan = run_import(registry, path)
    assert (result.needs_review, result.inserted, result.batch_id) == (2, 0, None)
    assert dump(registry) == before
    row = plan.row(4)
    assert row.action == NEEDS_REVIEW and row.candidates[0].enterprise_id == firm_id
    assert codes_of(plan, "near_match")[0].params["other"] == "青岛海容商用冷链股份有限公司"
    # the officer confirms row 4 is that firm and row 5 is a different one
    with ImportSession(registry, path) as session:
        session.plan()
        assert session.decide(4, firm_id).action == UPDATE
        assert session.decide(5, NEW).action == INSERT
        result = session.apply()
    assert (result.updated, result.inserted) == (1, 1)
    with registry.session() as s:
        assert s.scalar(select(func.count()).select_from(m.Enterprise)) == 2
        assert [d.program_id for d in s.get(m.Enterprise, firm_id).designations] == ["high_tech"]


def test_saved_mapping_is_reused_for_the_same_header(tmp_path, registry):
    header = ["序号", "企业名称", "统一社会信用代码", "重点领域"]  # 重点领域 is no known header
    path = write_xlsx(tmp_path / "map.xlsx", ledger([["青岛映射企业有限公司", code(50), "芯屏"]],
                                                    header=header))
    with ImportSession(registry, path) as s:
        s.select_sheet()
        assert 3 not in s.mapping.fields
        s.set_mapping({3: "cluster"})
        s.apply()
    other = write_xlsx(tmp_path / "map2.xlsx", ledger([["青岛映射二号有限公司", code(51), "汽车"]],
                                                      header=header))
    with ImportSession(registry, other) as s:
        s.select_sheet()
        assert s.mapping.fields[3] == "cluster"
        plan = s.plan()
    assert plan.row(4).record.fields["cluster"] == "汽车"


def test_plan_writes_nothing_and_reimport_is_unchanged(tmp_path, registry):
    path = write_xlsx(tmp_path / "p.xlsx", ledger(
        [["青岛计划企业有限公司", code(60), "汽车", "高新技术企业", 2024, 500, None]]))
    before = dump(registry)
    with ImportSession(registry, path) as s:
        plan = s.plan()
        assert plan.count(INSERT) == 1 and dump(registry) == before
        s.apply()
    result, plan = run_import(registry, path)
    assert [r.action for r in plan.rows] == [UNCHANGED]
    assert (result.inserted, result.updated, result.designations_added) == (0, 0, 0)


def test_cancelled_while_reading_raises_and_leaves_registry(tmp_path, registry):
    rows = [[f"青岛取消测试{i:04d}有限公司", code(100 + i), None, None, None, None, None]
            for i in range(2500)]
    path = write_xlsx(tmp_path / "c.xlsx", ledger(rows))
    before = dump(registry)
    calls = []

    def cancelled():
        calls.append(1)
        return len(calls) > 2

    with pytest.raises(ImportCancelled):
        run_import(registry, path, cancelled=cancelled)
    assert dump(registry) == before


def test_unreadable_files_fail_with_a_code(tmp_path, registry):
    with pytest.raises(Exception) as err:
        run_import(registry, tmp_path / "missing.xlsx")
    assert err.value.code == "file_not_found"
    (tmp_path / "empty.xlsx").write_bytes(b"")
    with pytest.raises(Exception) as err:
        run_import(registry, tmp_path / "empty.xlsx")
    assert err.value.code == "file_empty"
    path = write_xlsx(tmp_path / "nohead.xlsx", [["随便写点什么"], ["没有表头"]])
    with pytest.raises(ImportFailure) as err:
        run_import(registry, path)
    assert err.value.code == "header_not_found" and "表头" in str(err.value)
