"""Languages: Chinese by default, English selectable.

Convention (the one rule for every string the window shows):

- Source strings are **English**, wrapped in ``self.tr("…")`` inside QObject subclasses or
  ``QCoreApplication.translate("Context", "…")`` elsewhere; the Chinese lives in
  ``resources/i18n/goosetier_zh_CN.ts`` (refresh it with ``make translations``, which runs
  pyside6-lupdate over goosetier/gui, then translate every new entry in Linguist or by hand;
  a test fails on any unfinished entry).
- Domain words that are data (program, tier and formation names) come from the catalog in the
  current language (``lang()``), and coded errors from ``goosetier.core.messages.message``.
- The ``.qm`` files are not committed: ``make translations`` builds them next to the ``.ts``;
  otherwise the first start builds them into the user cache with pyside6-lrelease, and where no
  lrelease exists (a frozen bundle without it) the ``.ts`` is read directly.
- Qt's own ``qtbase_zh_CN.qm`` (shipped in the PySide6-Essentials wheel under
  QLibraryInfo.TranslationsPath) is loaded too, so standard dialogs and buttons speak Chinese.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from xml.etree import ElementTree

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from goosetier import paths
from goosetier.core.catalog import resources_dir

APP_CATALOG = "goosetier"
_installed: list[QTranslator] = []
_lang = "zh_CN"


def lang() -> str:
    """The language of domain words: "zh" or "en" (for catalog names and message())."""
    return "en" if _lang == "en" else "zh"


def ui_language() -> str:
    return _lang


def ts_file(language: str = "zh_CN") -> Path:
    return resources_dir() / "i18n" / f"{APP_CATALOG}_{language}.ts"


def cache_dir() -> Path:
    if os.environ.get(paths.ENV_HOME):
        path = paths.home() / "cache"
    else:
        import platformdirs

        path = Path(platformdirs.user_cache_dir("GooseTier", appauthor=False))
    path = path / "i18n"
    path.mkdir(parents=True, exist_ok=True)
    return path


def _lrelease() -> list[str] | None:
    import PySide6

    exe = Path(PySide6.__file__).parent / ("lrelease.exe" if sys.platform == "win32"
                                           else "lrelease")
    return [str(exe)] if exe.exists() else None


def compiled_qm(language: str = "zh_CN") -> Path | None:
    """A .qm at least as new as the .ts: beside it (make translations) or built into the cache."""
    ts = ts_file(language)
    if not ts.exists():
        return None
    for qm in (ts.with_suffix(".qm"), cache_dir() / ts.with_suffix(".qm").name):
        if qm.exists() and qm.stat().st_mtime >= ts.stat().st_mtime:
            return qm
    tool = _lrelease()
    if tool is None:
        return None
    out = cache_dir() / ts.with_suffix(".qm").name
    try:
        subprocess.run([*tool, "-silent", str(ts), "-qm", str(out)], check=True,
                       capture_output=True, timeout=60)
    except (OSError, subprocess.SubprocessError):
        return None
    return out if out.exists() else None


class TsTranslator(QTranslator):
    """Reads a .ts file directly: the fallback when no lrelease is at hand."""

    def __init__(self, ts: Path) -> None:
        super().__init__()
        self._table: dict[tuple[str, str], str] = {}
        for ctx in ElementTree.parse(ts).getroot().iter("context"):
            name = ctx.findtext("name") or ""
            for msg in ctx.iter("message"):
                tr = msg.find("translation")
                if tr is not None and tr.text and tr.get("type") not in ("unfinished",
                                                                         "obsolete"):
                    self._table[(name, msg.findtext("source") or "")] = tr.text

    def translate(self, context, source_text, disambiguation=None, n=-1):  # noqa: D401
        return self._table.get((context, source_text), "")

    def isEmpty(self) -> bool:  # noqa: N802 - Qt's name
        return not self._table


def install(language: str) -> str:
    """Install the translators for `language` ("zh_CN" or "en"); returns the language set."""
    global _lang
    app = QCoreApplication.instance()
    for old in _installed:
        app.removeTranslator(old)
    _installed.clear()
    _lang = "en" if language.startswith("en") else "zh_CN"
    QLocale.setDefault(QLocale("en_US" if _lang == "en" else "zh_CN"))
    if _lang == "en":
        return _lang
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    qtbase = QTranslator()
    if qtbase.load(f"qtbase_{_lang}", qt_dir):
        _installed.append(qtbase)
    qm = compiled_qm(_lang)
    ours: QTranslator = QTranslator()
    if qm is None or not ours.load(str(qm)):
        ts = ts_file(_lang)
        ours = TsTranslator(ts) if ts.exists() else QTranslator()
    _installed.append(ours)
    for t in _installed:
        app.installTranslator(t)
    return _lang
