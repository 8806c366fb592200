"""Import history: every batch with its counts; an import can be undone from here."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from goosetier.gui.errors import show_error
from goosetier.importing.model import ImportFailure
from goosetier.importing.undo import list_batches, undo_import


class ImportHistoryDialog(QDialog):
    undone = Signal(int)

    def __init__(self, registry, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("importHistory")
        self.registry = registry
        self.setWindowTitle(self.tr("Import history"))
        self.table = QTableWidget(0, 6, self)
        self.table.setObjectName("batchTable")
        self.table.setHorizontalHeaderLabels([
            self.tr("No."), self.tr("When"), self.tr("File"), self.tr("By"),
            self.tr("New / updated / rejected"), self.tr("Undone")])
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.undo_button = QPushButton(self.tr("Undo the selected import"), self)
        self.undo_button.clicked.connect(lambda: self.undo_selected())
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(self.undo_button)
        layout.addWidget(close)
        self.resize(900, 420)
        self.load()

    def load(self) -> None:
        with self.registry.engine.connect() as conn:
            self.batches = list_batches(conn)
        self.table.setRowCount(len(self.batches))
        for row, b in enumerate(self.batches):
            c = b.counts or {}
            values = [str(b.id), b.created_at.strftime("%Y-%m-%d %H:%M"), b.file_name,
                      b.user or "", f"{c.get('inserted', 0)} / {c.get('updated', 0)} / "
                                    f"{c.get('rejected', 0)}",
                      b.undone_at.strftime("%Y-%m-%d %H:%M") if b.undone_at else ""]
            for col, value in enumerate(values):
                item = QTableWidgetItem(value)
                item.setData(Qt.ItemDataRole.UserRole, b.id)
                self.table.setItem(row, col, item)
        self.table.resizeColumnToContents(1)

    def selected_batch(self) -> int | None:
        items = self.table.selectedItems()
        return items[0].data(Qt.ItemDataRole.UserRole) if items else None

    def undo_selected(self, confirm: bool = True, force: bool = False) -> bool:
        batch = self.selected_batch()
        if batch is None:
            return False
        if confirm and QMessageBox.question(
                self, self.tr("Undo import"),
                self.tr("Undo import #{batch}? Enterprises it created are removed and the "
                        "values it changed are put back.").format(batch=batch)
        ) != QMessageBox.StandardButton.Yes:
            return False
        try:
            undo_import(self.registry, batch, force=force)
        except ImportFailure as exc:
            if exc.code == "undo_conflict" and not force and confirm:
                if QMessageBox.question(self, self.tr("Undo import"),
                                        str(exc) + "\n\n" + self.tr("Undo anyway?")) \
                        == QMessageBox.StandardButton.Yes:
                    return self.undo_selected(confirm=False, force=True)
                return False
            show_error(self, exc)
            return False
        self.load()
        self.undone.emit(batch)
        return True
