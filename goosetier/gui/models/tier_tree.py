"""The tier browser's model: formation ranks → tiers → programs, clusters, streets, reminders.

Each node has a key ("program:little_giant", "cluster:芯屏", "watch:expiring" …), a live count
computed in SQL, and the SQL condition the table applies when the node is clicked (the same
condition the count used, so the two always agree). Designation counts are "valid at the end of
the year" (the current year unless set). ``refresh()`` recounts; when the set of clusters or
streets is unchanged it only emits dataChanged, so the view keeps its expansion and selection.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont
from sqlalchemy import func, select

from goosetier.core.catalog import load_catalog
from goosetier.gui.i18n import lang
from goosetier.gui.models import filters as fl
from goosetier.store import models as m

NO_VALUE = ""  # the key suffix of "cluster not filled in"


@dataclass(eq=False)
class Node:
    key: str
    parent: Node | None = None
    children: list[Node] = field(default_factory=list)
    count: int | None = None

    def row(self) -> int:
        return self.parent.children.index(self) if self.parent else 0

    def add(self, key: str) -> Node:
        child = Node(key, self)
        self.children.append(child)
        return child


def _structure(clusters: list[str], streets: list[str]) -> Node:
    cat = load_catalog()
    root = Node("root")
    root.add("all")
    for formation in cat.formation_order:
        fnode = root.add(f"formation:{formation}")
        for tier in cat.tier_order:
            programs = [p for p in cat.programs_in(tier) if p.formation == formation]
            if not programs:
                continue
            tnode = fnode.add(f"tier:{tier}")
            for p in programs:
                tnode.add(f"program:{p.id}")
    group = root.add("clusters")
    for c in clusters:
        group.add(f"cluster:{c}")
    group = root.add("streets")
    for s in streets:
        group.add(f"street:{s}")
    watch = root.add("watch")
    for k in ("expiring", "expired", "review", "nocode"):
        watch.add(f"watch:{k}")
    return root


def node_condition(key: str, year: int, today: dt.date, revenue_year: int | None = None):
    """The SQL condition of a node (None = every enterprise)."""
    cat = load_catalog()
    kind, _, value = key.partition(":")
    E = m.Enterprise
    if kind == "program":
        return fl.programs_condition([value], year, revenue_year=revenue_year)
    if kind == "tier":
        return fl.programs_condition([p.id for p in cat.programs_in(value)], year,
                                     revenue_year=revenue_year)
    if kind == "formation":
        return fl.programs_condition(
            [p.id for p in cat.programs.values() if p.formation == value], year,
            revenue_year=revenue_year)
    if kind == "cluster":
        return E.cluster == value if value else (E.cluster.is_(None) | (E.cluster == ""))
    if kind == "street":
        return E.street == value if value else (E.street.is_(None) | (E.street == ""))
    if key == "watch:expiring":
        return fl.expiring_condition(today)
    if key == "watch:expired":
        return fl.expired_condition(today)
    if key == "watch:review":
        return fl.review_condition(today.year)
    if key == "watch:nocode":
        return fl.missing_code_condition()
    return None


def _groups(session, column) -> list[str]:
    rows = session.execute(select(func.coalesce(column, NO_VALUE)).distinct())
    values = sorted({r[0] for r in rows})
    return [v for v in values if v] + ([NO_VALUE] if NO_VALUE in values else [])


class TierTreeModel(QAbstractItemModel):
    KeyRole = Qt.ItemDataRole.UserRole + 1

    def __init__(self, registry, parent=None, year: int | None = None,
                 today: dt.date | None = None) -> None:
        super().__init__(parent)
        self.registry = registry
        self.year = year or dt.date.today().year
        self.today = today or dt.date.today()
        self.revenue_year = self.year
        self._root = Node("root")
        self.refresh()

    # --- counting --------------------------------------------------------------------------

    def refresh(self) -> None:
        with self.registry.session() as s:
            self.revenue_year = fl.latest_revenue_year(s, self.year)
            clusters = _groups(s, m.Enterprise.cluster)
            streets = _groups(s, m.Enterprise.street)
            new_root = _structure(clusters, streets)
            counts = {n.key: self._count(s, n.key) for n in walk(new_root)}
        if [n.key for n in walk(new_root)] == [n.key for n in walk(self._root)]:
            for node in walk(self._root):
                node.count = counts[node.key]
            self._emit_counts(self._root)
            return
        for node in walk(new_root):
            node.count = counts[node.key]
        self.beginResetModel()
        self._root = new_root
        self.endResetModel()

    def _count(self, session, key: str) -> int | None:
        if key in ("clusters", "streets", "watch"):
            return None
        return fl.count_where(session, self.condition(key))

    def condition(self, key: str):
        return node_condition(key, self.year, self.today, self.revenue_year)

    def _emit_counts(self, node: Node, first_column: int = 1) -> None:
        if node.children:
            first = self.createIndex(0, first_column, node.children[0])
            last = self.createIndex(len(node.children) - 1, 1, node.children[-1])
            self.dataChanged.emit(first, last)
            for child in node.children:
                self._emit_counts(child, first_column)

    def nodes(self) -> list[Node]:
        return list(walk(self._root))

    def counts(self) -> dict[str, int | None]:
        return {n.key: n.count for n in walk(self._root)}

    def index_of(self, key: str) -> QModelIndex:
        for node in walk(self._root):
            if node.key == key:
                return self.createIndex(node.row(), 0, node)
        return QModelIndex()

    # --- labels ---------------------------------------------------------------------------------

    def label(self, key: str) -> str:
        cat = load_catalog()
        kind, _, value = key.partition(":")
        fixed = {
            "all": self.tr("All enterprises"), "clusters": self.tr("Industry clusters"),
            "streets": self.tr("Streets and parks"), "watch": self.tr("Reminders"),
            "watch:expiring": self.tr("Expiring within 6 months"),
            "watch:expired": self.tr("Expired"), "watch:review": self.tr("Due for review"),
            "watch:nocode": self.tr("Missing credit code"),
        }
        if key in fixed:
            return fixed[key]
        if kind == "formation":
            return cat.formation_name(value, lang())
        if kind == "tier":
            return cat.tier_name(value, lang())
        if kind == "program":
            return cat.programs[value].name(lang())
        if kind in ("cluster", "street"):
            return value or self.tr("(not filled in)")
        return key

    # --- Qt model interface -----------------------------------------------------------------

    def index(self, row: int, column: int, parent: QModelIndex = QModelIndex()) -> QModelIndex:  # noqa: B008
        if column not in (0, 1) or row < 0:
            return QModelIndex()
        node = parent.internalPointer() if parent.isValid() else self._root
        if row >= len(node.children):
            return QModelIndex()
        return self.createIndex(row, column, node.children[row])

    def parent(self, index: QModelIndex | QPersistentModelIndex = QModelIndex()):  # noqa: B008
        if not index.isValid():
            return QModelIndex()
        node = index.internalPointer().parent
        if node is None or node is self._root:
            return QModelIndex()
        return self.createIndex(node.row(), 0, node)

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008
        if parent.isValid() and parent.column() != 0:
            return 0
        node = parent.internalPointer() if parent.isValid() else self._root
        return len(node.children)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 2

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        node: Node = index.internalPointer()
        if role == self.KeyRole:
            return node.key
        if role == Qt.ItemDataRole.DisplayRole:
            if index.column() == 0:
                return self.label(node.key)
            return "" if node.count is None else f"{node.count:,}"
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() == 1:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.FontRole and node.parent is self._root:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == 0:
            if node.key.startswith("program:head_goose"):
                return self.tr("Counted at or above the revenue threshold in {year}").format(
                    year=self.revenue_year)
            if node.count is not None and node.key.split(":")[0] in ("program", "tier",
                                                                     "formation"):
                return self.tr("Valid at the end of {year}").format(year=self.year)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.tr("Tier") if section == 0 else self.tr("Count")
        return None

    def flags(self, index: QModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def relabel(self) -> None:
        """Language changed: labels come from tr() and the catalog, so just repaint."""
        self._emit_counts(self._root, 0)
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, 1)


def walk(node: Node):
    for child in node.children:
        yield child
        yield from walk(child)
