"""Noticing changes other officers (or another GooseTier on the same file) made to the registry.

Every write leaves an audit line, so a QTimer polls store.auditlog every POLL_INTERVAL_MS: one
primary-key query (`changes_since(marker)`) that returns nothing while nobody writes. What
others changed becomes ``Changes`` for the window, which refreshes those rows, the tier counts,
the dashboard and plan figures, and says who changed how much in the status bar.

The window's own writes are told apart exactly, not by login (every PC of an office may log in
as "Administrator"): a session listener on this registry's sessions collects the ids of the
audit lines its ORM writes commit, and the poll skips them. Imports and their undo write their
audit lines with Core statements and reload everything anyway, so the window calls `absorb()`
after them; the poll also waits while a background task (an import) is still running.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, QTimer, Signal
from sqlalchemy import event, select
from sqlalchemy.exc import DBAPIError

from goosetier.gui import tasks
from goosetier.gui.changes import Changes
from goosetier.store import models as m
from goosetier.store.auditlog import ChangeSet, change_marker, changes_since

POLL_INTERVAL_MS = 5000
MAX_NAMES = 3  # names shown in the status bar before "…"

log = logging.getLogger("goosetier.gui")


class ChangeWatcher(QObject):
    """Polls the audit log; emits `changed(Changes, ChangeSet)` for what others changed, and
    `unreachable(error)` once when a poll fails (server down, file busy): polling goes on."""

    changed = Signal(object, object)
    unreachable = Signal(object)

    def __init__(self, registry, parent: QObject | None = None,
                 interval_ms: int = POLL_INTERVAL_MS, paused=lambda: False) -> None:
        super().__init__(parent)
        self.registry = registry
        self.paused = paused  # e.g. the window is in the middle of its own write
        self.own: set[int] = set()  # audit ids this window committed and has not polled past
        self.polls = 0  # for tests: how many queries the timer ran
        with registry.session() as s:
            self.marker = change_marker(s)
        self._listening = False
        self._failing = False
        self._listen(True)
        self.timer = QTimer(self)
        self.timer.setObjectName("changeWatchTimer")
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.poll)
        self.timer.start()

    # --- this window's own audit lines --------------------------------------------------------

    def _listen(self, on: bool) -> None:
        if on == self._listening:
            return
        sessions = self.registry.sessions
        hooks = (("after_flush", self._after_flush), ("after_commit", self._after_commit),
                 ("after_rollback", self._after_rollback))
        for name, fn in hooks:
            (event.listen if on else event.remove)(sessions, name, fn)
        self._listening = on

    @staticmethod
    def _after_flush(session, _context) -> None:
        ids = [o.id for o in session.new if isinstance(o, m.AuditEvent) and o.id is not None]
        if ids:
            session.info.setdefault("goosetier_audit_ids", []).extend(ids)

    def _after_commit(self, session) -> None:
        self.own.update(session.info.pop("goosetier_audit_ids", ()))

    @staticmethod
    def _after_rollback(session) -> None:
        # a rolled-back id may be handed out again, to someone else's line
        session.info.pop("goosetier_audit_ids", None)

    # --- polling --------------------------------------------------------------------------------

    def poll(self) -> ChangeSet | None:
        """Look once; emit `changed` when others changed something. Returns what was found."""
        if self.paused() or tasks.running():
            return None
        self.polls += 1
        try:
            with self.registry.session() as s:
                found = changes_since(s, self.marker, skip=self.own)
        except DBAPIError as exc:  # a timer must not raise: say it once, try again later
            log.warning("watching the registry failed: %s", exc)
            if not self._failing:
                self._failing = True
                self.unreachable.emit(exc)
            return None
        self._failing = False
        self._advance(found.marker)
        if not found:
            return found
        self.changed.emit(self.to_changes(found), found)
        return found

    def absorb(self) -> ChangeSet:
        """After the window reloaded everything itself (its own import, undo or sample): move
        the marker past it. Lines by other logins in between are still reported."""
        with self.registry.session() as s:
            found = changes_since(s, self.marker, skip=self.own)
        self._advance(found.marker)
        if found.by_others:
            found.events = found.by_others
            self.changed.emit(Changes(), found)
        return found

    def _advance(self, marker: int) -> None:
        self.marker = marker
        self.own = {i for i in self.own if i > marker}

    def to_changes(self, found: ChangeSet) -> Changes:
        """What the window must refresh: the touched enterprises that still exist (one query),
        those that are gone, and whether counts, plans or shared settings may differ."""
        if found.everything:
            return Changes(reload_all=True, counts=True, plans=True, settings=True)
        ids = frozenset(found.enterprise_ids)
        existing: set[int] = set()
        if ids:
            with self.registry.session() as s:
                existing = set(s.scalars(select(m.Enterprise.id).where(m.Enterprise.id.in_(ids))))
        return Changes(enterprises=frozenset(existing), removed=ids - existing, counts=found.counts, plans=found.plans,
                       settings=not (found.counts or found.plans or ids))

    def stop(self) -> None:
        self.timer.stop()
        self._listen(False)


def who(found: ChangeSet) -> str:
    """The names for changes_by_others: 李四、王五 (or 李四、王五、赵六…)."""
    names = sorted(found.users)
    text = "、".join(names[:MAX_NAMES])
    return text + ("…" if len(names) > MAX_NAMES else "")
