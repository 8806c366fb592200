"""Composition root: paths → registry → QApplication → main window.

The registry is, in order: ``--db``, ``GOOSETIER_DB``, the location chosen in the settings
dialog (QSettings; it takes effect here, at the next start), the home folder's SQLite file.
A registry that cannot be opened is reported by the CLI as one clear line (RegistryError). A
server that wants a password the password file does not hold gets it from a prompt
(gui.connect), kept in memory for this session only.
"""

from __future__ import annotations

import os
import sys

from goosetier.core.errors import CodedError


class AppError(CodedError):
    """The window cannot start (no display)."""


def has_display() -> bool:
    if sys.platform != "linux" or os.environ.get("QT_QPA_PLATFORM"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def registry_target(db: str | None) -> str | None:
    """The registry to open: --db, GOOSETIER_DB, the settings dialog's choice, else default."""
    if db or os.environ.get("GOOSETIER_DB"):
        return db
    from goosetier.gui.settings import db_location

    return db_location() or None


def run(db: str | None = None) -> int:
    if not has_display():
        raise AppError("no_display")
    from goosetier.gui.app_setup import prepare_application
    from goosetier.gui.connect import open_registry_asking
    from goosetier.gui.main_window import launch, startup_failed
    from goosetier.store.sharing import registry_warnings, warning_params

    # Started from a menu there is no terminal: a registry that cannot be opened (locked, not
    # SQLite, newer schema, server unreachable) must be said in a dialog, not only on stderr.
    prepare_application()
    try:
        registry = open_registry_asking(registry_target(db))
    except Exception as exc:
        if startup_failed(exc):
            return 1
        raise
    if registry is None:  # the officer cancelled the password prompt
        return 1
    try:
        return launch(registry, warnings=[(code, warning_params(registry))
                                          for code in registry_warnings(registry)])
    finally:
        registry.close()
