"""The one Qt shim: pyqtgraph is pointed at PySide6 before anything imports it.

Import pyqtgraph through here (``from goosetier.gui.qt import pg``) so the binding is chosen once
and the chart defaults (white background, antialiasing) are the same everywhere.
"""

from __future__ import annotations

import os

os.environ.setdefault("PYQTGRAPH_QT_LIB", "PySide6")

import pyqtgraph as pg  # noqa: E402
from PySide6.QtGui import QFont, QFontDatabase  # noqa: E402

pg.setConfigOptions(antialias=True, background="w", foreground="k", useOpenGL=False)

CJK_FAMILIES = ("Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC",
                "WenQuanYi Micro Hei", "SimHei", "Noto Sans CJK JP")


def cjk_family() -> str:
    """The first installed font family that has Chinese glyphs ("" when none is known)."""
    installed = set(QFontDatabase.families())
    return next((f for f in CJK_FAMILIES if f in installed), "")


def cjk_font(point_size: float = 10, bold: bool = False) -> QFont:
    font = QFont()
    family = cjk_family()
    if family:
        font.setFamilies([family, *font.families()])
    font.setPointSizeF(point_size)
    font.setBold(bold)
    return font


__all__ = ["pg", "cjk_family", "cjk_font"]
