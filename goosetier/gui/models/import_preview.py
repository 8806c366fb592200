"""The import preview as a table model: one line per firm of the file and what will happen.

The plan is already in memory (the session built it), so filtering by action and text picks
row indexes in Python — cheap for any roster — and the model resets; nothing is proxied.
Old → new values, new designations and the issues (in words, from the message table) are shown
so the officer sees exactly what applying would write.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QAbstractTableModel, QModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from goosetier.core.catalog import load_catalog
from goosetier.core.issues import Severity
from goosetier.core.messages import message
from goosetier.gui.i18n import lang
from goosetier.gui.import_fields import field_label
from goosetier.importing.model import (
    INSERT,
    NEEDS_REVIEW,
    REJECTED,
    SKIPPED,
    UNCHANGED,
    UPDATE,
    ImportPlan,
    PlanRow,
)

HEADERS = (QT_TRANSLATE_NOOP("ImportPreviewModel", "Row"),
           QT_TRANSLATE_NOOP("ImportPreviewModel", "Action"),
           QT_TRANSLATE_NOOP("ImportPreviewModel", "Enterprise"),
           QT_TRANSLATE_NOOP("ImportPreviewModel", "Changes (old → new)"),
           QT_TRANSLATE_NOOP("ImportPreviewModel", "New designations"),
           QT_TRANSLATE_NOOP("ImportPreviewModel", "Issues"))
ACTION_TEXT = {
    INSERT: QT_TRANSLATE_NOOP("ImportPreviewModel", "new"),
    UPDATE: QT_TRANSLATE_NOOP("ImportPreviewModel", "update"),
    UNCHANGED: QT_TRANSLATE_NOOP("ImportPreviewModel", "unchanged"),
    REJECTED: QT_TRANSLATE_NOOP("ImportPreviewModel", "rejected"),
    NEEDS_REVIEW: QT_TRANSLATE_NOOP("ImportPreviewModel", "needs review"),
    SKIPPED: QT_TRANSLATE_NOOP("ImportPreviewModel", "skipped"),
}
# problems first: what needs the officer's eye leads the preview
ACTION_ORDER = {NEEDS_REVIEW: 0, REJECTED: 1, UPDATE: 2, INSERT: 3, UNCHANGED: 4, SKIPPED: 5}
ACTION_COLOR = {INSERT: "#e8f6ec", UPDATE: "#eaf2fb", REJECTED: "#fbeaea",
                NEEDS_REVIEW: "#fdf3e0"}


def _show(value) -> str:
    if value is None or value == "":
        return "∅"
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def row_texts(row: PlanRow, name_column: int | None = None) -> tuple[str, str, str, str]:
    """(enterprise, changes, designations, issues) as the preview writes them."""
    cat = load_catalog()
    name = row.name
    if not name and row.raw:
        if name_column is not None and name_column < len(row.raw) and row.raw[name_column]:
            name = str(row.raw[name_column])
        else:
            name = " ".join(str(v) for v in row.raw if v)[:60]
    changes = "；".join(f"{field_label(k)}: {_show(old)} → {_show(new)}"
                       for k, (old, new) in row.changes.items())
    if row.figures_changed:
        before = row.figures_before or {}
        changes = "；".join(filter(None, [changes, *(
            f"{field_label(k)}: {_show(before.get(k))} → {_show(v)}"
            for k, v in row.figures_after.items()
            if before.get(k) != v)]))
    zh = lang() == "zh"
    designations = "、".join(
        (cat.programs[d.program_id].name(lang()) if d.program_id in cat.programs
         else d.program_id) + _when(d.year, d.batch_text, zh)
        for d in row.new_designations)
    issues = "；".join(message(i.code, i.params, lang()) for i in row.issues)
    return name, changes, designations, issues


def _when(year: int | None, batch: str | None, zh: bool) -> str:
    """A designation's year and batch as officers write them: （2025年第一批）; in English
    " 2025 batch text"."""
    batch = (batch or "").strip()
    if zh:
        when = (f"{year}年" if year else "") + batch
        return f"（{when}）" if when else ""
    return "".join(f" {p}" for p in (str(year) if year else "", batch) if p)


class ImportPreviewModel(QAbstractTableModel):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.plan: ImportPlan | None = None
        self._visible: list[int] = []
        self._texts: dict[int, tuple[str, str, str, str]] = {}
        self._action: str | None = None
        self._text = ""

    def set_plan(self, plan: ImportPlan | None) -> None:
        self.beginResetModel()
        self.plan = plan
        self._texts = {}
        self._visible = self._select()
        self.endResetModel()

    def set_filter(self, action: str | None = None, text: str = "") -> None:
        self.beginResetModel()
        self._action, self._text = action, text.strip()
        self._visible = self._select()
        self.endResetModel()

    def refresh_row(self, excel_row: int) -> None:
        """A decision re-planned one row: drop its cached texts and repaint it."""
        if self.plan is None:
            return
        for pos, index in enumerate(self._visible):
            if self.plan.rows[index].excel_row == excel_row:
                self._texts.pop(index, None)
                self.dataChanged.emit(self.index(pos, 0), self.index(pos, len(HEADERS) - 1))

    def _select(self) -> list[int]:
        if self.plan is None:
            return []
        out = []
        for i, row in enumerate(self.plan.rows):
            if self._action and row.action != self._action:
                continue
            if self._text and self._text not in " ".join(self._row_texts(i)):
                continue
            out.append(i)
        rows = self.plan.rows
        out.sort(key=lambda i: (ACTION_ORDER.get(rows[i].action, 9), rows[i].excel_row))
        return out

    def _row_texts(self, index: int) -> tuple[str, str, str, str]:
        if index not in self._texts:
            column = next((c for c, f in self.plan.mapping.items() if f == "name"), None)
            self._texts[index] = row_texts(self.plan.rows[index], column)
        return self._texts[index]

    def plan_row(self, row: int) -> PlanRow | None:
        if self.plan is None or not 0 <= row < len(self._visible):
            return None
        return self.plan.rows[self._visible[row]]

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._visible)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal \
                and 0 <= section < len(HEADERS):
            return self.tr(HEADERS[section])
        return None

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        row = self.plan_row(index.row()) if index.isValid() else None
        if row is None:
            return None
        if role == Qt.ItemDataRole.BackgroundRole:
            color = ACTION_COLOR.get(row.action)
            return QBrush(QColor(color)) if color else None
        if role == Qt.ItemDataRole.ForegroundRole and index.column() == 5 and any(
                i.severity is Severity.ERROR for i in row.issues):
            return QBrush(QColor("#a01c1c"))
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        col = index.column()
        if col == 0:
            return str(row.excel_row)
        if col == 1:
            return self.tr(ACTION_TEXT.get(row.action, row.action))
        return self._row_texts(self._visible[index.row()])[col - 2]
