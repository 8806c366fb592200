"""Errors, in words: coded errors a user can cause become a dialog; bugs are logged.

A user can cause a bad file, a locked or read-only registry, or a record someone else changed;
those carry a code (``exc.code`` / ``exc.params``) and are shown with the message table. Anything
else is a bug: ``install_excepthook`` writes it to ``logs_dir()/goosetier.log`` and shows a short
apology naming that file, instead of letting Qt print a traceback nobody reads.
"""

from __future__ import annotations

import logging
import sys
import traceback
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm.exc import StaleDataError

from goosetier import paths
from goosetier.core.errors import CodedError
from goosetier.core.messages import message
from goosetier.gui.i18n import lang

log = logging.getLogger("goosetier.gui")


def _tr(text: str) -> str:
    """Translate a string marked with QT_TRANSLATE_NOOP("Errors", …)."""
    return QCoreApplication.translate("Errors", text)


class EditError(CodedError):
    """A one-record edit that cannot be made (bad value, record gone): code + params."""


def describe(exc: BaseException) -> str | None:
    """The sentence for an error a user can cause, or None for a bug."""
    if isinstance(exc, StaleDataError):
        return QCoreApplication.translate(
            "Errors", "This record has been changed by someone else since you opened it. "
            "Reload it to see the current values, then make your change again.")
    if isinstance(exc, OperationalError) and "locked" in str(exc).lower():
        return message("db_locked", {"path": ""}, lang())
    if isinstance(exc, EditError) and exc.code in EDIT_MESSAGES:
        return _tr(EDIT_MESSAGES[exc.code]).format(**exc.params)
    code, params = getattr(exc, "code", None), getattr(exc, "params", None)
    if isinstance(code, str) and isinstance(params, dict):
        return message(code, params, lang())
    if isinstance(exc, FileNotFoundError):
        return message("file_not_found", {"path": exc.filename}, lang())
    if isinstance(exc, PermissionError):
        return message("file_permission", {"path": exc.filename}, lang())
    return None


EDIT_MESSAGES = {
    "name_required": QT_TRANSLATE_NOOP("Errors", "The enterprise name may not be empty."),
    "code_malformed": QT_TRANSLATE_NOOP(
        "Errors", "The credit code “{code}” is malformed: 18 digits or capital letters "
                  "(no I, O, Z, S or V)."),
    "code_taken": QT_TRANSLATE_NOOP("Errors",
                                    "The credit code “{code}” already belongs to “{name}”."),
    "record_gone": QT_TRANSLATE_NOOP(
        "Errors", "The record no longer exists (someone may have deleted it)."),
    "plan_exists": QT_TRANSLATE_NOOP("Errors", "A plan period named “{name}” already exists."),
    "bad_years": QT_TRANSLATE_NOOP("Errors", "The target year must come after the baseline year."),
    "metric_exists": QT_TRANSLATE_NOOP("Errors",
                                       "This plan already has a target for that indicator."),
}


def show_error(parent: QWidget | None, exc: BaseException) -> QMessageBox | None:
    """A dialog for `exc`: the clear sentence when it is a user's error, else the apology.

    Window-modal but not blocking (open(), not exec()), so a test or a background callback
    never waits on it.
    """
    text = describe(exc)
    if text is None:
        return report_bug(exc, parent)
    title = (QCoreApplication.translate("Errors", "Record changed by someone else")
             if isinstance(exc, StaleDataError) else QCoreApplication.translate("Errors",
                                                                                "GooseTier"))
    return inform(parent, title, text, QMessageBox.Icon.Warning)


def inform(parent: QWidget | None, title: str, text: str,
           icon: QMessageBox.Icon = QMessageBox.Icon.Information) -> QMessageBox:
    box = QMessageBox(icon, title, text, QMessageBox.StandardButton.Ok, parent)
    box.setObjectName("messageBox")
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()
    return box


def log_file() -> Path:
    return paths.logs_dir() / "goosetier.log"


def log_exception(exc: BaseException) -> Path | None:
    try:
        target = log_file()
        handler = logging.FileHandler(target, encoding="utf-8")
        log.addHandler(handler)
        try:
            log.error("unexpected error\n%s", "".join(traceback.format_exception(exc)))
        finally:
            log.removeHandler(handler)
            handler.close()
        return target
    except Exception:  # the log itself failed: nothing more to do
        return None


def report_bug(exc: BaseException, parent: QWidget | None = None) -> QMessageBox | None:
    where = log_exception(exc)
    if QApplication.instance() is None:
        return None
    text = QCoreApplication.translate(
        "Errors", "Sorry, something went wrong that GooseTier did not expect: {error}.")
    text = text.format(error=f"{type(exc).__name__}: {exc}")
    if where:
        more = QCoreApplication.translate("Errors", "The details were written to {path}.")
        text += "\n\n" + more.format(path=where)
    title = QCoreApplication.translate("Errors", "Unexpected error")
    return inform(parent, title, text, QMessageBox.Icon.Critical)


def install_excepthook() -> None:
    """Send uncaught exceptions (including those in Qt slots) to report_bug."""

    def hook(exc_type, exc, tb):
        if issubclass(exc_type, KeyboardInterrupt):
            sys.__excepthook__(exc_type, exc, tb)
            return
        if exc.__traceback__ is None:
            exc = exc.with_traceback(tb)
        report_bug(exc)

    sys.excepthook = hook
