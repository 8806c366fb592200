"""Window tests: a populated registry, the window in Chinese, no task left running."""

from __future__ import annotations

import shutil

import pytest

from tests.gui.builders import populate


@pytest.fixture(scope="session")
def filled_template(tmp_path_factory):
    """One populated registry file per run; each test gets a copy (migrating is the slow part)."""
    from goosetier.store.database import open_registry

    path = tmp_path_factory.mktemp("template") / "registry.sqlite3"
    reg = open_registry(path)
    populate(reg)
    with reg.engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    reg.close()
    return path


@pytest.fixture
def filled(filled_template, tmp_path):
    """A registry with 40 enterprises across the tiers (a copy of the template)."""
    from goosetier.store.database import open_registry

    path = tmp_path / "filled.sqlite3"
    shutil.copyfile(filled_template, path)
    reg = open_registry(path)
    yield reg
    reg.close()


@pytest.fixture(autouse=True)
def chinese_and_no_dangling_tasks(qapp):
    from goosetier.gui import i18n, tasks

    i18n.install("zh_CN")
    yield
    assert tasks.wait_all(10000), "a background task was still running"
    qapp.processEvents()
    i18n.install("zh_CN")


@pytest.fixture
def window(qtbot, filled):
    from goosetier.gui.main_window import MainWindow

    win = MainWindow(filled)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    return win
