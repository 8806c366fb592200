"""The Qt application and the Chinese font the printed sheets need.

Laying out text needs a QGuiApplication; the headless commands get one on the offscreen platform.
Chinese must never print as boxes, so a sheet is only drawn with an installed CJK family chosen
explicitly here; without one the caller gets the coded error ``print_no_cjk_font``.
"""

from __future__ import annotations

import os
import sys

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QFont, QFontDatabase, QFontInfo, QFontMetricsF, QGuiApplication, QRawFont

from goosetier.core.errors import CodedError

# Most preferred first: the families a district office's Windows, UOS/Kylin or Debian machine has.
PREFERRED_FAMILIES = (
    "Noto Sans CJK SC", "Source Han Sans SC", "Source Han Sans CN", "思源黑体",
    "Microsoft YaHei", "微软雅黑", "Microsoft YaHei UI",
    "Noto Serif CJK SC", "Source Han Serif SC", "思源宋体",
    "SimHei", "黑体", "SimSun", "宋体", "NSimSun", "DengXian", "等线",
    "WenQuanYi Micro Hei", "文泉驿微米黑", "WenQuanYi Zen Hei", "文泉驿正黑",
    "PingFang SC", "Hiragino Sans GB", "Heiti SC", "STHeiti",
    "Droid Sans Fallback", "AR PL UMing CN", "AR PL UKai CN",
)
# Characters every sheet prints; a family must draw all of them itself (no fallback).
PROBE = "青岛西海岸新区企业雁阵梯度培育情况汇总表头强雏第页共（）：“”、"

_app: QCoreApplication | None = None


class PrintError(CodedError):
    """A failure a user can fix; the code is a key of goosetier.core.messages."""


def ensure_gui_app() -> QGuiApplication:
    """The running QGuiApplication, or a new one (offscreen when there is no display)."""
    global _app
    app = QCoreApplication.instance()
    if app is not None:
        if not isinstance(app, QGuiApplication):
            raise PrintError("print_no_gui", detail="QCoreApplication already running")
        return app
    if (sys.platform.startswith("linux") and not os.environ.get("QT_QPA_PLATFORM")
            and not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY")):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    try:  # a QApplication, so that a window opened later in this process still works
        from PySide6.QtWidgets import QApplication

        _app = QApplication([sys.argv[0] if sys.argv and sys.argv[0] else "goosetier"])
    except Exception as exc:  # noqa: BLE001 - no platform plugin, broken display …
        raise PrintError("print_no_gui", detail=str(exc)) from exc
    return _app


def _draws_probe(family: str) -> bool:
    font = QFont(family)
    if QFontInfo(font).family().casefold() != family.casefold():
        return False  # Qt substituted another family
    fm = QFontMetricsF(font)
    return all(fm.inFontUcs4(ord(ch)) for ch in PROBE)


def find_cjk_family() -> str | None:
    """An installed family that draws Chinese itself, the preferred ones first; None if none."""
    ensure_gui_app()
    installed = QFontDatabase.families()
    by_key = {f.casefold(): f for f in installed}
    for name in PREFERRED_FAMILIES:
        family = by_key.get(name.casefold())
        if family and _draws_probe(family):
            return family
    for family in QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese):
        if not QFontDatabase.isPrivateFamily(family) and _draws_probe(family):
            return family
    return None


def require_cjk_family() -> str:
    """The family to print with, or PrintError("print_no_cjk_font")."""
    # looked up through the module so a test can replace find_cjk_family
    family = sys.modules[__name__].find_cjk_family()
    if not family:
        raise PrintError("print_no_cjk_font")
    return family


def has_glyphs(family: str, text: str) -> bool:
    fm = QFontMetricsF(QFont(family))
    return all(fm.inFontUcs4(ord(ch)) for ch in text if not ch.isspace())


def radical_fixes(family: str, chars: set[str]) -> dict[int, int]:
    """Radical code points that share a glyph with an ideograph the sheet prints.

    Qt writes a PDF's ToUnicode map from the lowest code point of each glyph, and CJK fonts
    draw 青 and the radical ⻘ (U+2ED8) with one glyph: copied or searched text would read
    "⻘岛". The map returned here (radical → ideograph) lets the writer put the ideograph back.
    """
    ideographs = sorted(ch for ch in chars if 0x3400 <= ord(ch) < 0x10000)
    if not ideographs:
        return {}
    fixes: dict[int, int] = {}
    radicals = "".join(chr(c) for c in range(0x2E80, 0x2FE0))
    for bold in (False, True):
        font = QFont(family)
        font.setBold(bold)
        raw = QRawFont.fromFont(font)
        if not raw.isValid():
            continue
        by_glyph = {}
        for ch, glyph in zip(ideographs, raw.glyphIndexesForString("".join(ideographs)),
                             strict=False):
            if glyph:
                by_glyph.setdefault(glyph, ch)
        for ch, glyph in zip(radicals, raw.glyphIndexesForString(radicals), strict=False):
            if glyph and glyph in by_glyph:
                fixes[ord(ch)] = ord(by_glyph[glyph])
    return fixes
