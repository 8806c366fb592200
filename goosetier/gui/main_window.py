"""The main window: tier browser | enterprise table | detail panel, and the dashboard tab.

Composition only: the panes, the Editor (undo stack) and the actions are built here and wired
together. A write's ``Changes`` go to every pane, each refreshing what concerns it. Changes
other officers make are noticed by gui.watch.ChangeWatcher and refreshed the same way, keeping
the officer's selection, scroll position, sort and unsaved form. UI state (geometry, splitters,
table header, recent files, last folder) is kept in QSettings.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QEventLoop, QItemSelectionModel, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QLabel, QMainWindow, QMessageBox, QSplitter, QTabWidget
from sqlalchemy import func, select

from goosetier import APP_NAME_ZH, __version__
from goosetier.gui import i18n
from goosetier.gui import settings as st
from goosetier.gui.actions import Actions
from goosetier.gui.changes import EVERYTHING, Changes
from goosetier.gui.charts.dashboard import Dashboard
from goosetier.gui.editor import Editor
from goosetier.gui.views.detail_panel import DetailPanel
from goosetier.gui.views.enterprise_view import EnterpriseView
from goosetier.gui.views.tier_browser import TierBrowser
from goosetier.gui.watch import ChangeWatcher, who
from goosetier.gui.window_ops import WindowOps
from goosetier.store import models as m
from goosetier.store.queries import district_name
from goosetier.store.sharing import strip_password

ROSTER_SUFFIXES = {".xlsx", ".xlsm", ".xls", ".ods", ".csv", ".et", ".xlsb"}


class MainWindow(WindowOps, QMainWindow):
    def __init__(self, registry, today: dt.date | None = None) -> None:
        super().__init__()
        self.setObjectName("mainWindow")
        self.registry = registry
        self.today = today or dt.date.today()
        self.editor = Editor(registry, self)
        self.browser = TierBrowser(registry, self)
        self.table = EnterpriseView(registry, self)
        self.detail = DetailPanel(registry, self.editor, self)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("mainSplitter")
        for w in (self.browser, self.table, self.detail):
            self.splitter.addWidget(w)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([260, 720, 460])
        self.dashboard = Dashboard(registry, self, self.today)
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("mainTabs")
        self.tabs.addTab(self.splitter, "")
        self.tabs.addTab(self.dashboard, "")
        self.setCentralWidget(self.tabs)
        self.actions = Actions(self)
        self.audit_action = self._add_audit_action()
        self.count_label, self.path_label = QLabel(self), QLabel(self)
        self.path_label.setObjectName("registryPath")
        self.statusBar().addPermanentWidget(self.count_label)
        self.statusBar().addPermanentWidget(self.path_label)
        self.setAcceptDrops(True)

        self.browser.node_selected.connect(self._node_selected)
        self.table.enterprise_selected.connect(self.detail.show_enterprise)
        self.table.message.connect(self._search_message)
        self.table.rows_changed.connect(lambda _n: self._update_counts())
        self.dashboard.enterprise_requested.connect(self.show_enterprise)
        self.editor.changed.connect(self.apply_changes)
        self.editor.failed.connect(self.edit_failed)
        self.actions.recent.aboutToShow.connect(self._fill_recent)
        self.actions.columns.aboutToShow.connect(self._fill_columns)
        self.editor.busy.connect(self._show_busy)
        self.watcher = ChangeWatcher(registry, self, paused=lambda: self.editor.writing)
        self.watcher.changed.connect(self.apply_remote_changes)
        self.watcher.unreachable.connect(self._watch_failed)
        self.retranslate()
        self._restore_state()
        self._update_counts()

    def _add_audit_action(self) -> QAction:
        """台账 → 审计日志…, after 规划与目标."""
        action = QAction(self)
        action.setObjectName("actionAuditLog")
        action.triggered.connect(lambda _checked=False: self.show_audit_log())
        self.addAction(action)
        menu = self.actions.menus["registry"]
        items = menu.actions()
        at = items.index(self.actions.targets) + 1
        if at < len(items):
            menu.insertAction(items[at], action)
        else:
            menu.addAction(action)
        return action

    # --- language ----------------------------------------------------------------------------

    def retranslate(self) -> None:
        self.actions.retranslate()
        self.tabs.setTabText(0, self.tr("Registry"))
        self.tabs.setTabText(1, self.tr("Dashboard"))
        self.audit_action.setText(self.tr("&Audit log…"))
        self.audit_action.setToolTip(self.tr("Who changed what, and when"))
        for pane in (self.table, self.detail, self.dashboard):
            pane.retranslate()
        self.browser.model.relabel()
        self._update_title()
        self._update_counts()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def set_language(self, language: str, remember: bool = True) -> None:
        """Switch the window's language now (and for the next start when `remember`)."""
        if remember:
            st.set_language(language)
        i18n.install(language)
        self.retranslate()

    def _update_title(self) -> None:
        with self.registry.session() as s:
            district = district_name(s)
        app = APP_NAME_ZH if i18n.lang() == "zh" else "GooseTier"
        self.setWindowTitle(f"{app} — {district}  (GooseTier {__version__})")

    def _update_counts(self) -> None:
        with self.registry.session() as s:
            total = s.scalar(select(func.count()).select_from(m.Enterprise)) or 0
        shown = self.table.model.rowCount()
        self.count_label.setText(self.tr("{shown} of {total} enterprises shown").format(
            shown=f"{shown:,}", total=f"{total:,}"))
        where = (str(self.registry.path) if self.registry.path
                 else strip_password(self.registry.url))
        self.path_label.setText(self.tr("Registry: {path}").format(path=where))
        self.total_enterprises = total

    # --- filtering and selection --------------------------------------------------------------

    def _node_selected(self, key: str) -> None:
        self.table.set_node_condition(self.browser.model.condition(key))

    def _search_message(self, text: str) -> None:
        if text:
            self.statusBar().showMessage(text, 15000)
        else:
            self.statusBar().clearMessage()

    def show_enterprise(self, eid: int) -> None:
        self.tabs.setCurrentIndex(0)
        if not self.table.select_enterprise(eid):
            self.browser.select("all")
            self.table.search.clear()
            self.table.apply_search()
            self.table.select_enterprise(eid)

    def focus_search(self) -> None:
        self.tabs.setCurrentIndex(0)
        self.table.search.setFocus()
        self.table.search.selectAll()

    # --- changes --------------------------------------------------------------------------------

    def apply_changes(self, changes: Changes) -> None:
        """Refresh what a write changed: table rows, tier counts, detail, dashboard."""
        self.table.model.apply_changes(changes)
        if changes.counts or changes.added or changes.removed or changes.reload_all:
            self.browser.refresh()
        self.detail.apply_changes(changes)
        self.dashboard.apply_changes(changes)
        if changes.settings:
            self._update_title()
        self._update_counts()
        if changes.reload_all:  # an import, its undo, the sample: nothing left to notice
            self.watcher.absorb()

    def apply_remote_changes(self, changes: Changes, found) -> None:
        """Refresh what others changed and say so, keeping the officer's place: the selected
        rows, the scroll position and sort, and a form with unsaved typing (saving it later
        meets the conflict dialog, not a silent overwrite)."""
        from goosetier.core.messages import message

        view, model = self.table, self.table.model
        dirty = self.detail.save_button.isEnabled()
        added = frozenset(i for i in changes.enterprises if model.row_of(i) is None)
        relist = bool(added or changes.removed or changes.reload_all
                      or (changes.counts and model.condition is not None))
        if relist:
            self._relist_keeping_place()
        else:
            model.apply_changes(changes)
        if changes.counts or changes.removed or added or changes.reload_all:
            self.browser.refresh()
        if not dirty or not self.detail.enterprise_id or \
                self.detail.enterprise_id in changes.removed:
            self.detail.apply_changes(changes)
            if view.current_id() is None and self.detail.enterprise_id is not None and relist:
                self.detail.show_enterprise(None)
        self.dashboard.apply_changes(changes)
        if changes.settings or changes.reload_all:
            self._update_title()
        self._update_counts()
        if found is not None and found.events:
            self.statusBar().showMessage(message("changes_by_others", {
                "who": who(found), "n": found.events}, i18n.lang()), 15000)

    def _relist_keeping_place(self) -> None:
        view = self.table
        table, model = view.table, view.model
        selected = [model.enterprise_id(i.row()) for i in table.selectionModel().selectedRows()]
        current = view.current_id()
        scroll = (table.verticalScrollBar().value(), table.horizontalScrollBar().value())
        view.blockSignals(True)  # the detail panel must not reload over unsaved typing
        try:
            model.reload()
            sel = table.selectionModel()
            flags = QItemSelectionModel.SelectionFlag
            sel.clearSelection()
            for eid in selected:
                row = model.row_of(eid) if eid is not None else None
                if row is not None:
                    sel.select(model.index(row, 0), flags.Select | flags.Rows)
            row = model.row_of(current) if current is not None else None
            if row is not None:
                sel.setCurrentIndex(model.index(row, 0), flags.NoUpdate)
        finally:
            view.blockSignals(False)
        table.verticalScrollBar().setValue(scroll[0])
        table.horizontalScrollBar().setValue(scroll[1])

    def _watch_failed(self, exc: BaseException) -> None:
        from goosetier.core.messages import message

        lines = str(getattr(exc, "orig", exc)).strip().splitlines()
        detail = lines[0][:120] if lines else ""
        self.statusBar().showMessage(message("changes_watch_failed", {"detail": detail},
                                             i18n.lang()), 15000)

    def _show_busy(self, attempt: int) -> None:
        from goosetier.core.messages import message

        self.statusBar().showMessage(message("db_busy_retrying", {"attempt": attempt},
                                             i18n.lang()), 10000)
        # the write blocks this thread: paint the message, but take no clicks meanwhile
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents)

    def refresh_all(self) -> None:
        self.apply_changes(EVERYTHING)

    def edit_failed(self, exc: BaseException, reload: Changes, retry) -> None:
        from goosetier.core.messages import message
        from goosetier.gui.errors import show_error
        from goosetier.store.conflicts import ConflictError

        if not isinstance(exc, ConflictError):
            show_error(self, exc)
            if reload.enterprises or reload.reload_all:
                self.apply_changes(reload)
            return
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Record changed by someone else"),
                          self.tr("This record has been changed by someone else; your change "
                                  "was not saved."), QMessageBox.StandardButton.NoButton, self)
        box.setObjectName("conflictBox")
        box.setInformativeText(message(exc.code, exc.params, i18n.lang()))
        reload_button = box.addButton(self.tr("Reload"), QMessageBox.ButtonRole.AcceptRole)
        overwrite = None
        if retry is not None and exc.current_version is not None:
            overwrite = box.addButton(self.tr("Overwrite with my values"),
                                      QMessageBox.ButtonRole.DestructiveRole)
        box.addButton(QMessageBox.StandardButton.Cancel)

        def done(button) -> None:
            if button is overwrite:
                retry(exc.current_version)
            elif button is reload_button:
                self.apply_changes(reload | Changes(counts=True))

        box.buttonClicked.connect(done)
        self.last_dialog = box
        box.open()

    # --- window state ----------------------------------------------------------------------------

    def _restore_state(self) -> None:
        s = st.settings()
        geometry = s.value("window/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            self.resize(1420, 860)
        state = s.value("window/state")
        if state is not None:
            self.restoreState(state)
        split = s.value("window/splitter")
        if split is not None:
            self.splitter.restoreState(split)

    def save_state(self) -> None:
        s = st.settings()
        s.setValue("window/geometry", self.saveGeometry())
        s.setValue("window/state", self.saveState())
        s.setValue("window/splitter", self.splitter.saveState())
        s.sync()
        self.table.save_state()

    def closeEvent(self, event) -> None:  # noqa: N802
        from goosetier.gui import tasks

        self.save_state()
        self.watcher.stop()
        tasks.wait_all(10000)
        super().closeEvent(event)

    # --- drag and drop ------------------------------------------------------------------------

    @staticmethod
    def _roster_paths(mime) -> list[str]:
        if not mime.hasUrls():
            return []
        return [u.toLocalFile() for u in mime.urls()
                if u.isLocalFile() and Path(u.toLocalFile()).suffix.lower() in ROSTER_SUFFIXES]

    def dragEnterEvent(self, event) -> None:  # noqa: N802
        if self._roster_paths(event.mimeData()):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event) -> None:  # noqa: N802
        paths = self._roster_paths(event.mimeData())
        if paths:
            event.acceptProposedAction()
            self.open_import(paths[0])

    # --- recent files, columns ----------------------------------------------------------------

    def _fill_recent(self) -> None:
        menu = self.actions.recent
        menu.clear()
        files = st.recent_files()
        for path in files:
            menu.addAction(path, lambda p=path: self.open_import(p))
        if files:
            menu.addSeparator()
            menu.addAction(self.tr("Clear the list"), st.clear_recent_files)
        else:
            menu.addAction(self.tr("(none)")).setEnabled(False)

    def _fill_columns(self) -> None:
        menu = self.actions.columns
        menu.clear()
        for action in self.table.column_menu().actions():
            action.setParent(menu)
            menu.addAction(action)


def launch(registry, offer_first_start: bool = True,
           warnings: list[tuple[str, dict]] | None = None) -> int:
    from goosetier.core.messages import message
    from goosetier.gui.app_setup import prepare_application
    from goosetier.gui.errors import inform
    from goosetier.gui.i18n import lang

    app = prepare_application()
    win = MainWindow(registry)
    win.show()
    for code, params in warnings or []:  # e.g. a SQLite registry on a network share
        inform(win, "GooseTier", message(code, params, lang()), QMessageBox.Icon.Warning)
    if offer_first_start:
        win.offer_first_start()
    return app.exec()


def startup_failed(exc: BaseException) -> bool:
    """Show why the registry could not be opened; False when `exc` is a bug, not a user's."""
    from goosetier.gui.errors import describe

    text = describe(exc)
    if text is None:
        return False
    QMessageBox.critical(None, "GooseTier", text)
    return True
