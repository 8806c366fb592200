"""The main window driven like an officer would: browse, search, sort, edit, undo."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from goosetier.gui.edits import load_enterprise


def _row_names(win) -> list[str]:
    model = win.table.model
    return [model.data(model.index(r, 0)) for r in range(model.rowCount())]


def _count(win, key: str) -> int:
    assert win.browser.model.wait()  # the counts come from a background recount
    return win.browser.model.counts()[key]


def test_window_shows_the_table_tier_counts_and_status(window):
    assert window.table.model.rowCount() == 40
    assert _count(window, "all") == 40
    assert _count(window, "program:little_giant") == 8
    assert "40" in window.count_label.text()
    assert str(window.registry.path) in window.path_label.text()
    assert window.menuBar().actions()[0].text() == "文件(&F)"


def test_clicking_a_tier_node_filters_the_table(window, qtbot):
    assert window.browser.select("program:little_giant")
    assert window.table.model.rowCount() == 8
    window.browser.select("watch:nocode")
    assert window.table.model.rowCount() == 5
    window.browser.select("all")
    assert window.table.model.rowCount() == 40


def test_search_box_grammar_and_bad_terms(window, qtbot):
    box = window.table.search
    box.setText("tier:小巨人 cluster:芯屏")  # QTest cannot type CJK: set it, then press Enter
    qtbot.keyClick(box, Qt.Key.Key_Return)
    names = _row_names(window)
    assert names and len(names) < 8
    box.setText("海容")
    qtbot.keyClicks(box, " year:abc colour:red")
    qtbot.keyClick(box, Qt.Key.Key_Return)
    assert all("海容" in n for n in _row_names(window))
    message = window.statusBar().currentMessage()
    assert "abc" in message and "colour" in message
    assert "tier:" in box.toolTip()


def test_sort_by_clicking_the_name_header(window, qtbot):
    from PySide6.QtCore import QPoint

    header = window.table.table.horizontalHeader()
    names = _row_names(window)
    queries = window.table.model.queries
    where = QPoint(header.sectionViewportPosition(0) + 20, header.height() // 2)
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=where)
    assert _row_names(window) == list(reversed(names))
    assert window.table.model.queries > queries  # sorted by a new SELECT, not in Qt


def test_edit_enterprise_and_undo_restores_the_database(window, qtbot):
    eid = window.table.model.enterprise_id(0)
    window.table.select_enterprise(eid)
    assert window.detail.enterprise_id == eid
    before = load_enterprise(window.registry, eid)
    phone = window.detail.form.widgets["contact_phone"]
    phone.clear()
    qtbot.keyClicks(phone, "0532-12345678")
    assert window.detail.save_button.isEnabled()
    qtbot.mouseClick(window.detail.save_button, Qt.MouseButton.LeftButton)
    after = load_enterprise(window.registry, eid)
    assert after["contact_phone"] == "0532-12345678"
    assert after["version"] == before["version"] + 1
    window.actions.undo.trigger()
    restored = load_enterprise(window.registry, eid)
    assert restored["contact_phone"] == before["contact_phone"]
    assert window.detail.form.widgets["contact_phone"].text() == before["contact_phone"]
    window.actions.redo.trigger()
    assert load_enterprise(window.registry, eid)["contact_phone"] == "0532-12345678"


def test_add_and_revoke_designation_change_the_tier_count(window, qtbot):
    window.browser.select("program:little_giant")
    window.browser.select("all")
    target = next(r for r in range(40) if "小巨人" not in
                  (window.table.model.data(window.table.model.index(r, 2)) or ""))
    eid = window.table.model.enterprise_id(target)
    window.table.select_enterprise(eid)
    start = _count(window, "program:little_giant")
    did = window.detail.add_designation({"program_id": "little_giant",
                                         "year": window.browser.model.year,
                                         "batch_text": "第八批", "kind": "new"})
    assert did is not None
    assert _count(window, "program:little_giant") == start + 1
    assert "小巨人" in window.table.model.data(window.table.model.index(
        window.table.model.row_of(eid), 2))
    lst = window.detail.designations
    item = next(lst.topLevelItem(i) for i in range(lst.topLevelItemCount())
                if lst.topLevelItem(i).data(0, Qt.ItemDataRole.UserRole) == did)
    lst.setCurrentItem(item)
    assert window.detail.revoke_designation()
    assert _count(window, "program:little_giant") == start
    assert lst.states()["little_giant"] == "revoked"
    window.actions.undo.trigger()  # un-revoke
    assert _count(window, "program:little_giant") == start + 1
    window.actions.undo.trigger()  # un-add
    assert _count(window, "program:little_giant") == start


def test_new_enterprise_then_delete_with_confirmation_and_undo(window, qtbot, monkeypatch):
    eid = window.new_enterprise({"name": "青岛测试新材料有限公司", "cluster": "芯屏"})
    assert eid is not None and _count(window, "all") == 41
    assert window.detail.enterprise_id == eid
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *a, **k: QMessageBox.StandardButton.Yes)
    window.table.select_enterprise(eid)
    assert window.delete_selected()
    assert _count(window, "all") == 40 and window.table.model.row_of(eid) is None
    window.actions.undo.trigger()
    assert _count(window, "all") == 41 and window.table.model.row_of(eid) is not None
    assert load_enterprise(window.registry, eid)["name"] == "青岛测试新材料有限公司"


def test_bad_credit_code_is_refused_with_a_message(window, qtbot):
    eid = window.table.model.enterprise_id(0)
    window.table.select_enterprise(eid)
    before = load_enterprise(window.registry, eid)
    code = window.detail.form.widgets["credit_code"]
    code.setText("12345")
    window.detail.save()
    box = window.findChild(QMessageBox)
    assert box is not None and "12345" in box.text()
    assert load_enterprise(window.registry, eid)["credit_code"] == before["credit_code"]
    box.close()


def test_concurrent_change_shows_the_conflict_dialog_and_reloads(window, qtbot):
    from goosetier.gui import edits

    eid = window.table.model.enterprise_id(0)
    window.table.select_enterprise(eid)
    loaded = load_enterprise(window.registry, eid)
    # another officer saves first
    edits.update_enterprise(window.registry, eid, {"contact_name": "王五"}, loaded["version"])
    window.detail.form.widgets["contact_phone"].setText("0532-99999999")
    assert not window.detail.save()
    box = window.last_dialog
    assert box.objectName() == "conflictBox"
    assert "他人修改" in box.windowTitle() + box.text()
    assert "王五" in box.informativeText() or "contact_name" not in box.informativeText()
    reload_button = box.buttons()[0]
    reload_button.click()
    assert window.detail.form.widgets["contact_name"].text() == "王五"
    assert load_enterprise(window.registry, eid)["contact_phone"] == loaded["contact_phone"]


def test_window_state_and_recent_files_are_remembered(window, tmp_path):
    from goosetier.gui import settings as st

    window.resize(1000, 700)
    window.save_state()
    st.add_recent_file(str(tmp_path / "a.xlsx"))
    assert st.recent_files()[0].endswith("a.xlsx")
    assert str(st.settings().fileName()).startswith(str(__import__("goosetier.paths",
                                                                   fromlist=["home"]).home()))
    window.actions.recent.aboutToShow.emit()
    assert any("a.xlsx" in a.text() for a in window.actions.recent.actions())


def test_standard_shortcuts_and_the_column_chooser(window):
    from PySide6.QtGui import QKeySequence

    a = window.actions
    keys = {name: [s.toString() for s in action.shortcuts()] for name, action in (
        ("import", a.import_file), ("print", a.print_preview), ("find", a.find),
        ("undo", a.undo), ("redo", a.redo), ("new", a.new_enterprise), ("delete", a.delete))}
    assert keys["import"] == ["Ctrl+O"] and keys["print"] == ["Ctrl+P"]
    assert keys["find"] == ["Ctrl+F"] and keys["new"] == ["Ctrl+N"]
    assert keys["undo"] == ["Ctrl+Z"] and "Ctrl+Shift+Z" in keys["redo"]
    assert QKeySequence("Del").toString() in keys["delete"]
    view = window.table
    menu = view.column_menu()
    park = next(act for act in menu.actions() if act.text() == "所属园区")
    assert view.table.isColumnHidden(5) and not park.isChecked()
    park.trigger()
    assert not view.table.isColumnHidden(5)
    assert view.table.verticalHeader().sectionResizeMode(0).name == "Fixed"


def test_delete_a_year_of_figures_with_confirmation_and_undo(window, qtbot, monkeypatch):
    from PySide6.QtWidgets import QMessageBox
    from sqlalchemy import select

    from goosetier.store import models as m

    eid = window.table.model.enterprise_id(0)
    window.table.select_enterprise(eid)
    detail = window.detail
    assert detail.editor.save_figure(eid, 2023, {"revenue": 52_000.0, "output": None,
                                                 "employees": 88})
    assert detail.editor.save_figure(eid, 2024, {"revenue": 61_000.0, "output": None,
                                                 "employees": 95})
    shown = [detail.figures.item(r, 0).text() for r in range(detail.figures.rowCount())]
    assert "2024" in shown and "2023" in shown
    assert not detail.delete_fig.isEnabled()  # nothing selected yet
    detail.figures.selectRow(shown.index("2023"))
    assert detail.delete_fig.isEnabled() and detail.delete_fig.text() == "删除该年度"

    def years():
        with window.registry.session() as s:
            return sorted(s.scalars(select(m.YearlyFigure.year)
                                    .where(m.YearlyFigure.enterprise_id == eid)))

    monkeypatch.setattr(QMessageBox, "question",
                        lambda *a, **k: QMessageBox.StandardButton.No)
    qtbot.mouseClick(detail.delete_fig, Qt.MouseButton.LeftButton)
    before = years()
    assert 2023 in before  # declined: nothing removed
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *a, **k: QMessageBox.StandardButton.Yes)
    qtbot.mouseClick(detail.delete_fig, Qt.MouseButton.LeftButton)
    assert years() == [y for y in before if y != 2023]
    assert [detail.figures.item(r, 0).text() for r in range(detail.figures.rowCount())] == \
        [s for s in shown if s != "2023"]
    window.actions.undo.trigger()
    assert years() == before
    with window.registry.session() as s:
        fig = s.scalar(select(m.YearlyFigure).where(m.YearlyFigure.enterprise_id == eid,
                                                    m.YearlyFigure.year == 2023))
        assert (fig.revenue, fig.employees) == (52_000.0, 88)
