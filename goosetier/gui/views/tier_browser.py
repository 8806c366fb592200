"""The tier browser (left pane): a tree of tiers, clusters, streets and reminders with counts.

Clicking a node emits ``node_selected(key)``; the window turns the key into the table's filter.
Counts arrive from a background recount (the model's ``countsReady``); after one that changes
the tree's shape, the expanded nodes and the selection are put back by key.
"""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, Signal
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTreeView, QVBoxLayout, QWidget

from goosetier.gui.models.tier_tree import TierTreeModel


class TierBrowser(QWidget):
    node_selected = Signal(str)

    def __init__(self, registry, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = TierTreeModel(registry, self)
        self.tree = QTreeView(self)
        self.tree.setObjectName("tierTree")
        self.tree.setModel(self.model)
        self.tree.setUniformRowHeights(True)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tree)
        self.tree.selectionModel().currentChanged.connect(self._current_changed)
        self.model.modelAboutToBeReset.connect(self._remember)
        self.model.modelReset.connect(self._restore)
        self._expanded: set[str] = set()
        self._selected: str | None = None
        self._quiet = False
        self.expand_default()

    def expand_default(self) -> None:
        for row in range(self.model.rowCount()):
            index = self.model.index(row, 0)
            key = self.model.data(index, TierTreeModel.KeyRole)
            if key.startswith("formation:") or key == "watch":
                self.tree.expand(index)
        for node in self.model.nodes():
            if node.key.startswith("tier:"):
                self.tree.expand(self.model.index_of(node.key))

    def _current_changed(self, current, _previous) -> None:
        if current.isValid() and not self._quiet:
            key = self.model.data(current.siblingAtColumn(0), TierTreeModel.KeyRole)
            self._selected = key
            self.node_selected.emit(key)

    def _remember(self) -> None:
        self._expanded = {n.key for n in self.model.nodes()
                          if self.tree.isExpanded(self.model.index_of(n.key))}

    def _restore(self) -> None:
        for key in self._expanded:
            index = self.model.index_of(key)
            if index.isValid():
                self.tree.expand(index)
        if self._selected:
            self.select(self._selected, emit=False)

    def select(self, key: str, emit: bool = True) -> bool:
        index = self.model.index_of(key)
        if not index.isValid():
            return False
        self._quiet = not emit
        try:
            self.tree.selectionModel().setCurrentIndex(
                index, QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows)
        finally:
            self._quiet = False
        self.tree.scrollTo(index)
        self._selected = key
        return True

    def selected_key(self) -> str | None:
        return self._selected

    def refresh(self, wait: bool = False) -> None:
        """Recount (in the background: the counts shown stay until the new ones arrive)."""
        self.model.refresh(wait)
