"""The window in an office sharing one registry: the audit log view, noticing what others
changed, the server password prompt, and edits that meet a busy SQLite file."""

from __future__ import annotations

import sqlite3
import threading
import time

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QDialogButtonBox, QMessageBox

from goosetier.gui.edits import load_enterprise
from goosetier.store import writes
from goosetier.store.database import RegistryError, open_registry


def _names(win) -> list[str]:
    model = win.table.model
    return [model.data(model.index(r, 0)) for r in range(model.rowCount())]


@pytest.fixture
def other(filled):
    """A second program on the same file: its own engine and sessions."""
    reg = open_registry(filled.path)
    yield reg
    reg.close()


def _as(monkeypatch, login: str) -> None:
    monkeypatch.setattr(writes, "current_user", lambda: login)


# --- the audit log view -------------------------------------------------------------------------


def test_audit_log_lists_newest_first_in_chinese_and_filters(window, qtbot, monkeypatch,
                                                             tmp_path):
    eid = window.table.model.enterprise_id(0)
    loaded = load_enterprise(window.registry, eid)
    _as(monkeypatch, "lisi")
    assert window.editor.edit_enterprise(eid, {"contact_name": "李四改的"}, loaded["version"])
    window.audit_action.trigger()
    dialog = window.last_dialog
    assert dialog.objectName() == "auditDialog" and dialog.isVisible()
    assert dialog.windowTitle() == "审计日志"
    model = dialog.model
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(6)]
    assert headers == ["时间", "操作系统用户", "数据库用户", "操作", "记录", "详情"]
    first = [model.text(0, c) for c in range(6)]
    assert first[1] == "lisi" and first[3] == "修改企业"
    assert first[4].startswith(f"企业 #{eid} ") and loaded["name"] in first[4]
    assert "联系人" in first[5] and "→ 李四改的" in first[5]
    total = model.total
    assert total > 40 and "条" in dialog.count_label.text()
    # lazily loaded: the first page only, more as the view scrolls
    assert model.rowCount() == min(total, 200)

    dialog.user.setCurrentIndex(dialog.user.findData("lisi"))
    assert model.total == 1
    dialog.user.setCurrentIndex(0)
    dialog.action.setCurrentIndex(dialog.action.findData("designation.add"))
    assert model.total > 0 and all(model.text(r, 3) == "新增认定"
                                   for r in range(model.rowCount()))
    dialog.action.setCurrentIndex(0)
    dialog.search.setText("李四改的")  # Chinese in the JSON details
    qtbot.waitUntil(lambda: model.total == 1, timeout=3000)
    dialog.search.setText("没有这样的内容")
    qtbot.waitUntil(lambda: model.total == 0, timeout=3000)
    assert dialog.count_label.text() == "没有符合条件的操作记录。"
    dialog.search.clear()
    dialog.apply_filter()
    dialog.use_dates.setChecked(True)  # the last 30 days: everything was written today
    assert model.total == total
    dialog.since.setDate(dialog.since.date().addDays(40))
    dialog.until.setDate(dialog.until.date().addDays(40))
    assert model.total == 0

    dialog.grab().save(str(tmp_path / "audit.png"))
    dialog.resize(900, 400)
    qtbot.keyClick(dialog.table, Qt.Key.Key_Escape)
    assert not dialog.isVisible()
    from goosetier.gui import settings as st

    assert st.settings().value("dialogs/audit_geometry") is not None


def test_audit_log_pages_as_it_scrolls_and_remembers_its_size(filled, qtbot):
    from goosetier.gui.dialogs.audit_dialog import PAGE, AuditDialog

    with filled.session() as s, s.begin():
        for i in range(2 * PAGE + 30):
            writes.audit(s, "setting.edit", "setting", None, {"key": "k", "before": i,
                                                                 "after": i + 1})
    dialog = AuditDialog(filled)
    qtbot.addWidget(dialog)
    model = dialog.model
    assert model.rowCount() == PAGE and model.canFetchMore()
    ids = [model.rows[r].id for r in range(model.rowCount())]
    assert ids == sorted(ids, reverse=True)
    while model.canFetchMore():
        model.fetchMore()
    assert model.rowCount() == model.total
    all_ids = [r.id for r in model.rows]
    assert len(set(all_ids)) == len(all_ids) and all_ids == sorted(all_ids, reverse=True)
    assert model.text(0, 3) == "修改设置" and "→" in model.text(0, 5)
    from pytestqt.modeltest import ModelTester

    ModelTester(None).check(model)
    dialog.resize(777, 444)
    dialog.reject()
    again = AuditDialog(filled)
    qtbot.addWidget(again)
    assert (again.width(), again.height()) == (777, 444)


