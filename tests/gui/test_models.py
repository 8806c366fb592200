"""Every Qt model passes qtmodeltester; sorting and filtering happen in SQL."""

from __future__ import annotations

from goosetier.core.search import parse
from goosetier.gui.models.enterprise_table import COLUMNS, EnterpriseTableModel
from goosetier.gui.models.filters import query_condition
from goosetier.gui.models.targets_model import TargetsModel, parse_milestones
from goosetier.gui.models.tier_tree import TierTreeModel
from goosetier.store import queries as q


def _names(model) -> list[str]:
    return [model.data(model.index(r, 0)) for r in range(model.rowCount())]


def test_enterprise_table_model_is_a_good_qt_model(qtmodeltester, filled):
    model = EnterpriseTableModel(filled)
    qtmodeltester.check(model)
    assert model.rowCount() == 40


def test_tier_tree_model_is_a_good_qt_model(qtmodeltester, filled):
    model = TierTreeModel(filled)
    qtmodeltester.check(model)


def test_targets_model_is_a_good_qt_model(qtmodeltester, filled):
    from goosetier.gui.editor import Editor

    model = TargetsModel(filled, Editor(filled))
    with filled.session() as s:
        model.set_plan(q.list_plans(s)[0].id)
    assert model.rowCount() > 10
    qtmodeltester.check(model)


def test_sort_by_name_and_other_columns_in_sql(filled):
    from PySide6.QtCore import Qt

    from goosetier.core.names import normalize_name

    model = EnterpriseTableModel(filled)
    names = _names(model)
    assert names == sorted(names, key=normalize_name)
    model.sort(0, Qt.SortOrder.DescendingOrder)
    assert _names(model) == sorted(names, key=normalize_name, reverse=True)
    code = [c.key for c in COLUMNS].index("credit_code")
    model.sort(code, Qt.SortOrder.AscendingOrder)
    codes = [model.data(model.index(r, code)) for r in range(model.rowCount())]
    present = [c for c in codes if c]
    assert present == sorted(present) and codes[-1] == ""  # empty codes last


def test_search_grammar_filters_the_table(filled):
    model = EnterpriseTableModel(filled)
    model.set_condition(query_condition(parse("tier:小巨人")))
    with filled.session() as s:
        from goosetier.core.catalog import load_catalog

        expected = q.count_metric(s, load_catalog().metrics["little_giant"], model.year)
    assert model.rowCount() == expected == 8
    model.set_condition(query_condition(parse("program:high_tech cluster:芯屏")))
    for r in range(model.rowCount()):
        assert "高新技术企业" in model.data(model.index(r, 2))
        assert model.data(model.index(r, 3)) == "芯屏"
    model.set_condition(query_condition(parse("code:missing")))
    assert model.rowCount() == 5
    model.set_condition(query_condition(parse("海容 -tier:小巨人")))
    assert _names(model) == ["青岛海容科技有限公司"] or all("海容" in n for n in _names(model))


def test_program_node_counts_match_the_rows_it_shows(filled):
    tree = TierTreeModel(filled)
    table = EnterpriseTableModel(filled)
    for key, count in tree.counts().items():
        if count is None:
            continue
        table.set_condition(tree.condition(key))
        assert table.rowCount() == count, key


def test_milestones_parse():
    assert parse_milestones("2023:900, 2024：1100") == {"2023": 900.0, "2024": 1100.0}
    assert parse_milestones("") == {}
