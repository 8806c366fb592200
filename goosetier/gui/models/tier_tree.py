"""The tier browser's model: formation ranks → tiers → programs, clusters, streets, reminders.

Each node has a key ("program:little_giant", "cluster:芯屏", "watch:expiring" …), a live count
computed in SQL, and the SQL condition the table applies when the node is clicked. Designation
counts are "valid at the end of the year" (the current year unless set).

``refresh()`` recounts on the thread pool (gui.tasks), in its own session: at 100,000
enterprises counting takes seconds, which the window must not freeze for after every edit or
every change the watcher notices. ``count_tree`` counts all nodes in a few batched queries that
give exactly what counting each node's condition would (tests compare the two), so a count and
the rows shown on clicking it agree. When the set of clusters or streets is unchanged the
result only emits dataChanged, so the view keeps its expansion and selection.
"""

from __future__ import annotations

import datetime as dt
import logging
import time
from dataclasses import dataclass, field

import shiboken6
from PySide6.QtCore import (
    QAbstractItemModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QFont
from sqlalchemy import case, distinct, func, literal, select, union_all

from goosetier.core.catalog import Catalog, load_catalog
from goosetier.gui import tasks
from goosetier.gui.i18n import lang
from goosetier.gui.models import filters as fl
from goosetier.store import models as m
from goosetier.store import queries as q

NO_VALUE = ""  # the key suffix of "cluster not filled in"
GROUPS = ("clusters", "streets", "watch")  # heading nodes, without a count of their own
PENDING = "…"  # a count not known yet (the first run after opening)

log = logging.getLogger("goosetier.gui")


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


def node_programs(key: str, cat: Catalog | None = None) -> list[str] | None:
    """The programs a program, tier or formation node stands for (None for other nodes)."""
    cat = cat or load_catalog()
    kind, _, value = key.partition(":")
    if kind == "program":
        return [value]
    if kind == "tier":
        return [p.id for p in cat.programs_in(value)]
    if kind == "formation":
        return [p.id for p in cat.programs.values() if p.formation == value]
    return None


def node_condition(key: str, year: int, today: dt.date, revenue_year: int | None = None):
    """The SQL condition of a node (None = every enterprise)."""
    kind, _, value = key.partition(":")
    E = m.Enterprise
    programs = node_programs(key)
    if programs is not None:
        return fl.programs_condition(programs, year, revenue_year=revenue_year)
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


def _values(found) -> list[str]:
    """Cluster or street values in the tree's order: sorted, "(not filled in)" last."""
    values = {v or NO_VALUE for v in found}
    return sorted(v for v in values if v) + ([NO_VALUE] if NO_VALUE in values else [])


def _groups(session, column) -> list[str]:
    return _values(session.scalars(select(column).distinct()))  # the column's index


# --- counting every node at once (off the GUI thread) --------------------------------------------


@dataclass
class TreeCounts:
    """One recount: the clusters and streets found, and every node's count."""

    revenue_year: int
    clusters: list[str]
    streets: list[str]
    counts: dict[str, int]


def count_tree(session, year: int, today: dt.date, cancelled=lambda: False) -> TreeCounts:
    """Every node's count in a handful of queries, equal to counting each node's condition
    (tests check both ways): a GROUP BY for clusters and streets, one pass over the
    designations for all program, tier and formation nodes, one for the three reminders.
    All in the session's one transaction, so the counts agree with each other."""
    cat = load_catalog()
    revenue_year = fl.latest_revenue_year(session, year)
    counts: dict[str, int] = {}
    found = []
    for kind in ("cluster", "street"):
        column = m.Enterprise.__table__.c[kind]
        per_value: dict[str, int] = {}
        for value, n in session.execute(select(column, func.count()).group_by(column)):
            per_value[value or NO_VALUE] = per_value.get(value or NO_VALUE, 0) + n
        counts.update({f"{kind}:{v}": n for v, n in per_value.items()})
        counts.setdefault("all", sum(per_value.values()))  # every enterprise is in one group
        found.append(_values(per_value))
        tasks.check(cancelled)
    structure = _structure(*found)
    keyed = {n.key: node_programs(n.key, cat) for n in walk(structure)}
    counts.update(_program_counts(session, {k: v for k, v in keyed.items() if v is not None},
                                  year, revenue_year, cat))
    tasks.check(cancelled)
    counts.update({f"watch:{k}": n for k, n in fl.watch_counts(session, today).items()})
    counts["watch:nocode"] = fl.count_where(session, fl.missing_code_condition())
    return TreeCounts(revenue_year, found[0], found[1], counts)


def _program_counts(session, nodes: dict[str, list[str]], year: int, revenue_year: int,
                    cat: Catalog) -> dict[str, int]:
    """Program, tier and formation counts from one list of (program, enterprise) pairs: what
    programs_condition says per program (held and valid at the end of `year`, or the revenue
    bracket / listing rule), counted per node as distinct existing enterprises."""
    D = m.Designation.__table__.c
    held, parts = [], []
    for pid in cat.programs:
        metric = cat.metrics.get(pid)
        if metric is not None and metric.rule in ("revenue_bracket", "listed"):
            used = revenue_year if metric.rule == "revenue_bracket" else year
            ids = q.metric_query(metric, used).subquery()
            parts.append(select(literal(pid).label("pid"), ids.c[0].label("eid")))
        else:
            held.append(pid)
    parts.append(select(D.program_id.label("pid"), D.enterprise_id.label("eid"))
                 .where(D.program_id.in_(held), q.valid_at(year)))
    pairs = union_all(*parts).subquery("pairs")
    E = m.Enterprise.__table__
    keys = list(nodes)
    cols = [func.count(distinct(case((pairs.c.pid.in_(nodes[k]), pairs.c.eid))))
            if nodes[k] else literal(0) for k in keys]
    row = session.execute(select(*cols).select_from(
        pairs.join(E, E.c.id == pairs.c.eid))).one()
    return {k: int(n or 0) for k, n in zip(keys, row, strict=True)}


class TierTreeModel(QAbstractItemModel):
    """The tree of nodes with their counts. ``refresh()`` recounts on the thread pool: the
    counts shown stay until the new ones arrive (``countsReady``); requests made while a run
    is queued or in flight make one more run, and a run overtaken by a newer request is
    thrown away. ``wait()`` (or ``refresh(wait=True)``) blocks until the counts are current."""

    KeyRole = Qt.ItemDataRole.UserRole + 1
    countsReady = Signal()

    def __init__(self, registry, parent=None, year: int | None = None,
                 today: dt.date | None = None) -> None:
        super().__init__(parent)
        self.registry = registry
        self.year = year or dt.date.today().year
        self.today = today or dt.date.today()
        self._task: tasks.TaskHandle | None = None
        self._wanted = False  # a recount was asked for and has not started yet
        self._start_timer = QTimer(self)
        self._start_timer.setSingleShot(True)  # a burst of requests in one turn: one run
        self._start_timer.setInterval(0)
        self._start_timer.timeout.connect(self._start)
        # the shape at once (two index scans, a few ms at 100,000); the counts follow
        with registry.session() as s:
            self.revenue_year = fl.latest_revenue_year(s, self.year)
            self._root = _structure(_groups(s, m.Enterprise.cluster),
                                    _groups(s, m.Enterprise.street))
        self.refresh()

    # --- counting --------------------------------------------------------------------------

    def refresh(self, wait: bool = False) -> None:
        """Recount in the background (or before returning, with `wait`)."""
        self._wanted = True
        if self._task is not None:
            self._task.cancel()  # its counts are stale: stop early, start again when it ends
        elif not self._start_timer.isActive():
            self._start_timer.start()
        if wait:
            self.wait()

    @property
    def counting(self) -> bool:
        """A recount is queued or running: counts() may still change."""
        return self._wanted or self._task is not None

    def wait(self, timeout: float = 60.0) -> bool:
        """Block until the requested recount is shown (tests, and callers that read counts()
        right after a change); False on timeout. Other events are not processed meanwhile."""
        deadline = time.monotonic() + timeout
        while self.counting:
            if self._task is None:
                self._start_timer.stop()
                self._start()
            if self._task is not None and not self._task.deliver(
                    max(0.0, deadline - time.monotonic())):
                return False
        return True

    def _start(self) -> None:
        if self._task is not None or not self._wanted:
            return
        self._wanted = False
        registry, year, today = self.registry, self.year, self.today

        def work(_progress, cancelled) -> TreeCounts:
            with registry.session() as s:  # this thread's own session and connection
                return count_tree(s, year, today, cancelled)

        if not _threads_share(registry):  # an in-memory SQLite exists once per thread
            with registry.session() as s:
                self._apply(count_tree(s, year, today))
            return
        handle: tasks.TaskHandle | None = None

        def done(result) -> None:
            self._ended(handle, result)

        def failed(exc) -> None:
            self._ended(handle, None, exc)

        handle = tasks.run_task(work, on_done=done, on_error=failed, read_only=True)
        self._task = handle

    def _ended(self, handle, result: TreeCounts | None, exc=None) -> None:
        if not shiboken6.isValid(self):  # the window closed meanwhile
            return
        if handle is not self._task:
            return
        self._task = None
        if self._wanted:  # overtaken by a newer request: count again, show nothing stale
            self._start_timer.start()
            return
        if handle.cancelled():  # closing (tasks.wait_all)
            return
        if exc is not None:
            # the previous counts stay; the change watcher says when the registry is gone
            log.warning("counting the tier browser failed: %s", exc)
            return
        self._apply(result)

    def _apply(self, result: TreeCounts) -> None:
        self.revenue_year = result.revenue_year
        new_root = _structure(result.clusters, result.streets)
        for node in walk(new_root):
            node.count = result.counts.get(node.key)
        if [n.key for n in walk(new_root)] == [n.key for n in walk(self._root)]:
            for old, new in zip(walk(self._root), walk(new_root), strict=True):
                old.count = new.count
            self._emit_counts(self._root)
        else:
            self.beginResetModel()
            self._root = new_root
            self.endResetModel()
        self.countsReady.emit()

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
            if node.count is None:
                return "" if node.key in GROUPS else PENDING
            return f"{node.count:,}"
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


def _threads_share(registry) -> bool:
    """Whether another thread's connection sees the same database (not an in-memory SQLite)."""
    return not (getattr(registry, "is_sqlite", False) and getattr(registry, "path", 1) is None)


def walk(node: Node):
    for child in node.children:
        yield child
        yield from walk(child)
