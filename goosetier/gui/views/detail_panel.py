"""The detail panel (right pane): one enterprise's fields, designations, figures and history.

Every change goes through the Editor (an undoable, audited write that checks the record's
version). The panel reloads itself from the registry when ``apply_changes`` says its
enterprise changed — after an edit, an undo, or someone else's change on "reload".
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import or_, select

from goosetier.gui import edits as ed
from goosetier.gui.dialogs.designation_dialog import DesignationDialog
from goosetier.gui.dialogs.figure_dialog import FigureDialog
from goosetier.gui.views.designation_list import DesignationList, load_lines
from goosetier.gui.views.enterprise_form import EnterpriseForm, FormError
from goosetier.store import models as m


class DetailPanel(QWidget):
    def __init__(self, registry, editor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.registry, self.editor = registry, editor
        self.enterprise_id: int | None = None
        self.loaded: dict[str, Any] = {}

        self.title = QLabel(self)
        self.title.setObjectName("detailTitle")
        self.title.setWordWrap(True)
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.tabs = QTabWidget(self)

        self.form = EnterpriseForm(self)
        self.save_button, self.revert_button = QPushButton(self), QPushButton(self)
        self.save_button.setObjectName("saveEnterprise")
        self.save_button.clicked.connect(self.save)
        self.revert_button.clicked.connect(self.reload)
        self.form.edited.connect(lambda: self._set_dirty(True))
        self.form_error = QLabel(self)
        self.form_error.setStyleSheet("color: #a01c1c")
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.form)
        fields = QWidget(self)
        fl = QVBoxLayout(fields)
        fl.addWidget(scroll)
        fl.addWidget(self.form_error)
        fl.addLayout(_row(self.save_button, self.revert_button))

        self.designations = DesignationList(self)
        self.designations.activated_designation.connect(lambda _did: self.edit_designation())
        self.add_des, self.edit_des = QPushButton(self), QPushButton(self)
        self.revoke_des, self.delete_des = QPushButton(self), QPushButton(self)
        self.add_des.clicked.connect(lambda: self.add_designation())
        self.edit_des.clicked.connect(lambda: self.edit_designation())
        self.revoke_des.clicked.connect(self.revoke_designation)
        self.delete_des.clicked.connect(self.delete_designation)
        des_page = QWidget(self)
        dl = QVBoxLayout(des_page)
        dl.addWidget(self.designations)
        dl.addLayout(_row(self.add_des, self.edit_des, self.revoke_des, self.delete_des))

        self.figures = QTableWidget(0, 4, self)
        self.figures.verticalHeader().hide()
        self.figures.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.figures.cellDoubleClicked.connect(lambda row, _c: self.edit_figures(row))
        self.figures.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.figures.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
        self.edit_fig, self.delete_fig = QPushButton(self), QPushButton(self)
        self.edit_fig.clicked.connect(lambda: self.edit_figures())
        self.delete_fig.clicked.connect(lambda: self.delete_figures())
        self.delete_fig.setEnabled(False)
        self.figures.itemSelectionChanged.connect(
            lambda: self.delete_fig.setEnabled(self.figures.currentRow() >= 0
                                               and bool(self.figures.selectedItems())))
        fig_page = QWidget(self)
        gl = QVBoxLayout(fig_page)
        gl.addWidget(self.figures)
        gl.addLayout(_row(self.edit_fig, self.delete_fig))

        self.names = QListWidget(self)
        self.batches = QListWidget(self)
        self.names_label, self.batches_label = QLabel(self), QLabel(self)
        hist_page = QWidget(self)
        hl = QVBoxLayout(hist_page)
        for w in (self.names_label, self.names, self.batches_label, self.batches):
            hl.addWidget(w)

        for page in (fields, des_page, fig_page, hist_page):
            self.tabs.addTab(page, "")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.tabs)
        self.retranslate()
        self.show_enterprise(None)

    def retranslate(self) -> None:
        for i, text in enumerate((self.tr("Details"), self.tr("Designations"),
                                  self.tr("Yearly figures"), self.tr("History"))):
            self.tabs.setTabText(i, text)
        self.save_button.setText(self.tr("Save"))
        self.revert_button.setText(self.tr("Revert"))
        self.add_des.setText(self.tr("Add…"))
        self.edit_des.setText(self.tr("Edit…"))
        self.revoke_des.setText(self.tr("Revoke"))
        self.delete_des.setText(self.tr("Delete"))
        self.edit_fig.setText(self.tr("Add or edit a year…"))
        self.delete_fig.setText(self.tr("Delete year"))
        self.figures.setHorizontalHeaderLabels([self.tr("Year"), self.tr("Revenue (10k yuan)"),
                                                self.tr("Output (10k yuan)"),
                                                self.tr("Employees")])
        self.names_label.setText(self.tr("Former names"))
        self.batches_label.setText(self.tr("Imports that touched this enterprise"))
        self.form.retranslate()
        self.designations.retranslate()
        if self.enterprise_id is None:
            self.title.setText(self.tr("Select an enterprise in the table."))

    # --- loading ----------------------------------------------------------------------------------

    def show_enterprise(self, eid: int | None) -> None:
        self.enterprise_id = eid
        self.reload()

    def reload(self) -> None:
        eid = self.enterprise_id
        data = ed.load_enterprise(self.registry, eid) if eid is not None else None
        enabled = data is not None
        for w in (self.tabs, self.save_button, self.revert_button):
            w.setEnabled(enabled)
        self.form_error.clear()
        if data is None:
            self.enterprise_id, self.loaded = None, {}
            self.title.setText(self.tr("Select an enterprise in the table."))
            self.form.set_values({})
            self.designations.show_lines([])
            self.figures.setRowCount(0)
            self.names.clear()
            self.batches.clear()
            self._set_dirty(False)
            return
        self.loaded = data
        code = data["credit_code"] or self.tr("no credit code")
        warn = self.tr(" (check character doubtful)") if data.get("code_warning") else ""
        self.title.setText(f"<b>{data['name']}</b><br><span style='color:#555'>{code}{warn}"
                           "</span>")
        self.form.set_values(data)
        self.designations.show_lines(load_lines(self.registry, eid))
        self._load_history(eid)
        self._set_dirty(False)

    def _load_history(self, eid: int) -> None:
        with self.registry.session() as s:
            figs = list(s.execute(select(m.YearlyFigure.year, m.YearlyFigure.revenue,
                                         m.YearlyFigure.output, m.YearlyFigure.employees)
                                  .where(m.YearlyFigure.enterprise_id == eid)
                                  .order_by(m.YearlyFigure.year.desc())))
            names = list(s.execute(select(m.NameHistory.name, m.NameHistory.until)
                                   .where(m.NameHistory.enterprise_id == eid)
                                   .order_by(m.NameHistory.id.desc())))
            des_ids = select(m.Designation.id).where(m.Designation.enterprise_id == eid)
            c, b = m.ImportChange, m.ImportBatch
            batches = list(s.execute(
                select(b.id, b.file_name, b.created_at, b.undone_at).join(c, c.batch_id == b.id)
                .where(or_((c.table_name == "enterprise") & (c.row_id == eid),
                           (c.table_name == "designation") & c.row_id.in_(des_ids)))
                .distinct().order_by(b.created_at.desc())))
        self.figures.setRowCount(len(figs))
        for row, values in enumerate(figs):
            for col, v in enumerate(values):
                text = "" if v is None else (str(v) if col == 0 else f"{v:,.0f}")
                item = QTableWidgetItem(text)
                if col:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight
                                          | Qt.AlignmentFlag.AlignVCenter)
                self.figures.setItem(row, col, item)
        self.names.clear()
        for name, until in names:
            self.names.addItem(f"{name}" + (self.tr(" (until {date})").format(date=until)
                                            if until else ""))
        self.batches.clear()
        for bid, file_name, created, undone in batches:
            text = f"#{bid}  {created:%Y-%m-%d %H:%M}  {file_name}"
            if undone:
                text += self.tr("  (undone)")
            self.batches.addItem(text)

    def _set_dirty(self, dirty: bool) -> None:
        self.save_button.setEnabled(dirty and self.enterprise_id is not None)
        self.revert_button.setEnabled(dirty and self.enterprise_id is not None)

    def apply_changes(self, changes) -> None:
        if changes.touches(self.enterprise_id):
            self.reload()

    # --- edits ------------------------------------------------------------------------------------

    def save(self) -> bool:
        if self.enterprise_id is None:
            return False
        try:
            changed = self.form.changed(self.loaded)
        except FormError as exc:
            self.form_error.setText(self.tr("“{field}” cannot be read.").format(field=exc.label))
            return False
        if not changed:
            self._set_dirty(False)
            return True
        return self.editor.edit_enterprise(self.enterprise_id, changed, self.loaded["version"])

    def add_designation(self, values: dict[str, Any] | None = None) -> int | None:
        if self.enterprise_id is None:
            return None
        if values is None:
            dialog = DesignationDialog(self)
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return None
            values = dialog.values()
        return self.editor.add_designation(self.enterprise_id, values)

    def edit_designation(self, values: dict[str, Any] | None = None) -> bool:
        line = self.designations.current_line()
        if line is None:
            return False
        loaded = ed.load_designation(self.registry, line.id)
        if loaded is None:
            self.reload()
            return False
        if values is None:
            dialog = DesignationDialog(self, loaded)
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return False
            values = dialog.changed(loaded)
        if not values:
            return True
        return self.editor.edit_designation(line.id, values, loaded["version"])

    def revoke_designation(self) -> bool:
        line = self.designations.current_line()
        if line is None or line.state == "revoked":
            return False
        return self.editor.revoke_designation(line.id, line.version)

    def delete_designation(self, confirm: bool = True) -> bool:
        line = self.designations.current_line()
        if line is None:
            return False
        if confirm and QMessageBox.question(
                self, self.tr("Delete designation"),
                self.tr("Delete this designation record? (Revoke keeps it in the history.)")
        ) != QMessageBox.StandardButton.Yes:
            return False
        return self.editor.delete_designation(line.id)

    def edit_figures(self, row: int | None = None) -> bool:
        if self.enterprise_id is None:
            return False
        year, values = None, None
        if row is not None and 0 <= row < self.figures.rowCount():
            year = int(self.figures.item(row, 0).text())
            values = {k: _num(self.figures.item(row, c)) for c, k in
                      ((1, "revenue"), (2, "output"), (3, "employees"))}
        dialog = FigureDialog(self, year, values)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return False
        return self.editor.save_figure(self.enterprise_id, dialog.year.value(),
                                       dialog.result_values)

    def delete_figures(self, confirm: bool = True) -> bool:
        """Remove the selected year's figures (undoable, like every edit)."""
        row = self.figures.currentRow()
        if self.enterprise_id is None or row < 0 or not self.figures.selectedItems():
            return False
        year = int(self.figures.item(row, 0).text())
        if confirm and QMessageBox.question(
                self, self.tr("Delete year"),
                self.tr("Delete the figures of {year}? Ctrl+Z brings them back.").format(
                    year=year)
        ) != QMessageBox.StandardButton.Yes:
            return False
        return self.editor.save_figure(self.enterprise_id, year, None)


def _num(item: QTableWidgetItem | None) -> float | None:
    text = item.text().replace(",", "") if item is not None else ""
    return float(text) if text else None


def _row(*widgets: QWidget) -> QHBoxLayout:
    box = QHBoxLayout()
    box.addStretch(1)
    for w in widgets:
        box.addWidget(w)
    return box