# --- noticing changes made by others ------------------------------------------------------------


def test_change_by_another_program_refreshes_rows_counts_and_says_who(window, other, qtbot,
                                                                      monkeypatch):
    from goosetier.gui import edits

    assert window.browser.model.wait()
    counts_before = window.browser.model.counts()["all"]
    eid = window.table.model.enterprise_id(3)
    window.table.select_enterprise(eid)
    view = window.table.table
    view.verticalScrollBar().setValue(2)
    scroll = view.verticalScrollBar().value()
    sort_key = window.table.model.sort_key
    assert window.watcher.poll() is not None and not window.statusBar().currentMessage()

    _as(monkeypatch, "lisi")
    loaded = load_enterprise(other, eid)
    edits.update_enterprise(other, eid, {"contact_name": "李四填的"}, loaded["version"])
    edits.add_enterprise(other, {"name": "青岛新来的海洋科技有限公司"})
    window.watcher.timer.timeout.emit()  # what the 5-second timer does

    assert "青岛新来的海洋科技有限公司" in _names(window)
    assert window.browser.model.wait()
    assert window.browser.model.counts()["all"] == counts_before + 1
    assert "41" in window.count_label.text()
    assert window.detail.form.widgets["contact_name"].text() == "李四填的"
    assert window.statusBar().currentMessage() == "lisi 修改了台账（2 处），已刷新。"
    # the officer keeps their place
    assert window.table.current_id() == eid
    assert window.table.model.sort_key == sort_key
    assert view.verticalScrollBar().value() == scroll
    # nothing new: one small query, no refresh, no message
    window.statusBar().clearMessage()
    resets = []
    window.table.model.modelReset.connect(lambda: resets.append(1))
    found = window.watcher.poll()
    assert found is not None and not found and resets == []
    assert not window.statusBar().currentMessage()


def test_own_edits_are_not_announced_but_the_same_login_elsewhere_is(window, other, qtbot):
    from goosetier.gui import edits

    eid = window.table.model.enterprise_id(0)
    loaded = load_enterprise(window.registry, eid)
    assert window.editor.edit_enterprise(eid, {"notes": "本窗口"}, loaded["version"])
    window.editor.stack.undo()
    window.editor.stack.redo()
    window.statusBar().clearMessage()
    found = window.watcher.poll()
    assert not found and not window.statusBar().currentMessage()
    # another copy of GooseTier under the same OS login is still "someone else"
    edits.save_figure(other, eid, 2024, {"revenue": 123.0, "output": None, "employees": 9})
    found = window.watcher.poll()
    assert found and found.events == 1
    assert "修改了台账（1 处）" in window.statusBar().currentMessage()


def test_unsaved_typing_survives_a_refresh_and_then_meets_the_conflict_dialog(window, other,
                                                                             qtbot, monkeypatch):
    from goosetier.gui import edits

    eid = window.table.model.enterprise_id(0)
    window.table.select_enterprise(eid)
    phone = window.detail.form.widgets["contact_phone"]
    phone.clear()
    qtbot.keyClicks(phone, "0532-11112222")
    _as(monkeypatch, "lisi")
    loaded = load_enterprise(other, eid)
    edits.update_enterprise(other, eid, {"contact_name": "王五"}, loaded["version"])
    edits.add_enterprise(other, {"name": "青岛另一家科技有限公司"})  # the list is read again
    window.watcher.poll()
    assert window.detail.form.widgets["contact_phone"].text() == "0532-11112222"
    assert window.detail.save_button.isEnabled()
    assert not window.detail.save()
    assert window.last_dialog.objectName() == "conflictBox"
    window.last_dialog.close()


