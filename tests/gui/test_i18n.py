"""Chinese by default, English on request; the zh_CN translation is complete."""

from __future__ import annotations

from xml.etree import ElementTree

from goosetier.gui import i18n


def test_every_string_of_the_chinese_translation_is_finished():
    root = ElementTree.parse(i18n.ts_file("zh_CN")).getroot()
    unfinished = []
    for ctx in root.iter("context"):
        for msg in ctx.iter("message"):
            tr = msg.find("translation")
            forms = [n.text or "" for n in tr.iter("numerusform")]
            text = "".join(forms) if forms else (tr.text or "")
            if tr.get("type") in ("unfinished", "vanished", "obsolete") or not text.strip():
                unfinished.append((ctx.findtext("name"), msg.findtext("source")))
    assert unfinished == []
    assert len(list(root.iter("message"))) > 300


def test_qm_is_built_and_qt_base_translation_is_loaded(qapp):
    assert i18n.compiled_qm("zh_CN") is not None
    from PySide6.QtCore import QCoreApplication

    i18n.install("zh_CN")
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "取消"  # qtbase_zh_CN
    assert QCoreApplication.translate("Actions", "&File") == "文件(&F)"


def test_ts_fallback_translator_reads_the_ts(qapp):
    t = i18n.TsTranslator(i18n.ts_file("zh_CN"))
    assert t.translate("Actions", "&Edit") == "编辑(&E)"


def test_switching_to_english_changes_the_menus(window):
    titles = [a.text() for a in window.menuBar().actions()]
    assert titles == ["文件(&F)", "编辑(&E)", "视图(&V)", "台账(&R)", "帮助(&H)"]
    assert window.tabs.tabText(1) == "仪表板"
    window.set_language("en")
    assert [a.text() for a in window.menuBar().actions()] == [
        "&File", "&Edit", "&View", "&Registry", "&Help"]
    assert window.tabs.tabText(1) == "Dashboard"
    assert window.browser.model.label("program:little_giant").startswith("Little giant")
    assert window.table.model.headerData(0, __import__("PySide6.QtCore", fromlist=["Qt"])
                                         .Qt.Orientation.Horizontal) == "Enterprise"
    from goosetier.gui import settings

    assert settings.language() == "en"
    window.set_language("zh_CN")
    assert window.menuBar().actions()[0].text() == "文件(&F)"
