"""Settings, first start with the sample, the excepthook, background tasks."""

from __future__ import annotations

import threading

from PySide6.QtWidgets import QMessageBox

from goosetier.gui import errors, settings, tasks


def test_settings_dialog_values_apply(window, qtbot):
    from goosetier.gui.dialogs.settings_dialog import SettingsDialog

    dialog = SettingsDialog("青岛西海岸新区", window)
    qtbot.addWidget(dialog)
    dialog.district.setText("黄岛区")
    dialog.database.setText(str(window.registry.path.parent / "other.sqlite3"))
    window.apply_settings(dialog.result_values(), "青岛西海岸新区")
    assert "黄岛区" in window.windowTitle()
    assert settings.db_location().endswith("other.sqlite3")
    window.actions.undo.trigger()
    assert "青岛西海岸新区" in window.windowTitle()


def test_registry_location_from_settings_is_used_at_start(tmp_path, monkeypatch):
    from goosetier.app import registry_target

    settings.set_db_location(str(tmp_path / "shared.sqlite3"))
    assert registry_target(None) == str(tmp_path / "shared.sqlite3")
    assert registry_target("explicit.sqlite3") == "explicit.sqlite3"
    monkeypatch.setenv("GOOSETIER_DB", str(tmp_path / "env.sqlite3"))
    assert registry_target(None) is None  # open_registry reads GOOSETIER_DB itself


def test_first_start_offers_the_sample_and_loads_it(qtbot, registry):
    from goosetier.gui.main_window import MainWindow

    win = MainWindow(registry)
    qtbot.addWidget(win)
    win.offer_first_start()
    box = win.last_dialog
    assert box.objectName() == "firstStartBox"
    sample = next(b for b in box.buttons() if "示例" in b.text())
    sample.click()
    qtbot.waitUntil(lambda: (win.browser.model.counts()["all"] or 0) > 50, timeout=30000)
    assert win.browser.model.wait()
    assert win.table.model.rowCount() == win.browser.model.counts()["all"]


def test_unexpected_error_is_logged_with_a_short_apology(qtbot, qapp):
    errors.install_excepthook()
    try:
        raise RuntimeError("boom")
    except RuntimeError as exc:
        box = errors.report_bug(exc)
    qtbot.addWidget(box)
    log = errors.log_file().read_text(encoding="utf-8")
    assert "RuntimeError: boom" in log
    assert "抱歉" in box.text() and str(errors.log_file()) in box.text()
    assert box.icon() == QMessageBox.Icon.Critical


def test_user_errors_get_their_sentence(qtbot):
    from goosetier.store.database import RegistryError

    box = errors.show_error(None, RegistryError("db_locked", path="/x/registry.sqlite3"))
    qtbot.addWidget(box)
    assert "正被另一个程序写入" in box.text()


def test_task_result_and_cancel_come_back_on_the_gui_thread(qtbot):
    gui_thread = threading.get_ident()
    seen: dict = {}

    def work(progress, cancelled):
        progress(1, 2)
        seen["worker"] = threading.get_ident()
        return 42

    handle = tasks.run_task(work, on_done=lambda v: seen.update(value=v,
                                                                 thread=threading.get_ident()))
    qtbot.waitUntil(lambda: "value" in seen)
    assert seen["value"] == 42 and seen["thread"] == gui_thread != seen["worker"]
    assert handle.finished

    gate = threading.Event()

    def slow(progress, cancelled):
        gate.wait(5)
        tasks.check(cancelled)
        return "not reached"

    failure: dict = {}
    handle = tasks.run_task(slow, on_error=lambda e: failure.update(exc=e))
    handle.cancel()
    gate.set()
    qtbot.waitUntil(lambda: "exc" in failure)
    assert isinstance(failure["exc"], tasks.TaskCancelled)