def test_deleted_by_others_and_plans_changed_by_others(window, other, monkeypatch):
    from goosetier.gui import edits, plan_edits

    eid = window.table.model.enterprise_id(1)
    name = window.table.model.data(window.table.model.index(1, 0))
    edits.delete_enterprises(other, [eid])
    plan_edits.add_plan(other, "十六五（测试）", 2025, 2030)
    plans = []
    monkeypatch.setattr(window.dashboard, "apply_changes", plans.append)
    found = window.watcher.poll()
    assert found.plans and found.counts
    assert name not in _names(window)
    assert "39" in window.count_label.text()
    assert plans and plans[0].plans and plans[0].counts


def test_the_watch_timer_polls_and_stops_with_the_window(window, other, qtbot, monkeypatch):
    from goosetier.gui import edits, watch

    assert watch.POLL_INTERVAL_MS == 5000
    assert window.watcher.timer.isActive() and window.watcher.timer.interval() == 5000
    window.watcher.timer.setInterval(50)
    _as(monkeypatch, "zhaoliu")
    edits.add_enterprise(other, {"name": "青岛定时器测试有限公司"})
    qtbot.waitUntil(lambda: "zhaoliu" in window.statusBar().currentMessage(), timeout=3000)
    assert "青岛定时器测试有限公司" in _names(window)
    window.close()
    assert not window.watcher.timer.isActive()
    polls = window.watcher.polls
    qtbot.wait(200)
    assert window.watcher.polls == polls


def test_a_failing_poll_is_said_once_and_polling_goes_on(window, other, monkeypatch):
    from sqlalchemy.exc import OperationalError

    from goosetier.gui import edits, watch

    real = watch.changes_since

    def down(*_a, **_k):
        raise OperationalError("SELECT", {}, Exception("server closed the connection"))

    monkeypatch.setattr(watch, "changes_since", down)
    shown = []
    window.statusBar().messageChanged.connect(lambda text: text and shown.append(text))
    assert window.watcher.poll() is None and window.watcher.poll() is None
    assert shown == ["暂时无法查看他人对台账的修改（server closed the connection），稍后自动重试。"]
    monkeypatch.setattr(watch, "changes_since", real)
    edits.add_enterprise(other, {"name": "青岛恢复连接后有限公司"})
    assert window.watcher.poll()
    assert "青岛恢复连接后有限公司" in _names(window)


def test_own_import_is_absorbed_without_a_message(window):
    window.statusBar().clearMessage()
    assert window.load_sample()  # the window's own reload-everything write
    assert window.statusBar().currentMessage() == "示例名单已载入。"
    assert not window.watcher.poll()


# --- the password prompt ------------------------------------------------------------------------

URL = "postgresql+psycopg://zhang@192.168.1.10/goosetier"


def _refusing_opener(good: str, registry):
    tried = []

    def opener(target):
        tried.append(str(target))
        params = {"host": "192.168.1.10", "user": "zhang", "database": "goosetier",
                  "path": URL, "detail": "password authentication failed"}
        if ":" + good + "@" in str(target):
            return registry
        if "@" in str(target) and ":" in str(target).split("@")[0].split("//")[1]:
            raise RegistryError("db_auth_failed", **params)
        raise RegistryError("db_password_needed", **params)

    return opener, tried


def test_password_is_asked_retried_and_kept_in_memory_only(filled):
    from goosetier.gui import settings as st
    from goosetier.gui.connect import open_registry_asking

    opener, tried = _refusing_opener("s3cret", filled)
    asked = []

    def ask(error, tries):
        asked.append((error.code, tries))
        return "wrong" if tries == 0 else "s3cret"

    reg = open_registry_asking(URL, opener=opener, ask=ask)
    assert reg is filled
    assert asked == [("db_password_needed", 0), ("db_auth_failed", 1)]
    assert tried[0] == URL and tried[-1].endswith("zhang:s3cret@192.168.1.10/goosetier")
    assert "s3cret" not in reg.url
    st.settings().sync()
    ini = st.settings().fileName()
    assert "s3cret" not in (open(ini, encoding="utf-8").read()
                            if __import__("os").path.exists(ini) else "")


