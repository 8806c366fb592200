"""Starting the window: a registry that cannot be opened is said in a dialog (started from a
menu there is no terminal), and warnings about where the registry lives are shown once."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QApplication, QMessageBox

from goosetier import app as app_module


@pytest.fixture
def no_event_loop(monkeypatch, qapp):
    # Windows of earlier tests are closed but deleted only by the event loop: delete them now,
    # or run()'s application font reaches them half torn down (PySide prints "Error calling
    # Python override of QWidget::metric()")
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    monkeypatch.setattr(QApplication, "exec", lambda self=None: 0)
    yield
    for w in QApplication.topLevelWidgets():
        w.close()


def test_registry_that_is_not_sqlite_is_reported_in_a_dialog(tmp_path, monkeypatch, no_event_loop):
    bad = tmp_path / "roster.sqlite3"
    bad.write_bytes(b"not a database at all")
    shown = []
    monkeypatch.setattr(QMessageBox, "critical", staticmethod(lambda parent, title, text: shown.append(text)))
    assert app_module.run(str(bad)) == 1
    assert len(shown) == 1 and "不是 SQLite" in shown[0] and str(bad) in shown[0]
    assert bad.read_bytes() == b"not a database at all"


def test_registry_on_a_network_share_warns_once(tmp_path, monkeypatch, no_event_loop):
    import goosetier.store.sharing as sharing

    monkeypatch.setattr(sharing, "network_share_kind", lambda path: "cifs")
    seen = []
    import goosetier.gui.errors as errors

    real_inform = errors.inform
    monkeypatch.setattr(errors, "inform", lambda *a, **k: seen.append(a[2]) or real_inform(*a, **k))
    assert app_module.run(str(tmp_path / "r.sqlite3")) == 0
    assert len(seen) == 1
    assert str(tmp_path / "r.sqlite3") in seen[0]
