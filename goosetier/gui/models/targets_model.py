"""The targets of one plan period as an editable table model (the targets editor).

Cells write through the Editor (undoable, audited, version-checked); after each write the
model reloads its rows from the registry so what shows is what is stored.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QAbstractTableModel, QModelIndex, Qt
from sqlalchemy import select

from goosetier.core.catalog import load_catalog
from goosetier.gui.i18n import lang
from goosetier.store import models as m

HEADERS = (QT_TRANSLATE_NOOP("TargetsModel", "Indicator"),
           QT_TRANSLATE_NOOP("TargetsModel", "Baseline"),
           QT_TRANSLATE_NOOP("TargetsModel", "Target"),
           QT_TRANSLATE_NOOP("TargetsModel", "Kind"),
           QT_TRANSLATE_NOOP("TargetsModel", "Milestones (year:value)"),
           QT_TRANSLATE_NOOP("TargetsModel", "Note"))
FIELDS = (None, "baseline", "target", "kind", "milestones", "note")
KINDS = {"stock": QT_TRANSLATE_NOOP("TargetsModel", "stock"),
         "flow": QT_TRANSLATE_NOOP("TargetsModel", "yearly flow")}


@dataclass
class TargetRow:
    id: int
    version: int
    metric_id: str
    baseline: float | None
    target: float | None
    kind: str
    milestones: dict[str, Any]
    note: str | None


def format_milestones(milestones: dict[str, Any]) -> str:
    return ", ".join(f"{k}:{v:g}" for k, v in sorted(milestones.items()))


def parse_milestones(text: str) -> dict[str, float]:
    """"2023:900, 2024：1100" → {"2023": 900.0, "2024": 1100.0}; raises ValueError."""
    out: dict[str, float] = {}
    for part in re.split(r"[,，;；\s]+", text.strip()):
        if not part:
            continue
        year, sep, value = part.replace("：", ":").partition(":")
        if not sep or not year.isdigit() or not 1990 <= int(year) <= 2100:
            raise ValueError(part)
        out[year] = float(value)
    return out


class TargetsModel(QAbstractTableModel):
    def __init__(self, registry, editor, parent=None) -> None:
        super().__init__(parent)
        self.registry, self.editor = registry, editor
        self.plan_id: int | None = None
        self.rows: list[TargetRow] = []
        self.last_error: str | None = None

    def set_plan(self, plan_id: int | None) -> None:
        self.plan_id = plan_id
        self.reload()

    def reload(self) -> None:
        self.beginResetModel()
        self.rows = []
        if self.plan_id is not None:
            t = m.Target
            with self.registry.session() as s:
                self.rows = [TargetRow(r.id, r.version, r.metric_id, r.baseline, r.target,
                                       r.kind, dict(r.milestones or {}), r.note)
                             for r in s.scalars(select(t).where(t.plan_id == self.plan_id)
                                                .order_by(t.sort_order, t.id))]
        self.endResetModel()

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal \
                and 0 <= section < len(HEADERS):
            return self.tr(HEADERS[section])
        return None

    def flags(self, index: QModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        return base | Qt.ItemFlag.ItemIsEditable if index.column() > 0 else base

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        row, col = self.rows[index.row()], index.column()
        if role == Qt.ItemDataRole.TextAlignmentRole and col in (1, 2):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return None
        if col == 0:
            metric = load_catalog().metrics.get(row.metric_id)
            return metric.name(lang()) if metric else row.metric_id
        if col in (1, 2):
            value = row.baseline if col == 1 else row.target
            return "" if value is None else f"{value:g}"
        if col == 3:
            return row.kind if role == Qt.ItemDataRole.EditRole else self.tr(KINDS.get(
                row.kind, row.kind))
        if col == 4:
            return format_milestones(row.milestones)
        return row.note or ""

    def setData(self, index: QModelIndex, value, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid() or index.column() == 0:
            return False
        row, key = self.rows[index.row()], FIELDS[index.column()]
        text = str(value).strip() if value is not None else ""
        try:
            if key in ("baseline", "target"):
                new: Any = float(text.replace(",", "")) if text else None
            elif key == "kind":
                new = {"flow": "flow", "yearly flow": "flow", "年度新增": "flow",
                       "流量": "flow"}.get(text, "stock")
            elif key == "milestones":
                new = parse_milestones(text)
            else:
                new = text or None
        except ValueError:
            self.last_error = text
            return False
        if new == getattr(row, key):
            return True
        return self.editor.edit_target(row.id, {key: new}, row.version)

    def target_id(self, row: int) -> int | None:
        return self.rows[row].id if 0 <= row < len(self.rows) else None

    def metric_ids(self) -> list[str]:
        return [r.metric_id for r in self.rows]
