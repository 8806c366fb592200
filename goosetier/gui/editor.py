"""Every edit the window makes, as a QUndoCommand on one QUndoStack (Ctrl+Z / Ctrl+Shift+Z).

An edit is written first (so a refused edit — a bad code, a record changed by someone else —
never enters the stack); the command's first ``redo`` is that write, later undo/redo call the
write functions of ``gui.edits`` / ``gui.plan_edits`` again with the version the last write
left. Each write returns ``Changes``; ``changed`` carries them to the views. A failure is
emitted on ``failed`` with what to reload; a failed undo or redo clears the history, since it
no longer matches the registry.

Every write runs through store.sharing.with_retry: when another program holds the SQLite file
(database is locked) or PostgreSQL reports a deadlock, the whole transaction runs again after a
pause, and ``busy`` lets the window say 台账正忙，正在重试…. Each attempt is one transaction, so
a write that stays busy leaves nothing half-written and fails with RegistryError("db_busy").
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from goosetier.gui import edits as ed
from goosetier.gui import plan_edits as pe
from goosetier.gui.changes import Changes
from goosetier.store.sharing import with_retry

# attempts per write; each already waits up to the SQLite busy timeout (5 s) for the lock
RETRY_ATTEMPTS = 3


class OpCommand(QUndoCommand):
    def __init__(self, text: str, editor: Editor, undo: Callable[[], Changes],
                 redo: Callable[[], Changes]) -> None:
        super().__init__(text)
        self._editor, self._undo, self._redo = editor, undo, redo
        self._done_once = False

    def redo(self) -> None:
        if not self._done_once:  # the write already happened before push()
            self._done_once = True
            return
        self._editor._replay(self._redo)

    def undo(self) -> None:
        self._editor._replay(self._undo)


class Editor(QObject):
    changed = Signal(object)  # Changes
    failed = Signal(object, object, object)  # exception, Changes to reload, retry(version)
    busy = Signal(int)  # the registry is busy: attempt number that failed, retrying

    def __init__(self, registry, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.registry = registry
        self.stack = QUndoStack(self)
        self.stack.setUndoLimit(200)
        # the version each row had after this window's last write to it: undo and redo of any
        # command on the row start from it, so several commands on one row chain correctly,
        # and a row someone else saved in between is still refused (a conflict)
        self.versions: dict[tuple[str, int], int] = {}
        self.writing = False  # inside a write (the window may process paint events meanwhile)

    # --- plumbing ------------------------------------------------------------------------------

    def _write(self, fn: Callable[[], Any]) -> Any:
        """Run one write, again while the registry is busy (``busy`` tells the window)."""
        self.writing = True
        try:
            return with_retry(fn, attempts=RETRY_ATTEMPTS,
                              on_busy=lambda attempt, _exc: self.busy.emit(attempt))
        finally:
            self.writing = False

    def _first(self, fn: Callable[[], Any], reload: Changes = Changes(),
               retry: Callable[[int], Any] | None = None) -> Any:
        """Run the first write; on failure tell the window (with how to retry over a newer
        version, for a conflict) and return None."""
        try:
            return self._write(fn)
        except Exception as exc:  # noqa: BLE001 - shown by the window
            self.failed.emit(exc, reload, retry)
            return None

    def _push(self, text: str, changes: Changes, undo, redo) -> None:
        self.stack.push(OpCommand(text, self, undo, redo))
        self.changed.emit(changes)

    def _replay(self, fn: Callable[[], Changes]) -> None:
        try:
            changes = self._write(fn)
        except Exception as exc:  # noqa: BLE001
            QTimer.singleShot(0, self.stack.clear)
            self.failed.emit(exc, Changes(reload_all=True, counts=True, plans=True), None)
            return
        self.changed.emit(changes)

    def _versioned(self, update, table: str, row_id: int, after: dict, before: dict,
                   version: int, text: str, changes: Changes) -> None:
        """Push an update whose undo/redo start from the row's last known version."""
        key = (table, row_id)
        self.versions[key] = version

        def apply(values):
            def run() -> Changes:
                result = update(self.registry, row_id, values, self.versions[key])
                self.versions[key] = result[2]
                return result[0]
            return run

        self._push(text, changes, apply(before), apply(after))

    # --- enterprises ---------------------------------------------------------------------------

    def edit_enterprise(self, eid: int, values: dict[str, Any], version: int) -> bool:
        done = self._first(lambda: ed.update_enterprise(self.registry, eid, values, version),
                           Changes(enterprises=frozenset({eid})),
                           lambda newer: self.edit_enterprise(eid, values, newer))
        if done is None:
            return False
        changes, before, new_version, history_id = done
        key = ("enterprise", eid)
        self.versions[key] = new_version
        state = {"history": history_id}

        def undo() -> Changes:
            result = ed.update_enterprise(self.registry, eid, before, self.versions[key],
                                          rename_history=False, drop_history=state["history"])
            self.versions[key], state["history"] = result[2], None
            return result[0]

        def redo() -> Changes:
            result = ed.update_enterprise(self.registry, eid, values, self.versions[key])
            self.versions[key], state["history"] = result[2], result[3]
            return result[0]

        self._push(self.tr("Edit enterprise"), changes, undo, redo)
        return True

    def add_enterprise(self, values: dict[str, Any]) -> int | None:
        done = self._first(lambda: ed.add_enterprise(self.registry, values))
        if done is None:
            return None
        changes, eid = done
        state: dict[str, Any] = {}

        def undo() -> Changes:
            result, state["snap"] = ed.delete_enterprises(self.registry, [eid])
            return result

        self._push(self.tr("Add enterprise"), changes, undo,
                   lambda: ed.restore_enterprises(self.registry, state["snap"]))
        return eid

    def delete_enterprises(self, ids: list[int]) -> bool:
        done = self._first(lambda: ed.delete_enterprises(self.registry, list(ids)))
        if done is None:
            return False
        changes, snap = done
        state = {"snap": snap}

        def redo() -> Changes:
            result, state["snap"] = ed.delete_enterprises(self.registry, list(ids))
            return result

        text = self.tr("Delete %n enterprise(s)", "", len(ids))
        self._push(text, changes, lambda: ed.restore_enterprises(self.registry, state["snap"]),
                   redo)
        return True

    def save_figure(self, eid: int, year: int, values: dict[str, Any] | None) -> bool:
        done = self._first(lambda: ed.save_figure(self.registry, eid, year, values))
        if done is None:
            return False
        changes, before = done
        self._push(self.tr("Edit yearly figures"), changes,
                   lambda: ed.save_figure(self.registry, eid, year, before)[0],
                   lambda: ed.save_figure(self.registry, eid, year, values)[0])
        return True

    # --- designations --------------------------------------------------------------------------

    def add_designation(self, eid: int, values: dict[str, Any]) -> int | None:
        done = self._first(lambda: ed.add_designation(self.registry, eid, values))
        if done is None:
            return None
        changes, did = done
        state: dict[str, Any] = {}

        def undo() -> Changes:
            result, state["snap"] = ed.delete_designation(self.registry, did)
            return result

        self._push(self.tr("Add designation"), changes, undo,
                   lambda: ed.restore_designation(self.registry, state["snap"]))
        return did

    def edit_designation(self, did: int, values: dict[str, Any], version: int,
                         text: str | None = None) -> bool:
        done = self._first(lambda: ed.update_designation(self.registry, did, values, version),
                           Changes(reload_all=True),
                           lambda newer: self.edit_designation(did, values, newer, text))
        if done is None:
            return False
        changes, before, new_version = done
        self._versioned(ed.update_designation, "designation", did, values, before, new_version,
                        text or self.tr("Edit designation"), changes)
        return True

    def revoke_designation(self, did: int, version: int) -> bool:
        return self.edit_designation(did, {"status": "revoked"}, version,
                                     self.tr("Revoke designation"))

    def delete_designation(self, did: int) -> bool:
        done = self._first(lambda: ed.delete_designation(self.registry, did))
        if done is None:
            return False
        changes, snap = done
        self._push(self.tr("Delete designation"), changes,
                   lambda: ed.restore_designation(self.registry, snap),
                   lambda: ed.delete_designation(self.registry, did)[0])
        return True

    # --- plans, targets, settings ----------------------------------------------------------------

    def edit_target(self, target_id: int, values: dict[str, Any], version: int) -> bool:
        done = self._first(lambda: pe.update_target(self.registry, target_id, values, version),
                           pe.PLAN_CHANGED,
                           lambda newer: self.edit_target(target_id, values, newer))
        if done is None:
            return False
        changes, before, new_version = done
        self._versioned(pe.update_target, "target", target_id, values, before, new_version,
                        self.tr("Edit target"), changes)
        return True

    def edit_plan(self, plan_id: int, values: dict[str, Any], version: int) -> bool:
        done = self._first(lambda: pe.update_plan(self.registry, plan_id, values, version),
                           pe.PLAN_CHANGED, lambda newer: self.edit_plan(plan_id, values, newer))
        if done is None:
            return False
        changes, before, new_version = done
        self._versioned(pe.update_plan, "plan_period", plan_id, values, before, new_version,
                        self.tr("Edit plan period"), changes)
        return True

    def add_plan(self, name: str, baseline_year: int, target_year: int, name_en: str = "",
                 note: str = "", copy_metrics_from: int | None = None) -> int | None:
        done = self._first(lambda: pe.add_plan(self.registry, name, baseline_year, target_year,
                                               name_en, note, copy_metrics_from))
        if done is None:
            return None
        changes, plan_id = done
        state: dict[str, Any] = {}

        def undo() -> Changes:
            result, state["snap"] = pe.delete_plan(self.registry, plan_id)
            return result

        self._push(self.tr("Add plan period"), changes, undo,
                   lambda: pe.restore_plan(self.registry, state["snap"]))
        return plan_id

    def add_target(self, plan_id: int, metric_id: str) -> int | None:
        done = self._first(lambda: pe.add_target(self.registry, plan_id, metric_id))
        if done is None:
            return None
        changes, target_id = done
        state: dict[str, Any] = {}

        def undo() -> Changes:
            result, state["snap"] = pe.delete_target(self.registry, target_id)
            return result

        self._push(self.tr("Add target"), changes, undo,
                   lambda: pe.restore_target(self.registry, state["snap"]))
        return target_id

    def delete_target(self, target_id: int) -> bool:
        done = self._first(lambda: pe.delete_target(self.registry, target_id))
        if done is None:
            return False
        changes, snap = done
        self._push(self.tr("Remove target"), changes,
                   lambda: pe.restore_target(self.registry, snap),
                   lambda: pe.delete_target(self.registry, target_id)[0])
        return True

    def set_setting(self, key: str, value: str | None) -> bool:
        done = self._first(lambda: pe.set_setting(self.registry, key, value))
        if done is None:
            return False
        changes, before = done
        self._push(self.tr("Change settings"), changes,
                   lambda: pe.set_setting(self.registry, key, before)[0],
                   lambda: pe.set_setting(self.registry, key, value)[0])
        return True

    def notify(self, changes: Changes) -> None:
        """Announce changes made outside the stack (an import, its undo)."""
        self.changed.emit(changes)
