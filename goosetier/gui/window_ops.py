"""What the main window's menu commands do (a mixin of MainWindow, kept apart to stay small).

Strings use ``translate("MainWindow", …)``: Qt looks translations up by the runtime class
(MainWindow), which lupdate cannot see through a mixin's ``self.tr``.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox

from goosetier import APP_NAME_ZH, __version__
from goosetier.gui import settings as st
from goosetier.gui.changes import EVERYTHING
from goosetier.gui.errors import inform

translate = QCoreApplication.translate
ROSTER_FILTER = "*.xlsx *.xlsm *.xls *.ods *.csv *.et"


class WindowOps:
    # --- import ----------------------------------------------------------------------------------

    def open_import(self, path: str | None = None):
        """Ask for a roster (unless given) and open the import wizard on it."""
        if path is None:
            path, _ = QFileDialog.getOpenFileName(
                self, translate("MainWindow", "Import roster"), st.last_folder(),
                translate("MainWindow", "Rosters ({patterns});;All files (*)").format(
                    patterns=ROSTER_FILTER))
            if not path:
                return None
        st.set_last_folder(str(Path(path).parent))
        st.add_recent_file(path)
        try:
            from goosetier.gui.import_wizard import ImportWizard
        except ImportError:
            inform(self, translate("MainWindow", "Import"), translate(
                "MainWindow", "The import wizard is not available in this build."))
            return None
        wizard = ImportWizard(self.registry, path, self)
        wizard.applied.connect(lambda _result: self.apply_changes(EVERYTHING))
        wizard.undone.connect(lambda _bid: self.apply_changes(EVERYTHING))
        self.last_dialog = wizard
        wizard.open()
        return wizard

    def show_import_history(self):
        from goosetier.gui.dialogs.import_history import ImportHistoryDialog

        dialog = ImportHistoryDialog(self.registry, self)
        dialog.undone.connect(lambda _bid: self.apply_changes(EVERYTHING))
        self.last_dialog = dialog
        dialog.open()
        return dialog

    def show_audit_log(self):
        """台账 → 审计日志…: one modeless dialog, read again whenever it is shown."""
        from goosetier.gui.dialogs.audit_dialog import AuditDialog

        dialog = getattr(self, "audit_dialog", None)
        if dialog is None:
            dialog = AuditDialog(self.registry, self, today=self.today)
            self.audit_dialog = dialog
            # lines written while it is open (here or by others) appear without a click
            self.editor.changed.connect(lambda _c: dialog.isVisible() and dialog.reload())
            self.watcher.changed.connect(lambda _c, _f: dialog.isVisible() and dialog.reload())
        else:
            dialog.reload()
        self.last_dialog = dialog
        dialog.show()
        dialog.raise_()
        dialog.activateWindow()
        return dialog

    # --- printing (goosetier.gui.printing) -------------------------------------------------------

    def _print_options(self, kind: str = "summary"):
        from goosetier.gui.printing.dialogs import PrintOptions, PrintOptionsDialog

        plan = self.dashboard.plan.currentData()
        options = PrintOptions(kind=kind, plan=plan.name if plan else None,
                               year=self.dashboard.year.value(), today=self.today,
                               selection=self._roster_selection() if kind == "roster" else None)
        plans = [self.dashboard.plan.itemData(i).name for i in range(self.dashboard.plan.count())]
        dialog = PrintOptionsDialog(self, plans=plans, options=options)
        return dialog.options() if dialog.exec() == QDialog.DialogCode.Accepted else None

    def _roster_selection(self):
        """The browser node as a Selection (program, tier or cluster), else all enterprises."""
        from goosetier.store.selection import Selection

        key = self.browser.selected_key() or ""
        kind, _, value = key.partition(":")
        year = self.browser.model.year
        if kind == "program":
            return Selection(programs=(value,), year=year)
        if kind == "tier":
            return Selection(tiers=(value,), year=year)
        if kind == "cluster" and value:
            return Selection(clusters=(value,))
        return Selection()

    def print_preview(self, kind: str = "summary"):
        from goosetier.gui.printing.dialogs import open_print_preview

        options = self._print_options(kind)
        if options is None:
            return None
        dialog = open_print_preview(self, self.registry, options)
        if dialog is not None:
            dialog.resize(900, 1000)
            dialog.exec()
        return dialog

    def print_roster(self):
        return self.print_preview("roster")

    def export_pdf(self):
        from goosetier.gui.printing.dialogs import export_pdf_interactive

        options = self._print_options()
        if options is not None:
            export_pdf_interactive(self, self.registry, options, st.last_folder())

    # --- editing ---------------------------------------------------------------------------------

    def new_enterprise(self, values: dict | None = None) -> int | None:
        if values is None:
            from goosetier.gui.dialogs.enterprise_dialog import EnterpriseDialog

            dialog = EnterpriseDialog(self)
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return None
            values = dialog.values()
        eid = self.editor.add_enterprise(values)
        if eid is not None:
            self.show_enterprise(eid)
        return eid

    def delete_selected(self, confirm: bool = True) -> bool:
        ids = self.table.selected_ids()
        if not ids:
            return False
        if confirm:
            names = ", ".join(self.table.model.data(self.table.model.index(
                self.table.model.row_of(i), 0)) or "" for i in ids[:3])
            more = "…" if len(ids) > 3 else ""
            answer = QMessageBox.question(
                self, translate("MainWindow", "Delete enterprises"),
                translate("MainWindow", "Delete {count} enterprise(s) with all their "
                          "designations and figures?\n{names}{more}\n\nYou can undo this with "
                          "Ctrl+Z.").format(count=len(ids), names=names, more=more))
            if answer != QMessageBox.StandardButton.Yes:
                return False
        return self.editor.delete_enterprises(ids)

    def show_targets(self):
        from goosetier.gui.dialogs.targets_editor import TargetsEditor

        dialog = TargetsEditor(self.registry, self.editor, self)
        self.last_dialog = dialog
        dialog.open()
        return dialog

    def show_settings(self):
        from goosetier.gui.dialogs.settings_dialog import SettingsDialog
        from goosetier.store.queries import district_name

        with self.registry.session() as s:
            district = district_name(s)
        dialog = SettingsDialog(district, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        self.apply_settings(dialog.result_values(), district)

    def apply_settings(self, values: dict, district: str) -> None:
        if values["district"] and values["district"] != district:
            self.editor.set_setting("district_name", values["district"])
        from goosetier.store.sharing import pgpass_path, strip_password, url_has_password

        location = strip_password(values["database"])  # a password never goes to QSettings
        if url_has_password(values["database"]):
            from goosetier.core.messages import message
            from goosetier.gui.i18n import lang

            inform(self, translate("MainWindow", "Settings"), message(
                "db_password_in_url", {"pgpass": str(pgpass_path())}, lang()),
                QMessageBox.Icon.Warning)
        if location != st.db_location():
            st.set_db_location(location)
            inform(self, translate("MainWindow", "Settings"), translate(
                "MainWindow", "The new registry location takes effect when GooseTier starts "
                "next time."))
        if values["language"] != st.language():
            self.set_language(values["language"])

    # --- first start and sample -------------------------------------------------------------------

    def offer_first_start(self) -> None:
        if self.total_enterprises:
            return
        box = QMessageBox(QMessageBox.Icon.Question, translate("MainWindow", "Empty registry"),
                          translate("MainWindow", "The registry has no enterprises yet. Load "
                                    "the sample roster to look around, or import a roster file?"),
                          QMessageBox.StandardButton.NoButton, self)
        box.setObjectName("firstStartBox")
        sample = box.addButton(translate("MainWindow", "Load the sample roster"),
                               QMessageBox.ButtonRole.AcceptRole)
        import_file = box.addButton(translate("MainWindow", "Import a file…"),
                                    QMessageBox.ButtonRole.ActionRole)
        box.addButton(translate("MainWindow", "Later"), QMessageBox.ButtonRole.RejectRole)

        def chosen(button) -> None:
            if button is sample:
                QTimer.singleShot(0, self.load_sample)
            elif button is import_file:
                QTimer.singleShot(0, self.open_import)

        box.buttonClicked.connect(chosen)
        self.last_dialog = box
        box.open()

    def load_sample(self) -> bool:
        if importlib.util.find_spec("goosetier.importing.sample") is None:
            inform(self, translate("MainWindow", "Sample roster"), translate(
                "MainWindow", "The sample roster is not part of this build; import a roster "
                "file instead (File → Import roster…)."))
            return False
        from goosetier.gui.errors import show_error
        from goosetier.gui.sample_loader import load_sample

        try:
            load_sample(self.registry)
        except Exception as exc:  # noqa: BLE001 - a dialog, not a crash
            show_error(self, exc)
            return False
        self.apply_changes(EVERYTHING)
        self.statusBar().showMessage(translate("MainWindow", "Sample roster loaded."), 8000)
        return True

    # --- help -------------------------------------------------------------------------------------

    def show_search_help(self) -> None:
        box = QMessageBox(QMessageBox.Icon.Information, translate("MainWindow", "Search syntax"),
                          self.table.grammar_help(), QMessageBox.StandardButton.Ok, self)
        self.last_dialog = box
        box.open()

    def show_about(self) -> None:
        QMessageBox.about(self, translate("MainWindow", "About GooseTier"), translate(
            "MainWindow", "<b>{name}</b> GooseTier {version}<br>A registry of the district's "
            "enterprises in the goose-formation cultivation tiers.").format(
                name=APP_NAME_ZH, version=__version__))
