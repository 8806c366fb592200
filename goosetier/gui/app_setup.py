"""The QApplication as GooseTier wants it: names, a CJK font, translators, the excepthook."""

from __future__ import annotations

import sys

from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from goosetier import APP_NAME, __version__
from goosetier.core.catalog import resources_dir
from goosetier.gui import i18n
from goosetier.gui import settings as st
from goosetier.gui.errors import install_excepthook
from goosetier.gui.qt import cjk_font


def prepare_application(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance() or QApplication(argv if argv is not None else sys.argv)
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(APP_NAME)
    app.setApplicationVersion(__version__)
    icon = resources_dir() / "icons" / "goosetier.svg"
    if icon.exists():
        app.setWindowIcon(QIcon(str(icon)))
    font = cjk_font(app.font().pointSizeF() if app.font().pointSizeF() > 0 else 10)
    app.setFont(font)
    i18n.install(st.language())
    install_excepthook()
    return app
