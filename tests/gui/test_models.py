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
    qtmodeltester.check(model)  # the shape, counts still coming
    assert model.wait()
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
    assert tree.wait()
    table = EnterpriseTableModel(filled)
    for key, count in tree.counts().items():
        if count is None:
            continue
        table.set_condition(tree.condition(key))
        assert table.rowCount() == count, key


def test_milestones_parse():
    assert parse_milestones("2023:900, 2024：1100") == {"2023": 900.0, "2024": 1100.0}
    assert parse_milestones("") == {}


def _sql_ids(registry, descending: bool = False) -> list[int]:
    order = "name_norm DESC, id DESC" if descending else "name_norm, id"
    with registry.engine.connect() as conn:
        return [r[0] for r in conn.exec_driver_sql(f"SELECT id FROM enterprise ORDER BY {order}")]


def test_name_order_reads_the_first_ids_then_the_rest_on_demand(filled, monkeypatch):
    from PySide6.QtCore import Qt

    from goosetier.gui.models import enterprise_table as et

    monkeypatch.setattr(et, "FIRST_IDS", 7)
    for order, descending in ((Qt.SortOrder.AscendingOrder, False),
                              (Qt.SortOrder.DescendingOrder, True)):
        model = EnterpriseTableModel(filled)
        model.sort(0, order)
        expected = _sql_ids(filled, descending)
        assert model.rowCount() == len(expected) == 40
        assert len(model._ids) == 7  # only the first part read so far
        assert [model.enterprise_id(r) for r in range(7)] == expected[:7]
        assert len(model._ids) == 7
        assert model.row_of(expected[-1]) == 39  # beyond the first part: the rest is read
        assert model._ids == expected and model.ids() == expected
        names = _names(model)
        assert names == [model.data(model.index(r, 0)) for r in range(40)]

    model = EnterpriseTableModel(filled)
    assert model.data(model.index(39, 0), EnterpriseTableModel.IdRole) == _sql_ids(filled)[-1]
    model = EnterpriseTableModel(filled)
    assert model.ids() == _sql_ids(filled)
    model = EnterpriseTableModel(filled)
    assert model.data(model.index(30, 0)) == _names(EnterpriseTableModel(filled))[30]


def test_a_filter_or_another_order_reads_every_id_at_once(filled, monkeypatch):
    from goosetier.gui.models import enterprise_table as et

    monkeypatch.setattr(et, "FIRST_IDS", 7)
    model = EnterpriseTableModel(filled)
    model.sort([c.key for c in COLUMNS].index("credit_code"))
    assert len(model._ids) == model.rowCount() == 40
    model.sort(0)
    model.set_condition(query_condition(parse("tier:小巨人")))
    assert len(model._ids) == model.rowCount() == 8


def test_rows_deleted_by_another_program_before_the_rest_is_read_read_blank(filled,
                                                                            monkeypatch):
    from PySide6.QtCore import QCoreApplication

    from goosetier.gui.models import enterprise_table as et

    monkeypatch.setattr(et, "FIRST_IDS", 7)
    model = EnterpriseTableModel(filled)
    last = _sql_ids(filled)[-1]
    with filled.engine.begin() as conn:
        conn.exec_driver_sql("DELETE FROM enterprise WHERE id = ?", (last,))
    assert model.rowCount() == 40  # what the view was told, until the next reload
    assert model.data(model.index(39, 0)) == "" and model.enterprise_id(39) is None
    assert last not in model.ids() and model.row_of(last) is None
    QCoreApplication.processEvents()  # the reload it scheduled
    assert model.rowCount() == 39 and model.ids() == _sql_ids(filled)


def test_a_rename_across_the_part_already_read_reloads(filled, monkeypatch):
    from PySide6.QtCore import QCoreApplication

    from goosetier.gui.models import enterprise_table as et

    monkeypatch.setattr(et, "FIRST_IDS", 7)
    model = EnterpriseTableModel(filled)
    first, last = _sql_ids(filled)[0], _sql_ids(filled)[-1]
    with filled.engine.begin() as conn:  # the first one now sorts last, the last one first
        conn.exec_driver_sql("UPDATE enterprise SET name_norm = '龟' || name_norm WHERE id = ?",
                             (first,))
        conn.exec_driver_sql("UPDATE enterprise SET name_norm = '0' || name_norm WHERE id = ?",
                             (last,))
    assert model.rowCount() == 40 and model.enterprise_id(39) in (first, None)
    QCoreApplication.processEvents()
    assert model.ids() == _sql_ids(filled) and model.enterprise_id(0) == last
