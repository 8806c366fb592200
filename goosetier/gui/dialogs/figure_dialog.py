"""One year's figures of an enterprise: revenue and output (万元), employees."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)


class FigureDialog(QDialog):
    def __init__(self, parent: QWidget | None = None, year: int | None = None,
                 values: dict[str, Any] | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Yearly figures"))
        self.year = QSpinBox(self)
        self.year.setRange(1990, 2100)
        self.year.setValue(year or dt.date.today().year - 1)
        self.revenue, self.output, self.employees = QLineEdit(self), QLineEdit(self), \
            QLineEdit(self)
        values = values or {}
        for key, w in (("revenue", self.revenue), ("output", self.output),
                       ("employees", self.employees)):
            v = values.get(key)
            w.setText("" if v is None else f"{v:g}")
        form = QFormLayout()
        form.addRow(self.tr("Year"), self.year)
        form.addRow(self.tr("Revenue (10k yuan)"), self.revenue)
        form.addRow(self.tr("Output (10k yuan)"), self.output)
        form.addRow(self.tr("Employees"), self.employees)
        self.error = QLabel(self)
        self.error.setStyleSheet("color: #a01c1c")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.result_values: dict[str, Any] = {}

    def _accept(self) -> None:
        try:
            self.result_values = {
                "revenue": _number(self.revenue.text()), "output": _number(self.output.text()),
                "employees": None if not self.employees.text().strip()
                else int(self.employees.text().strip())}
        except ValueError:
            self.error.setText(self.tr("Write plain numbers, e.g. 125000."))
            return
        self.accept()


def _number(text: str) -> float | None:
    text = text.strip().replace(",", "")
    return float(text) if text else None
