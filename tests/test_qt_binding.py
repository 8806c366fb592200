"""Guard against a Qt binding that corrupts the interpreter (PySide6 6.12.0 on CPython 3.11
lost a reference to None on every void call and aborted the window after a few thousand)."""

from __future__ import annotations

import sys


def test_void_qt_calls_keep_none_alive(qapp):
    from PySide6.QtWidgets import QWidget

    w = QWidget()
    before = sys.getrefcount(None)
    for _ in range(2000):
        w.setObjectName("probe")
    assert sys.getrefcount(None) - before >= -10


def test_signal_disconnect_keeps_booleans_alive(qapp):
    from PySide6.QtCore import QObject, Signal

    class Emitter(QObject):
        ping = Signal()

    e = Emitter()

    def slot() -> None:
        pass

    before = sys.getrefcount(True) + sys.getrefcount(False)
    for _ in range(2000):
        e.ping.connect(slot)
        e.ping.disconnect(slot)
    assert sys.getrefcount(True) + sys.getrefcount(False) - before >= -10
