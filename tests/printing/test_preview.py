"""The print options dialog and the print preview (pytest-qt, offscreen)."""

from __future__ import annotations

import pytest
from PySide6.QtPrintSupport import QPrintPreviewWidget
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox

from goosetier.gui import printing
from goosetier.gui.printing import PrintOptions, PrintOptionsDialog, fonts, open_print_preview
from goosetier.store.selection import Selection
from tests.printing.conftest import TODAY


def _preview_pages(qtbot, dialog) -> int:
    qtbot.addWidget(dialog)
    dialog.show()
    widget = dialog.findChild(QPrintPreviewWidget)
    widget.updatePreview()
    qtbot.waitUntil(lambda: widget.pageCount() > 0, timeout=10_000)
    return widget.pageCount()


@pytest.mark.parametrize("landscape", [False, True])
def test_preview_shows_the_pages_of_the_pdf(qtbot, sample, tmp_path, landscape):
    options = PrintOptions(plan="十四五", year=2025, landscape=landscape, today=TODAY)
    dialog = open_print_preview(None, sample, options, warn=False)
    shown = _preview_pages(qtbot, dialog)
    written = printing.export_summary_pdf(sample, tmp_path / "s.pdf", plan="十四五", year=2025,
                                          landscape=landscape, today=TODAY)
    assert shown == written >= 1
    assert "汇总表" in dialog.windowTitle()


def test_roster_preview_matches_pdf(qtbot, sample, tmp_path):
    selection = Selection(tiers=("specialized_new",), year=2025)
    dialog = open_print_preview(None, sample, PrintOptions(kind="roster", selection=selection,
                                                           today=TODAY), warn=False)
    assert _preview_pages(qtbot, dialog) == printing.export_roster_pdf(
        sample, selection, tmp_path / "r.pdf")
    assert "名单" in dialog.windowTitle()


def test_preview_without_font_warns(qtbot, sample, monkeypatch):
    monkeypatch.setattr(fonts, "find_cjk_family", lambda: None)
    warned = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *args: warned.append(args[2]))
    assert open_print_preview(None, sample, PrintOptions()) is None
    assert warned and "fonts-noto-cjk" in warned[0]
    with pytest.raises(printing.PrintError):
        open_print_preview(None, sample, PrintOptions(), warn=False)


def test_options_dialog(qtbot):
    dialog = PrintOptionsDialog(plans=["十四五", "十五五"],
                                options=PrintOptions(plan="十五五", year=2027))
    qtbot.addWidget(dialog)
    assert dialog.options() == PrintOptions(plan="十五五", year=2027)
    dialog.sections["clusters"].setChecked(False)
    dialog.landscape.setChecked(True)
    dialog.year.setValue(dialog.year.minimum())  # shown as 规划目标年
    opts = dialog.options()
    assert opts.sections == ("table", "chart", "expiring") and opts.landscape
    assert opts.year is None and opts.plan == "十五五"
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    for box in dialog.sections.values():
        box.setChecked(False)
    assert not ok.isEnabled()
    dialog.sections["chart"].setChecked(True)
    assert ok.isEnabled()
