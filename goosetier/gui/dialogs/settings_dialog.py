"""Settings: the district name (shared, in the registry), the registry location and the
language (this computer only, in QSettings; the location takes effect on the next start)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from goosetier.gui import settings as st


class SettingsDialog(QDialog):
    def __init__(self, district: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("settingsDialog")
        self.setWindowTitle(self.tr("Settings"))
        self.district = QLineEdit(district, self)
        self.database = QLineEdit(st.db_location(), self)
        self.database.setPlaceholderText(self.tr("(default: the registry in the data folder)"))
        browse = QPushButton(self.tr("Browse…"), self)
        browse.clicked.connect(self._browse)
        db_row = QHBoxLayout()
        db_row.addWidget(self.database, 1)
        db_row.addWidget(browse)
        self.language = QComboBox(self)
        self.language.addItem("中文（简体）", "zh_CN")
        self.language.addItem("English", "en")
        self.language.setCurrentIndex(max(0, self.language.findData(st.language())))
        form = QFormLayout()
        form.addRow(self.tr("District name (shared by the office)"), self.district)
        form.addRow(self.tr("Registry file or database URL"), db_row)
        form.addRow(self.tr("Language"), self.language)
        note = QLabel(self.tr("A new registry location takes effect when GooseTier starts "
                              "next time."), self)
        note.setWordWrap(True)
        note.setStyleSheet("color: #666")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(buttons)
        self.resize(560, 200)

    def _browse(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Registry file"), self.database.text() or st.last_folder(),
            self.tr("GooseTier registry (*.sqlite3)"),
            options=QFileDialog.Option.DontConfirmOverwrite)
        if path:
            self.database.setText(path)

    def result_values(self) -> dict[str, str]:
        return {"district": self.district.text().strip(),
                "database": self.database.text().strip(),
                "language": self.language.currentData()}
