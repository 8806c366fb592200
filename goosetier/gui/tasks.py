"""Run work off the GUI thread, with progress and a working Cancel (Picard's thread.run_task).

``run_task(fn, on_done=…, on_error=…, on_progress=…)`` runs ``fn(progress, cancelled)`` on the
global QThreadPool. ``progress(i, n)`` and ``cancelled()`` are plain callables, so the domain
code (the import stages) takes them as parameters and tests can pass stubs. The result or the
exception is delivered back on the GUI thread through a queued signal; the worker never touches
a widget and opens its own database session. A task that notices ``cancelled()`` raises (the
import stages raise ImportCancelled, others ``TaskCancelled`` via ``check``). A ``read_only``
task (the tier browser's counts) writes nothing, so ``running()`` leaves it out: the change
watcher need not wait for it.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QRunnable, QThreadPool, Signal, Slot

Progress = Callable[[int, int], None]
Cancelled = Callable[[], bool]


class TaskCancelled(Exception):
    """Raised by a task that noticed cancelled() (or by `check`)."""


class _Signals(QObject):
    progress = Signal(int, int)
    done = Signal(object)
    failed = Signal(object)


class TaskHandle(QObject):
    """What the caller keeps: cancel() it, or wait() for it in tests and at shutdown.

    It lives on the GUI thread, so the worker's signals reach its slots queued: the callbacks
    always run on the GUI thread.
    """

    def __init__(self, on_done=None, on_error=None, on_progress=None,
                 read_only: bool = False) -> None:
        super().__init__()
        self.read_only = read_only
        self._cancel = threading.Event()
        self._finished = threading.Event()
        self._delivered = False
        self._callbacks = (on_done, on_error, on_progress)
        self.signals = _Signals()
        self.signals.done.connect(self._done)
        self.signals.failed.connect(self._failed)
        self.signals.progress.connect(self._progress)

    @Slot(object)
    def _done(self, value) -> None:
        _running.discard(self)
        self._delivered = True
        if self._callbacks[0] is not None:
            self._callbacks[0](value)

    @Slot(object)
    def _failed(self, exc) -> None:
        _running.discard(self)
        self._delivered = True
        if self._callbacks[1] is not None:
            self._callbacks[1](exc)

    @Slot(int, int)
    def _progress(self, i: int, n: int) -> None:
        if self._callbacks[2] is not None:
            self._callbacks[2](i, n)

    def cancel(self) -> None:
        self._cancel.set()

    def cancelled(self) -> bool:
        return self._cancel.is_set()

    @property
    def finished(self) -> bool:
        return self._finished.is_set()

    def wait(self, timeout: float | None = None) -> bool:
        return self._finished.wait(timeout)

    def deliver(self, timeout: float | None = None) -> bool:
        """On the GUI thread: wait for the task, then run its on_done / on_error now instead of
        from the event loop (nothing else is processed). False when it did not end in time."""
        if not self._finished.wait(timeout):
            return False
        for _ in range(1000):  # the worker emits its signal right after setting _finished
            QCoreApplication.sendPostedEvents(self, QEvent.Type.MetaCall)
            if self._delivered:
                return True
            time.sleep(0.001)
        return self._delivered


class _Runnable(QRunnable):
    def __init__(self, handle: TaskHandle, fn: Callable[[Progress, Cancelled], Any]) -> None:
        super().__init__()
        self.handle, self.fn = handle, fn
        self.setAutoDelete(True)

    def run(self) -> None:
        h = self.handle
        try:
            # a step that finished is reported as finished even if Cancel came too late:
            # its work (an import written) must not be hidden
            result = self.fn(lambda i, n: h.signals.progress.emit(int(i), int(n)), h.cancelled)
        except BaseException as exc:  # noqa: BLE001 - handed to the GUI thread
            h._finished.set()
            h.signals.failed.emit(exc)
            return
        h._finished.set()
        h.signals.done.emit(result)


_running: set[TaskHandle] = set()


def run_task(fn: Callable[[Progress, Cancelled], Any], *,
             on_done: Callable[[Any], None] | None = None,
             on_error: Callable[[BaseException], None] | None = None,
             on_progress: Callable[[int, int], None] | None = None,
             read_only: bool = False) -> TaskHandle:
    """Start `fn(progress, cancelled)` on the thread pool; callbacks run on the GUI thread."""
    handle = TaskHandle(on_done, on_error, on_progress, read_only)
    _running.add(handle)
    QThreadPool.globalInstance().start(_Runnable(handle, fn))
    return handle


def check(cancelled: Cancelled) -> None:
    """Raise TaskCancelled when the user pressed Cancel (call between batches)."""
    if cancelled():
        raise TaskCancelled()


def running(read_only: bool = False) -> int:
    """Tasks not yet delivered: those that write, or (`read_only`) every one."""
    return sum(1 for h in _running if read_only or not h.read_only)


def wait_all(timeout_ms: int = 30000) -> bool:
    """Block until every task ended (window close, test teardown)."""
    for h in list(_running):
        h.cancel()
    return QThreadPool.globalInstance().waitForDone(timeout_ms)
