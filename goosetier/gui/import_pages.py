"""The first pages of the import wizard: sheet, column mapping, options for the whole file.

Each page reads through the wizard's ImportSession; whatever touches the file runs off the GUI
thread (``ImportWizard.run``), with the page showing a progress bar meanwhile.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWizardPage,
)

from goosetier.core.catalog import load_catalog
from goosetier.gui.i18n import lang
from goosetier.gui.import_fields import FIELD_LABELS
from goosetier.importing.columns import FIELDS
from goosetier.importing.model import ImportOptions

NO_YEAR = 1989


def column_letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


class SheetPage(QWizardPage):
    def __init__(self, wizard) -> None:
        super().__init__()
        self.w = wizard
        self.setTitle(self.tr("File and sheet"))
        self.file = QLabel(self)
        self.file.setWordWrap(True)
        self.sheets = QListWidget(self)
        self.sheets.setObjectName("sheetList")
        self.sheets.currentRowChanged.connect(lambda _r: self.completeChanged.emit())
        self.busy = QProgressBar(self)
        self.busy.setRange(0, 0)
        layout = QVBoxLayout(self)
        layout.addWidget(self.file)
        layout.addWidget(QLabel(self.tr("Sheet to import:"), self))
        layout.addWidget(self.sheets)
        layout.addWidget(self.busy)

    def initializePage(self) -> None:  # noqa: N802
        self.file.setText(self.tr("File: {path}").format(path=self.w.session.path))
        if self.sheets.count():
            return
        self.busy.show()
        self.w.run(lambda p, c: self.w.session.open(), self._loaded, self.w.fail)

    def _loaded(self, sheets) -> None:
        self.busy.hide()
        for info in sheets:
            text = info.name + (self.tr(" (hidden)") if info.hidden else "")
            item = QListWidgetItem(text, self.sheets)
            item.setData(Qt.ItemDataRole.UserRole, info.name)
        visible = [i for i, s in enumerate(sheets) if not s.hidden]
        self.sheets.setCurrentRow(visible[0] if visible else 0)

    def isComplete(self) -> bool:  # noqa: N802
        return self.sheets.currentItem() is not None and not self.w.busy

    def sheet(self) -> str | None:
        item = self.sheets.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item else None


class MappingPage(QWizardPage):
    """The detected header and an editable column → field mapping, with sample values."""

    SAMPLES = 3

    def __init__(self, wizard) -> None:
        super().__init__()
        self.w = wizard
        self.setTitle(self.tr("Columns"))
        self.info = QLabel(self)
        self.info.setWordWrap(True)
        self.table = QTableWidget(0, 3 + self.SAMPLES, self)
        self.table.setObjectName("mappingTable")
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.busy = QProgressBar(self)
        self.busy.setRange(0, 0)
        layout = QVBoxLayout(self)
        layout.addWidget(self.info)
        layout.addWidget(self.table)
        layout.addWidget(self.busy)
        self.combos: list[QComboBox] = []
        self._loaded_sheet: str | None = None

    def initializePage(self) -> None:  # noqa: N802
        sheet = self.w.sheet_page.sheet()
        if sheet == self._loaded_sheet:
            return
        self.busy.show()
        self.table.setRowCount(0)
        session = self.w.session

        def read(progress, cancelled):
            header = session.select_sheet(sheet)
            return header, session.preview(self.SAMPLES)

        self.w.run(read, lambda result: self._show(sheet, *result), self.w.fail)

    def _show(self, sheet: str, header, rows) -> None:
        self.busy.hide()
        self._loaded_sheet = sheet
        mapping = self.w.session.mapping
        titles = "；".join(header.titles) or self.tr("(none)")
        self.info.setText(self.tr("Header found in row {row}. Title above it: {titles}. "
                                  "Check what each column holds; “(ignore)” leaves it out.")
                          .format(row=header.header_row_index + 1, titles=titles))
        self.table.setHorizontalHeaderLabels(
            [self.tr("Column"), self.tr("Header"), self.tr("Field")]
            + [self.tr("Example {n}").format(n=n + 1) for n in range(self.SAMPLES)])
        self.combos = []
        self.table.setRowCount(len(header.headers))
        for col, text in enumerate(header.headers):
            self.table.setItem(col, 0, QTableWidgetItem(column_letter(col)))
            self.table.setItem(col, 1, QTableWidgetItem(str(text)))
            combo = QComboBox(self.table)
            combo.addItem(self.tr("(ignore)"), None)
            for fid in FIELDS:
                combo.addItem(self.tr(FIELD_LABELS.get(fid, fid)), fid)
            combo.setCurrentIndex(max(0, combo.findData(mapping.fields.get(col))))
            self.combos.append(combo)
            self.table.setCellWidget(col, 2, combo)
            for n, row in enumerate(rows[:self.SAMPLES]):
                value = row.values[col] if col < len(row.values) else None
                self.table.setItem(col, 3 + n, QTableWidgetItem("" if value is None
                                                                else str(value)))
        self.table.resizeColumnsToContents()
        self.completeChanged.emit()

    def overrides(self) -> dict[int, str | None]:
        return {col: combo.currentData() for col, combo in enumerate(self.combos)}

    def set_field(self, column: int, field_id: str | None) -> None:
        combo = self.combos[column]
        combo.setCurrentIndex(max(0, combo.findData(field_id)))

    def isComplete(self) -> bool:  # noqa: N802
        return bool(self.combos) and not self.w.busy

    def validatePage(self) -> bool:  # noqa: N802
        chosen = self.overrides()
        if "name" not in chosen.values():
            self.info.setText(self.tr("Choose the column that holds the enterprise name."))
            return False
        self.w.session.set_mapping(chosen)
        self.w.invalidate_plan()
        return True


class OptionsPage(QWizardPage):
    """Program, year, batch and kind for the whole file (left empty: read from the rows)."""

    def __init__(self, wizard) -> None:
        super().__init__()
        self.w = wizard
        self.setTitle(self.tr("What the file is"))
        self.setSubTitle(self.tr("Fill these in when the file does not say it in its columns "
                                 "or its title; what you set here wins over the file."))
        self.program = QComboBox(self)
        self.program.setObjectName("optionProgram")
        self.program.addItem(self.tr("(from the file)"), None)
        cat = load_catalog()
        for p in sorted(cat.programs.values(), key=lambda p: p.sort_order):
            if p.counting != "revenue_bracket":
                self.program.addItem(p.name(lang()), p.id)
        self.year = QSpinBox(self)
        self.year.setRange(NO_YEAR, 2100)
        self.year.setSpecialValueText(self.tr("(from the file)"))
        self.year.setValue(NO_YEAR)
        self.batch = QLineEdit(self)
        self.batch.setPlaceholderText(self.tr("e.g. 第八批"))
        self.kind = QComboBox(self)
        self.kind.addItem(self.tr("(from the file)"), None)
        self.kind.addItem(self.tr("new"), "new")
        self.kind.addItem(self.tr("review passed"), "review")
        form = QFormLayout(self)
        form.addRow(self.tr("Program"), self.program)
        form.addRow(self.tr("Year granted"), self.year)
        form.addRow(self.tr("Batch"), self.batch)
        form.addRow(self.tr("Kind"), self.kind)

    def options(self) -> ImportOptions:
        year = self.year.value()
        return ImportOptions(program=self.program.currentData(),
                             year=None if year == NO_YEAR else year,
                             batch=self.batch.text().strip() or None,
                             kind=self.kind.currentData())

    def validatePage(self) -> bool:  # noqa: N802
        options = self.options()
        if options != self.w.session.options:
            self.w.session.options = options
            self.w.invalidate_plan()
        return True

