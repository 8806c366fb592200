"""Add an enterprise by hand (the same form as the detail panel)."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from goosetier.core.codes import check_code
from goosetier.gui.views.enterprise_form import EnterpriseForm, FormError


class EnterpriseDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("enterpriseDialog")
        self.setWindowTitle(self.tr("New enterprise"))
        self.form = EnterpriseForm(self)
        self.error = QLabel(self)
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #a01c1c")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self._values: dict[str, Any] = {}
        self.resize(460, 640)

    def _accept(self) -> None:
        try:
            values = self.form.values()
        except FormError as exc:
            self.error.setText(self.tr("“{field}” cannot be read.").format(field=exc.label))
            return
        if not values.get("name"):
            self.error.setText(self.tr("The enterprise name may not be empty."))
            return
        if values.get("credit_code") and not check_code(values["credit_code"]).usable:
            self.error.setText(self.tr("The credit code must be 18 digits or capital letters "
                                       "(no I, O, Z, S or V)."))
            return
        self._values = {k: v for k, v in values.items() if v not in (None, "", False)}
        self.accept()

    def values(self) -> dict[str, Any]:
        return self._values
