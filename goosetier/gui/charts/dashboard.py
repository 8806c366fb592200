"""The dashboard tab: progress against the plan, one target's trend, clusters, expiring list.

Plan and year are chosen at the top; the trend follows the target chosen in its combo (or a
click on a progress bar's row in the list). ``apply_changes`` marks the tab stale after a
write; it redraws when shown, so edits elsewhere cost nothing while the tab is hidden.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QMenu,
    QSpinBox,
    QToolButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from goosetier.core.catalog import load_catalog
from goosetier.gui import settings as st
from goosetier.gui.charts import data
from goosetier.gui.charts.plots import ClusterChart, ProgressChart, TrendChart
from goosetier.gui.i18n import lang
from goosetier.reports.clusters import tier_columns


class Dashboard(QWidget):
    enterprise_requested = Signal(int)

    def __init__(self, registry, parent: QWidget | None = None,
                 today: dt.date | None = None) -> None:
        super().__init__(parent)
        self.registry = registry
        self.today = today or dt.date.today()
        self._stale = True
        self.plan = QComboBox(self)
        self.plan.setObjectName("dashboardPlan")
        self.year = QSpinBox(self)
        self.year.setObjectName("dashboardYear")
        self.year.setRange(1990, 2100)
        self.metric = QComboBox(self)
        self.metric.setObjectName("dashboardMetric")
        self.save = QToolButton(self)
        self.save.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.save_menu = QMenu(self)
        self.save.setMenu(self.save_menu)
        self.plan_label, self.year_label, self.metric_label = QLabel(self), QLabel(self), \
            QLabel(self)
        top = QHBoxLayout()
        for w in (self.plan_label, self.plan, self.year_label, self.year, self.metric_label,
                  self.metric):
            top.addWidget(w)
        top.addStretch(1)
        top.addWidget(self.save)

        self.progress_chart = ProgressChart(self)
        self.trend_chart = TrendChart(self)
        self.cluster_chart = ClusterChart(self)
        self.expiring = QTreeWidget(self)
        self.expiring.setObjectName("expiringList")
        self.expiring.setRootIsDecorated(False)
        self.expiring.setUniformRowHeights(True)
        self.expiring.itemDoubleClicked.connect(
            lambda item, _c: self.enterprise_requested.emit(item.data(0, Qt.ItemDataRole.UserRole)))
        self.expiring_label = QLabel(self)
        right = QVBoxLayout()
        right.addWidget(self.expiring_label)
        right.addWidget(self.expiring)
        grid = QGridLayout()
        grid.addWidget(self.progress_chart, 0, 0)
        grid.addWidget(self.trend_chart, 0, 1)
        grid.addWidget(self.cluster_chart, 1, 0)
        grid.addLayout(right, 1, 1)
        grid.setColumnStretch(0, 3)
        grid.setColumnStretch(1, 2)
        grid.setRowStretch(0, 3)
        grid.setRowStretch(1, 2)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(grid, 1)

        self.plan.currentIndexChanged.connect(self._plan_changed)
        self.year.valueChanged.connect(lambda _y: self.refresh())
        self.metric.currentIndexChanged.connect(lambda _i: self._draw_trend())
        self.retranslate()
        self.load_plans(draw=False)  # drawn when first shown

    def retranslate(self) -> None:
        self.plan_label.setText(self.tr("Plan"))
        self.year_label.setText(self.tr("Year"))
        self.metric_label.setText(self.tr("Trend of"))
        self.save.setText(self.tr("Save chart as PNG"))
        self.save_menu.clear()
        for text, chart, stem in ((self.tr("Progress chart…"), self.progress_chart, "progress"),
                                  (self.tr("Trend chart…"), self.trend_chart, "trend"),
                                  (self.tr("Cluster chart…"), self.cluster_chart, "clusters")):
            self.save_menu.addAction(text, lambda c=chart, n=stem: self.ask_save(c, n))
        self.expiring_label.setText(self.tr("Designations expiring in the next 6 months"))
        self.expiring.setHeaderLabels([self.tr("Enterprise"), self.tr("Program"),
                                       self.tr("Batch"), self.tr("Valid until")])
        if self.isVisible():
            self.refresh()
        else:
            self._stale = True

    # --- choices -----------------------------------------------------------------------------

    def load_plans(self, draw: bool = True) -> None:
        with self.registry.session() as s:
            plans = data.plan_choices(s)
            preferred = data.default_plan(s)
        current = self.plan.currentData()
        self.plan.blockSignals(True)
        self.plan.clear()
        for p in plans:
            self.plan.addItem(f"{p.name}（{p.baseline_year}–{p.target_year}）", p)
        names = [p.name for p in plans]
        keep = current.name if current is not None and current.name in names else preferred
        self.plan.setCurrentIndex(names.index(keep) if keep in names else 0)
        self.plan.blockSignals(False)
        self._plan_changed(reset_year=current is None or current.name != keep, draw=draw)

    def _plan_changed(self, *_args, reset_year: bool = True, draw: bool = True) -> None:
        plan = self.plan.currentData()
        if plan is None:
            return
        self.year.blockSignals(True)
        self.year.setRange(plan.baseline_year, plan.target_year + 5)
        if reset_year:
            self.year.setValue(data.default_year(plan, self.today))
        self.year.blockSignals(False)
        if draw:
            self.refresh()
        else:
            self._stale = True

    def set_plan(self, name: str) -> bool:
        for i in range(self.plan.count()):
            if self.plan.itemData(i).name == name:
                self.plan.setCurrentIndex(i)
                return True
        return False

    # --- drawing -------------------------------------------------------------------------------

    def refresh(self) -> None:
        plan = self.plan.currentData()
        if plan is None:
            return
        year = self.year.value()
        with self.registry.session() as s:
            self.summary = data.progress(s, plan.name, year)
            self.cluster_rows = data.clusters(s, year)
            expiring = data.expiring(s, self.today)
        self.progress_chart.show_summary(self.summary)
        self.cluster_chart.show_clusters(self.cluster_rows, tier_columns(lang=lang()), year)
        self._fill_metrics()
        self._draw_trend()
        self._fill_expiring(expiring)
        self._stale = False

    def _fill_metrics(self) -> None:
        current = self.metric.currentData()
        self.metric.blockSignals(True)
        self.metric.clear()
        zh = lang() == "zh"
        for r in self.summary.rows:
            if r.target is not None:
                self.metric.addItem(r.name if zh else r.name_en, r.id)
        index = self.metric.findData(current)
        if index < 0:  # first time: the target with most enterprises shows the most
            counted = [r for r in self.summary.rows if r.target is not None]
            best = max(counted, key=lambda r: r.count, default=None)
            index = self.metric.findData(best.id) if best else 0
        self.metric.setCurrentIndex(max(index, 0))
        self.metric.blockSignals(False)

    def _draw_trend(self) -> None:
        plan = self.plan.currentData()
        metric_id = self.metric.currentData()
        if plan is None or metric_id is None:
            self.trend_chart.show_trend(None, self.tr("Trend"))
            return
        with self.registry.session() as s:
            self.trend = data.trend(s, plan.name, metric_id, self.today)
        name = load_catalog().metrics[metric_id].name(lang())
        self.trend_chart.show_trend(self.trend, self.tr("{name}: {start}–{end}").format(
            name=name, start=plan.baseline_year, end=plan.target_year))

    def _fill_expiring(self, rows) -> None:
        cat = load_catalog()
        self.expiring.clear()
        for r in rows:
            program = cat.programs.get(r.program_id)
            item = QTreeWidgetItem([r.enterprise_name, program.name(lang()) if program
                                    else r.program_id, r.batch_text or "",
                                    r.count_until.isoformat() if r.count_until else ""])
            item.setData(0, Qt.ItemDataRole.UserRole, r.enterprise_id)
            self.expiring.addTopLevelItem(item)
        self.expiring.resizeColumnToContents(0)

    # --- refresh after writes ------------------------------------------------------------------

    def apply_changes(self, changes) -> None:
        if changes.plans:
            self._stale = True
            if self.isVisible():
                self.load_plans()
            return
        if changes.counts or changes.reload_all or changes.settings:
            self._stale = True
            if self.isVisible():
                self.refresh()

    def showEvent(self, event) -> None:  # noqa: N802
        super().showEvent(event)
        if self._stale:
            self.load_plans()

    # --- PNG --------------------------------------------------------------------------------------

    def ask_save(self, chart, stem: str) -> None:
        plan = self.plan.currentData()
        name = f"{stem}-{plan.name if plan else ''}-{self.year.value()}.png"
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save chart as PNG"),
                                              str(Path(st.last_folder()) / name),
                                              self.tr("PNG image (*.png)"))
        if path:
            st.set_last_folder(str(Path(path).parent))
            chart.save_png(path)
