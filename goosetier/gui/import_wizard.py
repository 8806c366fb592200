"""The import wizard: file → sheet → columns → what the file is → preview → near matches →
apply, with a report, "save rejected rows" and "undo this import" at the end.

It drives one ``goosetier.importing.session.ImportSession`` (the same session the CLI uses);
reading, planning and applying run through ``gui.tasks`` so the window stays responsive, with
progress and a working Cancel. Opened from File → Import (Ctrl+O), a recent file, or a
workbook dropped on the window.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget, QWizard

from goosetier.gui import tasks
from goosetier.gui.errors import show_error
from goosetier.gui.i18n import lang
from goosetier.gui.import_pages import MappingPage, OptionsPage, SheetPage
from goosetier.gui.import_run_pages import ApplyPage, PreviewPage, ReviewPage
from goosetier.importing.model import NEEDS_REVIEW, REJECTED
from goosetier.importing.session import ImportSession


class ImportWizard(QWizard):
    applied = Signal(object)  # ImportResult
    undone = Signal(int)  # batch id

    def __init__(self, registry, path: str | Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("importWizard")
        self.setWindowTitle(self.tr("Import roster — {name}").format(name=Path(path).name))
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage, True)
        self.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage, True)
        self.session = ImportSession(registry, path)
        self.zh = lang() == "zh"
        self.task: tasks.TaskHandle | None = None
        self.sheet_page = SheetPage(self)
        self.mapping_page = MappingPage(self)
        self.options_page = OptionsPage(self)
        self.preview_page = PreviewPage(self)
        self.review_page = ReviewPage(self)
        self.apply_page = ApplyPage(self)
        for page in (self.sheet_page, self.mapping_page, self.options_page, self.preview_page,
                     self.review_page):
            self.addPage(page)
        self.apply_id = self.addPage(self.apply_page)
        self.rejected.connect(self._closing)
        self.finished.connect(lambda _code: self.session.close())
        self.resize(1100, 680)

    # --- background steps ------------------------------------------------------------------

    @property
    def busy(self) -> bool:
        """A step is running or its result has not reached the GUI thread yet."""
        return self.task is not None

    def run(self, fn, on_done, on_error, on_progress=None) -> tasks.TaskHandle:
        """Run one session step off the GUI thread; pages re-check completeness after it."""

        def finish(callback, value) -> None:
            self.task = None
            callback(value)
            self._complete_changed()

        self.task = tasks.run_task(fn, on_done=lambda v: finish(on_done, v),
                                   on_error=lambda e: finish(on_error, e),
                                   on_progress=on_progress)
        self._complete_changed()
        return self.task

    def cancel_task(self) -> None:
        if self.task is not None:
            self.task.cancel()

    def _complete_changed(self) -> None:
        page = self.currentPage()
        if page is not None:
            page.completeChanged.emit()

    def fail(self, exc: BaseException) -> None:
        show_error(self, exc)

    def invalidate_plan(self) -> None:
        """Columns or options changed: the preview must be made again."""
        self.session.plan_ = None

    def rejected_rows(self) -> int:
        plan = self.session.plan_
        return 0 if plan is None else plan.count(REJECTED) + plan.count(NEEDS_REVIEW)

    def _closing(self) -> None:
        if self.task is not None:
            self.task.cancel()
            self.task.wait(30)