def test_cancelling_the_password_prompt_opens_nothing(filled):
    from goosetier.gui.connect import open_registry_asking

    opener, tried = _refusing_opener("s3cret", filled)
    assert open_registry_asking(URL, opener=opener, ask=lambda e, t: None) is None
    assert tried == [URL]


def test_the_password_dialog_in_chinese_says_when_it_was_wrong(filled, qtbot):
    from goosetier.gui.connect import open_registry_asking

    opener, _tried = _refusing_opener("s3cret", filled)
    seen = []

    def answer(password):
        dialog = QApplication.activeModalWidget()
        if dialog is None or dialog.objectName() != "passwordDialog":
            QTimer.singleShot(20, lambda: answer(password))
            return
        edit = dialog.password
        seen.append((dialog.windowTitle(), dialog.explain.text(), dialog.problem.text(),
                     edit.echoMode()))
        ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
        assert not ok.isEnabled()
        edit.setText(password)
        ok.click()
        if password == "wrong":
            QTimer.singleShot(20, lambda: answer("s3cret"))

    QTimer.singleShot(20, lambda: answer("wrong"))
    reg = open_registry_asking(URL, opener=opener)
    assert reg is filled
    (title1, explain1, problem1, echo), (_t2, _e2, problem2, _echo2) = seen
    assert title1 == "数据库密码" and echo.name == "Password"
    assert "需要用户 zhang 的密码" in explain1 and "不会保存" in explain1
    assert problem1 == ""
    assert "密码未被接受" in problem2 and "密码或用户名不正确" in problem2


def test_app_start_asks_for_the_password_and_cancel_ends_it(monkeypatch, qapp):
    from goosetier import app as app_module
    from goosetier.gui import connect

    def refuse(target):
        raise RegistryError("db_password_needed", host="h", user="zhang", database="d",
                            path=URL, detail="")

    asked = []
    monkeypatch.setattr(connect, "open_registry", refuse)
    monkeypatch.setattr(connect, "ask_password", lambda e, t: asked.append(e.code))
    monkeypatch.setattr(QApplication, "exec", lambda self=None: 0)
    assert app_module.run(URL) == 1
    assert asked == ["db_password_needed"]


def test_a_password_typed_into_the_settings_is_not_saved(window):
    from goosetier.gui import settings as st

    window.apply_settings({"district": "", "language": st.language(),
                           "database": "postgresql://zhang:s3cret@192.168.1.10/goosetier"}, "")
    assert st.db_location() == "postgresql://zhang@192.168.1.10/goosetier"
    texts = [b.text() for b in window.findChildren(QMessageBox, "messageBox")]
    assert any("数据库地址中含有密码" in t for t in texts)
    st.settings().sync()
    assert "s3cret" not in open(st.settings().fileName(), encoding="utf-8").read()
    for box in window.findChildren(QMessageBox, "messageBox"):
        box.close()


@pytest.mark.postgres
def test_password_prompt_against_a_real_server(pg_server, pg_url, tmp_path, monkeypatch):
    from goosetier.gui.connect import open_registry_asking

    monkeypatch.setenv("PGPASSFILE", str(tmp_path / "none.pgpass"))
    bare = pg_url.replace(f":{pg_server.password}@", "@")
    answers = iter(["not-the-password", pg_server.password])
    codes = []

    def ask(error, tries):
        codes.append(error.code)
        return next(answers)

    reg = open_registry_asking(bare, ask=ask)
    try:
        assert codes == ["db_password_needed", "db_auth_failed"]
        assert pg_server.password not in reg.url
        with reg.session() as s:
            assert s.scalar(__import__("sqlalchemy").text("SELECT 1")) == 1
    finally:
        reg.close()


# --- a busy SQLite file -----------------------------------------------------------------------


@pytest.fixture
def quick_busy(window, monkeypatch):
    """A short busy timeout, so a locked file is noticed in a fraction of a second."""
    from goosetier.gui import editor
    from goosetier.store import database

    monkeypatch.setattr(database, "BUSY_TIMEOUT_MS", 100)
    monkeypatch.setattr(editor, "RETRY_ATTEMPTS", 4)
    window.registry.engine.dispose()  # new connections take the short timeout
    messages: list[str] = []
    window.statusBar().messageChanged.connect(lambda text: text and messages.append(text))
    return messages


