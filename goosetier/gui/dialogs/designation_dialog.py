"""Add or edit one designation: program, year, batch (第N批), kind, level, dates, product."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from goosetier.core.catalog import load_catalog
from goosetier.gui.i18n import lang
from goosetier.gui.views.enterprise_form import parse_date

NO_YEAR = 1989  # the spin box's "no year" value (shown as special text)


def grantable_programs() -> list:
    """Programs an officer records by hand (revenue brackets follow from the figures)."""
    cat = load_catalog()
    return [p for p in sorted(cat.programs.values(), key=lambda p: p.sort_order)
            if p.counting != "revenue_bracket"]


class DesignationDialog(QDialog):
    def __init__(self, parent: QWidget | None = None,
                 values: dict[str, Any] | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("designationDialog")
        self.setWindowTitle(self.tr("Edit designation") if values else
                            self.tr("Add designation"))
        form = QFormLayout()
        self.program = QComboBox(self)
        for p in grantable_programs():
            self.program.addItem(p.name(lang()), p.id)
        self.year = QSpinBox(self)
        self.year.setRange(NO_YEAR, 2100)
        self.year.setSpecialValueText(self.tr("(none)"))
        self.year.setValue(dt.date.today().year)
        self.batch = QLineEdit(self)
        self.batch.setPlaceholderText(self.tr("e.g. 第六批"))
        self.kind = QComboBox(self)
        self.kind.addItem(self.tr("new"), "new")
        self.kind.addItem(self.tr("review passed"), "review")
        self.level = QComboBox(self)
        for key, text in (("", ""), ("national", self.tr("national")),
                          ("provincial", self.tr("provincial")), ("city", self.tr("city")),
                          ("district", self.tr("district"))):
            self.level.addItem(text, key)
        self.category = QComboBox(self)
        self.category.setEditable(True)
        self.category.addItems(["", "示范企业", "培育企业", "产品"])
        self.valid_from = QLineEdit(self)
        self.valid_until = QLineEdit(self)
        for w in (self.valid_from, self.valid_until):
            w.setPlaceholderText("YYYY-MM-DD")
        self.product = QLineEdit(self)
        self.certificate = QLineEdit(self)
        self.source = QLineEdit(self)
        rows = [(self.tr("Program"), self.program), (self.tr("Year granted"), self.year),
                (self.tr("Batch"), self.batch), (self.tr("Kind"), self.kind),
                (self.tr("Level"), self.level), (self.tr("Category"), self.category),
                (self.tr("Valid from"), self.valid_from),
                (self.tr("Valid until"), self.valid_until),
                (self.tr("Product"), self.product),
                (self.tr("Certificate no."), self.certificate), (self.tr("Source"), self.source)]
        for label, widget in rows:
            form.addRow(label, widget)
        self.error = QLabel(self)
        self.error.setStyleSheet("color: #a01c1c")
        hint = QLabel(self.tr("Without dates a designation granted in year G counts at the "
                              "ends of G … G+V−1 (V = the program's validity)."), self)
        hint.setWordWrap(True)
        hint.setStyleSheet("color: #666")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(hint)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self._values: dict[str, Any] = {}
        if values:
            self.set_values(values)

    def set_values(self, v: dict[str, Any]) -> None:
        self.program.setCurrentIndex(max(0, self.program.findData(v.get("program_id"))))
        self.year.setValue(v.get("year") or NO_YEAR)
        self.batch.setText(v.get("batch_text") or "")
        self.kind.setCurrentIndex(max(0, self.kind.findData(v.get("kind") or "new")))
        self.level.setCurrentIndex(max(0, self.level.findData(v.get("level") or "")))
        self.category.setCurrentText(v.get("category") or "")
        self.valid_from.setText(v["valid_from"].isoformat() if v.get("valid_from") else "")
        self.valid_until.setText(v["valid_until"].isoformat() if v.get("valid_until") else "")
        self.product.setText(v.get("product") or "")
        self.certificate.setText(v.get("certificate_no") or "")
        self.source.setText(v.get("source") or "")

    def read(self) -> dict[str, Any]:
        """The typed values (raises ValueError on a date that cannot be read)."""
        valid_from = parse_date(self.valid_from.text())
        valid_until = parse_date(self.valid_until.text())
        year = self.year.value()
        return {
            "program_id": self.program.currentData(),
            "year": None if year == NO_YEAR else year,
            "batch_text": self.batch.text().strip() or None,
            "kind": self.kind.currentData(),
            "level": self.level.currentData() or None,
            "category": self.category.currentText().strip() or None,
            "valid_from": valid_from, "valid_until": valid_until,
            "product": self.product.text().strip() or None,
            "certificate_no": self.certificate.text().strip() or None,
            "source": self.source.text().strip() or None,
        }

    def _accept(self) -> None:
        try:
            values = self.read()
        except ValueError:
            self.error.setText(self.tr("A date cannot be read; write it as 2024-09-06."))
            return
        if values["year"] is None and values["valid_from"] is None:
            self.error.setText(self.tr("Give the year granted or the date it is valid from."))
            return
        if values["valid_from"] and values["valid_until"] and \
                values["valid_until"] < values["valid_from"]:
            self.error.setText(self.tr("“Valid until” comes before “valid from”."))
            return
        self._values = values
        self.accept()

    def values(self) -> dict[str, Any]:
        return self._values

    def changed(self, loaded: dict[str, Any]) -> dict[str, Any]:
        return {k: v for k, v in self._values.items() if v != loaded.get(k)}


def ask_designation(parent: QWidget, values: dict[str, Any] | None = None) -> dict | None:
    dialog = DesignationDialog(parent, values)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    return dialog.values() if dialog.exec() == QDialog.DialogCode.Accepted else None
