"""An enterprise's designations as a timeline: program, year, batch, valid until and status.

Status follows the counting rules: *revoked* when withdrawn; *valid* while the counting window
covers today (*expiring* within six months); after it, *renewed* when a later record of the
program follows, *due for review* in the year after the window ended, otherwise *expired*.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QTreeWidget,
    QTreeWidgetItem,
    QWidget,
)
from sqlalchemy import select

from goosetier.core.catalog import load_catalog
from goosetier.core.counting import months_ahead
from goosetier.gui.i18n import lang
from goosetier.store import models as m

STATES = {
    "valid": (QT_TRANSLATE_NOOP("DesignationList", "valid"), "#1b7f3b"),
    "expiring": (QT_TRANSLATE_NOOP("DesignationList", "expiring soon"), "#b8860b"),
    "review": (QT_TRANSLATE_NOOP("DesignationList", "due for review"), "#c05600"),
    "renewed": (QT_TRANSLATE_NOOP("DesignationList", "renewed"), "#666666"),
    "expired": (QT_TRANSLATE_NOOP("DesignationList", "expired"), "#a01c1c"),
    "revoked": (QT_TRANSLATE_NOOP("DesignationList", "revoked"), "#777777"),
    "undated": (QT_TRANSLATE_NOOP("DesignationList", "no year or date"), "#777777"),
}
KIND = {"new": QT_TRANSLATE_NOOP("DesignationList", "new"),
        "review": QT_TRANSLATE_NOOP("DesignationList", "review passed")}


def designation_state(status: str, count_from: dt.date | None, count_until: dt.date | None,
                      renewed: bool, today: dt.date) -> str:
    if status == "revoked":
        return "revoked"
    if count_from is None:
        return "undated"
    if count_until is None or count_until >= today:
        if count_from > today:
            return "valid"
        if count_until is not None and count_until <= months_ahead(today, 6):
            return "expiring"
        return "valid"
    if renewed:
        return "renewed"
    if count_until.year >= today.year - 1:
        return "review"
    return "expired"


@dataclass(frozen=True)
class DesignationLine:
    id: int
    version: int
    program_id: str
    year: int | None
    batch_text: str | None
    kind: str
    level: str | None
    valid_until: dt.date | None
    state: str
    product: str | None


def load_lines(registry, eid: int, today: dt.date | None = None) -> list[DesignationLine]:
    today = today or dt.date.today()
    d = m.Designation
    with registry.session() as s:
        rows = list(s.execute(select(d.id, d.version, d.program_id, d.year, d.batch_text, d.kind,
                                     d.level, d.count_from, d.count_until, d.status, d.product)
                              .where(d.enterprise_id == eid)
                              .order_by(d.count_from.desc().nulls_last(), d.id.desc())))
    lines = []
    for r in rows:
        renewed = any(o.program_id == r.program_id and o.id != r.id and o.status != "revoked"
                      and o.count_from and r.count_from and o.count_from > r.count_from
                      for o in rows)
        lines.append(DesignationLine(r.id, r.version, r.program_id, r.year, r.batch_text, r.kind,
                                     r.level, r.count_until,
                                     designation_state(r.status, r.count_from, r.count_until,
                                                       renewed, today), r.product))
    return lines


class DesignationList(QTreeWidget):
    """The timeline; ``current_designation()`` is (id, version) of the selected line."""

    activated_designation = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("designationList")
        self.setRootIsDecorated(False)
        self.setUniformRowHeights(True)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.lines: list[DesignationLine] = []
        self.itemDoubleClicked.connect(self._activated)
        header = self.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.retranslate()

    def _activated(self, item: QTreeWidgetItem, _column: int) -> None:
        self.activated_designation.emit(item.data(0, Qt.ItemDataRole.UserRole))

    def retranslate(self) -> None:
        self.setHeaderLabels([self.tr("Program"), self.tr("Year"), self.tr("Batch"),
                              self.tr("Kind"), self.tr("Valid until"), self.tr("Status")])
        self.show_lines(self.lines)

    def show_lines(self, lines: list[DesignationLine]) -> None:
        self.lines = lines
        self.clear()
        cat = load_catalog()
        for line in lines:
            program = cat.programs.get(line.program_id)
            name = program.name(lang()) if program else line.program_id
            if line.product:
                name += f"（{line.product}）"
            label, color = STATES[line.state]
            item = QTreeWidgetItem([
                name, "" if line.year is None else str(line.year), line.batch_text or "",
                self.tr(KIND.get(line.kind, line.kind)),
                line.valid_until.isoformat() if line.valid_until else "—", self.tr(label)])
            item.setData(0, Qt.ItemDataRole.UserRole, line.id)
            item.setForeground(5, QBrush(QColor(color)))
            item.setToolTip(0, name)
            self.addTopLevelItem(item)

    def current_line(self) -> DesignationLine | None:
        item = self.currentItem()
        if item is None:
            return None
        did = item.data(0, Qt.ItemDataRole.UserRole)
        return next((line for line in self.lines if line.id == did), None)

    def states(self) -> dict[str, str]:
        """program id → state of its newest line (for tests and tooltips)."""
        out: dict[str, str] = {}
        for line in self.lines:
            out.setdefault(line.program_id, line.state)
        return out
