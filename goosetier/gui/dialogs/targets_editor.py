"""The targets editor: plan periods (十四五 shipped, 十五五 added by the officer) and their targets.

Every change is written at once through the Editor, so it is audited, shared with the other
officers and undoable with the window's Undo/Redo (the dialog shows the same two buttons).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QStyledItemDelegate,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import select

from goosetier.core.catalog import load_catalog
from goosetier.gui.i18n import lang
from goosetier.gui.models.targets_model import TargetsModel
from goosetier.store import models as m


class KindDelegate(QStyledItemDelegate):
    def createEditor(self, parent, option, index):  # noqa: N802
        combo = QComboBox(parent)
        combo.addItem(self.tr("stock"), "stock")
        combo.addItem(self.tr("yearly flow"), "flow")
        return combo

    def setEditorData(self, editor, index):  # noqa: N802
        editor.setCurrentIndex(max(0, editor.findData(index.data(Qt.ItemDataRole.EditRole))))

    def setModelData(self, editor, model, index):  # noqa: N802
        model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)


class NewPlanDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("New plan period"))
        self.name = QLineEdit("十五五", self)
        self.name_en = QLineEdit("15th Five-Year Plan", self)
        self.baseline, self.target = QSpinBox(self), QSpinBox(self)
        for w, v in ((self.baseline, 2025), (self.target, 2030)):
            w.setRange(1990, 2100)
            w.setValue(v)
        self.copy = QComboBox(self)
        form = QFormLayout()
        form.addRow(self.tr("Name"), self.name)
        form.addRow(self.tr("English name"), self.name_en)
        form.addRow(self.tr("Baseline year"), self.baseline)
        form.addRow(self.tr("Target year"), self.target)
        form.addRow(self.tr("Copy indicators from"), self.copy)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)


class TargetsEditor(QDialog):
    def __init__(self, registry, editor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("targetsEditor")
        self.registry, self.editor = registry, editor
        self.setWindowTitle(self.tr("Plan periods and targets"))
        self.plans = QListWidget(self)
        self.plans.setObjectName("planList")
        self.plans.currentItemChanged.connect(self._plan_changed)
        self.add_plan_button = QPushButton(self.tr("New plan period…"), self)
        self.add_plan_button.clicked.connect(self.new_plan)
        self.plan_name, self.plan_en = QLineEdit(self), QLineEdit(self)
        self.plan_base, self.plan_target = QSpinBox(self), QSpinBox(self)
        for w in (self.plan_base, self.plan_target):
            w.setRange(1990, 2100)
        self.plan_note = QLineEdit(self)
        apply_plan = QPushButton(self.tr("Apply"), self)
        apply_plan.clicked.connect(self.save_plan)
        plan_form = QFormLayout()
        plan_form.addRow(self.tr("Name"), self.plan_name)
        plan_form.addRow(self.tr("English name"), self.plan_en)
        years = QHBoxLayout()
        years.addWidget(self.plan_base)
        years.addWidget(QLabel("→", self))
        years.addWidget(self.plan_target)
        years.addWidget(apply_plan)
        plan_form.addRow(self.tr("Baseline → target year"), years)
        plan_form.addRow(self.tr("Note"), self.plan_note)

        self.model = TargetsModel(registry, editor, self)
        self.table = QTableView(self)
        self.table.setObjectName("targetsTable")
        self.table.setModel(self.model)
        self.table.setItemDelegateForColumn(3, KindDelegate(self.table))
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(5, QHeaderView.ResizeMode.Stretch)
        self.table.setColumnWidth(0, 220)
        self.table.setColumnWidth(4, 180)
        add_metric = QPushButton(self.tr("Add indicator…"), self)
        add_metric.clicked.connect(self.add_metric)
        remove_metric = QPushButton(self.tr("Remove indicator"), self)
        remove_metric.clicked.connect(self.remove_metric)
        undo, redo = QToolButton(self), QToolButton(self)
        undo.setDefaultAction(editor.stack.createUndoAction(self, self.tr("Undo")))
        redo.setDefaultAction(editor.stack.createRedoAction(self, self.tr("Redo")))
        hint = QLabel(self.tr("Double-click a cell to edit. Without milestones progress is "
                              "judged against the straight line from baseline to target."), self)
        hint.setWordWrap(True)
        hint.setStyleSheet("color: #666")
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)

        left = QVBoxLayout()
        left.addWidget(self.plans)
        left.addWidget(self.add_plan_button)
        right = QVBoxLayout()
        right.addLayout(plan_form)
        right.addWidget(self.table, 1)
        buttons = QHBoxLayout()
        for w in (add_metric, remove_metric):
            buttons.addWidget(w)
        buttons.addStretch(1)
        buttons.addWidget(undo)
        buttons.addWidget(redo)
        right.addLayout(buttons)
        right.addWidget(hint)
        body = QHBoxLayout()
        body.addLayout(left, 1)
        body.addLayout(right, 4)
        layout = QVBoxLayout(self)
        layout.addLayout(body)
        layout.addWidget(close)
        editor.changed.connect(self._changed)
        self.resize(1000, 560)
        self.load_plans()

    # --- plans ---------------------------------------------------------------------------------

    def load_plans(self, select_id: int | None = None) -> None:
        current = select_id if select_id is not None else self.plan_id()
        with self.registry.session() as s:
            plans = list(s.execute(select(m.PlanPeriod.id, m.PlanPeriod.name,
                                          m.PlanPeriod.baseline_year, m.PlanPeriod.target_year)
                                   .order_by(m.PlanPeriod.baseline_year)))
        self.plans.blockSignals(True)
        self.plans.clear()
        for pid, name, base, target in plans:
            item = QListWidgetItem(f"{name}（{base}–{target}）", self.plans)
            item.setData(Qt.ItemDataRole.UserRole, pid)
        self.plans.blockSignals(False)
        rows = [self.plans.item(i).data(Qt.ItemDataRole.UserRole)
                for i in range(self.plans.count())]
        self.plans.setCurrentRow(rows.index(current) if current in rows else len(rows) - 1)
        self._plan_changed()

    def plan_id(self) -> int | None:
        item = self.plans.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item is not None else None

    def _plan_changed(self, *_args) -> None:
        pid = self.plan_id()
        self.model.set_plan(pid)
        if pid is None:
            return
        with self.registry.session() as s:
            plan = s.get(m.PlanPeriod, pid)
            self._plan_version = plan.version
            self.plan_name.setText(plan.name)
            self.plan_en.setText(plan.name_en or "")
            self.plan_base.setValue(plan.baseline_year)
            self.plan_target.setValue(plan.target_year)
            self.plan_note.setText(plan.note or "")

    def save_plan(self) -> bool:
        pid = self.plan_id()
        if pid is None:
            return False
        values = {"name": self.plan_name.text().strip(), "name_en": self.plan_en.text().strip(),
                  "baseline_year": self.plan_base.value(),
                  "target_year": self.plan_target.value(),
                  "note": self.plan_note.text().strip() or None}
        return self.editor.edit_plan(pid, values, self._plan_version)

    def new_plan(self, values: dict | None = None) -> int | None:
        if values is None:
            dialog = NewPlanDialog(self)
            for i in range(self.plans.count()):
                item = self.plans.item(i)
                dialog.copy.addItem(item.text(), item.data(Qt.ItemDataRole.UserRole))
            dialog.copy.addItem(self.tr("(none)"), None)
            dialog.copy.setCurrentIndex(max(0, self.plans.currentRow()))
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return None
            values = {"name": dialog.name.text(), "name_en": dialog.name_en.text(),
                      "baseline_year": dialog.baseline.value(),
                      "target_year": dialog.target.value(),
                      "copy_metrics_from": dialog.copy.currentData()}
        plan_id = self.editor.add_plan(**values)
        if plan_id is not None:
            self.load_plans(plan_id)
        return plan_id

    # --- indicators ------------------------------------------------------------------------------

    def add_metric(self, metric_id: str | None = None) -> int | None:
        pid = self.plan_id()
        if pid is None:
            return None
        if metric_id is None:
            cat = load_catalog()
            free = [mt for mt in cat.metrics.values() if mt.id not in self.model.metric_ids()]
            if not free:
                return None
            names = [mt.name(lang()) for mt in free]
            name, ok = QInputDialog.getItem(self, self.tr("Add indicator"),
                                            self.tr("Indicator"), names, 0, False)
            if not ok:
                return None
            metric_id = free[names.index(name)].id
        return self.editor.add_target(pid, metric_id)

    def remove_metric(self) -> bool:
        target_id = self.model.target_id(self.table.currentIndex().row())
        return target_id is not None and self.editor.delete_target(target_id)

    def _changed(self, changes) -> None:
        if changes.plans:
            self.load_plans()

