"""The enterprise table (centre pane) with its search box.

The table's filter is the browser node's condition AND the parsed search; both are SQL. Rows
have a fixed height (never resizeRowsToContents: 14 s on 100,000 rows); columns can be shown or
hidden from the header's context menu and the header layout is remembered.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QModelIndex, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLineEdit,
    QMenu,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import and_

from goosetier.core.search import SearchIssue, parse
from goosetier.gui import settings as st
from goosetier.gui.models.enterprise_table import COLUMNS, EnterpriseTableModel
from goosetier.gui.models.filters import query_condition

ISSUE_TEXT = {
    "search_unknown_field": QT_TRANSLATE_NOOP("EnterpriseView", "unknown field “{field}”"),
    "search_empty_value": QT_TRANSLATE_NOOP("EnterpriseView", "“{field}:” needs a value"),
    "search_bad_year": QT_TRANSLATE_NOOP("EnterpriseView", "“{value}” is not a year"),
    "search_unknown_tier": QT_TRANSLATE_NOOP("EnterpriseView",
                                             "no tier or program called “{value}”"),
    "search_unknown_program": QT_TRANSLATE_NOOP("EnterpriseView",
                                                "no program called “{value}”"),
    "search_bad_valid": QT_TRANSLATE_NOOP("EnterpriseView",
                                          "valid: takes yes, no or any, not “{value}”"),
    "search_unclosed_quote": QT_TRANSLATE_NOOP("EnterpriseView", "a quote is not closed"),
}


class EnterpriseView(QWidget):
    enterprise_selected = Signal(object)  # enterprise id or None
    message = Signal(str)  # for the status bar (bad search terms, counts)
    rows_changed = Signal(int)

    def __init__(self, registry, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = EnterpriseTableModel(registry, self)
        self._node_condition = None
        self._search_condition = None
        self.issues: list[SearchIssue] = []

        self.search = QLineEdit(self)
        self.search.setObjectName("searchBox")
        self.search.setClearButtonEnabled(True)
        self._timer = QTimer(self, singleShot=True, interval=300)
        self._timer.timeout.connect(self.apply_search)
        self.search.textEdited.connect(lambda _text: self._timer.start())
        self.search.returnPressed.connect(self.apply_search)

        self.table = QTableView(self)
        self.table.setObjectName("enterpriseTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        vheader = self.table.verticalHeader()
        vheader.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        vheader.setDefaultSectionSize(self.fontMetrics().height() + 8)
        vheader.hide()
        header = self.table.horizontalHeader()
        header.setSectionsMovable(True)
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(self._column_menu)
        header.setSortIndicator(0, Qt.SortOrder.AscendingOrder)
        self.table.setSortingEnabled(True)
        self._apply_default_columns()
        self.table.selectionModel().currentRowChanged.connect(self._row_changed)
        self.model.modelReset.connect(self._after_reset)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.search)
        layout.addWidget(self.table)
        self._current_id: int | None = None
        self.retranslate()

    def retranslate(self) -> None:
        self.search.setPlaceholderText(self.tr(
            "Search name, credit code or contact — or tier:小巨人 cluster:芯屏 year:2024 …"))
        self.search.setToolTip(self.grammar_help())
        self.model.refresh_headers()

    def grammar_help(self) -> str:
        return self.tr(
            "<b>Search</b><br>Plain words match the name, credit code or contact; all must "
            "match.<br><br><b>Fields</b> (English or Chinese names):<br>"
            "<tt>tier:专精特新</tt> / <tt>tier:小巨人</tt> — a tier or a program<br>"
            "<tt>program:high_tech,gazelle</tt> — any of several programs<br>"
            "<tt>cluster:芯屏</tt> — industry cluster<br>"
            "<tt>street:灵珠山</tt> — street or park<br>"
            "<tt>year:2024</tt> — judge designations at the end of this year<br>"
            "<tt>valid:yes</tt> / <tt>valid:no</tt> / <tt>valid:any</tt><br>"
            "<tt>code:missing</tt> / <tt>code:warning</tt> / <tt>code:9137</tt><br>"
            "<tt>name:\"青岛 海容\"</tt> — quotes keep spaces<br>"
            "A leading <tt>-</tt> excludes: <tt>-program:listed</tt>")

    # --- filtering -------------------------------------------------------------------------------

    def set_node_condition(self, condition) -> None:
        self._node_condition = condition
        self._refilter()

    def apply_search(self) -> None:
        self._timer.stop()
        query = parse(self.search.text())
        self.issues = list(query.issues)
        self._search_condition = query_condition(query, self.model.year,
                                                 revenue_year=self.revenue_year())
        self._refilter()
        if self.issues:
            words = "；".join(self.describe_issue(i) for i in self.issues)
            self.message.emit(self.tr("Ignored in the search: {terms}").format(terms=words))
        else:
            self.message.emit("")

    def revenue_year(self) -> int:
        from goosetier.gui.models.filters import latest_revenue_year

        with self.model.registry.session() as s:
            return latest_revenue_year(s, self.model.year)

    def describe_issue(self, issue: SearchIssue) -> str:
        text = ISSUE_TEXT.get(issue.code)
        return self.tr(text).format(**issue.params) if text else issue.code

    def _refilter(self) -> None:
        conds = [c for c in (self._node_condition, self._search_condition) if c is not None]
        self.model.set_condition(and_(*conds) if conds else None)

    # --- selection -------------------------------------------------------------------------------

    def _row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        eid = self.model.enterprise_id(current.row()) if current.isValid() else None
        self._current_id = eid
        self.enterprise_selected.emit(eid)

    def _after_reset(self) -> None:
        self.rows_changed.emit(self.model.rowCount())
        if self._current_id is not None and self.select_enterprise(self._current_id):
            return
        self._current_id = None
        self.enterprise_selected.emit(None)

    def select_enterprise(self, eid: int) -> bool:
        row = self.model.row_of(eid)
        if row is None:
            return False
        index = self.model.index(row, 0)
        self.table.setCurrentIndex(index)
        self.table.selectRow(row)
        self.table.scrollTo(index)
        return True

    def current_id(self) -> int | None:
        return self._current_id

    def selected_ids(self) -> list[int]:
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        ids = [self.model.enterprise_id(r) for r in rows]
        if not ids and self._current_id is not None:
            return [self._current_id]
        return [i for i in ids if i is not None]

    # --- columns ----------------------------------------------------------------------------------

    def _apply_default_columns(self) -> None:
        saved = st.settings().value("table/header")
        if saved is not None and self.table.horizontalHeader().restoreState(saved):
            return
        for i, col in enumerate(COLUMNS):
            self.table.setColumnHidden(i, not col.visible)
        widths = {"name": 260, "credit_code": 170, "designations": 240, "cluster": 110,
                  "street": 110, "revenue": 110}
        for i, col in enumerate(COLUMNS):
            self.table.setColumnWidth(i, widths.get(col.key, 110))

    def save_state(self) -> None:
        s = st.settings()
        s.setValue("table/header", self.table.horizontalHeader().saveState())
        s.sync()

    def _column_menu(self, pos) -> None:
        menu = self.column_menu()
        menu.exec(self.table.horizontalHeader().mapToGlobal(pos))

    def column_menu(self) -> QMenu:
        menu = QMenu(self)
        for i, _col in enumerate(COLUMNS):
            action = menu.addAction(self.model.headerData(i, Qt.Orientation.Horizontal))
            action.setCheckable(True)
            action.setChecked(not self.table.isColumnHidden(i))
            action.setEnabled(i != 0)  # the name always shows
            action.toggled.connect(lambda on, c=i: self.table.setColumnHidden(c, not on))
        return menu
