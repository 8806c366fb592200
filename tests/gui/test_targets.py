"""The targets editor: edit a target and undo it; add the 十五五 plan."""

from __future__ import annotations

from PySide6.QtCore import Qt
from sqlalchemy import select

from goosetier.store import models as m


def _target(registry, plan: str, metric: str) -> m.Target:
    with registry.session() as s:
        return s.scalar(select(m.Target).join(m.PlanPeriod)
                        .where(m.PlanPeriod.name == plan, m.Target.metric_id == metric))


def test_edit_a_target_and_undo(window, qtbot, qtmodeltester):
    editor = window.show_targets()
    qtbot.addWidget(editor)
    assert editor.plan_name.text() == "十四五"
    model = editor.model
    qtmodeltester.check(model)
    row = model.metric_ids().index("little_giant")
    index = model.index(row, 2)
    assert model.data(index) == "30"
    assert model.setData(index, "36", Qt.ItemDataRole.EditRole)
    assert _target(window.registry, "十四五", "little_giant").target == 36
    row = editor.model.metric_ids().index("little_giant")
    assert editor.model.data(editor.model.index(row, 2)) == "36"
    assert editor.model.setData(editor.model.index(row, 4), "2023:20, 2024:25")
    assert _target(window.registry, "十四五", "little_giant").milestones == {"2023": 20.0,
                                                                            "2024": 25.0}
    window.actions.undo.trigger()
    window.actions.undo.trigger()
    assert _target(window.registry, "十四五", "little_giant").target == 30
    assert _target(window.registry, "十四五", "little_giant").milestones == {}
    with window.registry.session() as s:
        actions = list(s.scalars(select(m.AuditEvent.action).where(
            m.AuditEvent.table_name == "target")))
    assert actions.count("target.edit") == 4  # two edits, two undos — all audited


def test_add_fifteenth_plan_with_its_own_numbers(window, qtbot):
    editor = window.show_targets()
    qtbot.addWidget(editor)
    plan_id = editor.new_plan({"name": "十五五", "name_en": "15th Five-Year Plan",
                               "baseline_year": 2025, "target_year": 2030,
                               "copy_metrics_from": editor.plan_id()})
    assert plan_id and editor.plan_name.text() == "十五五"
    row = editor.model.metric_ids().index("little_giant")
    assert editor.model.setData(editor.model.index(row, 2), "60")
    assert editor.model.setData(editor.model.index(row, 1), "35")
    assert _target(window.registry, "十五五", "little_giant").target == 60
    assert not editor.model.setData(editor.model.index(row, 4), "twenty")  # refused, no write
    before = len(editor.model.metric_ids())
    editor.table.setCurrentIndex(editor.model.index(0, 0))
    assert editor.remove_metric()
    assert len(editor.model.metric_ids()) == before - 1
    window.actions.undo.trigger()
    assert len(editor.model.metric_ids()) == before
    # the plan appears on the dashboard
    window.tabs.setCurrentIndex(1)
    assert window.dashboard.set_plan("十五五")
    assert window.dashboard.summary.row("little_giant").target == 60
