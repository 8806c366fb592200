"""A generated roster through the wizard: cancel once, then to the end; undo; history."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from goosetier.store import models as m
from tests.gui.rosters import write_roster


def _enterprises(registry) -> int:
    with registry.session() as s:
        return s.scalar(select(func.count()).select_from(m.Enterprise))


def _wait_complete(qtbot, wizard):
    qtbot.waitUntil(lambda: wizard.currentPage().isComplete(), timeout=20000)


@pytest.fixture
def roster(tmp_path):
    return write_roster(tmp_path / "2024年专精特新名单.xlsx")


def test_import_through_the_wizard_with_a_cancel(window, qtbot, roster, qtmodeltester):
    start = _enterprises(window.registry)
    wizard = window.open_import(str(roster))
    qtbot.addWidget(wizard)
    _wait_complete(qtbot, wizard)
    assert wizard.sheet_page.sheet() == "附件1"
    wizard.next()
    _wait_complete(qtbot, wizard)
    assert wizard.mapping_page.overrides()[1] == "name"
    assert wizard.mapping_page.overrides()[4] == "programs"
    wizard.next()  # options
    wizard.options_page.batch.setText("第一批")
    wizard.next()  # preview: runs the dry run in the background
    _wait_complete(qtbot, wizard)
    preview = wizard.preview_page
    qtmodeltester.check(preview.model)
    plan = wizard.session.plan_
    assert plan.count("insert") == 30 and plan.count("rejected") == 1
    assert plan.count("needs_review") == 1
    assert preview.model.plan_row(0).action == "needs_review"  # problems first
    preview.action.setCurrentIndex(preview.action.findData("rejected"))
    assert preview.model.rowCount() == 1
    assert "12345" in preview.model.data(preview.model.index(0, 5))
    preview.action.setCurrentIndex(preview.action.findData("insert"))
    # the new designation as officers write it: year and batch in brackets
    assert preview.model.data(preview.model.index(0, 4)) == "专精特新中小企业（2024年第一批）"
    assert _enterprises(window.registry) == start  # a preview writes nothing

    wizard.next()  # review the near match
    review = wizard.review_page
    assert list(review.combos) == [plan.rows[-2].excel_row] or len(review.combos) == 1
    (row,) = review.combos
    review.decide(row, review.combos[row].itemData(0))  # the same firm
    wizard.next()  # apply — cancel it as soon as it starts
    apply = wizard.apply_page
    wizard.cancel_task()
    qtbot.waitUntil(lambda: not wizard.busy, timeout=20000)
    assert apply.result is None  # cancelled before the first chunk: nothing written
    assert "取消" in apply.status.text() and apply.again.isVisible()
    assert _enterprises(window.registry) == start
    apply.again.click()
    qtbot.waitUntil(lambda: apply.result is not None, timeout=20000)
    result = apply.result
    assert result.inserted == 30 and result.batch_id
    assert _enterprises(window.registry) == start + 30
    assert window.browser.model.wait()
    assert window.browser.model.counts()["all"] == start + 30
    assert window.table.model.rowCount() == start + 30

    saved = apply.save_rejected(str(roster.parent / "rejected.xlsx"))
    from openpyxl import load_workbook

    sheet = load_workbook(saved).active
    assert sheet.max_row == 2 and "12345" in [c.value for c in sheet[2]]

    assert apply.undo_import()
    assert _enterprises(window.registry) == start
    assert window.browser.model.wait()
    assert window.browser.model.counts()["all"] == start


def test_cancel_while_checking_then_check_again(window, qtbot, roster, monkeypatch):
    import threading

    from goosetier.importing.session import ImportSession

    # the first check holds until the cancel reaches it (a 30-row check can finish before a
    # click would), then runs the real plan, which sees cancelled() and stops
    real_plan, started = ImportSession.plan, threading.Event()

    def held_plan(self, *args, **kwargs):
        if not started.is_set():
            started.set()
            for _ in range(2000):
                if self.cancelled():
                    break
                threading.Event().wait(0.01)
        return real_plan(self, *args, **kwargs)

    monkeypatch.setattr(ImportSession, "plan", held_plan)
    wizard = window.open_import(str(roster))
    qtbot.addWidget(wizard)
    _wait_complete(qtbot, wizard)
    wizard.next()
    _wait_complete(qtbot, wizard)
    wizard.next()
    wizard.next()
    assert started.wait(20)
    assert wizard.busy
    wizard.cancel_task()
    qtbot.waitUntil(lambda: not wizard.busy, timeout=20000)
    assert wizard.session.plan_ is None
    assert wizard.preview_page.again.isVisible()
    wizard.preview_page.again.click()
    qtbot.waitUntil(lambda: wizard.preview_page.isComplete(), timeout=20000)
    assert wizard.session.plan_.count("insert") == 30


def test_import_history_lists_and_undoes_a_batch(window, qtbot, roster):
    from goosetier.importing.session import run_import

    start = _enterprises(window.registry)
    result, _plan = run_import(window.registry, roster)
    assert _enterprises(window.registry) > start
    dialog = window.show_import_history()
    qtbot.addWidget(dialog)
    assert dialog.table.rowCount() == 1
    dialog.table.selectRow(0)
    assert dialog.undo_selected(confirm=False)
    assert _enterprises(window.registry) == start
    assert dialog.table.item(0, 5).text()  # marked undone
    assert window.browser.model.wait()
    assert window.browser.model.counts()["all"] == start


def test_dropping_a_workbook_opens_the_wizard(window, qtbot, roster):
    from PySide6.QtCore import QMimeData, QPoint, Qt, QUrl
    from PySide6.QtGui import QDropEvent

    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(roster))])
    event = QDropEvent(QPoint(10, 10), Qt.DropAction.CopyAction, mime,
                       Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    window.dropEvent(event)
    wizard = window.last_dialog
    qtbot.addWidget(wizard)
    assert wizard.objectName() == "importWizard"
    assert wizard.session.path == roster
    _wait_complete(qtbot, wizard)
    wizard.reject()
