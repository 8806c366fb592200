"""台账 → 审计日志…: who changed what and when, newest first, with filters.

The lines come from store.auditlog (`count_audit`, `list_audit`) a page at a time: the model
holds the lines fetched so far and the view asks for the next page (`fetchMore`) as the officer
scrolls, so a log of 100,000 lines opens as fast as one of ten. Pages continue below the last
id shown, so lines written meanwhile never shift or repeat a page. Times are stored in UTC and
shown in local time; dates in the filter are local days.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import replace
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QDate,
    QEvent,
    QModelIndex,
    Qt,
    QTimer,
)
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import select

from goosetier.core.catalog import load_catalog
from goosetier.core.messages import message
from goosetier.gui import settings as st
from goosetier.gui.i18n import lang
from goosetier.gui.import_fields import field_label
from goosetier.store import models as m
from goosetier.store.auditlog import (
    AuditFilter,
    AuditRow,
    audit_actions,
    audit_users,
    count_audit,
    list_audit,
)

PAGE = 200
CTX = "AuditDialog"
GEOMETRY_KEY, HEADER_KEY = "dialogs/audit_geometry", "dialogs/audit_header"

ACTIONS = {
    "enterprise.add": QT_TRANSLATE_NOOP("AuditDialog", "Enterprise added"),
    "enterprise.edit": QT_TRANSLATE_NOOP("AuditDialog", "Enterprise edited"),
    "enterprise.delete": QT_TRANSLATE_NOOP("AuditDialog", "Enterprise deleted"),
    "enterprise.restore": QT_TRANSLATE_NOOP("AuditDialog", "Enterprise restored (undo)"),
    "designation.add": QT_TRANSLATE_NOOP("AuditDialog", "Designation added"),
    "designation.edit": QT_TRANSLATE_NOOP("AuditDialog", "Designation edited"),
    "designation.revoke": QT_TRANSLATE_NOOP("AuditDialog", "Designation revoked"),
    "designation.delete": QT_TRANSLATE_NOOP("AuditDialog", "Designation deleted"),
    "designation.restore": QT_TRANSLATE_NOOP("AuditDialog", "Designation restored (undo)"),
    "figures.edit": QT_TRANSLATE_NOOP("AuditDialog", "Yearly figures edited"),
    "import.apply": QT_TRANSLATE_NOOP("AuditDialog", "Roster imported"),
    "import.undo": QT_TRANSLATE_NOOP("AuditDialog", "Import undone"),
    "plan_period.edit": QT_TRANSLATE_NOOP("AuditDialog", "Plan period edited"),
    "plan.add": QT_TRANSLATE_NOOP("AuditDialog", "Plan period added"),
    "plan.delete": QT_TRANSLATE_NOOP("AuditDialog", "Plan period deleted"),
    "plan.restore": QT_TRANSLATE_NOOP("AuditDialog", "Plan period restored (undo)"),
    "target.add": QT_TRANSLATE_NOOP("AuditDialog", "Target added"),
    "target.edit": QT_TRANSLATE_NOOP("AuditDialog", "Target edited"),
    "target.delete": QT_TRANSLATE_NOOP("AuditDialog", "Target removed"),
    "target.restore": QT_TRANSLATE_NOOP("AuditDialog", "Target restored (undo)"),
    "setting.edit": QT_TRANSLATE_NOOP("AuditDialog", "Setting changed"),
    "registry.migrate_to": QT_TRANSLATE_NOOP("AuditDialog", "Registry moved to the server"),
}
TABLES = {
    "enterprise": QT_TRANSLATE_NOOP("AuditDialog", "Enterprise"),
    "designation": QT_TRANSLATE_NOOP("AuditDialog", "Designation"),
    "yearly_figure": QT_TRANSLATE_NOOP("AuditDialog", "Yearly figures"),
    "import_batch": QT_TRANSLATE_NOOP("AuditDialog", "Import"),
    "plan_period": QT_TRANSLATE_NOOP("AuditDialog", "Plan period"),
    "target": QT_TRANSLATE_NOOP("AuditDialog", "Target"),
    "setting": QT_TRANSLATE_NOOP("AuditDialog", "Setting"),
}
HEADERS = (QT_TRANSLATE_NOOP("AuditDialog", "Time"),
           QT_TRANSLATE_NOOP("AuditDialog", "OS user"),
           QT_TRANSLATE_NOOP("AuditDialog", "Database user"),
           QT_TRANSLATE_NOOP("AuditDialog", "Action"),
           QT_TRANSLATE_NOOP("AuditDialog", "Record"),
           QT_TRANSLATE_NOOP("AuditDialog", "Details"))
DETAIL_KEYS = {
    "file": QT_TRANSLATE_NOOP("AuditDialog", "file"),
    "inserted": QT_TRANSLATE_NOOP("AuditDialog", "new"),
    "updated": QT_TRANSLATE_NOOP("AuditDialog", "updated"),
    "rejected": QT_TRANSLATE_NOOP("AuditDialog", "rejected"),
    "year": QT_TRANSLATE_NOOP("AuditDialog", "year"),
    "program": QT_TRANSLATE_NOOP("AuditDialog", "program"),
    "key": QT_TRANSLATE_NOOP("AuditDialog", "setting"),
    "version": QT_TRANSLATE_NOOP("AuditDialog", "version"),
}
OVERWROTE = QT_TRANSLATE_NOOP("AuditDialog", "overwrote version {version} by {who}")


def _tr(text: str) -> str:
    return QCoreApplication.translate(CTX, text)


def action_label(action: str) -> str:
    text = ACTIONS.get(action)
    return _tr(text) if text else action


def local_time(at: dt.datetime) -> str:
    return at.replace(tzinfo=dt.UTC).astimezone().strftime("%Y-%m-%d %H:%M:%S")


def _value(value: Any) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, float):
        return f"{value:,.0f}" if value == int(value) else f"{value:,.2f}"
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False, default=str)
    return str(value)


def detail_text(row: AuditRow) -> str:
    """The details in words: the fields an edit changed (before → after), the counts of an
    import; other keys as they are."""
    d = row.detail
    if not isinstance(d, dict):
        return "" if d is None else _value(d)
    parts: list[str] = []
    if isinstance(d.get("after"), dict):
        before = d.get("before") if isinstance(d.get("before"), dict) else {}
        parts += [f"{field_label(k)}：{_value(before.get(k))} → {_value(v)}"
                  for k, v in d["after"].items() if _value(before.get(k)) != _value(v)]
        rest = {k: v for k, v in d.items() if k not in ("before", "after", "version", "year")}
    elif "before" in d and "after" in d:  # a setting or a year's figures
        rest = {k: v for k, v in d.items() if k not in ("before", "after")}
        parts.append(f"{_value(d['before'])} → {_value(d['after'])}")
    else:
        rest = {k: v for k, v in d.items() if k not in ("name", "enterprise_id")}
    for key, value in rest.items():
        if key == "overwrote" and isinstance(value, dict):
            parts.append(_tr(OVERWROTE).format(
                version=value.get("version"), who=value.get("os_user") or "?"))
            continue
        if key == "program" and isinstance(value, str):
            program = load_catalog().programs.get(value)
            value = program.name(lang()) if program else value
        label = DETAIL_KEYS.get(key)
        parts.append(f"{_tr(label) if label else key}：{_value(value)}")
    return "；".join(parts)


class AuditModel(QAbstractTableModel):
    """The lines matching a filter, newest first, fetched a page at a time."""

    def __init__(self, registry, parent=None) -> None:
        super().__init__(parent)
        self.registry = registry
        self.filter = AuditFilter(limit=PAGE)
        self.rows: list[AuditRow] = []
        self.total = 0
        self._names: dict[int, str] = {}  # enterprise id → current name, for the Record column
        self.queries = 0

    def set_filter(self, flt: AuditFilter) -> None:
        self.beginResetModel()
        self.filter = replace(flt, limit=PAGE, offset=0, before_id=None)
        with self.registry.session() as s:
            self.total = count_audit(s, self.filter)
            self.rows = self._load(s, self.filter)
        self.endResetModel()

    def reload(self) -> None:
        self.set_filter(self.filter)

    def _load(self, session, flt: AuditFilter) -> list[AuditRow]:
        self.queries += 1
        rows = list_audit(session, flt)
        wanted = {eid for eid in (_enterprise_of(r) for r in rows)
                  if eid is not None and eid not in self._names}
        if wanted:
            found = session.execute(select(m.Enterprise.id, m.Enterprise.name)
                                    .where(m.Enterprise.id.in_(wanted))).all()
            self._names.update((eid, name) for eid, name in found)
        return rows

    def canFetchMore(self, parent: QModelIndex = QModelIndex()) -> bool:  # noqa: B008, N802
        return not parent.isValid() and len(self.rows) < self.total

    def fetchMore(self, parent: QModelIndex = QModelIndex()) -> None:  # noqa: B008, N802
        if not self.canFetchMore(parent):
            return
        with self.registry.session() as s:
            more = self._load(s, replace(self.filter, before_id=self.rows[-1].id))
        if not more:
            self.total = len(self.rows)
            return
        self.beginInsertRows(QModelIndex(), len(self.rows), len(self.rows) + len(more) - 1)
        self.rows.extend(more)
        self.endInsertRows()

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole \
                and 0 <= section < len(HEADERS):
            return _tr(HEADERS[section])
        return None

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            text = self.text(index.row(), index.column())
            if role == Qt.ItemDataRole.ToolTipRole:
                return text if index.column() in (4, 5) and text else None
            return text
        if role == Qt.ItemDataRole.UserRole:
            return self.rows[index.row()].id
        return None

    def text(self, row: int, column: int) -> str:
        r = self.rows[row]
        if column == 0:
            return local_time(r.at)
        if column == 1:
            return r.os_user or ""
        if column == 2:
            return r.db_user or ""
        if column == 3:
            return action_label(r.action)
        if column == 4:
            return self.record_text(r)
        return detail_text(r)

    def record_text(self, r: AuditRow) -> str:
        if not r.table_name:
            return ""
        label = TABLES.get(r.table_name)
        text = _tr(label) if label else r.table_name
        detail = r.detail if isinstance(r.detail, dict) else {}
        if r.table_name == "yearly_figure":  # its row_id is the enterprise's: show the year
            text += f" {detail.get('year', '')}".rstrip()
        elif r.row_id is not None:
            text += f" #{r.row_id}"
        eid = _enterprise_of(r)
        name = self._names.get(eid) if eid is not None else None
        name = name or detail.get("name") or detail.get("file")
        if name and r.table_name != "enterprise" and eid is not None:
            return f"{text}（{name}）"
        return f"{text} {name}" if name else text


def _enterprise_of(r: AuditRow) -> int | None:
    if r.table_name == "enterprise":
        return r.row_id
    if r.table_name == "yearly_figure":  # its row_id is the enterprise's
        return r.row_id
    detail = r.detail if isinstance(r.detail, dict) else {}
    eid = detail.get("enterprise_id")
    return eid if isinstance(eid, int) else None


class AuditDialog(QDialog):
    def __init__(self, registry, parent: QWidget | None = None,
                 today: dt.date | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("auditDialog")
        self.registry = registry
        today = today or dt.date.today()
        self.model = AuditModel(registry, self)
        self.table = QTableView(self)
        self.table.setObjectName("auditTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.verticalHeader().setDefaultSectionSize(
            self.table.fontMetrics().height() + 8)
        header = self.table.horizontalHeader()
        header.setStretchLastSection(True)
        for col, width in enumerate((150, 100, 100, 130, 220)):
            header.resizeSection(col, width)

        self.user = QComboBox(self)
        self.user.setObjectName("auditUser")
        self.action = QComboBox(self)
        self.action.setObjectName("auditAction")
        self.use_dates = QCheckBox(self)
        self.use_dates.setObjectName("auditUseDates")
        self.since, self.until = QDateEdit(self), QDateEdit(self)
        for edit, day in ((self.since, today - dt.timedelta(days=30)), (self.until, today)):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.setDate(QDate(day.year, day.month, day.day))
            edit.setEnabled(False)
        self.since.setObjectName("auditSince")
        self.until.setObjectName("auditUntil")
        self.to_label = QLabel(self)
        self.search = QLineEdit(self)
        self.search.setObjectName("auditSearch")
        self.search.setClearButtonEnabled(True)
        self.refresh_button = QPushButton(self)
        self.refresh_button.setObjectName("auditRefresh")
        self.count_label = QLabel(self)
        self.count_label.setObjectName("auditCount")
        self.user_label, self.action_label, self.search_label = (QLabel(self) for _ in range(3))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)

        filters = QHBoxLayout()
        for w in (self.user_label, self.user, self.action_label, self.action, self.use_dates,
                  self.since, self.to_label, self.until, self.search_label):
            filters.addWidget(w)
        filters.addWidget(self.search, 1)
        filters.addWidget(self.refresh_button)
        bottom = QHBoxLayout()
        bottom.addWidget(self.count_label, 1)
        bottom.addWidget(buttons)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addLayout(bottom)

        self._typing = QTimer(self)  # filter as the officer types, not on every key
        self._typing.setSingleShot(True)
        self._typing.setInterval(300)
        self._typing.timeout.connect(self.apply_filter)
        self.search.textChanged.connect(lambda _t: self._typing.start())
        self.search.returnPressed.connect(self.apply_filter)
        self.user.currentIndexChanged.connect(lambda _i: self.apply_filter())
        self.action.currentIndexChanged.connect(lambda _i: self.apply_filter())
        self.use_dates.toggled.connect(self._dates_toggled)
        self.since.dateChanged.connect(lambda _d: self.apply_filter())
        self.until.dateChanged.connect(lambda _d: self.apply_filter())
        self.refresh_button.clicked.connect(lambda: self.reload())
        QShortcut(QKeySequence(QKeySequence.StandardKey.Refresh), self, self.reload)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Find), self, self.search.setFocus)

        self.retranslate()
        self._restore_geometry()
        self._fill_choices()
        self.apply_filter()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Audit log"))
        self.user_label.setText(self.tr("User:"))
        self.action_label.setText(self.tr("Action:"))
        self.use_dates.setText(self.tr("From"))
        self.to_label.setText(self.tr("to"))
        self.search_label.setText(self.tr("Find:"))
        self.search.setPlaceholderText(self.tr("enterprise, field, value, file…"))
        self.refresh_button.setText(self.tr("Refresh"))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
            self._fill_choices()
            self.apply_filter()
        super().changeEvent(event)

    # --- filters --------------------------------------------------------------------------------

    def _fill_choices(self) -> None:
        with self.registry.session() as s:
            users, actions = audit_users(s), audit_actions(s)
        for combo, first, items in (
                (self.user, self.tr("All users"), [(u, u) for u in users]),
                (self.action, self.tr("All actions"),
                 sorted(((action_label(a), a) for a in actions), key=lambda p: p[1]))):
            chosen = combo.currentData()
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(first, None)
            for text, data in items:
                combo.addItem(text, data)
            index = combo.findData(chosen) if chosen is not None else 0
            combo.setCurrentIndex(max(index, 0))
            combo.blockSignals(False)
            combo.setMinimumContentsLength(min(16, max(len(combo.itemText(i))
                                                        for i in range(combo.count()))))

    def _dates_toggled(self, on: bool) -> None:
        self.since.setEnabled(on)
        self.until.setEnabled(on)
        self.apply_filter()

    def current_filter(self) -> AuditFilter:
        since = until = None
        if self.use_dates.isChecked():
            first, last = self.since.date().toPython(), self.until.date().toPython()
            if last < first:
                first, last = last, first
            since = _utc(first)
            until = _utc(last + dt.timedelta(days=1))
        return AuditFilter(since=since, until=until, user=self.user.currentData(),
                           action=self.action.currentData(),
                           text=self.search.text().strip() or None, limit=PAGE)

    def apply_filter(self) -> None:
        self._typing.stop()
        self.model.set_filter(self.current_filter())
        self._show_count()

    def reload(self) -> None:
        """Read the log again (new lines, new users and actions), keeping the filters."""
        self._fill_choices()
        self.apply_filter()

    def _show_count(self) -> None:
        total = self.model.total
        if total == 0:
            self.count_label.setText(message("audit_none", None, lang()))
        else:
            self.count_label.setText(self.tr("{total} entries, newest first").format(
                total=f"{total:,}"))

    # --- geometry -------------------------------------------------------------------------------

    def _restore_geometry(self) -> None:
        s = st.settings()
        geometry = s.value(GEOMETRY_KEY)
        if geometry is None or not self.restoreGeometry(geometry):
            self.resize(1100, 560)
        header = s.value(HEADER_KEY)
        if header is not None:
            self.table.horizontalHeader().restoreState(header)

    def save_geometry(self) -> None:
        s = st.settings()
        s.setValue(GEOMETRY_KEY, self.saveGeometry())
        s.setValue(HEADER_KEY, self.table.horizontalHeader().saveState())
        s.sync()

    def done(self, result: int) -> None:  # Close, Esc and the title bar's ✕ all end here
        self.save_geometry()
        super().done(result)


def _utc(day: dt.date) -> dt.datetime:
    """Local midnight of `day` as naive UTC, the way the log stores times."""
    local = dt.datetime.combine(day, dt.time()).astimezone()
    return local.astimezone(dt.UTC).replace(tzinfo=None)
