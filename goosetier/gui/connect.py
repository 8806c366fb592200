"""Opening the registry for the window: busy retries, and the password prompt of a server.

A PostgreSQL URL without a usable password (none in the URL, none in the password file or
service file) fails with RegistryError "db_password_needed"; a wrong one with "db_auth_failed".
The window then asks for the password (PasswordDialog) and tries again with
`sharing.with_password(url, password)`, as often as the officer wants, until it opens or the
officer cancels. The password lives only in memory, inside the engine's connection URL, for
this session: the registry's `url` is stripped of it and nothing is written to QSettings.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from goosetier.core.messages import message
from goosetier.gui.i18n import lang
from goosetier.store.database import Registry, RegistryError, open_registry
from goosetier.store.sharing import strip_password, with_password, with_retry

PASSWORD_CODES = {"db_password_needed", "db_auth_failed"}

Ask = Callable[[RegistryError, int], "str | None"]


def is_server(target: object) -> bool:
    text = str(target or "")
    return "://" in text and not text.startswith("sqlite")


class PasswordDialog(QDialog):
    """Asks for the server password once; says plainly when the last one was refused."""

    def __init__(self, error: RegistryError, tries: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("passwordDialog")
        self.setWindowTitle(self.tr("Database password"))
        params = error.params
        self.explain = QLabel(message("db_password_needed", params, lang()), self)
        self.explain.setWordWrap(True)
        self.problem = QLabel(self)
        self.problem.setObjectName("passwordProblem")
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color: #b00020")
        if error.code == "db_auth_failed":
            text = message("db_auth_failed", params, lang())
            if tries:
                text = self.tr("The password was not accepted. Try again.") + "\n" + text
            self.problem.setText(text)
        self.problem.setVisible(bool(self.problem.text()))
        self.password = QLineEdit(self)
        self.password.setObjectName("passwordEdit")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Connect"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(False)
        self.password.textChanged.connect(lambda text: ok.setEnabled(bool(text)))
        form = QFormLayout()
        form.addRow(self.tr("Server:"), QLabel(str(params.get("host", "")), self))
        form.addRow(self.tr("Database:"), QLabel(str(params.get("database", "")), self))
        form.addRow(self.tr("User:"), QLabel(str(params.get("user", "")), self))
        form.addRow(self.tr("Password:"), self.password)
        layout = QVBoxLayout(self)
        layout.addWidget(self.explain)
        layout.addWidget(self.problem)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(460)
        self.password.setFocus()


def ask_password(error: RegistryError, tries: int) -> str | None:
    """The password the officer typed, or None for Cancel."""
    dialog = PasswordDialog(error, tries)
    accepted = dialog.exec() == QDialog.DialogCode.Accepted
    password = dialog.password.text() if accepted else None
    dialog.password.clear()
    dialog.deleteLater()
    return password or None


def open_registry_asking(target, *, opener: Callable[[str], Registry] | None = None,
                         ask: Ask | None = None) -> Registry | None:
    """Open `target` (retrying while busy); ask for a server's password when it needs one.
    None when the officer cancelled the password prompt. `opener` and `ask` are for tests."""
    opener = opener or open_registry
    ask = ask or ask_password
    try:
        return with_retry(lambda: opener(target))
    except RegistryError as exc:
        if exc.code not in PASSWORD_CODES or not is_server(target):
            raise
        error = exc
    tries = 0
    while True:
        password = ask(error, tries)
        if password is None:
            return None
        tries += 1
        try:
            url = with_password(str(target), password)
            registry = with_retry(lambda url=url: opener(url))
        except RegistryError as exc:
            if exc.code not in PASSWORD_CODES:
                raise
            error = exc
            continue
        registry.url = strip_password(registry.url)  # shown, logged: never the password
        return registry
