"""Composition root: paths → registry → QApplication → main window."""

from __future__ import annotations

import os
import sys


class AppError(Exception):
    def __init__(self, code: str, **params: object) -> None:
        super().__init__(code)
        self.code, self.params = code, params


def has_display() -> bool:
    if sys.platform != "linux" or os.environ.get("QT_QPA_PLATFORM"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def run(db: str | None = None) -> int:
    if not has_display():
        raise AppError("no_display")
    from goosetier.store.database import open_registry

    registry = open_registry(db)
    from goosetier.gui.main_window import launch

    return launch(registry)