def _lock(path, release_after: float | None):
    con = sqlite3.connect(path, timeout=1, check_same_thread=False, isolation_level=None)
    con.execute("BEGIN IMMEDIATE")
    if release_after is not None:
        threading.Timer(release_after, lambda: con.execute("ROLLBACK")).start()
    return con


def test_edit_waits_while_another_program_writes_and_says_so(window, quick_busy):
    eid = window.table.model.enterprise_id(0)
    loaded = load_enterprise(window.registry, eid)
    con = _lock(window.registry.path, release_after=0.4)
    try:
        started = time.monotonic()
        assert window.editor.edit_enterprise(eid, {"notes": "等了一会儿"}, loaded["version"])
        assert time.monotonic() - started >= 0.3
    finally:
        time.sleep(0.1)
        con.close()
    assert any(text.startswith("台账正忙，正在重试…") for text in quick_busy)
    assert load_enterprise(window.registry, eid)["notes"] == "等了一会儿"
    assert window.editor.stack.count() == 1


def test_edit_that_stays_busy_fails_clearly_and_writes_nothing(window, quick_busy, qtbot):
    from goosetier.gui import editor

    eid = window.table.model.enterprise_id(0)
    loaded = load_enterprise(window.registry, eid)
    con = _lock(window.registry.path, release_after=None)
    try:
        assert not window.editor.edit_enterprise(eid, {"notes": "写不进去", "contact_name": "甲"},
                                                 loaded["version"])
    finally:
        con.execute("ROLLBACK")
        con.close()
    box = window.findChild(QMessageBox, "messageBox")
    assert box is not None and box.isVisible()
    assert "台账一直被其他程序占用" in box.text()
    assert f"已重试 {editor.RETRY_ATTEMPTS} 次" in box.text()
    after = load_enterprise(window.registry, eid)
    assert (after["notes"], after["contact_name"], after["version"]) == (
        loaded["notes"], loaded["contact_name"], loaded["version"])
    assert window.editor.stack.count() == 0
    assert sum(text.startswith("台账正忙") for text in quick_busy) == editor.RETRY_ATTEMPTS - 1
    box.close()


def test_undo_that_meets_a_busy_file_retries_too(window, quick_busy):
    eid = window.table.model.enterprise_id(0)
    loaded = load_enterprise(window.registry, eid)
    assert window.editor.edit_enterprise(eid, {"name": "青岛改名测试有限公司"}, loaded["version"])
    con = _lock(window.registry.path, release_after=0.3)
    try:
        window.editor.stack.undo()
    finally:
        time.sleep(0.1)
        con.close()
    assert load_enterprise(window.registry, eid)["name"] == loaded["name"]
    assert any(text.startswith("台账正忙") for text in quick_busy)
    from goosetier.store import models as m

    with window.registry.session() as s:  # the rename's history line went with the undo
        assert not s.query(m.NameHistory).filter_by(enterprise_id=eid).count()


def test_audit_dialog_is_translated_everywhere(window):
    dialog = window.show_audit_log()
    assert window.audit_action.text() == "审计日志(&A)…"
    menu = window.actions.menus["registry"]
    texts = [a.text() for a in menu.actions()]
    assert texts.index("审计日志(&A)…") == texts.index(window.actions.targets.text()) + 1
    assert dialog.user.itemText(0) == "全部用户" and dialog.action.itemText(0) == "全部操作"
    assert dialog.refresh_button.text() == "刷新"
    window.set_language("en", remember=False)
    QApplication.processEvents()
    assert dialog.windowTitle() == "Audit log" and dialog.user.itemText(0) == "All users"
    assert dialog.model.headerData(1, Qt.Orientation.Horizontal) == "OS user"
    assert window.audit_action.text() == "&Audit log…"
    window.set_language("zh_CN", remember=False)
    QApplication.processEvents()
    assert dialog.windowTitle() == "审计日志"
    dialog.reject()
    assert QDialog.DialogCode.Rejected == dialog.result()
