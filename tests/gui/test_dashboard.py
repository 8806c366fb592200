"""The dashboard: plan and year choices drive the charts; charts save as PNG."""

from __future__ import annotations

import datetime as dt


def test_switch_plan_and_year(window, qtbot, tmp_path):
    window.tabs.setCurrentIndex(1)
    dash = window.dashboard
    qtbot.waitUntil(lambda: not dash._stale)
    assert dash.plan.currentData().name == "十四五"
    assert dash.year.value() == 2025
    assert dash.summary.year == 2025
    little = dash.summary.row("little_giant")
    # no bar past 100 % here: the chart ends at the 100 % line plus room for its labels
    assert all(r.count <= r.target for r in dash.summary.rows if r.target)
    assert dash.progress_chart.getViewBox().viewRange()[0] == [0, 145]
    dash.year.setValue(2024)
    assert dash.summary.year == 2024
    assert dash.summary.row("little_giant").count == little.count  # granted 2024, 3 years
    dash.year.setValue(2021)
    assert dash.summary.row("little_giant").count == 0
    # a second plan: the editor adds 十五五, the dashboard offers it and switches to it
    plan_id = window.editor.add_plan("十五五", 2025, 2030, copy_metrics_from=1)
    assert plan_id
    assert dash.set_plan("十五五")
    assert dash.summary.plan == "十五五"
    assert dash.year.minimum() == 2025 and dash.year.value() == dt.date.today().year
    assert dash.metric.count() == 0  # the copied indicators have no target values yet
    out = tmp_path / "progress.png"
    dash.progress_chart.save_png(str(out))
    assert out.stat().st_size > 5000
    assert dash.expiring.topLevelItemCount() >= 1
    assert dash.expiring.headerItem().text(0) == "企业"
    # a plan with no indicators yet: an empty chart, no error
    assert window.editor.add_plan("十六五", 2030, 2035)
    assert dash.set_plan("十六五")
    assert dash.summary.rows == []
    assert dash.progress_chart.getViewBox().viewRange()[0] == [0, 145]


def test_trend_follows_the_chosen_target(window, qtbot):
    window.tabs.setCurrentIndex(1)
    dash = window.dashboard
    qtbot.waitUntil(lambda: not dash._stale)
    dash.metric.setCurrentIndex(dash.metric.findData("high_tech"))
    trend = dash.trend
    assert trend.metric_id == "high_tech"
    assert trend.years == list(range(2020, 2026))
    assert trend.expected[0] == 739 and trend.expected[-1] == 1500
    assert trend.actual[-1] == dash.summary.row("high_tech").count


def test_dashboard_follows_an_edit(window, qtbot):
    window.tabs.setCurrentIndex(1)
    dash = window.dashboard
    qtbot.waitUntil(lambda: not dash._stale)
    dash.year.setValue(2024)
    before = dash.summary.row("little_giant").count
    window.tabs.setCurrentIndex(0)
    eid = window.table.model.enterprise_id(1)
    window.editor.add_designation(eid, {"program_id": "little_giant", "year": 2024})
    window.tabs.setCurrentIndex(1)
    qtbot.waitUntil(lambda: not dash._stale)
    assert dash.summary.row("little_giant").count in (before, before + 1)
    window.actions.undo.trigger()
    assert dash.summary.row("little_giant").count == before
