"""The enterprise's fields as a form, shared by the detail panel and the "new enterprise" dialog.

``values()`` parses what was typed (numbers, dates as YYYY-MM-DD, years) and raises
``FormError`` naming the field that cannot be read, so nothing half-parsed is ever written.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

CLUSTERS = ("船舶海工", "智能家电", "高端化工新材料", "汽车", "高端装备", "芯屏", "海洋生物医药",
            "人工智能", "其他")


@dataclass(frozen=True)
class Field:
    key: str
    label: str
    kind: str = "text"  # text / float / int / date / bool / multiline / cluster


FIELDS: tuple[Field, ...] = (
    Field("name", QT_TRANSLATE_NOOP("EnterpriseForm", "Name")),
    Field("credit_code", QT_TRANSLATE_NOOP("EnterpriseForm", "Credit code")),
    Field("cluster", QT_TRANSLATE_NOOP("EnterpriseForm", "Cluster"), "cluster"),
    Field("street", QT_TRANSLATE_NOOP("EnterpriseForm", "Street")),
    Field("park", QT_TRANSLATE_NOOP("EnterpriseForm", "Park")),
    Field("district", QT_TRANSLATE_NOOP("EnterpriseForm", "District")),
    Field("industry_code", QT_TRANSLATE_NOOP("EnterpriseForm", "Industry code")),
    Field("legal_rep", QT_TRANSLATE_NOOP("EnterpriseForm", "Legal representative")),
    Field("registered_capital",
          QT_TRANSLATE_NOOP("EnterpriseForm", "Registered capital (10k yuan)"), "float"),
    Field("founded_on", QT_TRANSLATE_NOOP("EnterpriseForm", "Founded (YYYY-MM-DD)"), "date"),
    Field("address", QT_TRANSLATE_NOOP("EnterpriseForm", "Address")),
    Field("listed", QT_TRANSLATE_NOOP("EnterpriseForm", "Listed"), "bool"),
    Field("listed_exchange", QT_TRANSLATE_NOOP("EnterpriseForm", "Exchange")),
    Field("listed_year", QT_TRANSLATE_NOOP("EnterpriseForm", "Year listed"), "int"),
    Field("contact_name", QT_TRANSLATE_NOOP("EnterpriseForm", "Contact")),
    Field("contact_phone", QT_TRANSLATE_NOOP("EnterpriseForm", "Phone")),
    Field("notes", QT_TRANSLATE_NOOP("EnterpriseForm", "Notes"), "multiline"),
)
KEYS = tuple(f.key for f in FIELDS)


class FormError(ValueError):
    def __init__(self, key: str, label: str) -> None:
        super().__init__(key)
        self.key, self.label = key, label


def parse_date(text: str) -> dt.date | None:
    text = text.strip().replace("/", "-").replace(".", "-")
    if not text:
        return None
    return dt.date.fromisoformat("-".join(p.zfill(2) for p in text.split("-")))


class EnterpriseForm(QWidget):
    edited = Signal()

    def __init__(self, parent: QWidget | None = None, compact: bool = False) -> None:
        super().__init__(parent)
        self.widgets: dict[str, QWidget] = {}
        self.labels: dict[str, QLabel] = {}
        layout = QFormLayout(self)
        layout.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for f in FIELDS:
            widget = self._make(f)
            widget.setObjectName(f"field_{f.key}")
            label = QLabel(self)
            self.labels[f.key], self.widgets[f.key] = label, widget
            layout.addRow(label, widget)
        self.retranslate()

    def _make(self, f: Field) -> QWidget:
        if f.kind == "bool":
            w = QCheckBox(self)
            w.toggled.connect(self.edited)
        elif f.kind == "multiline":
            w = QPlainTextEdit(self)
            w.setFixedHeight(60)
            w.textChanged.connect(self.edited)
        elif f.kind == "cluster":
            w = QComboBox(self)
            w.setEditable(True)
            w.addItems(["", *CLUSTERS])
            w.currentTextChanged.connect(self.edited)
        else:
            w = QLineEdit(self)
            w.textEdited.connect(self.edited)
        return w

    def retranslate(self) -> None:
        for f in FIELDS:
            self.labels[f.key].setText(self.tr(f.label))

    def set_values(self, values: dict[str, Any]) -> None:
        for f in FIELDS:
            w, value = self.widgets[f.key], values.get(f.key)
            w.blockSignals(True)
            if f.kind == "bool":
                w.setChecked(bool(value))
            elif f.kind == "multiline":
                w.setPlainText(value or "")
            elif f.kind == "cluster":
                w.setCurrentText(value or "")
            elif f.kind == "float" and value is not None:
                w.setText(f"{value:g}")
            elif isinstance(value, dt.date):
                w.setText(value.isoformat())
            else:
                w.setText("" if value is None else str(value))
            w.blockSignals(False)

    def values(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for f in FIELDS:
            w = self.widgets[f.key]
            if f.kind == "bool":
                out[f.key] = w.isChecked()
                continue
            if f.kind == "multiline":
                text = w.toPlainText().strip()
            elif f.kind == "cluster":
                text = w.currentText().strip()
            else:
                text = w.text().strip()
            try:
                out[f.key] = self._parse(f.kind, text)
            except ValueError as exc:
                raise FormError(f.key, self.tr(f.label)) from exc
        return out

    @staticmethod
    def _parse(kind: str, text: str) -> Any:
        if not text:
            return None
        if kind == "float":
            return float(text.replace(",", "").replace("，", ""))
        if kind == "int":
            return int(text)
        if kind == "date":
            return parse_date(text)
        return text

    def changed(self, loaded: dict[str, Any]) -> dict[str, Any]:
        """The fields whose parsed value differs from `loaded` (raises FormError)."""
        now = self.values()
        return {k: v for k, v in now.items()
                if v != loaded.get(k) and not (k == "listed" and bool(v) == bool(loaded.get(k)))}

    def set_read_only(self, read_only: bool) -> None:
        for w in self.widgets.values():
            w.setEnabled(not read_only)
